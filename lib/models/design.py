"""The one design-matrix builder of Revue's learned models (tone, stance, speaker): named features to a
sparse matrix and the vocabulary that the shipped JSON weights are indexed by. Training only."""
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
