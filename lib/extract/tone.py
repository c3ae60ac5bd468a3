"""Lexicon tone in [-1, 1] with negation, offline, French and English."""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc

from lib.lexicons import has, weighted_list
from lib.nlp import lemmas
from lib.textkeys import fold
from lib.types import Tone

NEGATORS = {"ne", "n'", "pas", "jamais", "aucun", "aucune", "sans", "ni", "plus",
            "not", "no", "never", "n't", "without", "nor"}
NEGATION_WINDOW = 3  # a negator flips the polarity of the next few words ("n'a pas accepté")
LABEL_THRESHOLD = 0.1


def _folded(name: str) -> dict[str, float]:
    return {fold(w): v for w, v in weighted_list(name).items()}


class LexiconTone:
    """Default ``ToneScorer``: mean weight of lexicon lemmas, negation-aware."""

    def __init__(self) -> None:
        self._lexicons = {lang: _folded(f"tone_{lang}.tsv")
                          for lang in ("fr", "en") if has(f"tone_{lang}.tsv")}
        # the learned sentence model also reads news events (deaths, job cuts, hiring); stance features do not,
        # since an event sets a sentence's tone without being one actor's stance toward another
        self._with_events = {lang: {**_folded(f"tone_events_{lang}.tsv"), **words}
                             for lang, words in self._lexicons.items() if has(f"tone_events_{lang}.tsv")}

    def weight(self, folded: str, lang: str) -> float:
        return (self._lexicons.get(lang) or self._lexicons["fr"]).get(folded, 0.0)

    def sentence_weight(self, folded: str, lang: str) -> float:
        """``weight`` widened with the news-event words, for the learned sentence-tone features."""
        return self.sentence_words(lang).get(folded, 0.0)

    def sentence_words(self, lang: str) -> dict[str, float]:
        """The folded words ``sentence_weight`` reads, with their weights."""
        return self._with_events.get(lang) or self._lexicons.get(lang) or self._lexicons["fr"]

    def score_tokens(self, words: Sequence[str], lang: str) -> Tone:
        """``words`` are lemmas (or surface words when no lemmatizer ran)."""
        lexicon = self._lexicons.get(lang) or self._lexicons["fr"]
        total, hits, cues, negated_until = 0.0, 0, [], -1
        for i, word in enumerate(words):
            key = fold(word)
            if key in NEGATORS and key not in ("plus", "ni"):
                negated_until = i + NEGATION_WINDOW
                continue
            weight = lexicon.get(key)
            if weight is None:
                continue
            if i <= negated_until:
                weight, word = -weight, f"not {word}"
            total += weight
            hits += 1
            cues.append(word)
        if not hits:
            return Tone(0.0, 0, ())
        score = max(-1.0, min(1.0, total / (hits + 1)))  # +1 damps a single cue word
        label = 1 if score > LABEL_THRESHOLD else -1 if score < -LABEL_THRESHOLD else 0
        return Tone(round(score, 3), label, tuple(cues))

    def score_sentences(self, doc: Doc, spans: Sequence[tuple[int, int]], lang: str) -> list[Tone]:
        """Each sentence (a character span of the parsed ``doc``) scored by its lemmas alone."""
        return [self.score_tokens(lemmas(doc, start, end), lang) for start, end in spans]

    def score(self, text: str, lang: str) -> Tone:
        return self.score_tokens(text.split(), lang)
