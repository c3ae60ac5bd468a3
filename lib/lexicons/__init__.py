"""Word lists kept as data files in lib/data (one entry per line, '#' comments)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=None)
def weighted_list(name: str) -> dict[str, float]:
    """A 'word<TAB>weight' file."""
    out = {}
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, weight = line.rsplit("\t", 1)
            out[word.strip()] = float(weight)
    return out


def speech_verbs(lang: str) -> frozenset[str]:
    return word_list(f"speech_verbs_{lang}.txt") if (DATA / f"speech_verbs_{lang}.txt").exists() else frozenset()
