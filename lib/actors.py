"""Mentions become canonical actors: one name for every surface form of an actor."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pandas as pd

from lib.textkeys import fold, words
from lib.types import Mention

ALIAS_COLUMNS = ["alias", "actor", "label", "ignored"]


@dataclass
class AliasTable:
    """The analyst's decisions: alias -> canonical actor, its label, or ignored."""

    frame: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ALIAS_COLUMNS))

    @classmethod
    def from_csv(cls, path_or_buffer) -> "AliasTable":
        frame = pd.read_csv(path_or_buffer, dtype=str, keep_default_na=False)
        missing = {"alias", "actor"} - set(frame.columns)
        if missing:
            raise ValueError(f"alias table needs columns {sorted(missing)}")
        for column in ("label", "ignored"):
            if column not in frame:
                frame[column] = ""
        frame["ignored"] = frame["ignored"].astype(str).str.lower().isin(["1", "true", "yes", "x"])
        return cls(frame[ALIAS_COLUMNS])

    def lookup(self) -> dict[str, tuple[str, str, bool]]:
        return {fold(r.alias): (r.actor, r.label, bool(r.ignored)) for r in self.frame.itertuples()}


def name_key(text: str) -> str:
    return " ".join(words(text))


def _short_to_long(names: list[tuple[str, str]]) -> dict[str, str]:
    """Map a person's short form to the one longer form that contains its words.

    "Peskov" -> "Dmitri Peskov"; a surname shared by two longer names
    (Marine / Jean-Marie Le Pen) stays unmerged rather than guessed.
    """
    people = {name_key(t) for t, label in names if label == "PER"}
    mapping = {}
    for short in people:
        short_words = short.split()
        longer = [long for long in people if long != short and _contains_words(long.split(), short_words)]
        if len(longer) == 1:
            mapping[short] = longer[0]
    return mapping


def _contains_words(long: list[str], short: list[str]) -> bool:
    n = len(short)
    return n < len(long) and any(long[i:i + n] == short for i in range(len(long) - n + 1))


@dataclass(frozen=True)
class ActorIndex:
    """Canonical actor per (article_id, start) mention, and per folded surface form."""

    by_mention: dict[tuple[str, int], str]
    by_key: dict[str, str]
    labels: dict[str, str]

    def resolve(self, surface: str) -> str:
        """Canonical actor for a free surface form (a speaker span), or ''."""
        key = name_key(surface)
        if key in self.by_key:
            return self.by_key[key]
        tokens = key.split()
        hits = {actor for k, actor in self.by_key.items() if tokens and _contains_words(k.split(), tokens)}
        return hits.pop() if len(hits) == 1 else ""


def resolve_actors(mentions: dict[str, list[Mention]], aliases: AliasTable | None = None) -> ActorIndex:
    """Group mentions of the whole corpus into actors."""
    table = aliases.lookup() if aliases is not None else {}
    key_of: dict[tuple[str, int], str] = {}
    surfaces: dict[str, Counter] = defaultdict(Counter)
    label_votes: dict[str, Counter] = defaultdict(Counter)
    ignored: set[str] = set()
    for article_id, items in mentions.items():
        local = _short_to_long([(m.text, m.label) for m in items])
        for m in items:
            key = name_key(m.text)
            if not key:
                continue
            forced = table.get(fold(m.text))
            if forced:
                actor, label, is_ignored = forced
                key = "=" + actor  # analyst's choice wins over every rule
                if is_ignored:
                    ignored.add(key)
                surfaces[key][actor] += 1000
                if label:
                    label_votes[key][label] += 1000
            else:
                key = local.get(key, key)
            key_of[(article_id, m.start)] = key
            surfaces[key][m.text] += 1
            label_votes[key][m.label] += 1
    cross = _short_to_long([(max(c, key=lambda s: (c[s], len(s))), label_votes[k].most_common(1)[0][0])
                            for k, c in surfaces.items() if not k.startswith("=")])
    canonical: dict[str, str] = {}
    for key, counter in surfaces.items():
        target = cross.get(key, key)
        best = surfaces[target] if target in surfaces else counter
        canonical[key] = max(best, key=lambda s: (best[s], len(s)))
    by_mention = {k: canonical[key] for k, key in key_of.items() if key not in ignored}
    labels = {canonical[k]: votes.most_common(1)[0][0] for k, votes in label_votes.items()}
    by_key = {name_key(s): canonical[k] for k, counter in surfaces.items() if k not in ignored for s in counter}
    return ActorIndex(by_mention, by_key, labels)
