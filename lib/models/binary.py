"""The shape Revue's binary models ship in (speaker ranker, actor merge, quoted fragments, mentions): a logistic
regression's weight per named feature and its intercept, as JSON (no pickle), scored without scikit-learn."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, TypeVar


@dataclass(frozen=True)
class BinaryModel:
    vocabulary: dict[str, int]
    coef: list[float]
    intercept: float

    def score(self, features: Iterable[str]) -> float:
        return self.intercept + sum(self.coef[self.vocabulary[f]] for f in features if f in self.vocabulary)

    def probability(self, features: Iterable[str]) -> float:
        return 1 / (1 + math.exp(-self.score(features)))

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, separators=(",", ":"))


Model = TypeVar("Model", bound=BinaryModel)


def read_model(kind: type[Model], path: Path) -> Model | None:
    """The model shipped at ``path``; None when there is none (the rules alone decide)."""
    if not path.exists():
        return None
    return kind(**json.loads(path.read_text(encoding="utf-8")))
