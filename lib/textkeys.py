"""Comparison keys for names and words: accents, case and punctuation folded."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CACHED_LENGTH = 64  # words and names recur across an article: fold them once; whole texts are not kept


def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophes and dashes unified: 'États-Unis' -> 'etats-unis'."""
    return _fold_short(text) if len(text) <= _CACHED_LENGTH else _fold(text)


@lru_cache(maxsize=1 << 16)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    if text.isascii():  # nothing to decompose, no typographic apostrophe or dash
        return text.lower().strip()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower().replace("\u2019", "'").replace("\u2013", "-").strip()


def words(text: str) -> list[str]:
    """Folded word tokens without punctuation."""
    return re.findall(r"\w+", fold(text))
