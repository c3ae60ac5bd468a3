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
from lib.readers.text import decode_bytes
from lib.types import Article

logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its warnings become our error messages

MIN_WORDS = 5  # below this the page holds no article, only its shell
_HTML_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2})", re.I)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", re.I)


def _decode_html(data: bytes) -> str:
    """The page as text: its declared charset, else detected like a text file.

    A page saved in Windows-1252 without a <meta charset> would otherwise be
    guessed as Baltic by trafilatura ("reçu" -> "reēu").
    """
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared[1].decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data).text


def read_html(name: str, data: bytes) -> Article:
    doc = trafilatura.bare_extraction(_decode_html(data), with_metadata=True, include_comments=False,
                                      include_tables=False, include_images=False)
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
