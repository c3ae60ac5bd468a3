"""The view an analyst filters the corpus to, as one typed object used by every page and every export.

``Filters``: publication dates, sources, languages, actors and search terms; ``Choices``: what an open
corpus offers. A link carries a ``Filters`` as URL parameters (``actor``, ``source``, ``lang``, each
repeatable, ``from``/``to`` as YYYY-MM-DD, ``q``); a link is text anyone can write, so every value is
checked against the corpus and notes about ignored values are escaped (lib.output.markup).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Mapping

import pandas as pd

from lib.corpus.frames import Corpus
from lib.output.markup import plain_markdown
from lib.textkeys import search_fold

PARAMS = ("actor", "source", "lang", "from", "to", "q")  # in the order a link spells them
Params = dict[str, list[str]]
LANGUAGES = {"fr": "French", "en": "English", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
             "nl": "Dutch"}
NOTE_VALUE_LIMIT = 60  # characters of a rejected URL value repeated in the note
QUERY_LIMIT = 500  # characters of ``q`` kept

@dataclass(frozen=True)
class Choices:
    """What the open corpus offers to filter on; a link's values are checked against it."""

    first: date | None = None  # first and last publication dates
    last: date | None = None
    sources: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()

    @classmethod
    def of(cls, corpus: Corpus) -> "Choices":
        arts = corpus.articles[corpus.articles["error"].fillna("") == ""]
        published = pd.to_datetime(arts["published"], errors="coerce").dropna()
        first, last = (published.min().date(), published.max().date()) if not published.empty else (None, None)
        return cls(first, last,
                   tuple(sorted(s for s in arts["source"].dropna().unique() if s)),
                   tuple(sorted(s for s in arts["lang"].dropna().unique() if s)),
                   tuple(corpus.actors["actor"].tolist()))

    @property
    def has_range(self) -> bool:
        return self.first is not None and self.first < self.last


@dataclass(frozen=True)
class Filters:
    """The view a link carries. ``start``/``end`` None: from the first / to the last publication (so a
    link does not pin the corpus's current bounds). ``query`` is the Search page's terms: it travels with
    the link and does not narrow the other pages."""

    start: date | None = None
    end: date | None = None
    sources: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    query: str = ""

    def apply(self, corpus: Corpus) -> Corpus:
        arts = corpus.articles
        keep = arts["error"].fillna("") == ""
        published = pd.to_datetime(arts["published"], errors="coerce").dt.date
        # undated articles stay visible: dropping them would hide work silently
        if self.start:
            keep &= published.isna() | (published >= self.start)
        if self.end:
            keep &= published.isna() | (published <= self.end)
        if self.sources:
            keep &= arts["source"].isin(self.sources)
        if self.langs:
            keep &= arts["lang"].isin(self.langs)
        ids = set(arts.loc[keep, "article_id"])
        if self.actors:
            m = corpus.mentions
            ids &= set(m.loc[m["actor"].isin(self.actors), "article_id"])
        return corpus.restrict(ids)

    def describe(self) -> list[str]:
        """The filters in words, one line each (plain text, for a report's title page); empty: none."""
        lines = []
        if self.start or self.end:
            lines.append(f"Published {'from ' + self.start.isoformat() if self.start else ''}"
                         f"{' ' if self.start and self.end else ''}{'to ' + self.end.isoformat() if self.end else ''}"
                         " (undated articles kept)")
        for values, what in ((self.sources, "Sources"), (self.langs, "Languages"), (self.actors, "Articles naming")):
            if values:
                lines.append(f"{what}: {', '.join(values)}")
        return lines

    def narrowing(self) -> "Filters":
        """The part that selects articles (what ``apply`` depends on)."""
        return replace(self, query="")

    def to_params(self) -> Params:
        """The URL's query parameters for this view; what does not filter is left out."""
        params: Params = {"actor": list(self.actors), "source": list(self.sources), "lang": list(self.langs),
                          "from": [self.start.isoformat()] if self.start else [],
                          "to": [self.end.isoformat()] if self.end else [],
                          "q": [self.query] if self.query.strip() else []}
        return {name: values for name, values in params.items() if values}

    @classmethod
    def from_params(cls, params: Mapping[str, list[str]], choices: Choices) -> tuple["Filters", list[str]]:
        """The view a link asks for, checked against the corpus, and a note (Markdown, escaped) for each
        kind of value that was ignored."""
        notes: list[str] = []
        picked: dict[str, tuple[str, ...]] = {}
        for name, offered, what in (("actor", choices.actors, "actors"), ("source", choices.sources, "sources"),
                                    ("lang", choices.langs, "languages")):
            known, unknown = _match(params.get(name, []), offered)
            picked[name] = known
            if unknown:
                notes.append(f"The link names {what} this corpus does not have, ignored: {_quoted(unknown)}.")
        start, end, date_notes = _dates(params, choices)
        query = next((v for v in reversed(params.get("q", [])) if v.strip()), "")[:QUERY_LIMIT]
        return cls(start, end, picked["source"], picked["lang"], picked["actor"], query), notes + date_notes


def _match(values: list[str], offered: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
    """(values found in ``offered``, as the corpus spells them, once each; values not found).
    Case and accents do not matter (a hand-typed ``actor=emmanuel macron`` finds Emmanuel Macron)."""
    exact = set(offered)
    folded: dict[str, str] = {}
    for name in offered:
        folded.setdefault(search_fold(name).strip(), name)
    known: dict[str, None] = {}
    unknown: list[str] = []
    for value in values:
        if not value.strip():
            continue
        hit = value if value in exact else folded.get(search_fold(value).strip())
        if hit:
            known[hit] = None
        elif value not in unknown:
            unknown.append(value)
    return tuple(known), unknown


def _dates(params: Mapping[str, list[str]], choices: Choices) -> tuple[date | None, date | None, list[str]]:
    notes: list[str] = []
    parsed: dict[str, date | None] = {}
    for name in ("from", "to"):
        raw = next((v for v in reversed(params.get(name, [])) if v.strip()), "")
        parsed[name] = None
        if not raw:
            continue
        try:
            parsed[name] = date.fromisoformat(raw.strip())
        except ValueError:
            notes.append(f"`{name}` is not a date (YYYY-MM-DD), ignored: {_quoted([raw])}.")
    start, end = parsed["from"], parsed["to"]
    if start is None and end is None:
        return None, None, notes
    if not choices.has_range:
        return None, None, notes + ["This corpus has no range of publication dates to filter: the link's dates "
                                    "are ignored."]
    if start and end and start > end:
        return None, None, notes + [f"The link's dates run backwards ({start} after {end}): ignored."]
    if (start and start > choices.last) or (end and end < choices.first):
        return None, None, notes + [f"The link's dates are outside this corpus's publications "
                                    f"({choices.first} to {choices.last}): ignored."]
    # within the corpus's bounds; a bound at or beyond the first/last publication is no bound
    start = start if start and start > choices.first else None
    end = end if end and end < choices.last else None
    return start, end, notes


def _quoted(values: list[str]) -> str:
    """URL text for a note: escaped, cut short."""
    shown = [v if len(v) <= NOTE_VALUE_LIMIT else v[:NOTE_VALUE_LIMIT - 1] + "…" for v in values[:5]]
    more = f" and {len(values) - 5} more" if len(values) > 5 else ""
    return ", ".join(f"“{plain_markdown(v)}”" for v in shown) + more
