"""Saved news pages: the article's main text and metadata, through trafilatura.

trafilatura drops navigation, related links, comments, scripts and footers,
and reads title, author, site name, publication date and canonical URL from
the page's meta tags (Open Graph, JSON-LD, ``<time>``...).
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

import trafilatura

from lib.readers.meta import iso_date
from lib.readers.text import decode_bytes, is_binary
from lib.types import Article

logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its warnings become our error messages

MIN_WORDS = 5  # below this the page holds no article, only its shell
_HTML_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2})", re.I)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", re.I)
# What browsers make of a declared charset (WHATWG Encoding, "prescan"): a <meta> found in ASCII-compatible
# bytes cannot mean UTF-16 or UTF-32, so the page is read as UTF-8; Latin-1 and ASCII labels mean Windows-1252
_BROWSER_CHARSET = {"utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8", "utf-32": "utf-8",
                    "unicode": "utf-8", "ucs-2": "utf-8", "iso-10646-ucs-2": "utf-8", "csunicode": "utf-8",
                    "unicodefeff": "utf-8", "unicodefffe": "utf-8", "x-user-defined": "cp1252",
                    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                    "l1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252"}
# what a page runs or styles, never what it says: a <script> inside <h1> would end up in the title
_NOT_TEXT = "//script[not(contains(@type, 'ld+json'))] | //style | //template"


def _decode_html(data: bytes) -> str:
    """The page as text: its declared charset as a browser reads it, else (no declaration, or one that
    does not decode the bytes into text) detected like a text file.

    A page saved in Windows-1252 without a <meta charset> would otherwise be
    guessed as Baltic by trafilatura ("reçu" -> "reēu").
    """
    declared = _CHARSET.search(data[:4096])
    if declared:
        label = declared[1].decode("ascii").lower()
        try:
            text = data.decode(_BROWSER_CHARSET.get(label, label))
            if not is_binary(text):
                return text
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data).text


def _page(data: bytes):
    """The parsed page without scripts, styles and templates (JSON-LD metadata kept)."""
    tree = trafilatura.load_html(_decode_html(data))
    if tree is not None:
        for element in tree.xpath(_NOT_TEXT):
            element.drop_tree()
    return tree


def read_html(name: str, data: bytes) -> Article:
    tree = _page(data)
    doc = None if tree is None else trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=False, include_images=False)
    body = (doc.text or "").strip() if doc is not None else ""
    title = (doc.title or "").strip() if doc is not None else ""
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    # A page rendered by JavaScript leaves its title and a <noscript> line ("Activez JavaScript").
    if sum(len(p.split()) for p in paragraphs if p != title) < MIN_WORDS:
        raise ValueError("no article text found in the HTML page (only scripts, menus or an empty body)")
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    lang = _HTML_LANG.search(data[:4096])
    return Article(article_id=Path(name).stem, title=title or paragraphs[0][:200],
                   text="\n\n".join(paragraphs), published=iso_date(doc.date), source=doc.sitename or "",
                   url=doc.url or "", lang=(doc.language or (lang[1].decode() if lang else "")).lower()[:2],
                   author=doc.author or "", file=name)
