"""Stance decided from the annotated corpus (TONE.md): for each candidate of ``lib.extract.stances`` whose source
and target resolve to two different actors, a logistic regression over the candidate's features decides whether
the source takes a stance toward the target at all; the sign is read from the evidence.

The sign is the evidence's tone as the sentence-tone model reads it (lib/models/tone.py, trained on the ~2,800
coded sentences), shifted toward hostility, the prior of the coded stances (228 hostile, 113 supportive, 27
neutral of 368), the prior alone when that tone is near neutral, and overruled by the pair's own frame (a frame
verb of its predicate with its negation, an "against" phrase governing the target, the frame noun the target
undergoes, the evaluative words of the dependency path joining source and target; lib/data/stance_frames*_*.tsv); a neutral-interaction frame alone makes it neutral. A sign stage learned from the coded stances
alone (about 150 rows a fold, most without a frame verb) did worse than always answering hostile: under the
5-fold cross-validation its sign accuracy of found stances was .53, the prior's .57 and the evidence's tone .61.
Tried again on the 198 development articles (194 found stances, this rule .644): a logistic sign stage over the
tone with the pair's and the evidence's frames, tone-list words, verbs and roles, or with the evidence's words
(trained on the candidates at coded evidence, ~330), .61-.63; the tone of the pair's own clause (the subtree
joining source and target) instead of the sentence's, .63; a tone model refitted on the coded stances' evidence,
.65-.66 (one article's flips). Tried on the 233 development articles (found stances right: 142 of 217 with
C 0.1, 150 of 224 with C 0.03): a prior per language fitted from its coded stances (French 0.11, English 0), 141 of
217; the pair's noun frames in the sign, 150 of 224 (their rows already had the right sign); per pair, the most
confident row's sign 144 of 217, or only the rows within 0.1 of the pair's most confident, 153 of 224 (noise-sized,
and the Stances page would lose the evidence it hides). The sign errors left are spread thin: tone that reads the
event around the target (sympathy for a victim, "l'attentat commis contre X": 3), pairs found only through evidence
the coders did not choose (19), one pair coded with both signs (6).
Tried on the 310 development articles (275 found stances, 199 right with the pair's frames deciding): the evidence's
tone minus half the article's mean sentence tone, 178; a hostile floor for near-zero rows, 199; the tone's label (x
0.3-0.5) for its score, 195-200; an English prior of 0.35 (its tone model reads interviews' "ineffective", "a
legend" near +0.1), 205, but no fold-fitted way to set it; rows below the threshold kept for pairs already kept,
198-201; each row's score scaled by its confidence over its pair's surest, 202, its three gains one pair coded three
times (Chomsky -> NATO); "against" and the frame noun for targets inside quotes, 199; frame entries affronter,
donate / donation, contact, 198.
Tried again on the 722 development articles of session 16 (900 found stances, 642 right with this rule), now that
the coded stances are five times as many: a logistic sign stage over each kept row's candidate features, its
evidence's tone (the fold's own tone model, so out of fold) and the rule's score, fitted on the other folds' rows
of found pairs, 603-649 of 900 with C 0.03-1.0, with or without the verbs, the pair's recurrence or balanced classes
(best: the rule's score among its features and the pair's mean class probabilities, 649, within noise of 642). The
sign errors left are two thirds on rows that read a clear tone (113 without a frame, 106 with one), which the
candidate's features do not overrule.
A row is kept when P(stance) exceeds 1 - NONE_THRESHOLD; its score is in [-1, 1] and its confidence P(stance). The
weights are JSON (no pickle); ``python -m lib train`` refits them.
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
from lib.types import Tone

MODEL_FILE = DATA / "stance_model.json"
# Chosen on the 5-fold cross-validation of the annotated corpus: a strong penalty on the stance/none stage, where
# most features are rare (a verb lemma seen in one article). On the 233 development articles (440 coded stances),
# C 0.1 / P(stance) > 0.3 found .493 with sign .654 and precision .099; C 0.03 / P(stance) > 0.35 finds .509, sign
# .670, precision .097; on the 35 development articles coded last (252-299, never tuned on before this change), 56
# coded stances, found .339 -> .411. Weaker weights for one-article verbs leave more to the frequent features
# (roles, frames, the pair's recurrence).
# Found against precision on the 272 development articles (512 coded stances; found / precision of predicted pairs):
# C 0.03 with NONE_THRESHOLD 0.65 .521 / .087, 0.6 .504 / .092, 0.55 .475 / .100, 0.5 .447 / .108, 0.4 .398 / .131,
# 0.35 .359 / .141; C 0.1: 0.65 .492 / .095, 0.5 .424 / .121. Precision rises slowly (coders record a few pairs an
# article) while found, already below .50 on articles read after tuning (.372 on 300-347), falls at once: kept 0.65.
# On the 327 development articles of session 11 (608 coded stances; found / sign / precision): 0.65 .493 / .747 /
# .089, 0.70 .512 / .733 / .079: the 11 found pairs it adds have the right sign 4 times: kept 0.65. Session 12, with
# weak-toned rows leaning hostile only faintly (WEAK_TONE below): 0.6 .464 / .752 / .096, 0.65 .493 / .757 / .089,
# 0.70 .512 / .752 / .079, 0.75 .535 / .745 / .071: 0.70, the one setting with found and sign over the bar.
REGULARIZATION_C = 0.03
NONE_THRESHOLD = 0.70
# The sign: the evidence's tone score (P(+1) - P(-1)) minus HOSTILE_PRIOR, unless the pair has a frame of its own
# (below), which then sets the sign, the tone only grading it. Prior chosen on the development folds: 0, 0.1, 0.15,
# 0.2 gave sign accuracy .610, .619, .602, .627 (118 found stances; the steps are one English interview flipping).
HOSTILE_PRIOR = 0.1
# A row with no frame of its own is a stance (the stance stage kept it), yet its score is a sentence tone, P(+1) -
# P(-1), where the neutral class holds most of the mass: the English model reads evaluative interview sentences
# ("ineffective", "a legend") at ±0.1-0.25, so after the prior most rows, and their pair's mean, fell inside the
# ±0.05 neutral band of a stance's sign, though only 60 of the corpus's 791 coded stances are neutral. The shifted
# tone is stretched by TONE_GAIN (its sign unchanged; the band becomes ±0.0125 of the tone). On the development folds
# (327 articles, 302 found stances), gain 1, 2, 3, 4, 6: sign right 216, 220, 222, 223, 223 (French 186, 187, 188,
# 186, 186; English 30, 33, 34, 37, 37); the gains are pairs read neutral before. Tried and left out: a neutral frame
# keeping 0.3-1.0 of the tone instead of none (gain 1: 212-209). `evaluate --cv`: sign .717 -> .747 (215 -> 224 of
# 300; French 185 -> 185, English 30 -> 39 of 60).
TONE_GAIN = 4.0
# A row with no frame whose evidence's tone lies within WEAK_TONE of neutral has no sign of its own: its score is the
# prior alone, -HOSTILE_PRIOR, so that a pair with no other evidence still reads hostile (the prior) while any row
# of the pair that has evidence (a frame, a clear tone) decides. Such rows were scored TONE_GAIN x (tone - prior),
# down to -0.4, outweighing the pair's evidence: on the development folds (327 articles) the 173 weak-toned rows
# without a frame of found pairs had the gold sign 46 % of the time, the opposite one 45 % ("Adobe a annoncé sa
# volonté de racheter Magento", tone +0.02: -0.3). Found stances right, NONE_THRESHOLD 0.65: 224 -> 227 of 300;
# 0.70: 228 -> 234 of 311 (French 189 -> 194, English 39 -> 40), with a lean of 0.06; 0.1 (the prior) or 0.2, 232
# and 230: the prior is kept rather than a value fitted to the judge's ±0.05 band. WEAK_TONE 0.05 / 0.1 / 0.15
# gave 235 / 234 / 234.
WEAK_TONE = 0.1
# The pair's frames: a frame verb of the pair's predicate (with its negation), an "against" phrase governing the
# target ("X a redirigé ses forces contre Y", "demande des mesures contre Y": opposed by the sentence's actor), the
# frame noun the target undergoes ("son refus de collaboration avec Y", "une alliance avec Y"). Their sum's sign
# is the sign, at FRAME_SCORE plus FRAME_TONE_SHARE of the tone (never enough to flip it): what the source does to
# the target, not how the sentence's tone reads the events around it (issue 13, point 2). On the development folds
# (310 articles, 275 found stances): the "against" phrase 191 -> 195 right (French 176 -> 180), no pair lost; then
# frames deciding instead of adding 0.5 each to the tone, with the target's frame noun, 195 -> 199 (the source's
# frame noun too: 197; the target's noun added to the tone at 0.5 instead: 196).
# The words of the dependency path joining source and target count as one more frame ("path±": their frame verbs and
# nouns and tone-list words, lib.extract.stances): "l'armée turque est un allié de l'ASL", "l'armée turque intervient
# avec le soutien des États-Unis", "Trump louait les compétences d'Hillary Clinton" read supportive though the
# sentence's tone reads the war or the campaign around them. Session 13, on the development folds (424 articles,
# 391 found stances): sign right 289 -> 293 (French 260 -> 264, English 29 -> 29); gold +1 read -1 41 -> 35, gold -1
# read +1 22 -> 23, gold 0 read -1 19 -> 21. Tried and left out: the path only when the tone is weak (|tone| < 0.1
# - 0.5: 293-294), only its supportive side (293, the hostile side alone 289), the words above a target inside a
# quote up to its verb ("nos amis à Moscou": 289, no pair changed), a target undergoing a harm predicate read as
# sympathy (its rows' coded sign: hostile 21, supportive 3).
FRAME_SCORE = 0.6
FRAME_TONE_SHARE = 0.3
PAIR_FRAMES = {"frame+": 1, "frame-": -1, "s_frame+": 1, "s_frame-": -1, "t_frame+": 1, "t_frame-": -1,
               "tgt_opposed": -1, "t_nframe+": 1, "t_nframe-": -1, "path+": 1, "path-": -1}
# A pair whose own predicate is a neutral interaction (contact, request, negotiation: a frame weight within ±0.2) and
# no hostile or supportive frame is a neutral stance (TONE.md: "0 neutral interaction (request, contact,
# negotiation)"), whatever the sentence's tone says of the events around it ("en appelle à l'ONU pour faire cesser
# les horreurs"): its score is 0. On the development folds (198 articles): sign of found stances 125 -> 127 of 196
# (French 104 -> 106 of 150); keeping a tenth of the tone instead gave the same.
NEUTRAL_FRAMES = frozenset({"frame0", "s_frame0", "t_frame0"})
# "none" and the stances weigh the same in training (the stances share half the total), which trades
# precision for the recall that a sparse matrix view needs.


@dataclass(frozen=True)
class StanceDecision:
    score: float  # in [-1, 1]: the evidence's tone, the prior and the pair's frame verbs
    confidence: float  # P(stance)
    cues: tuple[str, ...] = ()  # the words shown with the row, those that set its sign first


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

    def decide(self, features: Sequence[str], tone: Tone | None = None,
               cues: tuple[str, ...] = ()) -> StanceDecision | None:
        """None when no stance is more likely than a stance. ``tone``: the evidence's (the sentence's, or the
        quote's), as the pipeline scored it; ``cues``: the candidate's words (its pair's verb first)."""
        p_stance = self.stance.probabilities(features)["stance"]
        if p_stance <= 1 - NONE_THRESHOLD:
            return None
        return StanceDecision(sign_score(features, tone), round(p_stance, 3), sign_cues(features, tone, cues))

    def to_json(self) -> str:
        m = self.stance
        return json.dumps({"stance": {"classes": m.classes, "vocabulary": m.vocabulary, "coef": m.coef,
                                      "intercept": m.intercept}}, ensure_ascii=False, separators=(",", ":"))


def article_features(pairs: Sequence[tuple[Sequence[str], str, str]]) -> list[tuple[str, ...]]:
    """Each candidate's features (with its resolved source and target) plus what the whole article says of its pair:
    how many candidates link the two actors, and whether the target also acts on the source. A pair the article
    returns to is what analysts code; one sentence that happens to name two actors is not."""
    counts = Counter((source, target) for _, source, target in pairs)
    return [(*features, f"pair_n={min(counts[source, target], 4)}", f"mutual={(target, source) in counts}")
            for features, source, target in pairs]


def sign_score(features: Sequence[str], tone: Tone | None) -> float:
    frames = sum(PAIR_FRAMES.get(f, 0) for f in features)
    if frames == 0 and not NEUTRAL_FRAMES.isdisjoint(features):
        return 0.0
    tone_score = tone.score if tone is not None else 0.0
    if frames:
        score = math.copysign(FRAME_SCORE, frames) + FRAME_TONE_SHARE * tone_score
    else:
        score = -HOSTILE_PRIOR if abs(tone_score) < WEAK_TONE else TONE_GAIN * (tone_score - HOSTILE_PRIOR)
    return round(max(-1.0, min(1.0, score)), 3)


def sign_cues(features: Sequence[str], tone: Tone | None, cues: tuple[str, ...]) -> tuple[str, ...]:
    """The candidate's words and the words that drove its evidence's tone, those that set the sign first: the
    pair's frame verb (the candidate's first word) when it has one, neutral included, else the tone's words."""
    tone_cues = tone.cues if tone is not None else ()
    framed = any(f in PAIR_FRAMES or f in NEUTRAL_FRAMES for f in features)
    return tuple(dict.fromkeys(cues + tone_cues if framed else tone_cues + cues))


@lru_cache(maxsize=1)
def shipped_model() -> StanceModel | None:
    if not MODEL_FILE.exists():
        return None
    raw = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    part = lambda r: Linear(tuple(r["classes"]), r["vocabulary"], r["coef"], r["intercept"])
    return StanceModel(part(raw["stance"]))


def train(examples: Iterable[tuple[Sequence[str], str]], c: float = REGULARIZATION_C) -> StanceModel:
    """Fits the stance-or-none stage from (features, label) pairs, label "none" or the coded sign."""
    rows = list(examples)
    counts = Counter(y != "none" for _, y in rows)
    weight = {"none": 1.0, "stance": counts[False] / max(counts[True], 1)}
    stance = Linear.fit([(f, "none" if y == "none" else "stance") for f, y in rows], ("none", "stance"), c, weight)
    return StanceModel(stance)
