"""Readers: files and uploads become ``Article`` records, one per article.

Formats: plain text and Markdown, HTML pages, PDF, DOCX, corpora (CSV/TSV,
JSON Lines, JSON) and ZIP archives of any of these. A file that cannot be
read becomes one ``Article`` with ``error`` set, never an exception: the rest
of the batch goes on. ``Limits`` bound what a batch may cost, and a refusal
names the file and the limit. Identical texts are marked ``duplicate_of``
their first copy so they are analyzed once.

Entry points: ``read_paths`` (CLI, files and folders on disk),
``read_uploads`` (the app's uploads, with a ``ReadReport``) and ``read_bytes``
(one file). ``propose_mapping`` / ``read_corpus`` are the column-mapping step
of corpus files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator, Mapping

from lib.readers.langid import detect_language
from lib.output.markup import visible, without_controls
from lib.readers.archive import bomb_check, members
from lib.readers.tabular import CorpusPreview, propose_mapping, read_corpus
from lib.readers.dedup import mark_duplicates
from lib.readers.docx import read_docx
from lib.readers.html import read_html
from lib.readers.limits import BATCH_LIMITS, DEFAULT_LIMITS, Budget, Limits
from lib.readers.meta import SIDECAR_MAX_BYTES, SIDECAR_SUFFIX, apply_sidecar, is_sidecar, sidecar_names
from lib.readers.pdf import read_pdf
from lib.readers.text import decode, read_text
from lib.types import Article

CORPUS_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".json"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ARCHIVE_SUFFIXES = {".zip"}
SUPPORTED_SUFFIXES = CORPUS_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES | ARCHIVE_SUFFIXES | {".pdf", ".docx"}
_READERS = {".pdf": read_pdf, ".docx": read_docx} | {s: read_html for s in HTML_SUFFIXES} \
    | {s: read_text for s in TEXT_SUFFIXES}


# a library's message may name the buffer it was given ("<_io.BytesIO object at 0x7f…>"): never shown
_REPR = re.compile(r"'?<[\w.]+ object at 0x[0-9a-fA-F]+>'?")


def failed(name: str, reason: str) -> Article:
    reason = _REPR.sub("the file", reason)
    return Article(article_id=Path(name).stem or name, title=Path(name).name or name, file=name, error=reason)


def _sniff(data: bytes) -> str:
    """The suffix a file without a known one should have been given, from its first bytes."""
    head = data[:512].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return ".pdf"
    if head.startswith(b"pk\x03\x04"):
        return ".zip"
    if head.startswith((b"<!doctype html", b"<html")):
        return ".html"
    return ""


def _read_file(name: str, data: bytes, budget: Budget, depth: int, mapping: dict[str, str] | None) -> list[Article]:
    """Articles of one file whose size the budget has already accepted (``mapping``: a corpus's columns)."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        suffix = _sniff(data) or suffix
    if not data.strip():
        return [failed(name, "empty file")]
    if suffix in ARCHIVE_SUFFIXES:
        if depth >= budget.limits.max_depth:
            return [failed(name, f"archive nested too deep ({depth + 1} levels; limit {budget.limits.max_depth})")]
        budget.release(len(data))  # the archive's bytes are counted again as its members
        return _read_archive(name, data, budget, depth + 1)
    if suffix in CORPUS_SUFFIXES:
        return read_corpus(name, data, mapping, budget)
    if suffix == ".docx" and bomb_check(data, budget):
        return [failed(name, bomb_check(data, budget))]
    if suffix in _READERS:
        return [_READERS[suffix](name, data)]
    return [failed(name, f"unsupported file type {suffix or '(none)'}; expected one of "
                         + ", ".join(sorted(SUPPORTED_SUFFIXES)))]


def _read_one(name: str, data: bytes, budget: Budget, depth: int = 0,
              mapping: dict[str, str] | None = None) -> list[Article]:
    try:
        return _read_file(name, data, budget, depth, mapping)
    except ValueError as exc:  # readers raise ValueError with a reason an analyst can read
        return [failed(name, str(exc))]
    except Exception as exc:  # noqa: BLE001 - reading must never stop the batch
        return [failed(name, f"could not be read ({type(exc).__name__}: {exc})")]  # failed() drops reprs


def _with_sidecars(articles: list[Article], sidecars: dict[str, bytes]) -> tuple[list[Article], dict[str, str]]:
    """Metadata from ``seed.meta.json`` applied to ``seed.txt`` (single-article files only), and why each
    sidecar left unused was left out (its name -> the reason)."""
    out, used, unused = [], set(), {}
    for article in articles:
        found, *others = [n for n in sidecar_names(article.file) if n in sidecars] or [None]
        for other in others:
            unused[other] = f"{PurePosixPath(found).name} already gives the metadata of {article.file}: ignored"
        if found is None:
            out.append(article)
        elif "::" in article.file:
            unused[found] = ("metadata files apply to single-article files, and "
                             f"{article.file.split('::')[0]} is a corpus (its rows have their own columns): ignored")
            out.append(article)
        elif article.error:
            unused[found] = f"metadata for {article.file}, which could not be read: ignored"
            out.append(article)
        else:
            out.append(apply_sidecar(article, found, sidecars[found]))
            used.add(found)
    for name in sidecars:
        unused.setdefault(name, _orphan_reason(name))
    return out, {name: reason for name, reason in unused.items() if name not in used}


def _orphan_reason(sidecar: str) -> str:
    stem = PurePosixPath(sidecar.replace("\\", "/")).name[:-len(SIDECAR_SUFFIX)]
    return f"metadata file without its article (no {stem} or {stem}.* beside it): ignored"


def _unused_sidecars(unused: dict[str, str]) -> list[Article]:
    """A row per sidecar that applied to nothing: an input is never ignored without a word."""
    return [failed(name, reason) for name, reason in unused.items()]


def _read_archive(name: str, data: bytes, budget: Budget, depth: int) -> list[Article]:
    articles: list[Article] = []
    sidecars: dict[str, bytes] = {}
    for member in members(name, data, budget):
        if member.error:
            articles.append(failed(member.name, member.error))
        elif is_sidecar(member.name):
            sidecars[member.name] = member.data
        else:
            articles.extend(_read_one(member.name, member.data, budget, depth))
    articles, unused = _with_sidecars(articles, sidecars)
    return articles + _unused_sidecars(unused) or [failed(name, "archive without any file")]


def _finish(articles: list[Article], limits: Limits, seen: Iterable[Article] = ()) -> list[Article]:
    """Batch-wide steps: names and ids without control characters, unique ids, length limit, language,
    duplicates."""
    out, used = [], {a.article_id for a in seen}
    for article in articles:
        # a newline or U+202E in a file name: the id loses it, the name and the reasons quoting it spell it
        # out ("a\\nb.txt"), so that an error stays one line on the CLI's stderr
        base = without_controls(article.article_id)
        article_id, n = base, 2
        while article_id in used:  # two files called "article.txt" are two articles
            article_id, n = f"{base}-{n}", n + 1
        used.add(article_id)
        changes = {key: value for key, value in (("article_id", article_id), ("file", visible(article.file)),
                                                 ("error", visible(article.error)), ("note", visible(article.note)))
                   if value != getattr(article, key)}
        if base != article.article_id or "file" in changes:
            changes["note"] = "; ".join(filter(None, (changes.get("note", article.note),
                                                      f"control characters in its name or id (shown escaped); "
                                                      f"article id {article_id}")))
        if not article.error and len(article.text) > limits.max_article_chars:
            changes |= {"error": f"text too long: {len(article.text):,} characters "
                                 f"(limit {limits.max_article_chars:,} per article)", "text": ""}
        elif not article.error and not article.lang:
            changes["lang"] = detect_language(article.text)
        out.append(replace(article, **changes) if changes else article)
    return mark_duplicates(out, seen)


def read_bytes(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> list[Article]:
    """Articles from one uploaded or on-disk file (an archive or corpus gives several)."""
    budget = Budget(limits)
    refused = budget.refuse(len(data))
    return _finish([failed(name, refused)] if refused else _read_one(name, data, budget), limits)


def _walk(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Files named on a command line: folders are walked, in name order (hidden files skipped)."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            yield path


def iter_paths(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """The inputs to read as articles: sidecars are not inputs, they go with their file."""
    return (path for path in _walk(inputs) if not is_sidecar(path.name))


def read_paths(inputs: Iterable[str | Path], limits: Limits = DEFAULT_LIMITS) -> list[Article]:
    """Articles from files and folders on disk; a ``<file>.meta.json`` next to a file adds its metadata
    (one applying to no file is a row with the reason, like an unreadable file)."""
    budget = Budget(limits)
    articles: list[Article] = []
    paths = list(_walk(inputs))
    used: set[str] = set()
    unused: dict[str, str] = {}
    for path in (p for p in paths if not is_sidecar(p.name)):
        try:
            refused = budget.refuse(path.stat().st_size)  # before reading: a 5 GB file is refused at once
            data = b"" if refused else path.read_bytes()
        except OSError as exc:
            articles.append(failed(str(path), f"cannot open: {exc.strerror or exc}"))
            continue
        if refused:
            articles.append(failed(str(path), refused))
            continue
        sidecars = {str(s): s.read_bytes() for s in map(Path, sidecar_names(str(path)))
                    if s.is_file() and s.stat().st_size <= SIDECAR_MAX_BYTES}
        read, left = _with_sidecars(_read_one(str(path), data, budget), sidecars)
        articles.extend(read)
        used |= sidecars.keys() - left.keys()
        unused |= left
    for sidecar in (p for p in paths if is_sidecar(p.name) and str(p) not in used | unused.keys()):
        size = sidecar.stat().st_size if sidecar.is_file() else 0
        unused[str(sidecar)] = (f"metadata file too large ({size // 1024} KB; limit {SIDECAR_MAX_BYTES // 1024} KB): "
                                "ignored" if size > SIDECAR_MAX_BYTES else _orphan_reason(str(sidecar)))
    return _finish(articles + _unused_sidecars({n: r for n, r in unused.items() if n not in used}), limits)


@dataclass(frozen=True)
class ReadReport:
    """The outcome of reading a batch of uploads, for the app's Overview."""

    articles: list[Article]  # one row per article, per unreadable file and per duplicate

    @property
    def readable(self) -> list[Article]:
        """What goes to the analysis: read, not a duplicate."""
        return [a for a in self.articles if not a.error and not a.duplicate_of]

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [(a.file, a.error) for a in self.articles if a.error]

    @property
    def notes(self) -> list[tuple[str, str]]:
        return [(a.file, a.note) for a in self.articles if a.note and not a.error]


def read_uploads(files: Iterable[tuple[str, bytes]], limits: Limits = DEFAULT_LIMITS,
                 seen: Iterable[Article] = (), mappings: Mapping[str, dict[str, str]] | None = None) -> ReadReport:
    """Articles from the app's uploads, as (file name, bytes) pairs.

    Sidecars uploaded with their file apply to it; ``seen`` (the articles
    already in the session) keeps ids unique and catches re-uploads;
    ``mappings`` holds the column mapping the analyst confirmed for a corpus file.
    """
    mappings = mappings or {}
    budget = Budget(limits)
    articles: list[Article] = []
    sidecars: dict[str, bytes] = {}
    for name, data in files:
        if is_sidecar(name):
            sidecars[name] = data
            continue
        refused = budget.refuse(len(data))
        articles.extend([failed(name, refused)] if refused else _read_one(name, data, budget,
                                                                          mapping=mappings.get(name)))
    articles, unused = _with_sidecars(articles, sidecars)
    return ReadReport(_finish(articles + _unused_sidecars(unused), limits, seen))


__all__ = ["read_bytes", "read_paths", "read_uploads", "ReadReport", "iter_paths", "decode", "failed",
           "propose_mapping", "read_corpus", "CorpusPreview", "Limits", "DEFAULT_LIMITS", "BATCH_LIMITS",
           "SUPPORTED_SUFFIXES", "CORPUS_SUFFIXES"]
