"""Comparison keys for names and words (accents, case and punctuation folded), and the folding that text search uses."""
from __future__ import annotations

import inspect
import re
import unicodedata
from functools import wraps
from typing import Callable, TypeVar

_CACHED_LENGTH = 64  # words and names recur across an article: fold them once; whole texts are not kept
_MEMO_SIZE = 1 << 16  # results kept per function; past that, new words are computed each time
F = TypeVar("F", bound=Callable[..., object])


class ShortTextMemo(dict):
    """A function's results by argument (the text, or the text with the other arguments), kept while the text is a
    word or a name: ``memo[text]``. A dict hit costs a quarter of an lru_cache call, and these functions run for
    every word."""

    def __init__(self, function: Callable[..., object]) -> None:
        super().__init__()
        self._function = function

    def __missing__(self, key: str | tuple) -> object:
        text, value = (key[0], self._function(*key)) if isinstance(key, tuple) else (key, self._function(key))
        if len(text) <= _CACHED_LENGTH and len(self) < _MEMO_SIZE:
            self[key] = value
        return value


def cached_for_short_text(function: F) -> F:
    """``function`` of a text (first argument) memoized while the text is a word or a name: a long text,
    which does not recur, is computed each time rather than kept in memory."""
    memo = ShortTextMemo(function)
    if len(inspect.signature(function).parameters) == 1:
        @wraps(function)
        def call(text: str):
            return memo[text]
    else:
        @wraps(function)
        def call(text: str, *args):
            return memo[(text, *args)]
    return call  # type: ignore[return-value]


@cached_for_short_text
def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophes and dashes unified: 'États-Unis' -> 'etats-unis'."""
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


# Searching text (the Search page, links' values) folds character by character, so that a match in the
# folded text maps back to offsets in the original; characters folded beyond case and accents:
# ligatures, typographic apostrophes, dashes
_EXTRA = {"œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'",
          "‐": "-", "‑": "-", "–": "-", "—": "-"}


class _FoldTable(dict):
    """str.translate table computed on demand: each character lowercased, without accents."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in _EXTRA:
            folded = _EXTRA[ch]
        else:
            folded = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).casefold()
            folded = "".join(_EXTRA.get(c, c) for c in folded)
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def search_fold(text: str) -> str:
    """``text`` lowercased, without accents, ligatures spelled out (œ -> oe), apostrophes straightened."""
    return str(text).translate(_FOLD)


def search_fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, when folding changed lengths, the offset in ``text`` of each folded character."""
    folded = text.translate(_FOLD)
    if all(len(_FOLD[ord(c)]) == 1 for c in set(text)):
        return folded, None
    return folded, [i for i, c in enumerate(text) for _ in range(len(_FOLD[ord(c)]))]
