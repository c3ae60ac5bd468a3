"""Workspaces in the sidebar, and the table where the analyst sets uploaded articles' title, source and date.

A workspace is one of the session's named corpora (ui/state.py keeps them): the sample corpus, and one per
upload unless the analyst adds the files to the open one. The switch sits at the top of the sidebar; names
and titles are the analyst's text, shown through lib.output.markup.
"""
from __future__ import annotations

import re
from datetime import date

import pandas as pd
import streamlit as st

from lib.output.markup import plain_markdown, visible
from lib.types import Article
from ui import state

PICK = "workspace_pick"  # the switch's widget key
FIELDS = ("title", "source", "published")  # what the analyst sets (state.Metadata), beside the read-only file
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _articles(name: str) -> int:
    return sum(not a.article.error and not a.article.duplicate_of for a in state.workspace_analyses(name))


def _count(n: int) -> str:
    return f"{n:,} article" + ("" if n == 1 else "s")


def workspace_switch() -> None:
    """Top of the sidebar: the open workspace, the others one click away, and what a link cannot carry."""
    st.session_state[PICK] = state.workspace()  # an upload may have opened another one since the last run
    names = state.workspace_names()
    st.sidebar.radio("Workspace", names, key=PICK, format_func=plain_markdown,  # an option is Markdown
                     captions=[_count(_articles(name)) for name in names],
                     on_change=lambda: state.switch_workspace(st.session_state[PICK]),
                     help="Each workspace keeps its own articles, alias table, metonymy choice and corrections.")
    note = st.sidebar.container()  # always there: the elements below keep their place (an open expander stays open)
    if state.uploaded_ids():
        note.caption(f"{plain_markdown(state.workspace())} holds uploaded articles: they stay in this "
                           "session, so a copied link reopens its page and filters on the sample corpus only.")


def metadata_table(articles: list[Article]) -> pd.DataFrame:
    return pd.DataFrame({"file": [visible(a.file) for a in articles], "title": [a.title for a in articles],
                         "source": [a.source for a in articles], "published": [a.published for a in articles]},
                        index=pd.Index([a.article_id for a in articles], name="article_id"))


def _cell(value: object) -> str:
    """An edited cell as one line of text ('' for a cleared one)."""
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else " ".join(str(value).split())


def _is_day(value: str) -> bool:
    if not _ISO_DAY.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def read_metadata(before: pd.DataFrame, after: pd.DataFrame) -> tuple[dict[str, state.Metadata], list[str]]:
    """The rows the analyst changed (article id -> new metadata), and one message per row that is not valid."""
    edits: dict[str, state.Metadata] = {}
    problems: list[str] = []
    for row, (article_id, cells) in enumerate(after.iterrows(), start=1):
        old = state.Metadata(*(before.at[article_id, name] for name in FIELDS))
        # a field left as it was keeps its exact text (a title's inner spacing is part of the analyzed text)
        meta = state.Metadata(*(_cell(cells[name]) if _cell(cells[name]) != _cell(getattr(old, name))
                                else getattr(old, name) for name in FIELDS))
        where = f"Row {row} ({plain_markdown(before.at[article_id, 'file'])})"
        if not meta.title:
            problems.append(f"{where}: the title cannot be empty.")
        if meta.published and not _is_day(meta.published):
            problems.append(f"{where}: “{plain_markdown(meta.published)}” is not a date; write it YYYY-MM-DD, "
                            "or leave it empty when unknown.")
        if meta != old:
            edits[article_id] = meta
    return edits, problems


def metadata_form(articles: list[Article], key: str, buttons: tuple[str, ...]) -> tuple[int, dict[str, state.Metadata]]:
    """The editable table of ``articles`` and the form's buttons: (the button clicked, -1 for none; the valid
    edits). Invalid rows are named above the table and give no edits, so nothing is applied half-way."""
    table = metadata_table(articles)
    with st.form(key, border=False):
        edited = st.data_editor(
            table, key=f"{key}_table", hide_index=True, width="stretch", num_rows="fixed", disabled=["file"],
            column_config={"published": st.column_config.TextColumn(
                "published", help="YYYY-MM-DD; relative dates (« hier », “last week”) are resolved against it")})
        clicked = [column.form_submit_button(label, key=f"{key}_{i}", type="primary" if i == 0 else "secondary")
                   for i, (label, column) in enumerate(zip(buttons, st.columns(len(buttons) + 2)))]
    chosen = clicked.index(True) if any(clicked) else -1
    if chosen != 0:
        return chosen, {}
    edits, problems = read_metadata(table, edited)
    for problem in problems:
        st.error(problem)
    return (-1, {}) if problems else (0, edits)


def metadata_editor() -> None:
    """The open workspace's uploaded articles, their title, source and date set in a table and applied at once."""
    ids = state.uploaded_ids()
    articles = [a.article for a in st.session_state.analyses if a.article.article_id in ids and not a.article.error]
    if not articles:
        return
    st.subheader("Title, source and date of the uploaded articles")
    st.caption("A new source applies at once; a new date or title analyzes that article again (a title is the "
               "text's first paragraph: it replaces the old one when that stood alone on the first line).")
    if message := st.session_state.pop("_metadata_message", ""):
        st.success(message)
    clicked, edits = metadata_form(articles, f"metadata_{st.session_state.corpus_version}", ("Apply",))
    if clicked == 0:
        if edits:
            with st.spinner(f"Applying {len(edits)} change(s)…"):
                state.set_metadata(edits)
        st.session_state._metadata_message = f"{len(edits)} article(s) changed." if edits else "Nothing changed."
        st.rerun()  # the figures above were drawn before the change
