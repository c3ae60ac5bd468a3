"""The one loader of lib/data: word lists and tables, one entry per line, '#' lines give their provenance.

Each file is read once per process (cached); every module reads lib/data through here."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


def has(name: str) -> bool:
    return (DATA / name).exists()


@lru_cache(maxsize=None)
def lines(name: str) -> tuple[str, ...]:
    """The entries of a lib/data file: its lines without blank ones and '#' comments (the provenance)."""
    text = (DATA / name).read_text(encoding="utf-8").splitlines()
    return tuple(line for line in text if line.strip() and not line.startswith("#"))


def rows(name: str) -> list[list[str]]:
    """A tab-separated lib/data table, one list of fields per entry."""
    return [line.split("\t") for line in lines(name)]


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    return frozenset(line.strip() for line in lines(name))


@lru_cache(maxsize=None)
def weighted_list(name: str) -> dict[str, float]:
    """A 'word<TAB>weight' file."""
    out = {}
    for line in lines(name):
        word, weight = line.rsplit("\t", 1)
        out[word.strip()] = float(weight)
    return out
