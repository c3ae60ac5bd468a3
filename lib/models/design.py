"""The one design-matrix builder of Revue's learned models (tone, stance, speaker, actor merge, fragments): named
features to a sparse matrix and the vocabulary that the shipped JSON weights are indexed by; the one fit of the
binary ones, and the choice fit of the speaker ranker. Training only."""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping, Sequence


def design(rows: Sequence[Mapping[str, float] | Iterable[str]], min_count: int = 1):
    """(vocabulary, CSR matrix) for rows of features: a mapping name -> value, or names (value 1).
    Features seen in fewer than ``min_count`` rows are left out."""
    from scipy.sparse import lil_matrix  # training only: scoring reads the JSON weights

    valued = [r if isinstance(r, Mapping) else dict.fromkeys(r, 1.0) for r in rows]
    seen = Counter(name for r in valued for name in r)
    vocabulary = {name: j for j, name in enumerate(sorted(n for n, k in seen.items() if k >= min_count))}
    matrix = lil_matrix((len(valued), len(vocabulary)))
    for i, r in enumerate(valued):
        for name, value in r.items():
            if name in vocabulary:
                matrix[i, vocabulary[name]] = value
    return vocabulary, matrix.tocsr()


def fit_binary(rows: Sequence[tuple[Iterable[str], bool]], c: float,
               min_count: int = 1) -> tuple[dict[str, int], list[float], float]:
    """(vocabulary, weights, intercept) of a logistic regression of True against False over named features, rounded
    as the shipped JSON keeps them (the actor-merge, fragment and mention classifiers). Rows of
    one class alone (a handful of training articles) give no weights and an intercept that always says that class."""
    from sklearn.linear_model import LogisticRegression  # training only

    labels = {y for _, y in rows}
    if len(labels) < 2:
        return {}, [], 50.0 if True in labels else -50.0
    vocabulary, matrix = design([feats for feats, _ in rows], min_count)
    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit(matrix, [y for _, y in rows])
    sign = 1.0 if clf.classes_[1] else -1.0
    return vocabulary, [round(sign * float(v), 5) for v in clf.coef_[0]], round(sign * float(clf.intercept_[0]), 5)


def fit_choice(groups: Sequence[Sequence[tuple[Iterable[str], bool]]], c: float) -> tuple[dict[str, int], list[float], float]:
    """(vocabulary, weights, 0.0) of a conditional logit: a softmax over each group's candidates, fitted to put the
    group's probability on its right candidates (several mentions of one speaker may all be right), with an L2
    penalty of 1/(2c). Unlike a logistic regression of each candidate alone, the fit compares a quote's candidates
    with each other, so "nobody" learns to win when the best actor scores too low, not when actors are many."""
    import numpy as np  # training only
    from scipy.optimize import minimize

    groups = [g for g in groups if any(y for _, y in g) and not all(y for _, y in g)]
    if not groups:
        return {}, [], 0.0
    vocabulary, matrix = design([feats for g in groups for feats, _ in g])
    right = np.array([y for g in groups for _, y in g], dtype=bool)
    starts = np.cumsum([0] + [len(g) for g in groups])[:-1]
    owner = np.repeat(np.arange(len(groups)), [len(g) for g in groups])

    def loss(w):
        s = matrix @ w
        top = np.maximum.reduceat(s, starts)
        e = np.exp(s - top[owner])
        total, good = np.add.reduceat(e, starts), np.add.reduceat(np.where(right, e, 0.0), starts)
        value = np.sum(np.log(total) - np.log(good)) + w @ w / (2 * c)
        grad = matrix.T @ (e / total[owner] - np.where(right, e, 0.0) / good[owner]) + w / c
        return value, grad

    w = minimize(loss, np.zeros(len(vocabulary)), jac=True, method="L-BFGS-B").x
    return vocabulary, [round(float(v), 5) for v in w], 0.0
