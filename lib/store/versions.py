"""Which code a stored result was made by: a digest of the files and packages that shape it.

Two versions, so that a change re-does only what it can change: the *analysis* version covers what makes a
per-article analysis (parse, extractors, learned models, word lists, spaCy and its pipelines); the *corpus*
version adds the corpus step that makes frames from analyses. Charts, pages, readers of file formats and
the store itself are in neither: changing them re-analyzes nothing.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version as package_version
from pathlib import Path

import spacy

from lib.nlp import PREFERRED_MODELS, installed_model

LIB_DIR = Path(__file__).resolve().parents[1]
# Everything the per-article analysis imports or loads, relative to lib/ (a folder: every file in it);
# tests/test_store.py checks it against what the extractors import.
ANALYSIS_PATHS = ("pipeline.py", "nlp.py", "types.py", "textkeys.py", "extract", "models", "lexicons", "data",
                  "readers/normalize.py", "readers/langid.py")
CORPUS_PATHS = ("corpus", "readers/dedup.py")  # the corpus step: actors, corrections, frames, stories
ANALYSIS_PACKAGES = ("spacy", "py3langid")


def analysis_version() -> str:
    """A digest of everything a per-article analysis depends on, besides its article and settings."""
    models = [(name, package_or_empty(name)) for lang in sorted(PREFERRED_MODELS)
              if (name := installed_model(lang))]
    packages = [(name, package_or_empty(name)) for name in ANALYSIS_PACKAGES]
    return _digest(repr((spacy.__version__, packages, models)), ANALYSIS_PATHS)


def corpus_version() -> str:
    """A digest of everything a corpus's frames depend on, besides its analyses and corpus settings."""
    return _digest(analysis_version(), CORPUS_PATHS)


def package_or_empty(name: str) -> str:
    """An installed package's version ('' when it is not installed)."""
    try:
        return package_version(name)
    except PackageNotFoundError:
        return ""


def source_files(paths: tuple[str, ...]) -> list[Path]:
    """The files those lib/-relative paths name, folders expanded, bytecode left out."""
    files: set[Path] = set()
    for relative in paths:
        path = LIB_DIR / relative
        if path.is_dir():
            files.update(p for p in path.rglob("*") if p.is_file())
        else:
            files.add(path)
    return sorted(p for p in files if p.suffix != ".pyc" and p.exists())


def _digest(seed: str, paths: tuple[str, ...]) -> str:
    digest = hashlib.sha1(seed.encode())
    for path in source_files(paths):
        stat = path.stat()
        digest.update(str(path.relative_to(LIB_DIR)).encode())
        digest.update(_file_digest(path, stat.st_mtime_ns, stat.st_size))
    return digest.hexdigest()[:16]


@lru_cache(maxsize=4096)
def _file_digest(path: Path, _mtime_ns: int, _size: int) -> bytes:
    """A file's content digest, read again only when the file changed (its time or size did)."""
    return hashlib.sha1(path.read_bytes()).digest()
