"""The seven frames of the product contract, and the corpus that holds them."""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Iterable

import pandas as pd

# Contract columns first (PRODUCT.md); extra columns after them carry evidence.
COLUMNS: dict[str, list[str]] = {
    "articles": ["article_id", "title", "source", "url", "published", "lang", "n_words", "tone", "error",
                 "text", "file", "author", "duplicate_of", "note", "cluster", "published_from"],
    "mentions": ["article_id", "start", "end", "text", "label", "actor"],
    "actors": ["actor", "label", "aliases", "n_mentions", "n_articles", "n_quotes", "affiliation"],
    "quotes": ["article_id", "start", "end", "text", "kind", "speaker", "cue", "tone",
               "tone_label", "speaker_text", "speaker_start", "speaker_end", "cue_start", "cue_end",
               "speaker_confidence", "corrected"],
    "sentences": ["article_id", "start", "end", "text", "tone", "tone_label", "tone_cues", "corrected"],
    "dates": ["article_id", "start", "end", "text", "value", "granularity", "sentence", "dateline"],
    "stances": ["article_id", "source_actor", "target_actor", "score", "kind", "evidence", "start", "end",
                "confidence", "cues", "corrected"],
    # dated sentences for the timeline (lib/corpus/events.py); date_start/date_end bound the resolved period
    "events": ["article_id", "date", "granularity", "sentence", "actors", "quote", "date_basis", "date_text",
               "date_start", "date_end", "start", "end", "speaker", "title", "source"],
}


def frame(name: str, rows: Iterable[dict] = ()) -> pd.DataFrame:
    """A frame with exactly the contract's columns, in order, even when empty."""
    return pd.DataFrame(list(rows), columns=COLUMNS[name])


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


def actor_table(mentions: pd.DataFrame, quotes: pd.DataFrame, labels_from: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per canonical actor, counted from its mentions and quotes."""
    named = mentions[mentions["actor"].fillna("") != ""]
    if named.empty:
        return frame("actors")
    grouped = named.groupby("actor")
    table = pd.DataFrame({
        "label": grouped["label"].agg(lambda s: s.mode().iat[0]),
        "aliases": grouped["text"].agg(lambda s: " | ".join(sorted(set(s)))),
        "n_mentions": grouped.size(),
        "n_articles": grouped["article_id"].nunique(),
    })
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
