"""Adding articles: the sidebar's uploader, the column-mapping step for corpus files, the batch report.

Reading is lib.readers' job (formats, limits, duplicates); this module only
decides when to ask the analyst about a corpus's columns and says what
happened to every file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from lib.output.markup import plain_markdown
from lib.readers import (CORPUS_SUFFIXES, DEFAULT_LIMITS, SUPPORTED_SUFFIXES, CorpusPreview, propose_mapping,
                         read_uploads)
from lib.readers.tabular import FIELDS
from lib.readers.meta import is_sidecar
from ui import state

FIELD_HELP = {"text": "the article body (required)", "published": "relative dates are resolved against it",
              "title": "", "source": "the outlet", "article_id": "", "url": "", "lang": "fr, en…", "author": ""}


@dataclass
class PendingCorpus:
    """A corpus file waiting for the analyst to confirm which column is which."""

    name: str
    data: bytes
    preview: CorpusPreview


@dataclass
class BatchReport:
    """What the last upload did, shown once in the sidebar."""

    added: int = 0
    files: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # duplicates among them
    duplicates: int = 0


def _preview(name: str, data: bytes) -> CorpusPreview | None:
    """The corpus's proposed mapping when it is a corpus file the analyst should look at."""
    if Path(name).suffix.lower() not in CORPUS_SUFFIXES or is_sidecar(name):
        return None
    try:
        preview = propose_mapping(name, data)
    except Exception:  # noqa: BLE001 - not a table: reading it will name the reason
        return None
    return preview if preview.columns and preview.needs_review else None


def ingest(files: list[tuple[str, bytes]], mappings: dict[str, dict[str, str]] | None = None) -> None:
    """Read and analyze a batch; every file's fate goes to the sidebar's report."""
    report = read_uploads(files, DEFAULT_LIMITS, seen=[a.article for a in st.session_state.analyses],
                          mappings=mappings)
    bar = st.progress(0.0, text="Analyzing…")
    # unreadable files and duplicates join the corpus too: the Overview lists them with the reason
    state.add_articles(report.articles, lambda i, n, aid: bar.progress(i / n, text=f"Analyzing {aid} ({i}/{n})"))
    bar.empty()
    st.session_state.upload_report = BatchReport(
        added=len(report.readable), files=len(files), errors=report.errors, notes=report.notes,
        duplicates=sum(bool(a.duplicate_of) for a in report.articles))


def _show_report(report: BatchReport) -> None:
    summary = (f"Added {report.added} article(s) from {report.files} file(s)."
               + (f" {report.duplicates} duplicate(s) analyzed once." if report.duplicates else ""))
    (st.success if report.added else st.warning)(summary)
    # a file name, a column header or a cell quoted in a reason is the uploader's text: never Markdown
    for name, reason in report.errors:
        st.error(f"{plain_markdown(name)}: {plain_markdown(reason)}")
    for name, note in report.notes:
        st.caption(f"{plain_markdown(name)}: {plain_markdown(note)}")


def upload_panel() -> None:
    """The sidebar expander: upload files, include or drop the sample corpus."""
    with st.sidebar.expander("Add articles", expanded=False):
        files = st.file_uploader(
            "Articles (text, Markdown, HTML, PDF, DOCX), corpora (CSV, TSV, JSON, JSONL) or ZIP archives of them",
            accept_multiple_files=True, type=sorted(s.lstrip(".") for s in SUPPORTED_SUFFIXES), key="uploads",
            help="A FILE.meta.json uploaded with FILE adds its title, source and date. Files that cannot be read "
                 "are listed with the reason; the rest of the batch is analyzed.")
        done: set[str] = st.session_state.setdefault("uploaded_ids", set())
        new = [f for f in files or [] if f.file_id not in done]
        if new:
            done.update(f.file_id for f in new)
            pending: dict[str, PendingCorpus] = st.session_state.setdefault("pending_corpora", {})
            direct = []
            for f in new:
                data = f.getvalue()
                preview = _preview(f.name, data)
                if preview:
                    pending[f.name] = PendingCorpus(f.name, data, preview)
                else:
                    direct.append((f.name, data))
            if direct:
                ingest(direct)
        if "upload_report" in st.session_state:  # once: the Overview keeps the full list of unread files
            _show_report(st.session_state.pop("upload_report"))
        for name in st.session_state.get("pending_corpora", {}):
            st.info(f"{plain_markdown(name)}: waiting for its columns to be chosen, above the page.")
        keep_sample = st.toggle("Include the sample corpus", value=True, key="keep_sample")
        if keep_sample != st.session_state.setdefault("_sample_shown", True):
            st.session_state._sample_shown = keep_sample
            state.replace_with_sample(keep_sample)
            st.session_state.uploaded_ids = set()


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
                ingest([(name, item.data)], {name: chosen})
                st.rerun()
            if skip.button("Skip this file", key=f"map_skip_{name}"):
                del pending[name]
                st.rerun()
            if not chosen["text"]:
                st.warning("Choose the column that holds the article text.")
