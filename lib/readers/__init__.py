"""Readers: files and uploads become ``Article`` records, one per article.

A file that cannot be read becomes one ``Article`` with ``error`` set, never an
exception: the rest of the batch goes on.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from lib.readers.corpus import read_corpus
from lib.readers.text import decode, read_text
from lib.types import Article

CORPUS_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".json"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
SUPPORTED_SUFFIXES = CORPUS_SUFFIXES | TEXT_SUFFIXES


def failed(name: str, reason: str) -> Article:
    return Article(article_id=name, title=name, file=name, error=reason)


def read_bytes(name: str, data: bytes) -> list[Article]:
    """Articles from one uploaded or on-disk file, by its name's suffix."""
    suffix = Path(name).suffix.lower()
    if not data.strip():
        return [failed(name, "empty file")]
    try:
        if suffix in CORPUS_SUFFIXES:
            return read_corpus(name, data)
        if suffix in TEXT_SUFFIXES:
            return [read_text(name, data)]
    except ValueError as exc:  # readers raise ValueError with a reason an analyst can read
        return [failed(name, str(exc))]
    return [failed(name, f"unsupported file type {suffix or '(none)'}; expected one of "
                         + ", ".join(sorted(SUPPORTED_SUFFIXES)))]


def iter_paths(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Files named on a command line: folders are walked, in name order."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            yield path


def read_paths(inputs: Iterable[str | Path]) -> list[Article]:
    articles: list[Article] = []
    for path in iter_paths(inputs):
        try:
            data = path.read_bytes()
        except OSError as exc:
            articles.append(failed(str(path), f"cannot open: {exc.strerror or exc}"))
            continue
        articles.extend(read_bytes(str(path), data))
    return articles


__all__ = ["read_bytes", "read_paths", "iter_paths", "decode", "failed", "SUPPORTED_SUFFIXES"]
