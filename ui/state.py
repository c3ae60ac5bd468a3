"""Per-visitor corpus in ``st.session_state``; models and the sample analysis cached per process.

Nothing a visitor uploads is stored outside their own session state, so on a
shared deployment one visitor never sees another's articles.
"""
from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from lib.actors import AliasTable, apply_alias_table
from lib.frames import Corpus
from lib.pipeline import ArticleAnalysis, Options, Progress, analyze_articles, assemble
from lib.readers import read_paths
from lib.store import AnalysisCache, analyze_cached
from lib.types import Article

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "sample_data"
SAMPLE_FILES = ("seed.txt", "demo_corpus.jsonl")
CACHE_DIR = Path(os.environ.get("REVUE_CACHE_DIR") or SAMPLE_DIR.parent / ".cache" / "analyses")


@st.cache_data(show_spinner="Analyzing the sample corpus…")
def sample_analyses() -> list[ArticleAnalysis]:
    """The bundled corpus, the same for every visitor: analyzed once per code version (disk
    cache, so a restarted server or a second process opens instantly), then once per process."""
    articles = read_paths([SAMPLE_DIR / name for name in SAMPLE_FILES])
    try:
        return analyze_cached(articles, AnalysisCache(CACHE_DIR))[0]
    except OSError:  # no writable cache folder (a read-only deployment): analyze in memory
        return list(analyze_articles(articles))


def init() -> None:
    """First run of a session: open on the sample corpus."""
    if "analyses" not in st.session_state:
        st.session_state.analyses = list(sample_analyses())
        st.session_state.aliases = AliasTable()
        st.session_state.aliases_version = 0
        st.session_state.metonymy = True
        st.session_state.corpus_version = 0


def add_articles(articles: list[Article], progress: Progress | None = None) -> None:
    """Analyze articles read with ``seen=`` this session's articles (so their ids are new) into its corpus."""
    st.session_state.analyses.extend(analyze_articles(articles, Options(), progress))
    st.session_state.corpus_version += 1


def set_published(article_id: str, published: str) -> None:
    """The analyst corrects a publication date: relative dates of that article are resolved again."""
    for i, analysis in enumerate(st.session_state.analyses):
        if analysis.article.article_id == article_id:
            article = Article(**{**analysis.article.__dict__, "published": published})
            st.session_state.analyses[i] = next(analyze_articles([article]))
            st.session_state.corpus_version += 1
            return


def replace_with_sample(include_sample: bool) -> None:
    st.session_state.analyses = list(sample_analyses()) if include_sample else []
    st.session_state.corpus_version += 1


def set_aliases(table: AliasTable) -> None:
    """The analyst's alias decisions: every page shows them from the next call to ``corpus()``,
    and they apply to articles added later (an ignored actor stays ignored)."""
    st.session_state.aliases = table
    st.session_state.aliases_version += 1


def set_metonymy(on: bool) -> None:
    """Capitals acting for their state ("Moscou a démenti" -> Russie), or always cities."""
    st.session_state.metonymy = on


def corpus() -> Corpus:
    """The session's frames, rebuilt only when its articles, metonymy choice or aliases change.

    Actors are resolved once per articles/metonymy (seconds); the alias table is then applied
    to that corpus as analyzed (a fraction of a second), so an edit shows at once.
    """
    analyzed_key = (st.session_state.corpus_version, st.session_state.metonymy)
    # a version, not id(): a replaced table may be given the id of the one it replaced
    key = (*analyzed_key, st.session_state.aliases_version)
    if st.session_state.get("_corpus_key") != key:
        if st.session_state.get("_analyzed_key") != analyzed_key:
            st.session_state._analyzed = assemble(st.session_state.analyses, metonymy=analyzed_key[1])
            st.session_state._analyzed_key = analyzed_key
        aliases = st.session_state.aliases
        analyzed = st.session_state._analyzed
        st.session_state._corpus = apply_alias_table(analyzed, aliases) if not aliases.frame.empty else analyzed
        st.session_state._corpus_key = key
    return st.session_state._corpus
