"""Language of an article, when the corpus does not say."""
from __future__ import annotations

import py3langid

SUPPORTED = ("fr", "en")


def detect_language(text: str) -> str:
    """ISO 639-1 code from the first few thousand characters (offline model)."""
    sample = text[:5000]
    if not sample.strip():
        return ""
    lang, _ = py3langid.classify(sample)
    return lang
