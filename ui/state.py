"""Per-visitor corpus in ``st.session_state``; models and the sample analysis cached per process.

Nothing a visitor uploads is stored outside their own session state, so on a
shared deployment one visitor never sees another's articles.
"""
from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Mapping, Sequence

import streamlit as st

from lib.corpus.actors import AliasTable
from lib.corpus.build import CorpusSettings, build_corpus
from lib.corpus.corrections import Corrections, text_key
from lib.corpus.frames import Corpus
from lib.engine import analyze_chunk
from lib.pipeline import Options
from lib.readers import read_paths
from lib.store import Store, analyze_cached, default_store_path, read_corrections, write_corrections
from lib.types import Article, ArticleAnalysis

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "sample_data"
SAMPLE_FILES = ("seed.txt", "demo_corpus.jsonl")
CORRECTIONS_FILE = "corrections.json"
_SAVING = threading.Lock()  # the sessions of one server read, change and write the store's corrections in turn
SAMPLE = "Sample corpus"  # the bundled corpus's workspace, open when a session starts
NEW_WORKSPACE = "My articles"  # the name of an upload's workspace when the analyst gives none
NAME_LIMIT = 60  # characters of a workspace name (it is shown in the sidebar)
TITLE_LINE_MAX = 200  # a longer first paragraph is the body's, even when a reader took it for the title


@dataclass(frozen=True)
class Workspace:
    """One of the session's named corpora. The open one's articles, alias table and metonymy choice are
    ``st.session_state.analyses``, ``.aliases`` and ``.metonymy`` (what ``corpus()`` reads); a closed one
    keeps them here until it is opened again."""

    analyses: tuple[ArticleAnalysis, ...] = ()
    aliases: AliasTable = field(default_factory=AliasTable)
    metonymy: bool = True
    uploaded: frozenset[str] = frozenset()  # ids of the articles uploaded into it: a link cannot carry them


@dataclass(frozen=True)
class Metadata:
    """What the analyst sets on an uploaded article."""

    title: str
    source: str
    published: str  # YYYY-MM-DD, or "" when unknown

    @classmethod
    def of(cls, article: Article) -> "Metadata":
        return cls(article.title, article.source, article.published)


def store_path() -> Path:
    """The store shared by every session: the sample corpus's analyses, and the corrections made on it
    beside it ($REVUE_CACHE_DIR for tests and CI, else lib.store.default_store_path)."""
    return default_store_path(os.environ.get("REVUE_CACHE_DIR"))


def corrections_path() -> Path:
    return store_path().parent / CORRECTIONS_FILE


# a resource, not data: the analyses are frozen records shared by every session, not copied for each call
@st.cache_resource(show_spinner="First start: analyzing the sample articles (about a minute; later starts open "
                                "them from the store)…")
def sample_analyses(tone: str = "model") -> list[ArticleAnalysis]:
    """The bundled corpus, the same for every visitor: analyzed once per analysis version and tone backend
    and kept in the store (so a restarted server or a second process opens it at once), then once per
    process. Only the sample goes to the store: a visitor's uploads stay in their session."""
    articles = read_paths([SAMPLE_DIR / name for name in SAMPLE_FILES])
    store = Store(store_path())
    analyses = analyze_cached(articles, store, Options(tone=tone))[0]
    if store.problem:  # locked by another process, read-only disk...: analyzed in memory all the same
        logging.getLogger(__name__).warning(store.problem)
    return analyses


def options() -> Options:
    """The per-article settings of this session (what an analysis depends on)."""
    return Options(tone=st.session_state.get("tone", "model"))


def set_tone(backend: str) -> None:
    """Score tone with another backend: the sample from its cache, the uploads of every workspace analyzed
    again (one spaCy batch per workspace)."""
    if backend == st.session_state.get("tone", "model"):
        return
    st.session_state.tone = backend
    _save_open()
    sample = {a.article.article_id: a for a in sample_analyses(backend)}
    spaces: dict[str, Workspace] = st.session_state.workspaces
    for name, space in spaces.items():
        uploads = [a.article for a in space.analyses if a.article.article_id in space.uploaded]
        fresh = {a.article.article_id: a for a in analyze_chunk(uploads, options())}
        spaces[name] = replace(space, analyses=tuple(fresh.get(a.article.article_id) or sample[a.article.article_id]
                                                     for a in space.analyses))
    _open(st.session_state.workspace)


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
        st.session_state.workspace = SAMPLE
        st.session_state.workspaces = {SAMPLE: Workspace()}
    if "corrections" not in st.session_state:
        try:
            st.session_state.corrections = read_corrections(corrections_path())
        except (OSError, ValueError) as error:  # an unreadable file is reported, and never overwritten
            st.session_state.corrections = Corrections()
            st.session_state.corrections_problem = _reason(error)
        st.session_state.corrections_version = 0


def workspace() -> str:
    """The open workspace's name."""
    return st.session_state.workspace


def workspace_names() -> list[str]:
    return list(st.session_state.workspaces)


def workspace_analyses(name: str) -> Sequence[ArticleAnalysis]:
    return st.session_state.analyses if name == workspace() else st.session_state.workspaces[name].analyses


def uploaded_ids(name: str | None = None) -> frozenset[str]:
    """Ids of the uploaded articles of a workspace (the open one by default): they stay in this session."""
    return st.session_state.workspaces[name or workspace()].uploaded


def create_workspace(name: str) -> str:
    """A new, empty workspace (not opened) called ``name``, or ``name 2``, ``name 3``… when that is taken."""
    spaces: dict[str, Workspace] = st.session_state.workspaces
    base = " ".join(name.split())[:NAME_LIMIT] or NEW_WORKSPACE
    name, n = base, 2
    while name in spaces:
        name, n = f"{base} {n}", n + 1
    spaces[name] = Workspace()
    return name


def switch_workspace(name: str) -> None:
    """Open another workspace; every page shows its corpus from the next call to ``corpus()``. The view is
    read again from the link (ui/filters.py), so a filter value this corpus does not have is dropped with a note."""
    if name == workspace() or name not in st.session_state.workspaces:
        return
    _save_open()
    _open(name)
    for key in ("filters", "metonymy_toggle"):  # the view, and the Actors page's switch showing the old choice
        st.session_state.pop(key, None)


def _save_open() -> None:
    spaces: dict[str, Workspace] = st.session_state.workspaces
    spaces[workspace()] = replace(spaces[workspace()], analyses=tuple(st.session_state.analyses),
                                  aliases=st.session_state.aliases, metonymy=st.session_state.metonymy)


def _open(name: str) -> None:
    """Make ``name``'s values the live ones; the versions move on so that every cache is rebuilt."""
    space: Workspace = st.session_state.workspaces[name]
    st.session_state.workspace = name
    st.session_state.analyses = list(space.analyses)
    st.session_state.aliases = space.aliases
    st.session_state.metonymy = space.metonymy
    st.session_state.corpus_version += 1
    st.session_state.aliases_version += 1


def add_articles(articles: list[Article], name: str) -> None:
    """Analyze uploaded articles into workspace ``name`` (read with ``seen=`` its articles, so their ids are new)."""
    analyses = analyze_chunk(articles, options())
    spaces: dict[str, Workspace] = st.session_state.workspaces
    space = replace(spaces[name], uploaded=spaces[name].uploaded | {a.article_id for a in articles})
    if name == workspace():
        st.session_state.analyses.extend(analyses)
        st.session_state.corpus_version += 1
    else:
        space = replace(space, analyses=space.analyses + tuple(analyses))
    spaces[name] = space


def with_metadata(article: Article, meta: Metadata) -> Article:
    """``article`` with the analyst's title, source and date. The title is the text's first paragraph: a new
    one replaces the old where it stands alone as the first line, and goes before the text otherwise (a first
    paragraph the reader only took for a title stays in the text)."""
    text = article.text
    if meta.title != article.title:
        first, gap, rest = text.partition("\n\n")
        alone = gap and first.strip() == article.title.strip() and "\n" not in first.strip() \
            and len(first) <= TITLE_LINE_MAX
        text = f"{meta.title}{gap}{rest}" if alone else f"{meta.title}\n\n{text}"
    return replace(article, title=meta.title, source=meta.source, published=meta.published, text=text)


def set_metadata(edits: Mapping[str, Metadata]) -> None:
    """The analyst sets the title, source or date of articles of the open workspace (by id). A new source
    changes the article's record only; a new date (relative dates are resolved against it) or title (the
    text's first paragraph) analyzes that article again, and its corrections follow it to the new text."""
    analyses: list[ArticleAnalysis] = st.session_state.analyses
    again: dict[int, Article] = {}
    moved: list[tuple[str, str]] = []
    for i, analysis in enumerate(analyses):
        old = analysis.article
        meta = edits.get(old.article_id)
        if meta is None or meta == Metadata.of(old):
            continue
        new = with_metadata(old, meta)
        if new.text != old.text:
            moved.append((old.text, new.text))
        if new.text != old.text or new.published != old.published:
            again[i] = new
        else:
            analyses[i] = replace(analysis, article=new)
    for i, analysis in zip(again, analyze_chunk(list(again.values()), options())):
        analyses[i] = analysis
    if moved:
        change_corrections(lambda corrections: _followed(corrections, moved))
    st.session_state.corpus_version += 1


def _followed(corrections: Corrections, moved: list[tuple[str, str]]) -> Corrections:
    """``corrections`` and a copy of those of each old text on its new one: spans in the body the two texts
    share move by the new title's change of length; those in the old title are not copied."""
    kept = corrections
    for old, new in moved:
        body = len(old) - len(os.path.commonprefix([old[::-1], new[::-1]]))
        shift, key, new_key = len(new) - len(old), text_key(old), text_key(new)
        for c in corrections.entries:
            if c.text_sha1 == key and c.start >= body:
                kept = kept.set(replace(c, text_sha1=new_key, start=c.start + shift, end=c.end + shift))
    return kept


def set_published(article_id: str, published: str) -> None:
    """The analyst corrects a publication date: relative dates of that article are resolved again."""
    article = next((a.article for a in st.session_state.analyses if a.article.article_id == article_id), None)
    if article is not None:
        set_metadata({article_id: replace(Metadata.of(article), published=published)})


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


def corpus() -> Corpus:
    """The session's frames, rebuilt only when its articles, aliases, metonymy choice or corrections change:
    the corpus step alone (no NLP, well under a second on the sample), so an alias edit shows at once."""
    key = (st.session_state.corpus_version, st.session_state.aliases_version, st.session_state.metonymy,
           st.session_state.corrections_version)  # versions, not id(): a replaced object may reuse an id
    if st.session_state.get("_corpus_key") != key:
        aliases = st.session_state.aliases
        st.session_state._corpus = build_corpus(st.session_state.analyses, CorpusSettings(
            aliases if not aliases.frame.empty else None, st.session_state.metonymy, st.session_state.corrections))
        st.session_state._corpus_key = key
    return st.session_state._corpus
