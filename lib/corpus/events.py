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

import pandas as pd

from lib.extract.dates import period_bounds
from lib.corpus.frames import frame


def _actors(mentions: pd.DataFrame, start: int, end: int) -> str:
    inside = mentions[(mentions["start"] >= start) & (mentions["end"] <= end) & (mentions["actor"].fillna("") != "")]
    return " | ".join(dict.fromkeys(inside.sort_values("start")["actor"]))


def _quote(quotes: pd.DataFrame, start: int, end: int) -> tuple[str, str]:
    """The longest quotation overlapping the sentence, and its speaker."""
    over = quotes[(quotes["start"] < end) & (quotes["end"] > start)]
    if over.empty:
        return "", ""
    best = over.loc[(over["end"] - over["start"]).idxmax()]
    return best["text"], best["speaker"] or ""


def _row(article: pd.Series, value: str, granularity: str, basis: str, start: int, end: int, sentence: str,
         date_text: str, mentions: pd.DataFrame, quotes: pd.DataFrame) -> dict | None:
    bounds = period_bounds(value)
    if bounds is None:
        return None
    quote, speaker = _quote(quotes, start, end)
    return {"article_id": article["article_id"], "date": value, "granularity": granularity,
            "sentence": sentence.strip(), "actors": _actors(mentions, start, end), "quote": quote,
            "date_basis": basis, "date_text": date_text, "date_start": bounds[0].isoformat(),
            "date_end": bounds[1].isoformat(), "start": start, "end": end, "speaker": speaker,
            "title": article["title"], "source": article["source"]}


def build_events(articles: pd.DataFrame, sentences: pd.DataFrame, dates: pd.DataFrame,
                 mentions: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per (sentence, resolved date) plus one publication event per dated article."""
    rows: list[dict] = []
    by_article = {name: {aid: df for aid, df in table.groupby("article_id")}
                  for name, table in (("s", sentences), ("d", dates), ("m", mentions), ("q", quotes))}
    empty = {name: table.iloc[0:0] for name, table in (("s", sentences), ("d", dates), ("m", mentions),
                                                          ("q", quotes))}
    for _, article in articles.iterrows():
        aid = article["article_id"]
        sents, found, ments, quots = (by_article[k].get(aid, empty[k]) for k in ("s", "d", "m", "q"))
        text = article["text"] if isinstance(article.get("text"), str) else ""
        if article["published"] and text:
            title_end = text.find("\n") if "\n" in text else len(text)
            row = _row(article, article["published"], "day", "published", 0, title_end,
                       article["title"] or text[:title_end], "", ments, quots)
            rows += [row] if row else []
        seen: set[tuple[int, str]] = set()
        for d in found.itertuples():
            if not d.value or bool(getattr(d, "dateline", False)):
                continue
            sent = sents[(sents["start"] <= d.start) & (sents["end"] > d.start)]
            start, end = (int(sent["start"].iat[0]), int(sent["end"].iat[0])) if len(sent) else (d.start, d.end)
            if (start, d.value) in seen:
                continue
            seen.add((start, d.value))
            sentence = text[start:end] if text else d.sentence
            row = _row(article, d.value, d.granularity, "text", start, end, sentence, d.text, ments, quots)
            rows += [row] if row else []
    events = frame("events", rows)
    return events.sort_values(["date_start", "article_id", "start"], ignore_index=True) if rows else events
