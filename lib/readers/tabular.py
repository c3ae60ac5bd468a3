"""Corpus files, one article per row: CSV/TSV, JSON Lines, or a JSON array.

Columns are mapped to Article fields in two steps, so the app can show the
mapping and let the analyst correct it: ``propose_mapping`` guesses from
column names and values, ``read_corpus(..., mapping=...)`` reads with a
mapping (the proposed one when none is given).
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lib.readers.limits import Budget
from lib.readers.meta import iso_date
from lib.readers.text import decode_bytes
from lib.textkeys import fold
from lib.types import Article

FIELDS = ("article_id", "title", "text", "published", "source", "url", "lang", "author")

# Accepted column names for each Article field, standard name first (folded, "_" and " " alike).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "article_id": ("id", "article_id", "doc_id", "uid", "guid", "identifiant"),
    "title": ("title", "headline", "titre", "heading", "subject"),
    "text": ("text", "body", "content", "texte", "article", "full_text", "corps", "contenu", "article_text"),
    "published": ("published", "date", "pubdate", "published_at", "publication_date", "publishedat",
                  "date_publication", "datetime", "timestamp", "pub_date"),
    "source": ("source", "outlet", "media", "publisher", "source_name", "source.name", "journal", "site",
               "sitename", "newspaper", "publication"),
    "url": ("url", "link", "href", "lien", "permalink", "canonical_url"),
    "lang": ("lang", "language", "langue", "locale"),
    "author": ("author", "authors", "byline", "auteur", "writer"),
}

Row = dict[str, Any]
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


@dataclass(frozen=True)
class CorpusPreview:
    """What the app shows before reading a corpus: its columns, a guessed mapping, a few rows."""

    columns: list[str]
    mapping: dict[str, str]  # Article field -> column name ("" when no column fits)
    sample: list[Row] = field(default_factory=list)
    n_rows: int = 0
    problems: list[str] = field(default_factory=list)  # rows that could not be parsed
    named: frozenset[str] = frozenset()  # fields found by a known column name rather than guessed from values

    @property
    def needs_review(self) -> bool:
        """True when the analyst should confirm the mapping before reading: the text or the
        publication date (what relative dates resolve against) has no column of a known name."""
        return not {"text", "published"} <= self.named


def _key(column: str) -> str:
    return re.sub(r"[\s\-]+", "_", fold(str(column)))


def _flatten(obj: Row) -> Row:
    """{"source": {"name": "Le Monde"}} -> {"source.name": "Le Monde"} (NewsAPI and similar exports)."""
    flat: Row = {}
    for key, value in obj.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{k}": v for k, v in _flatten(value).items()})
        elif isinstance(value, list):
            flat[str(key)] = ", ".join(str(v) for v in value if not isinstance(v, (dict, list)))
        else:
            flat[str(key)] = value
    return flat


def _json_rows(text: str, jsonl: bool) -> list[Row | str]:
    if jsonl:
        rows: list[Row | str] = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                rows.append(f"line {n}: invalid JSON at column {exc.colno}: {exc.msg}")
                continue
            rows.append(_flatten(obj) if isinstance(obj, dict) else f"line {n}: not a JSON object")
        return rows
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    if isinstance(obj, dict):  # {"articles": [...]}, {"data": [...]} or one article
        lists = [v for v in obj.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        obj = lists[0] if len(lists) == 1 else [obj]
    if not isinstance(obj, list):
        raise ValueError("JSON must be an array of articles or an object holding one")
    return [_flatten(r) if isinstance(r, dict) else f"item {i + 1}: not a JSON object" for i, r in enumerate(obj)]


def _csv_rows(text: str, delimiter: str) -> list[Row | str]:
    csv.field_size_limit(50_000_000)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows: list[Row | str] = []
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return rows
    except csv.Error as exc:
        raise ValueError(f"malformed CSV header: {exc}") from None
    while True:
        first_line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # quoting cannot be resynchronised: stop, keep the rows before
            rows.append(f"line {first_line}: malformed CSV ({exc}; an unclosed or stray quote?); "
                        "the rest of the file was not read")
            break
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            rows.append(f"line {first_line}: {len(values)} fields where the header has {len(header)} "
                        "(a separator inside an unquoted field?)")
            continue
        rows.append(dict(zip(header, values)))
    return rows


def _sniff_delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:5000], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def table_rows(name: str, data: bytes) -> list[Row | str]:
    """Rows of the corpus as dicts; a row that cannot be parsed is its error message."""
    suffix = Path(name).suffix.lower()
    text = decode_bytes(data).text
    if suffix in (".jsonl", ".ndjson"):
        return _json_rows(text, jsonl=True)
    if suffix == ".json":
        return _json_rows(text, jsonl=False)
    return _csv_rows(text, "\t" if suffix == ".tsv" else _sniff_delimiter(text))


def _values(rows: list[Row], column: str) -> list[str]:
    return [str(r.get(column, "")).strip() for r in rows if str(r.get(column, "") or "").strip()]


def _guess(field_name: str, columns: list[str], rows: list[Row]) -> str:
    """A column for a field no alias names, judged by its values (first rows only)."""
    def share(column: str, test) -> float:
        values = _values(rows, column)
        return sum(map(test, values)) / len(values) if values else 0.0

    def mean_len(column: str) -> float:
        values = _values(rows, column)
        return sum(map(len, values)) / len(values) if values else 0.0

    if field_name == "text":  # the longest prose column
        prose = [c for c in columns if mean_len(c) >= 80 and share(c, lambda v: " " in v) > 0.8]
        return max(prose, key=mean_len, default="")
    if field_name == "url":
        return next((c for c in columns if share(c, lambda v: v.startswith(("http://", "https://"))) > 0.8), "")
    if field_name == "published":  # full dates in any common form ("15/03/2023", "3 mars 2022"), not bare numbers
        return next((c for c in columns if share(c, lambda v: len(v) >= 8 and bool(_YEAR.search(v))
                                                 and bool(iso_date(v))) > 0.8), "")
    return ""


def propose_mapping(name: str, data: bytes, sample_size: int = 5) -> CorpusPreview:
    """Columns, a guessed field -> column mapping and a few rows, for the mapping step of the app.

    Raises ValueError when the file is not a table at all (read_bytes turns
    that into an error row).
    """
    return _preview(table_rows(name, data), sample_size)


def _preview(parsed: list[Row | str], sample_size: int = 5) -> CorpusPreview:
    rows = [r for r in parsed if isinstance(r, dict)]
    columns = list(dict.fromkeys(c for r in rows[:200] for c in r))
    by_key = {_key(c): c for c in columns}
    mapping: dict[str, str] = {}
    named: set[str] = set()
    for field_name in FIELDS:
        found = next((by_key[_key(a)] for a in COLUMN_ALIASES[field_name]
                      if _key(a) in by_key and by_key[_key(a)] not in mapping.values()), "")
        if found:
            named.add(field_name)
        mapping[field_name] = found or _guess(field_name, [c for c in columns if c not in mapping.values()],
                                              rows[:50])
    return CorpusPreview(columns=columns, mapping=mapping, sample=rows[:sample_size], n_rows=len(rows),
                         problems=[r for r in parsed if isinstance(r, str)], named=frozenset(named))


def _cell(row: Row, column: str) -> str:
    value = row.get(column) if column else None
    text = "" if value is None else str(value).strip()
    return "" if text.lower() in ("nan", "none", "null") else text


def article_from_row(row: Row, mapping: dict[str, str], name: str, index: int) -> Article:
    """One corpus row as an Article; the title becomes the text's first paragraph."""
    where = f"{name}::{index + 1}"
    get = {f: _cell(row, mapping.get(f, "")) for f in FIELDS}
    title, body = get["title"], get["text"].replace("\r\n", "\n")
    article_id = get["article_id"] or f"{Path(name).stem}-{index + 1}"
    if not body:
        what = f"empty '{mapping['text']}' column" if mapping.get("text") else "no text column"
        return Article(article_id=article_id, title=title or where, file=where,
                       error=f"row {index + 1}: {what} (map a column to 'text')")
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    return Article(article_id=article_id, title=title or body.split("\n", 1)[0][:120], text=text,
                   published=iso_date(get["published"]), source=get["source"], url=get["url"],
                   lang=get["lang"].lower()[:2], author=get["author"], file=where)


def read_corpus(name: str, data: bytes, mapping: dict[str, str] | None = None,
                budget: Budget | None = None) -> list[Article]:
    """One Article per row; rows that cannot be parsed become error rows, the others are read.

    With the batch's ``budget``, every row counts as an article: the rows past its limit are not read,
    and one error row says how many were left out and why.
    """
    parsed = table_rows(name, data)
    if not parsed:
        raise ValueError("no rows")
    if mapping is None:
        mapping = _preview(parsed).mapping
    kept = budget.rows(len(parsed)) if budget else len(parsed)
    articles = [Article(article_id=f"{Path(name).stem}-{i + 1}", title=f"{name} row {i + 1}",
                        file=f"{name}::{i + 1}", error=row) if isinstance(row, str)
                else article_from_row(row, mapping, name, i) for i, row in enumerate(parsed[:kept])]
    if kept < len(parsed):
        limit = budget.limits.max_files
        articles.append(Article(
            article_id=f"{Path(name).stem}-rows-left-out", title=f"{name} rows {kept + 1}-{len(parsed)}",
            file=name, error=f"{len(parsed) - kept:,} of its {len(parsed):,} rows left out (rows {kept + 1:,} to "
                             f"{len(parsed):,}): limit of {limit:,} articles per batch reached, each row "
                             "counting as one article"))
    return articles
