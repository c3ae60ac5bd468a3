"""Comparison keys for names and words: accents, case and punctuation folded."""
from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophes and dashes unified: 'États-Unis' -> 'etats-unis'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower().replace("\u2019", "'").replace("\u2013", "-").strip()


def words(text: str) -> list[str]:
    """Folded word tokens without punctuation."""
    return re.findall(r"\w+", fold(text))
