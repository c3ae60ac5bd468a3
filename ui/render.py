"""Safe rendering of article text: everything uploaded is escaped before it reaches HTML."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

import pandas as pd
import streamlit as st

from lib.output.markup import plain_html

# (start, end, css class) highlight spans; classes are styled in STYLE below
Highlight = tuple[int, int, str]
# every line ending Markdown knows (\r alone too): a blank line would end the HTML block below and let the
# rest of the article be parsed as Markdown, links and images included
_LINE_END = re.compile(r"\r\n?|\n")

STYLE = """<style>
.rv-text{line-height:1.7;font-size:0.95rem}
.rv-text mark{padding:0 2px;border-radius:3px}
mark.rv-quote{background:#fde68a} mark.rv-speaker{background:#bfdbfe;font-weight:600}
mark.rv-cue{background:#ddd6fe} mark.rv-date{background:#bbf7d0} mark.rv-PER{background:#fbcfe8}
mark.rv-ORG{background:#fed7aa} mark.rv-GPE,mark.rv-LOC{background:#a5f3fc} mark.rv-MISC{background:#e5e7eb}
mark.rv-hit{background:#fde047;font-weight:600}
</style>"""


def _crosses(a: Highlight, b: Highlight) -> bool:
    """Overlapping without one holding the other: such a pair cannot nest as HTML elements."""
    return a[0] < b[1] and b[0] < a[1] and not (a[0] <= b[0] and b[1] <= a[1]) and not (b[0] <= a[0] and a[1] <= b[1])


def highlighted_html(text: str, spans: Iterable[Highlight]) -> str:
    """``text`` escaped, with spans wrapped in <mark>; a span inside another nests (a date or a
    speaker inside a quote stays visible), a span crossing one already kept is dropped
    (earlier, longer spans win)."""
    chosen: list[Highlight] = []
    for span in sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]))):
        start, end, _ = span
        if 0 <= start < end <= len(text) and not any(_crosses(span, kept) for kept in chosen):
            chosen.append(span)
    # boundaries: at one offset, closings come before openings, inner spans close before outer ones
    events = sorted([(s, 1, -(e - s), "open", css) for s, e, css in chosen]
                    + [(e, 0, e - s, "close", css) for s, e, css in chosen])
    out, pos = [], 0
    for offset, _, _, kind, css in events:
        out.append(plain_html(text[pos:offset]))
        # a class is a name, never markup (an alias table may carry any label)
        out.append(f'<mark class="rv-{re.sub(r"[^A-Za-z0-9_-]", "", css)}">' if kind == "open" else "</mark>")
        pos = offset
    out.append(plain_html(text[pos:]))
    return _LINE_END.sub("<br>", "".join(out))


def show_text(text: str, spans: Iterable[Highlight] = ()) -> None:
    st.markdown(STYLE + f'<div class="rv-text">{highlighted_html(text, spans)}</div>', unsafe_allow_html=True)


CHAR_PX = 7.5  # a character of a table's font, in pixels, rounded up
CELL_PADDING_PX = 28
WIDEST_COLUMN_PX = 480


def fitted_column(label: str, values: Iterable[str]) -> st.column_config.TextColumn:
    """A text column as wide as its longest value (up to ``WIDEST_COLUMN_PX``): a table cell cuts its text
    without wrapping, and "Parti radic…" reads as a different party."""
    longest = max((len(str(v)) for v in values if isinstance(v, str)), default=0)
    return st.column_config.TextColumn(
        label, width=int(min(max(len(label), longest) * CHAR_PX + CELL_PADDING_PX, WIDEST_COLUMN_PX)))


PAGE_ROWS = 500  # rows a long table sends to the browser at a time (10,000 articles have 58,000 quotes)


def table_page(rows: pd.DataFrame, key: str, showing: int | None = None) -> tuple[pd.DataFrame, int]:
    """The part of a long table to list, and the position of its first row in ``rows``.

    A table longer than ``PAGE_ROWS`` gets a page number above it (key ``KEY_page``); ``showing``, a
    position in ``rows``, turns to the page that holds it (a link's quote). A shorter table is all listed.
    """
    if len(rows) <= PAGE_ROWS:
        return rows, 0
    pages = -(-len(rows) // PAGE_ROWS)
    state = f"{key}_page"
    if showing is not None:
        st.session_state[state] = showing // PAGE_ROWS + 1
    elif st.session_state.get(state, 1) > pages:  # the filters left fewer pages than the one open
        st.session_state[state] = pages
    left, right = st.columns([1, 5], vertical_alignment="bottom")
    page = left.number_input("Page", min_value=1, max_value=pages, step=1, key=state)
    start = (page - 1) * PAGE_ROWS
    right.caption(f"Page {page:,} of {pages:,}: rows {start + 1:,}–{min(start + PAGE_ROWS, len(rows)):,} of "
                  f"{len(rows):,}.")
    return rows.iloc[start:start + PAGE_ROWS], start


def metric_row():
    """A row for ``metric(..., width="content")`` calls: spread across the page, wrapping onto a second row when
    the page is narrow, where equal columns cut a figure ("19,…" words at 1024 px)."""
    return st.container(horizontal=True, horizontal_alignment="distribute", gap="medium")


def empty_notice(what: str) -> None:
    st.info(f"No {what} in the current selection. Widen the sidebar filters or upload more articles.")


def file_label(file: str) -> str:
    """A file as the analyst named it: a path on the server shows its name only (not the server's layout)."""
    return Path(file).name if Path(file).is_absolute() else file


def require(rows: pd.DataFrame, what: str) -> None:
    """Stop the page with an explanation when the selection leaves no ``what`` to show."""
    if rows.empty:
        empty_notice(what)
        st.stop()


def open_article_button(article_id: str, key: str) -> None:
    """"Open the article": the Article page opens on it (it reads ``article_id`` from the session)."""
    if st.button("Open the article", key=key, icon=":material/article:"):
        st.session_state["article_id"] = article_id
        st.switch_page("views/article.py")


def import_once(container, uploaded, done_key: str, importer) -> None:
    """Read an uploaded file once per upload (a successful import reruns the script) and keep a refusal
    in view: ``importer(uploaded)`` returns why the file was refused, "" once imported."""
    # file id -> why it was refused ("" once imported)
    done: dict[str, str] = st.session_state.setdefault(done_key, {})
    if uploaded is None:
        return
    if uploaded.file_id not in done:
        done[uploaded.file_id] = ""  # before importing: a successful import reruns the script
        done[uploaded.file_id] = importer(uploaded)
    if done[uploaded.file_id]:
        container.warning(done[uploaded.file_id])
