"""Language of an article, when the corpus does not say (py3langid, offline)."""
from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

SUPPORTED = ("fr", "en")
MIN_CONFIDENCE = 0.5  # below this a short or mixed text ("The Kremlin said" -> Hausa, 0.10) is unknown


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code from the first few thousand characters; "" when unsure."""
    sample = text[:5000]
    if sum(ch.isalpha() for ch in sample) < 10:
        return ""
    lang, confidence = _identifier().classify(sample)
    return lang if confidence >= MIN_CONFIDENCE else ""
