"""The one escaping layer between uploaded text and the screen.

Every string that came from a user's file (file names, column headers, titles,
sources, authors, actor names, alias-table values, article text) is shown
through one of these:

- ``plain_markdown`` where Streamlit renders Markdown (captions, alerts,
  subheaders, metric values): no link, image, emphasis, directive, math or
  bare-URL autolink survives, and control characters are shown as escapes;
- ``plain_html`` inside HTML the app builds itself (the highlighted article)
  and in plotly labels and hover text, which read ``<a href>``, ``<b>``,
  ``<br>`` as markup.

Links on screen are only those the app builds itself.
"""
from __future__ import annotations

import html
import re

# C0/C1 controls, line/paragraph separators and bidi overrides: a name holding them is shown with them
# spelled out ("evil\\nname.txt"), so a newline cannot start a Markdown block nor U+202E reverse an extension
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SPELLED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# ASCII punctuation that means something to CommonMark, GFM or Streamlit (":red[…]", ":material/…:", "$…$")
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_{}\[\]()#<>!|~$:&])")
# "- x", "+ x", "1. x", "2) x" open a list only at the start of a line (here: of the string)
_LINE_START = re.compile(r"^(\s*)([-+])|^(\s*\d{1,9})([.)])")
# GitHub's autolink literals are found in the text after Markdown escapes are undone, so the escapes above
# cannot stop them: an invisible word joiner breaks "://", "www." and "user@host" instead
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)


def visible(text: object) -> str:
    """``text`` with its control characters spelled out as escapes (\\n, \\x1b, \\u202e)."""
    def spell(match: re.Match) -> str:
        ch = match[0]
        return _SPELLED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")

    return _CONTROL.sub(spell, str(text))


def without_controls(text: str, replacement: str = "_") -> str:
    """``text`` with each control character replaced: an id or a key must not hold a newline."""
    return _CONTROL.sub(replacement, text)


def plain_markdown(text: object) -> str:
    """Uploaded text for a Markdown element (st.caption, st.error, st.metric…): rendered as the literal text."""
    text = _AUTOLINK.sub(WORD_JOINER, visible(text))
    text = _MARKDOWN_ACTIVE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[2] else f"{m[3]}\\{m[4]}", text)


def plain_html(text: object) -> str:
    """Uploaded text for HTML text content or a plotly label: <, > and & escaped, so no tag can open.

    Quotes stay as they are: they only matter inside a tag, and plotly would show "&quot;" as it is.
    """
    return html.escape(str(text), quote=False)
