"""Adding articles: the sidebar's uploader, the column-mapping step for corpus files, the analysis run.

Reading is lib.readers' job (formats, limits, duplicates); this module decides
where a batch goes (a new workspace, or the open one), asks about a corpus's
columns, says how much there is to analyze and about how long it takes (a big
batch waits for the analyst's go-ahead), then analyzes it chunk by chunk.
Each chunk joins its workspace as soon as it is done: a click on Stop
interrupts the run between two chunks, and what was analyzed stays.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import streamlit as st

from lib.engine import estimated_seconds
from lib.output.markup import plain_markdown
from lib.readers import (CORPUS_SUFFIXES, DEFAULT_LIMITS, SUPPORTED_SUFFIXES, CorpusPreview, propose_mapping,
                         read_uploads)
from lib.readers.meta import is_sidecar
from lib.readers.tabular import FIELDS
from lib.types import Article
from ui import state
from ui.workspaces import metadata_form

FIELD_HELP = {"text": "the article body (required)", "published": "relative dates are resolved against it",
              "title": "", "source": "the outlet", "article_id": "", "url": "", "lang": "fr, en…", "author": ""}
INTO_NEW, INTO_OPEN = "new", "open"  # where an upload goes
CONFIRM_ARTICLES = 50  # a batch of more articles than this, or
CONFIRM_SECONDS = 60.0  # one expected to take longer, waits for the analyst's go-ahead
CHUNK_ARTICLES = 16  # analyzed and kept at a time: Stop costs at most the chunk under way


@dataclass(frozen=True)
class PendingCorpus:
    """A corpus file waiting for the analyst to confirm which column is which."""

    name: str
    data: bytes
    preview: CorpusPreview
    workspace: str  # where its articles go


@dataclass(frozen=True)
class BatchReport:
    """What an upload did, shown once in the sidebar."""

    added: int = 0
    files: int = 0
    errors: tuple[tuple[str, str], ...] = ()
    notes: tuple[tuple[str, str], ...] = ()  # duplicates among them
    duplicates: int = 0
    left: int = 0  # articles not analyzed: the analyst stopped the run or cancelled it


@dataclass(frozen=True)
class Batch:
    """An upload read and waiting to be analyzed into its workspace."""

    serial: int  # the session's count of batches: the widget keys of its confirmation
    workspace: str
    todo: tuple[Article, ...]  # readable articles not analyzed yet
    duplicates: tuple[Article, ...]  # texts already read: added once their original is in the workspace
    total: int
    report: BatchReport
    confirmed: bool

    @property
    def done(self) -> int:
        return self.total - len(self.todo)


def duration(seconds: float) -> str:
    """About how long, for a person: "40 s", "3 min", "1 h 20 min"."""
    if seconds < 60:
        return f"{max(5, round(seconds / 5) * 5)} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d} min"


def needs_confirmation(articles: list[Article]) -> bool:
    return len(articles) > CONFIRM_ARTICLES or estimated_seconds(articles) > CONFIRM_SECONDS


def _preview(name: str, data: bytes) -> CorpusPreview | None:
    """The corpus's proposed mapping when it is a corpus file the analyst should look at."""
    if Path(name).suffix.lower() not in CORPUS_SUFFIXES or is_sidecar(name):
        return None
    try:
        preview = propose_mapping(name, data)
    except Exception:  # noqa: BLE001 - not a table: reading it will name the reason
        return None
    return preview if preview.columns and preview.needs_review else None


def ingest(files: list[tuple[str, bytes]], workspace: str, mappings: dict[str, dict[str, str]] | None = None) -> None:
    """Read a batch for ``workspace`` and queue its analysis; unreadable files join the workspace at once
    (the Overview lists them with the reason)."""
    report = read_uploads(files, DEFAULT_LIMITS, seen=[a.article for a in state.workspace_analyses(workspace)],
                          mappings=mappings)
    unreadable = [a for a in report.articles if a.error]
    if unreadable:
        state.add_articles(unreadable, workspace)
    readable = report.readable
    serial = st.session_state.get("_batches", 0) + 1
    st.session_state._batches = serial
    duplicates = tuple(a for a in report.articles if a.duplicate_of and not a.error)
    st.session_state.setdefault("upload_queue", []).append(Batch(
        serial, workspace, tuple(readable), duplicates, len(readable),
        BatchReport(files=len(files), errors=tuple(report.errors), notes=tuple(report.notes),
                    duplicates=len(duplicates)),
        confirmed=not needs_confirmation(readable)))


def _show_report(report: BatchReport) -> None:
    summary = (f"Added {report.added} article(s) from {report.files} file(s)."
               + (f" {report.duplicates} duplicate(s) analyzed once." if report.duplicates else ""))
    (st.success if report.added else st.warning)(summary)
    if report.left:
        st.warning(f"{report.left:,} article(s) left out, not analyzed. Uploaded again into the same workspace, "
                   "the file adds them (what is already there is recognised and analyzed once).")
    # a file name, a column header or a cell quoted in a reason is the uploader's text: never Markdown
    for name, reason in report.errors:
        st.error(f"{plain_markdown(name)}: {plain_markdown(reason)}")
    for name, note in report.notes:
        st.caption(f"{plain_markdown(name)}: {plain_markdown(note)}")


def upload_panel() -> None:
    """The sidebar expander: where new files go, the uploader, what the last upload did."""
    with st.sidebar.expander("Add articles", expanded=False):
        into = st.radio("Put new files in", (INTO_NEW, INTO_OPEN), key="upload_into", horizontal=True,
                        format_func={INTO_NEW: "a new workspace", INTO_OPEN: "the open workspace"}.get)
        name = st.text_input("Its name", value=state.NEW_WORKSPACE, key="workspace_name", max_chars=state.NAME_LIMIT,
                             disabled=into != INTO_NEW)
        files = st.file_uploader(
            "Articles (text, Markdown, HTML, PDF, DOCX), corpora (CSV, TSV, JSON, JSONL) or ZIP archives of them",
            accept_multiple_files=True, type=sorted(s.lstrip(".") for s in SUPPORTED_SUFFIXES), key="uploads",
            help="A FILE.meta.json uploaded with FILE adds its title, source and date. Files that cannot be read "
                 "are listed with the reason; the rest of the batch is analyzed.")
        done: set[str] = st.session_state.setdefault("_uploader_seen", set())  # the uploader keeps its files
        new = [f for f in files or [] if f.file_id not in done]
        if new:
            done.update(f.file_id for f in new)
            workspace = state.create_workspace(name) if into == INTO_NEW else state.workspace()
            pending: dict[str, PendingCorpus] = st.session_state.setdefault("pending_corpora", {})
            direct = []
            for f in new:
                data = f.getvalue()
                preview = _preview(f.name, data)
                if preview:
                    pending[f.name] = PendingCorpus(f.name, data, preview, workspace)
                else:
                    direct.append((f.name, data))
            if direct:
                ingest(direct, workspace)
            state.switch_workspace(workspace)
            st.rerun()  # the switch at the top of the sidebar shows the workspace; the batch runs above the page
        if "upload_report" in st.session_state:  # once: the Overview keeps the full list of unread files
            _show_report(st.session_state.pop("upload_report"))
        for waiting in st.session_state.get("pending_corpora", {}):
            st.info(f"{plain_markdown(waiting)}: waiting for its columns to be chosen, above the page.")


def mapping_step() -> None:
    """Above every page while a corpus file waits: its columns, a few rows, a field -> column form."""
    pending: dict[str, PendingCorpus] = st.session_state.get("pending_corpora", {})
    for name, item in list(pending.items()):
        preview = item.preview
        with st.container(border=True):
            # no anchor: its link would be built from the file's name
            st.subheader(f"Which column is which in {plain_markdown(name)}?", anchor=False)
            st.caption(f"{preview.n_rows} rows, columns {', '.join(map(plain_markdown, preview.columns))}. "
                       "Revue could not recognise every column by its name; check the guesses below.")
            st.dataframe(pd.DataFrame(preview.sample), hide_index=True, width="stretch", key=f"map_sample_{name}")
            options = [""] + preview.columns
            chosen: dict[str, str] = {}
            columns = st.columns(4)
            for i, field_name in enumerate(FIELDS):
                proposed = preview.mapping.get(field_name, "")
                chosen[field_name] = columns[i % 4].selectbox(
                    field_name, options, index=options.index(proposed) if proposed in options else 0,
                    format_func=lambda c: c or "(none)", key=f"map_{name}_{field_name}",
                    help=FIELD_HELP.get(field_name) or None)
            read, skip = st.columns([1, 1])
            if read.button("Read with this mapping", key=f"map_read_{name}", type="primary",
                           disabled=not chosen["text"]):
                del pending[name]
                ingest([(name, item.data)], item.workspace, {name: chosen})
                st.rerun()
            if skip.button("Skip this file", key=f"map_skip_{name}"):
                del pending[name]
                st.rerun()
            if not chosen["text"]:
                st.warning("Choose the column that holds the article text.")


def analysis_step() -> None:
    """Above every page while an upload waits: its go-ahead when it is big, else its analysis with progress."""
    queue: list[Batch] = st.session_state.get("upload_queue", [])
    if queue:
        (_analyze if queue[0].confirmed else _confirm)(queue)


def _what(batch: Batch) -> str:
    words = sum(len(a.text.split()) for a in batch.todo)
    return (f"{len(batch.todo):,} article(s), {words:,} words, into {plain_markdown(batch.workspace)}: about "
            f"{duration(estimated_seconds(list(batch.todo)))} on this server")


def _confirm(queue: list[Batch]) -> None:
    """A big batch: how much and how long, its metadata table, and the go-ahead (or not)."""
    batch = queue[0]
    with st.container(border=True):
        st.subheader(f"Analyze {len(batch.todo):,} articles?", anchor=False)
        st.caption(f"{_what(batch)}. The analysis can be stopped at any time; what is done by then is kept. "
                   "Title, source and date can be set here, or later on the Overview.")
        clicked, edits = metadata_form(list(batch.todo), f"confirm_{batch.serial}",
                                       (f"Analyze {len(batch.todo):,} articles", "Cancel"))
    if clicked == 0:
        todo = tuple(state.with_metadata(a, edits[a.article_id]) if a.article_id in edits else a for a in batch.todo)
        queue[0] = replace(batch, todo=todo, confirmed=True)
        st.rerun()
    if clicked == 1:
        _finish(queue)
        st.rerun()


def _progress_text(batch: Batch, started: float, done_here: int) -> str:
    if not done_here:
        return f"{batch.done:,}/{batch.total:,} articles: {_what(batch)}"
    rate = done_here / max(time.monotonic() - started, 1e-3)
    return (f"{batch.done:,}/{batch.total:,} articles · {rate:.1f} per second · "
            f"about {duration(len(batch.todo) / rate)} left")


def _analyze(queue: list[Batch]) -> None:
    """Chunk by chunk into the workspace; Stop (a click reruns the script, which ends this loop at its next
    Streamlit call) keeps every finished chunk."""
    batch = queue[0]
    box = st.container(border=True)
    box.subheader(f"Analyzing {batch.total:,} articles into {plain_markdown(batch.workspace)}", anchor=False)
    if box.button("Stop the analysis", key="analysis_stop", icon=":material/stop_circle:"):
        _finish(queue)
        st.rerun()
    bar = box.progress(batch.done / max(batch.total, 1), text=_progress_text(batch, 0.0, 0))
    started, done_here = time.monotonic(), 0
    while queue[0].todo:
        done_here += _next_chunk(queue)
        bar.progress(queue[0].done / queue[0].total, text=_progress_text(queue[0], started, done_here))
    _finish(queue)
    st.rerun()  # the sidebar's report and every page show the analyzed batch


def _next_chunk(queue: list[Batch]) -> int:
    """Analyze the first batch's next chunk into its workspace and take it off the batch, both before any
    Streamlit call (where a click on Stop ends the run); how many articles that was."""
    batch = queue[0]
    chunk = list(batch.todo[:CHUNK_ARTICLES])
    state.add_articles(chunk, batch.workspace)
    queue[0] = replace(batch, todo=batch.todo[CHUNK_ARTICLES:])
    return len(chunk)


def _finish(queue: list[Batch]) -> None:
    """The batch leaves the queue: the duplicates of what was analyzed join it, the rest is reported left."""
    batch = queue.pop(0)
    present = {a.article.article_id for a in state.workspace_analyses(batch.workspace)}
    duplicates = [a for a in batch.duplicates if a.duplicate_of in present]
    if duplicates:
        state.add_articles(duplicates, batch.workspace)
    st.session_state.upload_report = replace(batch.report, added=batch.done, left=len(batch.todo))
