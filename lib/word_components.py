"""spaCy's attribute ruler and French lemmatizer, run once per distinct word rather than once per token.

Both decide each token from a few of its own attributes: the attribute ruler's patterns of one token read its part
of speech, whether it is white space and its dependency (fr_core_news_md: the tag is the part of speech), and the
French rule lemmatizer reads the word and its part of speech. spaCy makes a Token object for every word and
matches or looks it up anew (0.36 s and 0.17 s over 373 French articles, a fifth of Revue's own extraction time);
these read the attributes as arrays, decide each distinct combination once with spaCy's own matcher or lemmatizer,
and write the results back as one array. The annotations are the same, token for token.
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import IDS, LEMMA, ORTH, POS, TAG
from spacy.language import Language
from spacy.lang.fr.lemmatizer import FrenchLemmatizer
from spacy.pipeline import AttributeRuler
from spacy.lookups import Lookups
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_UNCHANGED = None


class WordAttributeRuler:
    """An ``AttributeRuler`` whose patterns are all one token long, applied per distinct tested attributes.

    The original ruler matches every pattern over the Doc, then sets the attributes of each match in pattern
    order. For one-token patterns a token's matches depend only on the attributes the patterns test, so the
    matches of each combination are asked of spaCy's matcher once (on that token alone) and kept. A combination
    that only sets the tag takes the array write; any other (white space made "SPACE", say) is set token by token
    as the original does."""

    def __init__(self, ruler: AttributeRuler | None = None, tested: list[int] | None = None) -> None:
        self.ruler, self.tested = ruler, tested or []  # set by per_word_components
        self._decided: dict[tuple[int, ...], object] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = list(zip(*doc.to_array(self.tested).T.tolist()))
        tags = doc.to_array(TAG).astype("uint64")
        one_by_one = []
        for i, key in enumerate(keys):
            decided = self._decided.get(key)
            if decided is None and key not in self._decided:
                decided = self._decided[key] = self._decide(doc, i)
            if decided is _UNCHANGED:
                continue
            if isinstance(decided, int):
                tags[i] = decided
            else:
                one_by_one.append((i, decided))
        doc.from_array([TAG], tags)
        for i, attrs in one_by_one:
            for a in attrs:
                set_token_attrs(doc[i], a)
        return doc

    def _decide(self, doc: Doc, i: int) -> object:
        """What the ruler does to token ``i``: nothing, set its tag (the tag's id), or set these attributes in
        this order."""
        matches = self.ruler.matcher(doc[i:i + 1], allow_missing=True, as_spans=False)
        attrs = [self.ruler.attrs[k] for k in sorted(int(self.ruler.vocab.strings[m]) for m, _, _ in matches)]
        if not attrs:
            return _UNCHANGED
        if all(set(a) == {TAG} for a in attrs):
            return int(attrs[-1][TAG])
        return attrs


def _tested_attributes(ruler: AttributeRuler) -> list[int] | None:
    """The attribute ids the ruler's patterns test, or None when a pattern is longer than one token, sets a token
    other than the one it matched, or tests what an attribute array does not hold (an operator, an extension)."""
    tested: set[int] = set()
    for pattern in ruler.patterns:
        if pattern.get("index", 0) not in (0, -1):
            return None
        for tokens in pattern["patterns"]:
            if isinstance(tokens, str) or len(tokens) != 1:
                return None
            for key in tokens[0]:
                name = "ORTH" if key.upper() == "TEXT" else key.upper()
                if name in ("OP", "_") or name not in IDS:
                    return None
                tested.add(IDS[name])
    return sorted(tested) or None


class WordLemmatizer:
    """spaCy's French rule lemmatizer asked once per (word, part of speech, has a lemma already): the lemma it
    gives depends on nothing else (lemma tables, the word, its part of speech)."""

    def __init__(self, lemmatizer: FrenchLemmatizer | None = None) -> None:
        self.lemmatizer = lemmatizer  # set by per_word_components
        self._decided: dict[tuple[int, int, int], int] = {}  # (word, part of speech, lemma) -> lemma

    @property
    def lookups(self) -> Lookups:  # the lemma tables: the extractors read them as spaCy's lemmatizer exposes them
        return self.lemmatizer.lookups

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if not self.lemmatizer._validated:
            self.lemmatizer._validate_tables()
        keys = list(zip(*doc.to_array([ORTH, POS, LEMMA]).T.tolist()))
        out = list(map(self._decided.get, keys))
        for i in [i for i, lemma in enumerate(out) if lemma is None]:
            out[i] = self._decide(doc, i, keys[i])
        doc.from_array([LEMMA], np.array(out, dtype="uint64"))
        return doc

    def _decide(self, doc: Doc, i: int, key: tuple[int, int, int]) -> int:
        """Token ``i``'s lemma: the one it has unless the lemmatizer overwrites lemmas or it has none yet."""
        lemma = self._decided.get(key)
        if lemma is None:
            lemma = key[2]
            if self.lemmatizer.overwrite or lemma == 0:
                lemma = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            self._decided[key] = lemma
        return lemma


@Language.factory("revue_word_attribute_ruler")
def _word_attribute_ruler(nlp: Language, name: str) -> WordAttributeRuler:
    return WordAttributeRuler()


@Language.factory("revue_word_lemmatizer")
def _word_lemmatizer(nlp: Language, name: str) -> WordLemmatizer:
    return WordLemmatizer()


def per_word_components(nlp: Language) -> Language:
    """``nlp`` with its attribute ruler and French rule lemmatizer replaced by their per-word forms, under the same
    names and at the same places; a component whose patterns or rules they cannot follow exactly is kept."""
    for name, component in list(nlp.pipeline):
        if type(component) is AttributeRuler:
            tested = _tested_attributes(component)
            if tested is not None:
                replacement = nlp.replace_pipe(name, "revue_word_attribute_ruler")
                replacement.ruler, replacement.tested = component, tested
        elif type(component) is FrenchLemmatizer and component.mode == "rule":
            nlp.replace_pipe(name, "revue_word_lemmatizer").lemmatizer = component
    return nlp
