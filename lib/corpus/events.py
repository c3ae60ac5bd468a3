"""Dated events: what happened when, for the timeline.

An event is a sentence with a resolved date from an expression inside it
(``date_basis`` 'text'), its actors and its quotation if any: "Le 26 janvier,
les États-Unis et l'OTAN ont envoyé à Moscou des réponses écrites" is an event
of 2022-01-26 with the United States and NATO. Undated sentences are not
events: a timeline that put every sentence at the publication date would bury
what happened under when it was reported. Each dated article adds one event at
its publication date (``date_basis`` 'published'): its title, so that the
timeline also shows when each story broke. The dateline itself is not an event.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict

import pandas as pd

from lib.corpus.frames import EventRow, frame
from lib.extract.dates import period_bounds


class _ArticleIndex:
    """One article's sentences, mentions and quotes as plain tuples: events look them up per date."""

    def __init__(self, sentences: list, mentions: list, quotes: list) -> None:
        self.sentences = sorted(sentences)  # (start, end)
        self.starts = [s for s, _ in self.sentences]
        self.mentions = sorted(mentions)  # (start, end, actor)
        self.mention_starts = [s for s, _, _ in self.mentions]
        self.quotes = quotes  # (start, end, text, speaker)

    def sentence_of(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self.starts, pos) - 1
        return self.sentences[i] if i >= 0 and self.sentences[i][1] > pos else None

    def actors(self, start: int, end: int) -> str:
        # only the mentions starting inside the span are read: a long article's thousand dates do not each
        # scan its every mention
        inside = self.mentions[bisect_left(self.mention_starts, start):bisect_right(self.mention_starts, end)]
        return " | ".join(dict.fromkeys(a for _, e, a in inside if e <= end and a))

    def quote(self, start: int, end: int) -> tuple[str, str]:
        """The longest quotation overlapping the sentence, and its speaker."""
        over = [q for q in self.quotes if q[0] < end and q[1] > start]
        if not over:
            return "", ""
        best = max(over, key=lambda q: q[1] - q[0])
        return best[2], best[3] or ""


def _row(article, value: str, granularity: str, basis: str, start: int, end: int, sentence: str,
         date_text: str, index: _ArticleIndex) -> EventRow | None:
    bounds = period_bounds(value)
    if bounds is None:
        return None
    quote, speaker = index.quote(start, end)
    return EventRow(article.article_id, value, granularity, sentence.strip(), index.actors(start, end), quote, basis,
                    date_text, bounds[0].isoformat(), bounds[1].isoformat(), start, end, speaker, article.title,
                    article.source)


def _by_article(table: pd.DataFrame, columns: list[str]) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = defaultdict(list)
    # whole columns as Python lists (the values itertuples gives, without a pandas call per cell)
    for aid, *row in zip(*(table[c].tolist() for c in ["article_id", *columns])):
        out[aid].append(tuple(row))
    return out


def build_events(articles: pd.DataFrame, sentences: pd.DataFrame, dates: pd.DataFrame,
                 mentions: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per (sentence, resolved date) plus one publication event per dated article."""
    rows: list[EventRow] = []
    sents, ments = _by_article(sentences, ["start", "end"]), _by_article(mentions, ["start", "end", "actor"])
    quots = _by_article(quotes, ["start", "end", "text", "speaker"])
    found = _by_article(dates, ["start", "end", "text", "value", "granularity", "sentence", "dateline"])
    for article in articles.itertuples(index=False):
        aid = article.article_id
        index = _ArticleIndex(sents.get(aid, []), ments.get(aid, []), quots.get(aid, []))
        text = article.text if isinstance(article.text, str) else ""
        if article.published and text:
            title_end = text.find("\n") if "\n" in text else len(text)
            rows.append(_row(article, article.published, "day", "published", 0, title_end,
                             article.title or text[:title_end], "", index))
        seen: set[tuple[int, str]] = set()
        for d_start, d_end, d_text, value, granularity, d_sentence, is_dateline in found.get(aid, []):
            if not value or bool(is_dateline):
                continue
            sentence = index.sentence_of(d_start)
            start, end = sentence if sentence else (d_start, d_end)
            if (start, value) in seen:
                continue
            seen.add((start, value))
            rows.append(_row(article, value, granularity, "text", start, end, text[start:end] if text else d_sentence,
                             d_text, index))
    events = frame("events", [r for r in rows if r is not None])
    return events.sort_values(["date_start", "article_id", "start"], ignore_index=True) if len(events) else events
