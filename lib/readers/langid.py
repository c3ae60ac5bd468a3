"""Language of an article, when the corpus does not say (py3langid, offline).

Identified paragraph by paragraph, as a reader would: an article two-thirds in
French with a third quoted in Arabic is a French article (the whole text at
once can come out as Moroccan Arabic, and the article would lose its French
pipeline and every actor).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

SUPPORTED = ("fr", "en")
MIN_CONFIDENCE = 0.5  # below this a short or mixed text ("The Kremlin said" -> Hausa, 0.10) is unknown
MIN_LETTERS = 10  # fewer letters tell nothing ("OTAN 2022")
PARAGRAPH_CHARS = 2000  # enough of a paragraph to tell its language
_ASCII_LETTER = re.compile(r"[A-Za-z]")
SAMPLE_CHARS = 50_000  # enough of an article to weigh its languages; a 1 MB text costs no more


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _identify(text: str) -> str:
    """The language of one stretch of text, "" when too short or unsure."""
    if _letters(text) < MIN_LETTERS:
        return ""
    lang, confidence = _identifier().classify(text)
    return lang if confidence >= MIN_CONFIDENCE else ""


def language_shares(text: str) -> Counter[str]:
    """Letters per language over the article's paragraphs ("" for the paragraphs no language is sure of)."""
    shares: Counter[str] = Counter()
    for paragraph in text[:SAMPLE_CHARS].split("\n"):
        if paragraph.strip():
            shares[_identify(paragraph[:PARAGRAPH_CHARS])] += _letters(paragraph)
    return shares


def detect_language(text: str) -> str:
    """ISO 639-1 code of the article's language, paragraph by paragraph; "" when unsure.

    When French and English paragraphs hold most of the identified letters, the larger of the two
    (a quoted paragraph in another language does not take the article's pipeline away); otherwise
    the language with the most letters.
    """
    shares = language_shares(text)
    known = Counter({lang: n for lang, n in shares.items() if lang})
    if not known:
        # lines too short to tell one by one ("Washington refuse.\nMoscou aussi.") may tell together
        return _identify(text[:5000])
    supported = max(SUPPORTED, key=lambda code: known[code])
    if sum(known[code] for code in SUPPORTED) * 2 > sum(known.values()):
        return supported
    return known.most_common(1)[0][0]


def _latin_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in letters) / len(letters) if letters else 1.0


def _may_be_foreign(paragraph: str) -> bool:
    """A fast exact test before the letter count: non-Latin letters are non-ASCII characters, so a paragraph
    with no more of those than ASCII letters cannot be mostly non-Latin (most French or English paragraphs)."""
    non_ascii = len(paragraph) - len(paragraph.encode("ascii", "ignore"))
    return non_ascii > len(_ASCII_LETTER.findall(paragraph))


def foreign_script_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs written mostly outside the Latin script (a quoted Arabic passage in a
    French article): the French or English pipeline can read nothing there, so they are left out of the parse."""
    spans, pos = [], 0
    for paragraph in text.split("\n"):
        end = pos + len(paragraph)
        if _may_be_foreign(paragraph) and _letters(paragraph) >= MIN_LETTERS and _latin_share(paragraph) < 0.5:
            spans.append((pos, end))
        pos = end + 1
    return spans
