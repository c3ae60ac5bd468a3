"""Measure extraction on an annotated corpus: ``python -m lib evaluate [--cv] [--final] [--errors FILE] DIR``.

Plain ``evaluate`` scores the shipped pipeline on every article. ``--cv`` gives the figures that predict
unseen news: articles are split into folds (by article, languages spread evenly); every learned component
is fitted on the other folds only and the fold is analyzed with it. A fixed fifth of the corpus, chosen by
a hash of the article id, is the final test fold: ``--cv`` never touches it, ``--final`` fits on the rest
and reports it, and it is meant to be looked at only to report.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import pandas as pd

from lib.evaluate.figures import figures, format_figures
from lib.evaluate.gold import GoldArticle, load_gold
from lib.evaluate.scoring import Tally, match, score_article, speaker_right
from lib.corpus.frames import Corpus
from lib.corpus.build import CorpusSettings, build_corpus
from lib.models import Models
from lib.pipeline import Options, analyze, analyze_parsed

if TYPE_CHECKING:
    from lib.models.train import Trainer

__all__ = ["GoldArticle", "Tally", "cross_validate", "evaluate", "figures", "format_figures", "load_gold", "match",
           "score_article", "speaker_right", "split_final", "Run"]

FOLDS = 5
FINAL_SHARE = 5  # one article in five is the final test fold


@dataclass(frozen=True)
class Run:
    """Articles scored together with the corpus they were analyzed in (one per fold under --cv)."""

    items: list[GoldArticle]
    corpus: Corpus

    def tallies(self) -> list[Tally]:
        return [score_article(g.gold, self.corpus, g.article.article_id, g.tone) for g in self.items]


def _bucket(article_id: str, n: int) -> int:
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % n


def split_final(items: Sequence[GoldArticle]) -> tuple[list[GoldArticle], list[GoldArticle]]:
    """(development articles, final test articles): stable whatever else is added to the corpus."""
    test = [g for g in items if _bucket("final:" + g.article.article_id, FINAL_SHARE) == 0]
    return [g for g in items if g not in test], test


def folds(items: Sequence[GoldArticle], k: int = FOLDS) -> list[list[GoldArticle]]:
    """k folds by article; each language is dealt round-robin in hash order so every fold has its share."""
    out: list[list[GoldArticle]] = [[] for _ in range(k)]
    i = 0
    for lang in sorted({g.lang for g in items}):
        for g in sorted((g for g in items if g.lang == lang), key=lambda g: _bucket(g.article.article_id, 10**9)):
            out[i % k].append(g)
            i += 1
    return [f for f in out if f]


def by_group(runs: Sequence[Run], intervals: bool) -> dict[str, pd.DataFrame]:
    """Figures for all articles and for each language."""
    scored = [(g.lang, t) for run in runs for g, t in zip(run.items, run.tallies())]
    groups = {"all": [t for _, t in scored]}
    for lang, t in scored:
        groups.setdefault(lang, []).append(t)
    return {name: figures(ts, intervals=intervals) for name, ts in groups.items()}


def evaluate_runs(gold_dir: str | Path, options: Options = Options()) -> list[Run]:
    items = load_gold(gold_dir)
    return [Run(items, analyze([g.article for g in items], options))]


def evaluate(gold_dir: str | Path, options: Options = Options()) -> dict[str, pd.DataFrame]:
    """The shipped pipeline on every article of the set."""
    return by_group(evaluate_runs(gold_dir, options), intervals=False)


def cross_validate(items: Sequence[GoldArticle], trainer: "Trainer", options: Options = Options(),
                   final: bool = False) -> list[Run]:
    """One run per development fold (or the final test fold alone), each analyzed with what was fitted without it.

    The trainer parsed every article once; each fold's articles are analyzed from those parses with the
    fold's tone model, and built into a corpus with its stance model.
    """
    dev, test = split_final(items)
    plan = [(test, dev)] if final else [(fold, [g for g in dev if g not in fold]) for fold in folds(dev)]
    runs = []
    for held, train in plan:
        fitted = trainer(train)
        models = Models(fitted.tone, fitted.speaker, options.speakers, fragments=fitted.fragments,
                        mention=fitted.mention)
        analyses = [analyze_parsed(trainer.parsed[g.article.article_id], models) for g in held]
        runs.append(Run(list(held), build_corpus(analyses, CorpusSettings(stance_model=fitted.stance,
                                                                             merge_model=fitted.actor_merge))))
    return runs
