"""Corpus files, one article per row: CSV/TSV, JSON Lines, or a JSON array."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from lib.readers.text import decode
from lib.types import Article

# Accepted column names for each Article field, standard name first.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "article_id": ("id", "article_id", "doc_id", "uid"),
    "title": ("title", "headline", "titre"),
    "text": ("text", "body", "content", "texte", "article"),
    "published": ("published", "date", "pubdate", "published_at", "publication_date"),
    "source": ("source", "outlet", "media", "publisher"),
    "url": ("url", "link", "href"),
    "lang": ("lang", "language", "langue"),
}


def _field(row: dict[str, Any], name: str) -> str:
    lowered = {str(k).strip().lower(): v for k, v in row.items()}
    for key in COLUMN_ALIASES[name]:
        value = lowered.get(key)
        if value is not None and str(value).strip() and str(value).lower() != "nan":
            return str(value).strip()
    return ""


def article_from_row(row: dict[str, Any], name: str, index: int) -> Article:
    """One corpus row as an Article; the title becomes the text's first paragraph."""
    where = f"{name}::{index + 1}"
    title, body = _field(row, "title"), _field(row, "text").replace("\r\n", "\n")
    article_id = _field(row, "article_id") or f"{Path(name).stem}-{index + 1}"
    if not body:
        return Article(article_id=article_id, title=title or where, file=where,
                       error=f"row {index + 1}: no text column (expected one of "
                             + ", ".join(COLUMN_ALIASES["text"]) + ")")
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    return Article(article_id=article_id, title=title or body.split("\n", 1)[0][:120], text=text,
                   published=_field(row, "published")[:10], source=_field(row, "source"),
                   url=_field(row, "url"), lang=_field(row, "lang").lower()[:2], file=where)


def _rows(name: str, text: str) -> list[dict[str, Any] | str]:
    """Rows of the corpus; a row that cannot be parsed is its error message."""
    suffix = Path(name).suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        rows: list[dict[str, Any] | str] = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                rows.append(f"line {n}: invalid JSON ({exc.msg})")
                continue
            rows.append(obj if isinstance(obj, dict) else f"line {n}: not a JSON object")
        return rows
    if suffix == ".json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"invalid JSON at line {exc.lineno}: {exc.msg}") from None
        items = obj.get("articles", [obj]) if isinstance(obj, dict) else obj
        if not isinstance(items, list):
            raise ValueError("JSON must be an array of articles or an object with 'articles'")
        return [r if isinstance(r, dict) else f"item {i + 1}: not a JSON object" for i, r in enumerate(items)]
    delimiter = "\t" if suffix == ".tsv" else _sniff_delimiter(text)
    csv.field_size_limit(50_000_000)
    try:
        return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise ValueError(f"malformed CSV: {exc}") from None


def _sniff_delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:5000], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def read_corpus(name: str, data: bytes) -> list[Article]:
    rows = _rows(name, decode(data))
    if not rows:
        raise ValueError("no rows")
    return [Article(article_id=f"{Path(name).stem}-{i + 1}", title=f"{name} row {i + 1}",
                    file=f"{name}::{i + 1}", error=row) if isinstance(row, str)
            else article_from_row(row, name, i) for i, row in enumerate(rows)]
