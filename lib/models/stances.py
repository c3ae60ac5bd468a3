"""Stance decided by a model learned from the annotated corpus (TONE.md): for each candidate of
``lib.extract.stances`` whose source and target resolve to two different actors, the probability that the source
is hostile (-1), neutral (0) or supportive (+1) toward the target, or that there is no stance at all.

A row is kept when a stance is more likely than none; its score is P(+1) - P(-1) and its confidence
1 - P(none). The weights are JSON (no pickle); ``python -m lib train`` refits them.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from lib.models.design import design
from lib.lexicons import DATA

MODEL_FILE = DATA / "stance_model.json"
CLASSES = ("none", "-1", "0", "1")
# Both chosen together on the 5-fold cross-validation of the annotated corpus (123 development articles):
# about 80 coded stances among 4,000 candidates, so a strong penalty (C 0.1 rather than 0.5). A row is kept when P(no stance) is below NONE_THRESHOLD. Found / sign
# right / predicted pairs coded: C 0.5 at 0.85: 22 % / 52 % / 9.4 %; C 0.1 at 0.6: 19 / 59 / 11.5;
# at 0.7: 25 / 57 / 10.2; at 0.85: 29 / 56 / 6.1 (C 0.05 at 0.85: 32 / 51 / 5.3).
REGULARIZATION_C = 0.1
NONE_THRESHOLD = 0.7
# Most candidates are no stance: "none" and the stances weigh the same in training (each stance class
# shares half the total), which trades precision for the recall that a sparse matrix view needs.


@dataclass(frozen=True)
class StanceDecision:
    score: float  # P(+1) - P(-1)
    confidence: float  # 1 - P(none)


@dataclass(frozen=True)
class StanceModel:
    vocabulary: dict[str, int]
    coef: list[list[float]]  # one row per class of CLASSES
    intercept: list[float]

    def decide(self, features: Sequence[str]) -> StanceDecision | None:
        """None when no stance is more likely than a stance."""
        logits = list(self.intercept)
        for name in features:
            j = self.vocabulary.get(name)
            if j is not None:
                for c in range(len(CLASSES)):
                    logits[c] += self.coef[c][j]
        top = max(logits)
        probs = [math.exp(v - top) for v in logits]
        total = sum(probs)
        p = dict(zip(CLASSES, (x / total for x in probs)))
        if p["none"] >= NONE_THRESHOLD:
            return None
        return StanceDecision(round(p["1"] - p["-1"], 3), round(1 - p["none"], 3))

    def to_json(self) -> str:
        return json.dumps({"classes": CLASSES, **self.__dict__}, ensure_ascii=False, separators=(",", ":"))


@lru_cache(maxsize=1)
def shipped_model() -> StanceModel | None:
    if not MODEL_FILE.exists():
        return None
    raw = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return StanceModel(raw["vocabulary"], raw["coef"], raw["intercept"])


def train(examples: Iterable[tuple[Sequence[str], str]], c: float = REGULARIZATION_C) -> StanceModel:
    """Fits the model from (features, label) pairs, label one of CLASSES."""
    from sklearn.linear_model import LogisticRegression  # training only

    rows = list(examples)
    vocabulary, matrix = design([feats for feats, _ in rows])
    labels = [y for _, y in rows]
    clf = LogisticRegression(C=c, max_iter=2000)
    counts = Counter(labels)
    n_stance = len(labels) - counts["none"]
    weight = {y: 1.0 if y == "none" else counts["none"] / max(n_stance, 1) for y in counts}
    clf.fit(matrix, labels, sample_weight=[weight[y] for y in labels])
    coef, intercept = [], []
    for k in CLASSES:  # a class absent from training gets no chance rather than an error
        if k in clf.classes_:
            r = list(clf.classes_).index(k)
            row = clf.coef_[r] if len(clf.classes_) > 2 else (clf.coef_[0] if r == 1 else -clf.coef_[0])
            coef.append([round(float(v), 5) for v in row])
            intercept.append(round(float(clf.intercept_[r if len(clf.classes_) > 2 else 0] * (1 if r == 1 or len(clf.classes_) > 2 else -1)), 5))
        else:
            coef.append([0.0] * len(vocabulary))
            intercept.append(-30.0)
    return StanceModel(vocabulary, coef, intercept)
