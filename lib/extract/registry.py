"""The extractors, registered once, in the order they run.

Each one has a name, the frozen record type it returns (lib/types.py) and ``run(doc, context)``; the
context carries the article, its language, the learned models and the records of the extractors that ran
before it (quotes read the mentions, stance candidates read both). Adding an extractor is a module in
lib/extract/, one entry here, and its rows in lib/corpus/build.py if it has a frame.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Generic, TypeVar

from spacy.tokens import Doc

from lib.extract.dates import extract_dates
from lib.extract.mentions import extract_mentions
from lib.extract.quotes import extract_quotes
from lib.extract.stances import stance_candidates
from lib.extract.tone import LexiconTone
from lib.models import Models
from lib.models.speakers import attribute
from lib.nlp import doc_text, lemmas
from lib.types import Article, Mention, Quote, SentenceTone, StanceCandidate, TimeExpr, Tone

R = TypeVar("R")
LEXICON = LexiconTone()  # stance features read the reviewed word list, whatever the tone backend


@dataclass(frozen=True)
class Context:
    article: Article  # as analyzed: a publication date missing from the metadata is the dateline's
    lang: str
    models: Models
    dateline: tuple[int, int] | None = None  # the dateline's date span, found once per article
    found: dict[str, list] = field(default_factory=dict)  # records of the extractors that ran before

    def of(self, extractor: "Extractor[R]") -> list[R]:
        return self.found[extractor.name]


@dataclass(frozen=True)
class Extractor(Generic[R]):
    name: str
    record: type
    run: Callable[[Doc, Context], list[R]]


def _quotes(doc: Doc, c: Context) -> list[Quote]:
    mentions = c.of(MENTIONS)
    quotes = extract_quotes(doc, c.lang, mentions, c.models.fragments)
    return attribute(doc, quotes, mentions, c.models.speaker, c.models.speakers)


def _sentence_tones(doc: Doc, c: Context) -> list[SentenceTone]:
    text = doc_text(doc)  # Span.text joins its tokens
    spans = [(s.start_char, s.end_char) for s in doc.sents if text[s.start_char:s.end_char].strip()]
    # scored together: a sentence's tone reads its neighbours' and the title's (lib.models.tone.sentence_features)
    tones = c.models.tone.score_sentences(doc, spans, c.lang)
    return [SentenceTone(start, end, tone) for (start, end), tone in zip(spans, tones)]


def _quote_tones(doc: Doc, c: Context) -> list[Tone]:
    """A quote's own tone, from its words: what the Quotes page shows and filters on (its stances read the tone of
    its sentence instead, lib.corpus.build.decided_stances)."""
    return [c.models.tone.score_tokens(lemmas(doc, q.start, q.end), c.lang) for q in c.of(QUOTES)]


def _dates(doc: Doc, c: Context) -> list[TimeExpr]:
    return extract_dates(doc_text(doc), c.article.published, doc, c.of(QUOTES), c.lang, c.dateline)


def _stance_candidates(doc: Doc, c: Context) -> list[StanceCandidate]:
    return stance_candidates(doc, c.lang, c.of(MENTIONS), c.of(QUOTES), LEXICON)


MENTIONS: Extractor[Mention] = Extractor("mentions", Mention, lambda doc, c: extract_mentions(doc, c.models.mention))
QUOTES: Extractor[Quote] = Extractor("quotes", Quote, _quotes)
SENTENCES: Extractor[SentenceTone] = Extractor("sentences", SentenceTone, _sentence_tones)
QUOTE_TONES: Extractor[Tone] = Extractor("quote_tones", Tone, _quote_tones)  # one per quote, in their order
DATES: Extractor[TimeExpr] = Extractor("dates", TimeExpr, _dates)
STANCES: Extractor[StanceCandidate] = Extractor("stance_candidates", StanceCandidate, _stance_candidates)
EXTRACTORS: tuple[Extractor, ...] = (MENTIONS, QUOTES, SENTENCES, QUOTE_TONES, DATES, STANCES)


def run_extractors(doc: Doc, context: Context) -> dict[str, list]:
    """Every registered extractor on one parsed article, in order; their records by name."""
    for extractor in EXTRACTORS:
        context.found[extractor.name] = extractor.run(doc, context)
    return context.found
