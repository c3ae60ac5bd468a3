"""The seven frames of the product contract, and the corpus that holds them."""
from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Iterable

import pandas as pd


# One row type per frame: its fields are the frame's columns, contract columns first (PRODUCT.md), then
# the evidence columns. ``lib.corpus.build`` is the one place that makes these rows from records.
@dataclass(frozen=True)
class ArticleRow:
    article_id: str
    title: str
    source: str
    url: str
    published: str
    lang: str
    n_words: int
    tone: float
    error: str
    text: str
    file: str
    author: str
    duplicate_of: str
    note: str
    cluster: str  # near-duplicate story (lib.readers.dedup), filled once every article is known
    published_from: str


@dataclass(frozen=True)
class MentionRow:
    article_id: str
    start: int
    end: int
    text: str
    label: str
    actor: str
    section: bool  # the headline's section label ("France : …", lib/corpus/headline.py): kept, counted nowhere


@dataclass(frozen=True)
class ActorRow:
    actor: str
    label: str
    aliases: str
    n_mentions: int
    n_articles: int
    n_quotes: int
    affiliation: str


@dataclass(frozen=True)
class QuoteRow:
    article_id: str
    start: int
    end: int
    text: str
    kind: str
    speaker: str
    cue: str
    tone: float
    tone_label: int
    speaker_text: str
    speaker_start: int
    speaker_end: int
    cue_start: int
    cue_end: int
    speaker_confidence: float
    corrected: bool


@dataclass(frozen=True)
class SentenceRow:
    article_id: str
    start: int
    end: int
    text: str
    tone: float
    tone_label: int
    tone_cues: str
    corrected: bool


@dataclass(frozen=True)
class DateRow:
    article_id: str
    start: int
    end: int
    text: str
    value: str
    granularity: str
    sentence: str
    dateline: bool


@dataclass(frozen=True)
class StanceRow:
    article_id: str
    source_actor: str
    target_actor: str
    score: float
    kind: str
    evidence: str
    start: int
    end: int
    confidence: float
    cues: str
    corrected: bool


@dataclass(frozen=True)
class EventRow:
    """A dated sentence for the timeline (lib/corpus/events.py); date_start/date_end bound the period."""

    article_id: str
    date: str
    granularity: str
    sentence: str
    actors: str
    quote: str
    date_basis: str
    date_text: str
    date_start: str
    date_end: str
    start: int
    end: int
    speaker: str
    title: str
    source: str


ROWS: dict[str, type] = {"articles": ArticleRow, "mentions": MentionRow, "actors": ActorRow, "quotes": QuoteRow,
                         "sentences": SentenceRow, "dates": DateRow, "stances": StanceRow, "events": EventRow}
COLUMNS: dict[str, list[str]] = {name: [f.name for f in fields(row)] for name, row in ROWS.items()}


def frame(name: str, rows: Iterable = ()) -> pd.DataFrame:
    """A frame of ``name``'s rows (its row type, or dicts of its columns) with exactly its columns, in
    order, even when empty."""
    rows, columns = list(rows), COLUMNS[name]
    if rows and is_dataclass(rows[0]):
        return pd.DataFrame([tuple(vars(r).values()) for r in rows], columns=columns)
    return pd.DataFrame(rows, columns=columns)  # dicts: a missing column is NaN


@dataclass(frozen=True)
class Corpus:
    articles: pd.DataFrame
    mentions: pd.DataFrame
    actors: pd.DataFrame
    quotes: pd.DataFrame
    sentences: pd.DataFrame
    dates: pd.DataFrame
    stances: pd.DataFrame
    events: pd.DataFrame = field(default_factory=lambda: frame("events"))

    @classmethod
    def empty(cls) -> "Corpus":
        return cls(**{name: frame(name) for name in COLUMNS})

    def frames(self) -> dict[str, pd.DataFrame]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def restrict(self, article_ids: Iterable[str]) -> "Corpus":
        """The corpus seen through a set of articles (a filter); actors are recounted."""
        keep = set(article_ids)
        subset = {name: df[df["article_id"].isin(keep)] for name, df in self.frames().items() if name != "actors"}
        return replace(self, **subset, actors=actor_table(subset["mentions"], subset["quotes"], self.actors))


def counted(mentions: pd.DataFrame) -> pd.DataFrame:
    """The mentions that count an actor as named: all but headline section labels (a frame read from an
    older output folder has no ``section`` column: every mention counts)."""
    return mentions[~mentions["section"].eq(True)] if "section" in mentions else mentions


def actor_table(mentions: pd.DataFrame, quotes: pd.DataFrame, labels_from: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per canonical actor, counted from its mentions (section labels apart) and quotes; an actor
    named only as a section label keeps its row, with no mention counted."""
    named = mentions[mentions["actor"].fillna("") != ""]
    if named.empty:
        return frame("actors")
    grouped, kept = named.groupby("actor"), counted(named).groupby("actor")
    table = pd.DataFrame({
        "label": grouped["label"].agg(lambda s: s.mode().iat[0]),
        "aliases": grouped["text"].agg(lambda s: " | ".join(sorted(set(s)))),
    })
    table["n_mentions"] = kept.size().reindex(table.index).fillna(0).astype(int)
    table["n_articles"] = kept["article_id"].nunique().reindex(table.index).fillna(0).astype(int)
    table["affiliation"] = ""
    if labels_from is not None and not labels_from.empty:
        known = labels_from.drop_duplicates("actor").set_index("actor")
        table["label"] = known["label"].reindex(table.index).fillna(table["label"])
        if "affiliation" in known:  # the state or organisation an actor belongs to (lib/corpus/actors.py)
            table["affiliation"] = known["affiliation"].reindex(table.index).fillna("")
    spoken = quotes[quotes["speaker"].fillna("") != ""].groupby("speaker").size()
    table["n_quotes"] = spoken.reindex(table.index).fillna(0).astype(int)
    table = table.reset_index().rename(columns={"index": "actor"})
    return table[COLUMNS["actors"]].sort_values(["n_mentions", "actor"], ascending=[False, True], ignore_index=True)
