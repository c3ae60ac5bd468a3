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
from lib.types import Article

logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its warnings become our error messages

_HTML_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2})", re.I)


def read_html(name: str, data: bytes) -> Article:
    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                      include_tables=False, include_images=False, deduplicate=True)
    body = (doc.text or "").strip() if doc is not None else ""
    if not body:
        raise ValueError("no article text found in the HTML page (only scripts, menus or an empty body)")
    title = (doc.title or "").strip()
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    lang = _HTML_LANG.search(data[:4096])
    return Article(article_id=Path(name).stem, title=title or paragraphs[0][:200],
                   text="\n\n".join(paragraphs), published=iso_date(doc.date), source=doc.sitename or "",
                   url=doc.url or "", lang=(doc.language or (lang[1].decode() if lang else "")).lower()[:2],
                   author=doc.author or "", file=name)
