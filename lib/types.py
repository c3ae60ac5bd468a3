"""Shared record types: small frozen dataclasses with character offsets.

Readers make ``Article``s; the extractors registered in ``lib.extract.registry`` read a spaCy ``Doc``
and return the other records, gathered per article in an ``ArticleAnalysis``;
``lib.corpus.build.build_corpus`` is the one place where records become frame rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, Sequence, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from lib.extract.registry import Extractor

R = TypeVar("R")


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

    def score_sentences(self, doc: Doc, spans: Sequence[tuple[int, int]], lang: str) -> list[Tone]:
        """Consecutive sentences of a parsed article (character spans, in order), each may read its neighbours."""
        ...


@dataclass(frozen=True)
class SentenceTone:
    start: int
    end: int
    tone: Tone


@dataclass(frozen=True)
class StanceCandidate:
    """A pair the parse relates, for the stance model to decide (lib.models.stances); actors are resolved later.

    ``source`` and ``target`` are references, not names: indexes into the article's mentions (and, for
    basis "quote", into its quotes), so the alias table and metonymy act on them once, in the corpus step.
    """

    basis: str  # "quote": the speaker of quote ``quote`` speaks about the target; "sentence": a clause's subject acts on it
    start: int  # the evidence: the quote, or the sentence
    end: int
    target: int  # index of the target mention in the article's mentions
    source: int  # index of the source mention (basis "sentence") or of the quote (basis "quote")
    features: tuple[str, ...]  # names of binary features, plus "frame=+0.8"-style weights read by the model
    cues: tuple[str, ...]  # the words a reader would point at: verb, evaluative words


@dataclass(frozen=True)
class ArticleAnalysis:
    """One article's records, by extractor (``lib.extract.registry``), and what the analysis learned about
    the article itself: ``published_from`` is 'metadata', 'dateline' (read from the text's first lines)
    or '' when unknown; ``dateline`` is the span of the dateline's date."""

    article: Article
    records: dict[str, list] = field(default_factory=dict)
    published_from: str = ""
    dateline: tuple[int, int] | None = None

    def of(self, extractor: "Extractor[R]") -> list[R]:
        """The records one extractor found (none for an article that was not analyzed)."""
        return self.records.get(extractor.name, [])
