"""Per-visitor corpus in ``st.session_state``; models and the sample analysis cached per process.

Nothing a visitor uploads is stored outside their own session state, so on a
shared deployment one visitor never sees another's articles.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Callable

import streamlit as st

from lib.corpus.actors import AliasTable, apply_alias_table
from lib.corpus.corrections import Corrections, text_key
from lib.corpus.frames import Corpus
from lib.pipeline import ArticleAnalysis, Options, Progress, analyze_articles, assemble
from lib.readers import read_paths
from lib.store import AnalysisCache, analyze_cached, read_corrections, write_corrections
from lib.types import Article

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "sample_data"
SAMPLE_FILES = ("seed.txt", "demo_corpus.jsonl")
DEFAULT_CACHE_DIR = SAMPLE_DIR.parent / ".cache" / "analyses"
CORRECTIONS_FILE = "corrections.json"
_SAVING = threading.Lock()  # the sessions of one server read, change and write the store's corrections in turn


def cache_dir() -> Path:
    """The store shared by every session: the sample corpus's analyses and the corrections made on it
    ($REVUE_CACHE_DIR, else .cache/analyses)."""
    return Path(os.environ.get("REVUE_CACHE_DIR") or DEFAULT_CACHE_DIR)


def corrections_path() -> Path:
    return cache_dir() / CORRECTIONS_FILE


@st.cache_data(show_spinner="Analyzing the sample corpus…")
def sample_analyses(tone: str = "model") -> list[ArticleAnalysis]:
    """The bundled corpus, the same for every visitor: analyzed once per code version and tone backend
    (disk cache, so a restarted server or a second process opens instantly), then once per process."""
    articles = read_paths([SAMPLE_DIR / name for name in SAMPLE_FILES])
    options = Options(tone=tone)
    try:
        return analyze_cached(articles, AnalysisCache(cache_dir()), options)[0]
    except OSError:  # no writable cache folder (a read-only deployment): analyze in memory
        return list(analyze_articles(articles, options))


def options() -> Options:
    """The per-article settings of this session (what an analysis depends on)."""
    return Options(tone=st.session_state.get("tone", "model"))


def set_tone(backend: str) -> None:
    """Score tone with another backend: the sample from its cache, this session's uploads analyzed again."""
    if backend == st.session_state.get("tone", "model"):
        return
    st.session_state.tone = backend
    sample = {a.article.article_id: a for a in sample_analyses(backend)}
    uploads = [a.article for a in st.session_state.analyses if a.article.article_id not in sample]
    fresh = {a.article.article_id: a for a in analyze_articles(uploads, options())}  # one batch through spaCy
    st.session_state.analyses = [sample.get(a.article.article_id) or fresh[a.article.article_id]
                                 for a in st.session_state.analyses]
    st.session_state.corpus_version += 1


@st.cache_data(show_spinner=False)
def sample_text_keys() -> frozenset[str]:
    """The sample articles' text keys: their corrections are shared in the store, like their analyses."""
    return frozenset(text_key(a.article.text) for a in sample_analyses())


def init() -> None:
    """First run of a session: open on the sample corpus, with the corrections kept in the store."""
    if "analyses" not in st.session_state:
        st.session_state.analyses = list(sample_analyses())
        st.session_state.aliases = AliasTable()
        st.session_state.aliases_version = 0
        st.session_state.metonymy = True
        st.session_state.corpus_version = 0
    if "corrections" not in st.session_state:
        try:
            st.session_state.corrections = read_corrections(corrections_path())
        except (OSError, ValueError) as error:  # an unreadable file is reported, and never overwritten
            st.session_state.corrections = Corrections()
            st.session_state.corrections_problem = _reason(error)
        st.session_state.corrections_version = 0


def add_articles(articles: list[Article], progress: Progress | None = None) -> None:
    """Analyze articles read with ``seen=`` this session's articles (so their ids are new) into its corpus."""
    st.session_state.analyses.extend(analyze_articles(articles, options(), progress))
    st.session_state.corpus_version += 1


def set_published(article_id: str, published: str) -> None:
    """The analyst corrects a publication date: relative dates of that article are resolved again."""
    for i, analysis in enumerate(st.session_state.analyses):
        if analysis.article.article_id == article_id:
            article = Article(**{**analysis.article.__dict__, "published": published})
            st.session_state.analyses[i] = next(analyze_articles([article], options()))
            st.session_state.corpus_version += 1
            return


def replace_with_sample(include_sample: bool) -> None:
    st.session_state.analyses = list(sample_analyses(options().tone)) if include_sample else []
    st.session_state.corpus_version += 1


def set_aliases(table: AliasTable) -> None:
    """The analyst's alias decisions: every page shows them from the next call to ``corpus()``,
    and they apply to articles added later (an ignored actor stays ignored)."""
    st.session_state.aliases = table
    st.session_state.aliases_version += 1


def set_metonymy(on: bool) -> None:
    """Capitals acting for their state ("Moscou a démenti" -> Russie), or always cities."""
    st.session_state.metonymy = on


def _reason(error: Exception) -> str:
    """What went wrong with the store's file, without the server's paths."""
    return (error.strerror or type(error).__name__) if isinstance(error, OSError) else str(error)


def corrections() -> Corrections:
    """The corrections this session sees: the store's (on the sample corpus) and its own (on its uploads)."""
    return st.session_state.corrections


def change_corrections(edit: Callable[[Corrections], Corrections]) -> str:
    """Apply the analyst's edit (set, remove or merge corrections); every page shows it from the next call
    to ``corpus()`` (the corpus step reruns, the per-article analyses are reused).

    Corrections of the sample corpus go to the store's file at once, so they survive a restart and every
    session opens with them; those of uploaded articles stay in this session, as the uploads do. The edit
    is applied to the file as it is now, so corrections saved meanwhile by another session are kept.
    Returns why the store could not be written ('' when it was, or had nothing to keep).
    """
    shared = sample_text_keys()
    mine = edit(st.session_state.corrections)
    problem = st.session_state.get("corrections_problem", "")
    if not problem:
        try:
            with _SAVING:
                stored = read_corrections(corrections_path())
                # the edit reaches the sample's corrections only; whatever else the file holds stays as it is
                kept = Corrections(stored.only(shared, keep=False).entries + edit(stored).only(shared).entries)
                if kept != stored:
                    write_corrections(corrections_path(), kept)
            mine = Corrections(kept.only(shared).entries + mine.only(shared, keep=False).entries)
        except (OSError, ValueError) as error:  # read-only or unreadable store: the edit holds in this session
            problem = _reason(error)
    st.session_state.corrections = mine
    st.session_state.corrections_version += 1
    return problem and f"Kept in this session only: the store could not be written ({problem})."


def pipeline_stance_names(article_id: str, start: int, end: int, source: str, target: str) -> tuple[str, str]:
    """A stance row's source and target as the pipeline resolved them (what a stance correction names), from
    the names the pages show: alias edits rename rows without moving them (``apply_alias_table``)."""
    corpus()
    shown, analyzed = st.session_state._corpus.stances, st.session_state._analyzed.stances
    hit = shown.index[(shown["article_id"] == article_id) & (shown["start"] == start) & (shown["end"] == end)
                      & (shown["source_actor"] == source) & (shown["target_actor"] == target)]
    if hit.empty or hit[0] not in analyzed.index or \
            (analyzed.at[hit[0], "article_id"], analyzed.at[hit[0], "start"]) != (article_id, start):
        return source, target
    return analyzed.at[hit[0], "source_actor"], analyzed.at[hit[0], "target_actor"]


def corpus() -> Corpus:
    """The session's frames, rebuilt only when its articles, metonymy choice, corrections or aliases change.

    Actors are resolved and corrections applied once per articles/metonymy/corrections (seconds); the
    alias table is then applied to that corpus as analyzed (a fraction of a second), so an edit shows at once.
    """
    analyzed_key = (st.session_state.corpus_version, st.session_state.metonymy,
                    st.session_state.corrections_version)
    # a version, not id(): a replaced table may be given the id of the one it replaced
    key = (*analyzed_key, st.session_state.aliases_version)
    if st.session_state.get("_corpus_key") != key:
        if st.session_state.get("_analyzed_key") != analyzed_key:
            st.session_state._analyzed = assemble(st.session_state.analyses, metonymy=analyzed_key[1],
                                                  corrections=st.session_state.corrections)
            st.session_state._analyzed_key = analyzed_key
        aliases = st.session_state.aliases
        analyzed = st.session_state._analyzed
        st.session_state._corpus = apply_alias_table(analyzed, aliases) if not aliases.frame.empty else analyzed
        st.session_state._corpus_key = key
    return st.session_state._corpus
