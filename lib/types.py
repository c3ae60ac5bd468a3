"""Shared record types: small frozen dataclasses with character offsets.

Extractors read a spaCy ``Doc`` and return these records; ``lib.corpus.frames`` is the
one place where they become pandas rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, Sequence


@dataclass(frozen=True)
class Article:
    """One input document. ``text`` is what is analyzed: the title is its first paragraph."""

    article_id: str
    title: str = ""
    text: str = ""
    published: str = ""  # ISO date (YYYY-MM-DD) or empty when unknown
    source: str = ""
    url: str = ""
    lang: str = ""
    file: str = ""  # the input file (or file::row) it came from
    error: str = ""  # why the input could not be read; empty when it was
    author: str = ""
    duplicate_of: str = ""  # article_id of the identical article already read; this one is not analyzed
    note: str = ""  # information for the analyst that is not an error (repaired encoding, no pipeline...)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    label: str  # PER / ORG / LOC / GPE / MISC
    acts: bool = False  # the parse makes the name act ("Moscou exige", "avec Washington"): a capital is its state
    affiliation: str = ""  # state or organisation named in the role phrase: "le président russe" -> "Russie"
    person: str = ""  # "Fem"/"Masc" from an honorific or agreement ("Mme Fillon"), "family" ("les Fillon")


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str  # without the quote marks
    kind: str  # direct / partial / indirect
    speaker: Span | None = None  # the words naming the speaker (may be a pronoun)
    cue: Span | None = None  # speech verb, "selon", ":" ...
    speaker_name: str = ""  # surface name resolved from pronouns / roles, before canonicalization
    speaker_mention: int = -1  # start of the actor mention chosen as the speaker (-1: none, or the rules' name)
    confidence: float = 1.0  # the speaker model's probability for the chosen attribution (1.0: rules only)


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    text: str
    value: str  # ISO value resolved against publication date, "" when unresolved
    granularity: str  # day / week / month / quarter / half / season / year / time / ""


@dataclass(frozen=True)
class Tone:
    score: float  # in [-1, 1]
    label: int  # -1 / 0 / +1
    cues: tuple[str, ...] = field(default_factory=tuple)  # the words that drove the score


class ToneScorer(Protocol):
    """Pluggable tone backend: the lexicon scorer is the offline default."""

    def score(self, text: str, lang: str) -> Tone: ...

    def score_tokens(self, words: Sequence[str], lang: str) -> Tone: ...
