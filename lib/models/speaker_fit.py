"""What a speaker's role noun names, and which mentions name one actor, as evidence for the speaker ranker.

The ranker weighs the type of the role noun ("le PDG" a person, "la direction" a body, "le quotidien" a
medium, "le communiqué" a document: the reviewed role lexicon) against the type of each candidate, and how
likely "nobody" is for it. A word-vector fit of the role noun with the nouns the article attached to each
candidate ("le monarque" / "le roi Mswati III") was tried for two sessions and removed: it gained nothing in
cross-validation over 233 articles (with or without it 451/542 right), and the quotes it aimed at stayed wrong.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from lib.extract.speakers import cues
from lib.textkeys import fold
from lib.types import Mention


def actor_key(m: Mention) -> str:
    """Mentions of one actor share a key: a person's surname ("Pepy", "M. Pepy"), a body's folded name."""
    folded = fold(m.text).split()
    return folded[-1] if folded and m.label == "PER" else " ".join(folded)


def role_head(doc: Doc, start: int, end: int) -> Token | None:
    """The common noun heading a speaker's words ("la plus haute autorité administrative" -> autorité)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or span.root.pos_ != "NOUN":
        return None
    return span.root


def head_type(head: Token | None) -> str:
    """PER / ORG / MEDIA / DOC from the reviewed role lexicon, "?" for a noun it does not list, "none" without
    a noun."""
    if head is None:
        return "none"
    roles = cues(head.doc.lang_).roles
    return roles.get((head.lemma_ or head.text).lower()) or roles.get(head.lower_) or "?"
