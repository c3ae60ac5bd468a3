"""Fit Revue's learned components on an annotated corpus: ``python -m lib train CORPUS_DIR``.

Today that is the sentence-tone model (lib/tone_model.py), trained on every coded sentence and title of
the corpus's tone/NN.json files and written to lib/data/tone_model.json. Cross-validation
(``python -m lib evaluate --cv``) calls the same ``ToneTrainer`` on training folds only.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Sequence

from lib import nlp as nlp_loader
from lib.evaluate.gold import GoldArticle
from lib.nlp import lemmas
from lib.normalize import normalize
from lib.tone_model import MODEL_FILE, LearnedTone, train

Example = tuple[list[str], str, int]  # (lemmas, lang, coded tone)


class ToneTrainer:
    """Parses each coded article once, then fits a model on any subset of them."""

    def __init__(self, items: Sequence[GoldArticle]) -> None:
        self.examples: dict[str, list[Example]] = {}
        by_lang: dict[str, list[GoldArticle]] = defaultdict(list)
        for g in items:
            if g.tone:
                by_lang[g.lang].append(g)
        for lang, group in by_lang.items():
            nlp = nlp_loader.load(lang)
            docs = nlp.pipe(normalize(g.article.text) for g in group)
            for g, doc in zip(group, docs):
                self.examples[g.article.article_id] = list(_coded_sentences(g, doc, lang))

    def __call__(self, items: Sequence[GoldArticle]) -> LearnedTone:
        return train(ex for g in items for ex in self.examples.get(g.article.article_id, []))


def _coded_sentences(g: GoldArticle, doc, lang: str):
    """The title and every coded sentence, located in order in the article text."""
    text, pos = g.article.text, 0
    for coded in [g.tone["title"], *g.tone["sentences"]]:
        at = text.find(coded["text"], pos)
        if at < 0:
            continue
        pos = at + len(coded["text"])
        yield lemmas(doc, at, pos), lang, int(coded["tone"])


def train_all(items: Sequence[GoldArticle], out: Path = MODEL_FILE) -> LearnedTone:
    model = ToneTrainer(items)(items)
    out.write_text(model.to_json() + "\n", encoding="utf-8")
    return model
