"""The one pipeline behind the CLI and the app: articles in, frames out.

``parse`` batches articles through spaCy by language; ``analyze_doc`` finds the dateline and runs the
registered extractors (lib/extract/registry.py) on each Doc, giving an ``ArticleAnalysis`` of records;
``lib.corpus.build.build_corpus`` resolves actors over the whole corpus and builds the frames. The split
lets the CLI and the app keep per-article work (it depends on ``Options`` only) and redo the corpus step
alone when the analyst edits aliases or corrections.
"""
from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator

from spacy.tokens import Doc

from lib import nlp as nlp_loader
from lib.corpus.build import CorpusSettings, build_corpus
from lib.corpus.frames import Corpus
from lib.extract.dateline import find_dateline
from lib.extract.registry import Context, run_extractors
from lib.models import DEFAULT_SPEAKERS, Models
from lib.models.fragments import shipped_model as fragment_model
from lib.models.mention_keep import shipped_model as mention_model
from lib.models.speakers import shipped_model as speaker_model
from lib.models.tone import tone_backend
from lib.nlp import doc_text
from lib.readers.langid import detect_language, foreign_script_paragraphs
from lib.readers.normalize import normalize
from lib.types import Article, ArticleAnalysis, ToneScorer

Progress = Callable[[int, int, str], None]  # (done, total, current article id)
LATIN_SCRIPT = {"fr", "en", "de", "es", "it", "pt", "nl"}  # languages whose paragraphs in another script are skipped


@dataclass(frozen=True)
class Options:
    """Per-article settings: everything an analysis depends on, so all of it is part of a cached
    analysis's key. Corpus-level settings (aliases, metonymy, corrections) are ``CorpusSettings``."""

    models: dict[str, str] = field(default_factory=dict)  # lang -> spaCy pipeline name override
    tone: str = "model"  # tone backend (lib.models.tone.TONE_BACKENDS)
    speakers: str = DEFAULT_SPEAKERS  # who decides a quote's speaker (lib.models.speakers.SPEAKER_MODES)
    default_lang: str = "fr"
    batch_size: int = 16


def analyze_doc(article: Article, doc: Doc, lang: str, models: Models) -> ArticleAnalysis:
    found = find_dateline(doc_text(doc), lang=lang)
    published_from = "metadata" if article.published else "dateline" if found else ""
    if found and not article.published:
        article = replace(article, published=found[0])
    records = run_extractors(doc, Context(article, lang, models, found[1] if found else None))
    return ArticleAnalysis(article, records, published_from, found[1] if found else None)


@dataclass(frozen=True)
class Parsed:
    """An article with its language and spaCy Doc (None for an input that is not analyzed)."""

    article: Article
    lang: str = ""
    doc: Doc | None = None


def parse(articles: Iterable[Article], options: Options = Options(),
          progress: Progress | None = None) -> Iterator[Parsed]:
    """Articles through spaCy, batched by language; failed inputs and duplicates pass through unparsed."""
    items = list(articles)
    by_lang: dict[str, list[Article]] = defaultdict(list)
    done = 0
    for article in items:
        if article.error or article.duplicate_of or not article.text.strip():  # duplicates: analyzed once
            done += 1
            yield Parsed(article)
            continue
        lang = article.lang or detect_language(article.text) or options.default_lang
        by_lang[lang].append(article)
    for lang, group in by_lang.items():
        # A language without a pipeline gets a blank one (rules only) rather than the French parser.
        nlp = nlp_loader.load(lang, options.models.get(lang))
        skipped = [foreign_script_paragraphs(a.text) if lang in LATIN_SCRIPT else [] for a in group]
        sent: deque[str] = deque()  # the texts spaCy has read ahead, in order

        def texts() -> Iterator[str]:
            for a, spans in zip(group, skipped):
                sent.append(_blank(normalize(a.text), spans))
                yield sent[-1]

        for article, spans, doc in zip(group, skipped, nlp.pipe(texts(), batch_size=options.batch_size)):
            nlp_loader.keep_text(doc, sent.popleft())
            done += 1
            if progress:
                progress(done, len(items), article.article_id)
            article = _with_lang(article, lang, nlp_loader.has_ner(nlp))
            if spans:
                article = replace(article, note="; ".join(filter(None, (
                    article.note, f"{len(spans)} paragraph(s) in another script left out of the analysis"))))
            yield Parsed(article, lang, doc)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with those spans turned to spaces: left out of the parse, every offset kept."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def analyze_parsed(parsed: Parsed, models: Models) -> ArticleAnalysis:
    if parsed.doc is None:
        return ArticleAnalysis(parsed.article)
    return analyze_doc(parsed.article, parsed.doc, parsed.lang, models)


def analyze_articles(articles: Iterable[Article], options: Options = Options(),
                     progress: Progress | None = None, tone: ToneScorer | None = None) -> Iterator[ArticleAnalysis]:
    """Per-article analysis; ``tone`` overrides the backend that ``options.tone`` names."""
    models = Models(tone or tone_backend(options.tone), speaker_model(), options.speakers, fragments=fragment_model(),
                    mention=mention_model())
    for parsed in parse(articles, options, progress):
        yield analyze_parsed(parsed, models)


def _with_lang(article: Article, lang: str, has_pipeline: bool = True) -> Article:
    note = "" if has_pipeline else (f"no spaCy pipeline for language '{lang}': no entities or actors; "
                                    "quotes, dates and tone by rules only")
    if article.lang == lang and not note:
        return article
    return Article(**{**article.__dict__, "lang": lang, "note": "; ".join(filter(None, (article.note, note)))})


def analyze(articles: Iterable[Article], options: Options = Options(), settings: CorpusSettings = CorpusSettings(),
            progress: Progress | None = None) -> Corpus:
    return build_corpus(analyze_articles(articles, options, progress), settings)
