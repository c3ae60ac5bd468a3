"""Which way a bare date points: the tense of the verb that governs it.

"a déclaré mercredi" (past) is the previous Wednesday, "doit se tenir jeudi"
(future) the next Thursday; a present or missing verb leaves the choice to the
nearest occurrence. Read from the spaCy parse and morphology, French and English.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

PAST, UNKNOWN, FUTURE = -1, 0, 1

# Verbs whose present tense announces what comes next: "va annoncer",
# "doit paraître", "is expected to", "plans to".
_FUTURE_GOVERNORS = {"aller", "devoir", "prévoir", "compter", "envisager", "expect", "plan", "schedule", "due",
                     "set"}
# "vient de publier" is a recent past.
_PAST_GOVERNORS = {"venir"}
_CLIMB = 4


def _verb_tense(verb: Token) -> int:
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    for aux in auxes:
        if aux.lower_ in ("will", "shall", "'ll") or "Fut" in aux.morph.get("Tense"):
            return FUTURE
        if "Cnd" in aux.morph.get("Mood"):
            return FUTURE
    if any(a.lemma_ in ("aller", "devoir") for a in auxes):
        return FUTURE
    if auxes and any(a.lemma_ in ("avoir", "être", "have", "be", "do") for a in auxes) and (
            "Part" in verb.morph.get("VerbForm") or any("Past" in a.morph.get("Tense") for a in auxes)):
        # "a déclaré", "had said", "did not say"; but "is going" stays present
        if "Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense") and verb.tag_ == "VBG":
            return UNKNOWN
        return PAST
    tense, mood = verb.morph.get("Tense"), verb.morph.get("Mood")
    if "Fut" in tense or "Cnd" in mood:
        return FUTURE
    if "Past" in tense or "Imp" in tense or verb.tag_ in ("VBD", "VBN"):
        return PAST
    return UNKNOWN


def _governing_verb(token: Token) -> Token | None:
    head = token
    for _ in range(_CLIMB):
        if head.pos_ in ("VERB", "AUX") and head is not token:
            return head
        if head.head is head:
            return head if head.pos_ in ("VERB", "AUX") else None
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def tense_at(doc: Doc | None, start: int, end: int) -> int:
    """PAST, FUTURE or UNKNOWN for the expression at [start, end) of ``doc``."""
    if doc is None or not doc.has_annotation("DEP"):
        return UNKNOWN
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return UNKNOWN
    verb = _governing_verb(span.root)
    if verb is None:
        return UNKNOWN
    tense = _verb_tense(verb)
    if tense == UNKNOWN:
        # "doit se tenir jeudi": the infinitive's governor carries the time
        gov = verb.head if verb.head is not verb else None
        if "Inf" in verb.morph.get("VerbForm") or verb.tag_ == "VB":
            if gov is not None and gov.lemma_ in _FUTURE_GOVERNORS:
                return FUTURE
            if gov is not None and gov.lemma_ in _PAST_GOVERNORS:
                return PAST
            if gov is not None and gov.pos_ in ("VERB", "AUX"):
                return _verb_tense(gov)
        if any(c.lemma_ in ("aller", "devoir") and c.dep_.startswith("aux") for c in verb.children):
            return FUTURE
    return tense
