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
                     "set",
                     # a commitment points forward even when made in the past: "a promis d'agir avant l'été",
                     # "threatened to strike on Monday"
                     "promettre", "engager", "menacer", "projeter", "décider", "promise", "pledge", "vow",
                     "threaten", "intend", "aim", "decide", "agree"}
# "vient de publier" is a recent past.
_PAST_GOVERNORS = {"venir"}
_CLIMB = 4


# Irregular French conditional stems ("serait", "pourrait"): the small French
# model often tags conditionals as imperfects, which would read them as past.
_CONDITIONAL_STEMS = ("ser", "aur", "fer", "pourr", "devr", "viendr", "ir", "voudr", "saur", "verr", "faudr",
                      "tiendr", "enverr", "recevr")


def _is_conditional(verb: Token) -> bool:
    if "Cnd" in verb.morph.get("Mood"):
        return True
    form, lemma = verb.lower_, verb.lemma_.lower()
    stems = {lemma, lemma[:-1]} if lemma.endswith(("er", "ir", "re")) else set()
    return any(form in (stem + "ait", stem + "aient", stem + "ais") for stem in stems.union(_CONDITIONAL_STEMS))


def _verb_tense(verb: Token) -> int:
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    if any(a.lower_ in ("would", "'d") for a in auxes) and not any(a.lemma_ == "have" for a in auxes):
        return FUTURE  # "said the president would travel on Sunday"; "would have met" stays past
    if verb.tag_ == "VBN" and auxes and all(a.lemma_ == "be" and "Past" not in a.morph.get("Tense") for a in auxes):
        # English present passive: "a summit is planned for July 11" looks ahead, "is held" says nothing
        return FUTURE if verb.lemma_.lower() in _FUTURE_GOVERNORS else UNKNOWN
    for aux in auxes:
        if aux.lower_ in ("will", "shall", "'ll") or "Fut" in aux.morph.get("Tense"):
            return FUTURE
        if _is_conditional(aux):
            # "aurait reçu" (alleged past) vs "devrait annoncer" (what is expected)
            return PAST if aux.lemma_ in ("avoir", "être") and "Part" in verb.morph.get("VerbForm") else FUTURE
        if "Inf" in aux.morph.get("VerbForm"):
            return UNKNOWN  # "devrait être connue": the tense is the governor's
    if any(a.lemma_ in ("aller", "devoir") for a in auxes):
        return FUTURE
    if any(a.lemma_ in ("avoir", "have", "do") for a in auxes) or any("Past" in a.morph.get("Tense") for a in auxes):
        # "a nié" (compound past, even when the participle is mis-tagged), "had said", "did not say"
        return PAST
    if any(a.lemma_ == "être" for a in auxes) and "Pass" not in verb.morph.get("Voice"):
        return PAST  # "est arrivé"; "est connue" (passive present) is not
    tense = verb.morph.get("Tense")
    if "Fut" in tense or _is_conditional(verb):
        return FUTURE
    if "Past" in tense or "Imp" in tense or verb.tag_ in ("VBD",):
        return PAST
    return UNKNOWN


def _governing_verb(token: Token) -> Token | None:
    head = token
    for _ in range(_CLIMB):
        if head.pos_ in ("VERB", "AUX") and head != token:
            return head
        if head.head == head:
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
    if verb is None:  # a broken parse ("le 13 juillet" hanging from a name): the nearest verb of the sentence
        verbs = [t for t in span.sent if t.pos_ == "VERB"]
        if not verbs:
            return UNKNOWN
        verb = min(verbs, key=lambda t: abs(t.i - span.root.i))
    tense = _verb_tense(verb)
    if tense == UNKNOWN:
        # "doit se tenir jeudi": the infinitive's governor carries the time
        gov = verb.head if verb.head != verb else None
        infinitive = "Inf" in verb.morph.get("VerbForm") or verb.tag_ == "VB" or any(
            c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in verb.children)
        if infinitive:
            if gov is not None and gov.lemma_ in _FUTURE_GOVERNORS:
                return FUTURE
            if gov is not None and gov.lemma_ in _PAST_GOVERNORS:
                return PAST
            if gov is not None and gov.pos_ in ("VERB", "AUX"):
                return _verb_tense(gov)
        if any(c.lemma_ in ("aller", "devoir") and c.dep_.startswith("aux") for c in verb.children):
            return FUTURE
    return tense
