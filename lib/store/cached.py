"""Analysis that happens once: per-article analyses and corpus frames from the store when it has them.

An interrupted batch resumes where it stopped (analyses are kept every ``KEEP_EVERY`` articles); a code
change re-analyzes only the articles whose analysis it can change (``lib.store.versions``); reopening an
analyzed corpus with the same settings reads its frames and analyzes nothing.
"""
from __future__ import annotations

from typing import Callable, Iterable

from lib.corpus.build import CorpusSettings, build_corpus
from lib.corpus.frames import Corpus
from lib.pipeline import Options, Progress, analyze_articles
from lib.store.database import Store
from lib.store.keys import article_key, corpus_key, settings_key
from lib.store.versions import analysis_version, corpus_version
from lib.types import Article, ArticleAnalysis

KEEP_EVERY = 16  # analyses written per transaction: an interrupted batch loses at most that many
# analyze(articles, options, progress=...): lib.pipeline.analyze_articles, or an engine's (lib.engine.analyze_many)
Analyzer = Callable[..., Iterable[ArticleAnalysis]]


def analyze_cached(articles: list[Article], store: Store | None, options: Options = Options(),
                   progress: Progress | None = None, analyze: Analyzer | None = None) -> tuple[list[ArticleAnalysis], int]:
    """Every article's analysis, from the store when it has one; returns them and how many were stored.
    Without a store (None) every article is analyzed. ``analyze`` does the analysis (default
    ``analyze_articles``; an engine may map it over processes)."""
    analyze = analyze or analyze_articles
    if store is None:
        return list(analyze(articles, options, progress=progress)), 0
    version, settings = analysis_version(), settings_key(options)
    keys = [article_key(a) for a in articles]
    found = {key: hit for key, hit in store.analyses(version, settings, keys).items()
             if isinstance(hit, ArticleAnalysis)}
    todo = {a.article_id: (key, a) for key, a in zip(keys, articles) if key not in found}
    pending: dict[str, ArticleAnalysis] = {}
    for analysis in analyze([a for _, a in todo.values()], options, progress=progress) if todo else ():
        key = todo[analysis.article.article_id][0]  # the key is the article as read, not as analyzed
        found[key] = pending[key] = analysis
        if len(pending) >= KEEP_EVERY:
            store.put_analyses(version, settings, pending)
            pending = {}
    if pending:
        store.put_analyses(version, settings, pending)
    return [found[key] for key in keys], len(articles) - len(todo)


def corpus_cached(articles: list[Article], store: Store | None, options: Options = Options(),
                  settings: CorpusSettings = CorpusSettings(), progress: Progress | None = None,
                  analyze: Analyzer | None = None) -> tuple[Corpus, int]:
    """The corpus's frames: read from the store when it holds them for these articles, analysis settings,
    corpus settings and code; else built from the analyses (``analyze_cached``) and kept. Returns the corpus
    and how many articles needed no analysis."""
    if store is None:
        return build_corpus(analyze_cached(articles, None, options, progress, analyze)[0], settings), 0
    key = corpus_key(corpus_version(), settings_key(options), [article_key(a) for a in articles], settings)
    corpus = store.corpus(key) if key else None
    if corpus is not None:
        return corpus, len(articles)
    analyses, cached = analyze_cached(articles, store, options, progress, analyze)
    corpus = build_corpus(analyses, settings)
    if key:
        store.put_corpus(key, corpus)
    return corpus, cached
