"""What uploaded text would turn into once rendered: Markdown as Streamlit renders it, plotly labels.

Shared by the hostile-input, AppTest and chart tests. Markdown is rendered with
markdown-it (CommonMark, GFM tables and strikethrough); Streamlit's extras are
checked on the source: GitHub's autolink literals (remark-gfm finds them in the
text once escapes are undone) and its directives (":red[…]", "$…$").
"""
from __future__ import annotations

import html
import re
import unicodedata

from markdown_it import MarkdownIt

MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# remark-gfm's autolink literals (the regexes of mdast-util-gfm-autolink-literal)
_URL = re.compile(r"(https?://|www(?=\.))[-.\w]+", re.IGNORECASE)
_EMAIL = re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+")
_DIRECTIVE = re.compile(r"(?<!\\):[\w/-]+(\[|:)|(?<!\\)\$")
_TAG = re.compile(r"<(?!/?p>)[^>]*>")  # any element but the paragraph around the text


def _starts_a_word(text: str, index: int) -> bool:
    """remark-gfm links a URL only after a space, punctuation or the start of the text."""
    return index == 0 or text[index - 1].isspace() or unicodedata.category(text[index - 1])[0] in "PS"


def live_markdown(source: str) -> list[str]:
    """Everything ``source`` would render as markup rather than text: elements, autolinks, directives."""
    rendered = MARKDOWN.render(source)
    found = _TAG.findall(rendered)
    text = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    found += [m[0] for m in _URL.finditer(text) if _starts_a_word(text, m.start())]
    found += _EMAIL.findall(text)
    found += [m[0] for m in _DIRECTIVE.finditer(source)]
    return found


# data plotly keeps for the page (a click's speaker, a trace's group) and never draws
NOT_DRAWN = {"customdata", "legendgroup", "ids", "uid"}


def figure_strings(value) -> list[str]:
    """Every string plotly may draw from a figure (a ``Figure`` or its JSON dict): labels, hover text, titles."""
    if hasattr(value, "to_plotly_json"):
        value = value.to_plotly_json()
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in NOT_DRAWN for s in figure_strings(v)]
    if hasattr(value, "tolist") and not isinstance(value, (int, float)):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in figure_strings(v)]
    return []


def live_in_figure(figure, needle: str = "evil") -> list[str]:
    """Strings of a figure holding a tag that mentions ``needle``: plotly would draw it as markup."""
    return [s for s in figure_strings(figure) if re.search(rf"<[^<>]*{needle}", s, re.IGNORECASE)]
