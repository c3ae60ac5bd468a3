"""Safe rendering of article text: everything uploaded is escaped before it reaches HTML."""
from __future__ import annotations

import html
from pathlib import Path
from typing import Iterable

import pandas as pd
import streamlit as st

# (start, end, css class) highlight spans; classes are styled in STYLE below
Highlight = tuple[int, int, str]

STYLE = """<style>
.rv-text{line-height:1.7;font-size:0.95rem}
.rv-text mark{padding:0 2px;border-radius:3px}
mark.rv-quote{background:#fde68a} mark.rv-speaker{background:#bfdbfe;font-weight:600}
mark.rv-cue{background:#ddd6fe} mark.rv-date{background:#bbf7d0} mark.rv-PER{background:#fbcfe8}
mark.rv-ORG{background:#fed7aa} mark.rv-GPE,mark.rv-LOC{background:#a5f3fc} mark.rv-MISC{background:#e5e7eb}
</style>"""


def highlighted_html(text: str, spans: Iterable[Highlight]) -> str:
    """``text`` escaped, with non-overlapping spans wrapped in <mark> (earlier, longer spans win)."""
    chosen: list[Highlight] = []
    for start, end, css in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if 0 <= start < end <= len(text) and all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, css))
    out, pos = [], 0
    for start, end, css in sorted(chosen):
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark class="rv-{html.escape(css)}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    # <br> rather than newlines: a blank line would end Markdown's HTML block and
    # let the rest of the article be parsed as Markdown
    return "".join(out).replace("\n", "<br>")


def show_text(text: str, spans: Iterable[Highlight] = ()) -> None:
    st.markdown(STYLE + f'<div class="rv-text">{highlighted_html(text, spans)}</div>', unsafe_allow_html=True)


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
