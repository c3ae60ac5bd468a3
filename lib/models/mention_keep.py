"""Is a candidate name a mention of an actor? A keep/drop classifier learned from the corpus's gold actors.

The mention rules (lib/extract/mentions.py) drop MISC spans, events, works and products ("Tour de France
2016", "TGV") being no actors; but the French model tags "Froome garde son maillot", "Big Ten Network",
"Presse Océan" and "Identi.ca" MISC too, and the English one leaves "Wikinews" (interviews' titles and
bylines) out of every entity, and tags capitalised words of interview headers, book lists and talk about
fiction like names. The candidates are every dropped MISC span, every run of proper nouns in no entity,
every known state or city ending a dropped name ("Championnat de France"), and in English every name the
rules keep but a known actor's or a person's full name. A logistic regression over features of the span
and the parse (the tagger's label and the rules' decision, shape, common words, where it stands in its
sentence and line, the word before it, its syntactic role, how often the article names it, whether the
rules keep it elsewhere or it ends a person's full name), each also read per language, scores them: a
dropped candidate scored at least ``keep_from`` is a mention, a kept one scored under ``drop_below`` is
not. Candidates are labelled by the gold: a mention when an annotated actor of its article lists its text.
Weights are JSON (no pickle), refit by ``python -m lib train``; cross-validation fits them on the training
folds only.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from lib.lexicons import DATA
from lib.models.binary import BinaryModel, read_model
from lib.models.design import fit_binary

MODEL_FILE = DATA / "mention_model.json"
# Chosen on the CV folds (272 dev articles, each fold's model fitted on the other four): C = 0.3 and 1, keeping
# from 0.5 or 0.6, dropping under 0 to 0.4 found 2904-2936 of 3309 gold actors (the rules alone 2906) and
# predicted 3406-3498 actors, 2912-2944 of them annotated (the rules: 2914 of 3440); C = 0.3, 0.5 and 0.3
# found 2927 and predicted 3455, 2935 annotated (English: 730 in 1,000 annotated, the rules 706).
KEEP_FROM = 0.5
DROP_BELOW = 0.3
REGULARIZATION_C = 0.3


@dataclass(frozen=True)
class MentionModel(BinaryModel):
    keep_from: float = KEEP_FROM
    drop_below: float = DROP_BELOW

    def keeps(self, features: Iterable[str], kept: bool) -> bool:
        """Is the candidate a mention? One the rules drop must score ``keep_from``; one they keep is dropped
        under ``drop_below``."""
        return self.probability(features) >= (self.drop_below if kept else self.keep_from)


# keeps no dropped name and drops no kept one: what a corpus without both kinds of candidates can teach
RULES_ONLY = MentionModel({}, [], 0.0, keep_from=2.0, drop_below=0.0)


@lru_cache(maxsize=1)
def shipped_model() -> MentionModel | None:
    return read_model(MentionModel, MODEL_FILE)


def train(rows: Iterable[tuple[tuple[str, ...], bool]], c: float = REGULARIZATION_C) -> MentionModel:
    """Fits the scorer from (candidate features, listed by a gold actor) rows."""
    rows = list(rows)
    if len({y for _, y in rows}) < 2:
        return RULES_ONLY
    return MentionModel(*fit_binary(rows, c, min_count=2))
