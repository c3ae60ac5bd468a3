"""Stance decided by a model learned from the annotated corpus (TONE.md): for each candidate of
``lib.extract.stances`` whose source and target resolve to two different actors, two logistic regressions over
the candidate's features: whether the source takes a stance toward the target at all, and, given that it does,
whether the stance is hostile (-1), neutral (0) or supportive (+1).

Two stages because the sign is learned from the few hundred coded stances only: fitted together with the
thousands of "none" candidates, the sign weights were swamped by what separates a stance from none, and the
sign of the found stances was near chance. A row is kept when P(stance) exceeds 1 - NONE_THRESHOLD; its score is
P(+1 | stance) - P(-1 | stance) and its confidence P(stance). The weights are JSON (no pickle); ``python -m lib
train`` refits them.
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
SIGNS = ("-1", "0", "1")
# Chosen on the 5-fold cross-validation of the annotated corpus (164 development articles, 300 coded stances
# among about 5,000 candidates): a strong penalty on the stance/none stage, where most features are rare.
REGULARIZATION_C = 0.1
SIGN_C = 0.5
NONE_THRESHOLD = 0.7
# The sign stage reads only the polarity features (frames with their negation, tone-lexicon words): with the
# verbs and roles as well it fitted the few coded stances by who and how rather than by what was said (row
# sign accuracy under grouped 5-fold CV .47 with every feature, .57 with these alone).
SIGN_FEATURES = ("frame", "lex")
# "none" and the stances weigh the same in training (the stances share half the total), which trades
# precision for the recall that a sparse matrix view needs.


@dataclass(frozen=True)
class StanceDecision:
    score: float  # P(+1 | stance) - P(-1 | stance)
    confidence: float  # P(stance)


@dataclass(frozen=True)
class Linear:
    """One logistic regression as shipped: a weight row per class over named features."""

    classes: tuple[str, ...]
    vocabulary: dict[str, int]
    coef: list[list[float]]
    intercept: list[float]

    def __post_init__(self) -> None:
        # each feature's weights for the classes, built once (a corpus asks for hundreds of thousands of decisions)
        object.__setattr__(self, "_columns", {name: tuple(row[j] for row in self.coef)
                                              for name, j in self.vocabulary.items()})

    def probabilities(self, features: Sequence[str]) -> dict[str, float]:
        logits = list(self.intercept)
        for name in features:
            weights = self._columns.get(name)
            if weights is not None:
                for c, w in enumerate(weights):
                    logits[c] += w
        top = max(logits)
        exp = [math.exp(v - top) for v in logits]
        total = sum(exp)
        return {k: x / total for k, x in zip(self.classes, exp)}

    @staticmethod
    def fit(rows: Sequence[tuple[Sequence[str], str]], classes: tuple[str, ...], c: float,
            weight: dict[str, float] | None = None) -> "Linear":
        from sklearn.linear_model import LogisticRegression  # training only

        vocabulary, matrix = design([feats for feats, _ in rows])
        labels = [y for _, y in rows]
        present = [k for k in classes if k in set(labels)]
        if len(present) < 2:  # nothing to separate: the prior alone
            return Linear(classes, {}, [[] for _ in classes], [0.0 if k in present else -30.0 for k in classes])
        clf = LogisticRegression(C=c, max_iter=2000)
        clf.fit(matrix, labels, sample_weight=[weight[y] for y in labels] if weight else None)
        if len(clf.classes_) == 2:  # one weight row: the second class against the first
            rows_by_class = {clf.classes_[0]: -clf.coef_[0] / 2, clf.classes_[1]: clf.coef_[0] / 2}
            bias = {clf.classes_[0]: -clf.intercept_[0] / 2, clf.classes_[1]: clf.intercept_[0] / 2}
        else:
            rows_by_class = dict(zip(clf.classes_, clf.coef_))
            bias = dict(zip(clf.classes_, clf.intercept_))
        coef = [[round(float(v), 5) for v in rows_by_class[k]] if k in bias else [0.0] * len(vocabulary)
                for k in classes]
        intercept = [round(float(bias[k]), 5) if k in bias else -30.0 for k in classes]
        return Linear(classes, vocabulary, coef, intercept)


@dataclass(frozen=True)
class StanceModel:
    stance: Linear  # classes ("none", "stance")
    sign: Linear  # classes SIGNS, fitted on the coded stances only

    def decide(self, features: Sequence[str]) -> StanceDecision | None:
        """None when no stance is more likely than a stance."""
        p_stance = self.stance.probabilities(features)["stance"]
        if p_stance <= 1 - NONE_THRESHOLD:
            return None
        p = self.sign.probabilities(polarity(features))
        return StanceDecision(round(p["1"] - p["-1"], 3), round(p_stance, 3))

    def to_json(self) -> str:
        return json.dumps({part: {"classes": m.classes, "vocabulary": m.vocabulary, "coef": m.coef,
                                  "intercept": m.intercept} for part, m in (("stance", self.stance), ("sign", self.sign))},
                          ensure_ascii=False, separators=(",", ":"))


def polarity(features: Sequence[str]) -> list[str]:
    return [f for f in features if any(k in f for k in SIGN_FEATURES)]


@lru_cache(maxsize=1)
def shipped_model() -> StanceModel | None:
    if not MODEL_FILE.exists():
        return None
    raw = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    part = lambda r: Linear(tuple(r["classes"]), r["vocabulary"], r["coef"], r["intercept"])
    return StanceModel(part(raw["stance"]), part(raw["sign"]))


def train(examples: Iterable[tuple[Sequence[str], str]], c: float = REGULARIZATION_C) -> StanceModel:
    """Fits both stages from (features, label) pairs, label "none" or one of SIGNS."""
    rows = list(examples)
    counts = Counter(y != "none" for _, y in rows)
    weight = {"none": 1.0, "stance": counts[False] / max(counts[True], 1)}
    stance = Linear.fit([(f, "none" if y == "none" else "stance") for f, y in rows], ("none", "stance"), c, weight)
    sign = Linear.fit([(polarity(f), y) for f, y in rows if y != "none"], SIGNS, SIGN_C)
    return StanceModel(stance, sign)
