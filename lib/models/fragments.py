"""Is a quoted fragment someone's words? A classifier learned from the annotated corpus.

A fragment in quote marks that is not a complete utterance is either a partial quote (someone's words built
into the reporter's sentence) or a term, title, name or scare quote (shared/eval/README.md, "not_quotes").
The rules keep a fragment when they find who says it; on the development folds that dropped a quarter of
the gold's partial quotes (a cue the parser missed, a cue noun: "a fait part d'un « … »", a description:
"décrits comme « … » par une voisine") and kept 25 terms a cue verb stood near. The classifier reads the
fragment's parse context (lib/extract/quotes.py, ``fragment_features``): the words right before and after the
marks, the word the fragment depends on, its length and verb, whether the rules found a speaker or a cue,
whether the article marks the same words again. A logistic regression over those named features; weights
are JSON (no pickle), refit by ``python -m lib train`` and, in ``evaluate --cv``, on the training folds only.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from lib.lexicons import DATA
from lib.models.binary import BinaryModel, read_model
from lib.models.design import fit_binary

MODEL_FILE = DATA / "fragment_model.json"
REGULARIZATION_C = 0.5
MIN_COUNT = 2  # a feature seen once teaches the weights one sentence


@dataclass(frozen=True)
class FragmentModel(BinaryModel):
    def is_quote(self, features: Sequence[str]) -> bool:
        return self.score(features) > 0.0


@lru_cache(maxsize=1)
def shipped_model() -> FragmentModel | None:
    return read_model(FragmentModel, MODEL_FILE)


def train(examples: Iterable[tuple[tuple[str, ...], bool]], c: float = REGULARIZATION_C) -> FragmentModel | None:
    """Fits the classifier from (fragment features, is a gold quote) pairs; None without both classes."""
    rows = list(examples)
    if len({y for _, y in rows}) < 2:
        return None
    return FragmentModel(*fit_binary(rows, c, MIN_COUNT))
