"""Score predicted frames against one annotated article (format: shared/eval/README.md and TONE.md).

Conventions, as the judges apply them: quotes and dates match one to one, best
pairs first, when the Dice overlap of their folded word multisets is >= 0.5;
a speaker is right when it equals the gold speaker or one of its mentions, or
when the name words of one contain the other's; an unattributed gold quote is
right only when the prediction has no speaker either. A coded sentence takes
the tone of the predicted sentence it overlaps best (Dice >= 0.6); a coded
stance is found when a predicted row of its article has a matching source and
target, and its sign is the sign of those rows' mean score.

Every count is kept per article (a ``Counter``), so that folds and bootstrap
resamples add articles, never ratios.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from lib.corpus.frames import Corpus
from lib.textkeys import fold, words

MATCH_THRESHOLD = 0.5
SENTENCE_THRESHOLD = 0.6
SIGN_BAND = 0.05  # a mean score inside +-0.05 is neutral, as the judge reads tone
QUOTE_KINDS = ("direct", "partial", "indirect")
TONES = (-1, 0, 1)
# How the gold names a quote's speaker in its sentence; the breakdown that shows where attribution fails.
MENTION_KINDS = ("name", "pronoun", "role", "selon", "none")
PRONOUNS = frozenset("il elle ils elles lui eux celui-ci celle-ci je j' nous on he she they him her them it we i "
                     "who qui lequel laquelle".split())
SELON_CUES = frozenset(["selon", "d'apres", "pour", "according to", "d’apres"])


def dice(a: str, b: str) -> float:
    wa, wb = Counter(words(a)), Counter(words(b))
    total = sum(wa.values()) + sum(wb.values())
    return 2 * sum((wa & wb).values()) / total if total else 0.0


def match(gold: list[str], pred: list[str], threshold: float = MATCH_THRESHOLD) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs, best overlap first."""
    scored = sorted(((dice(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)), reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for score, i, j in scored:
        if score < threshold:
            break
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def speaker_right(gold_speaker: str | None, predicted: str, actors: list[dict]) -> bool:
    if not gold_speaker:
        return not predicted
    if not predicted:
        return False
    forms = [gold_speaker] + next((a["mentions"] for a in actors if a["name"] == gold_speaker), [])
    pw = set(words(predicted))
    for form in forms:
        fw = set(words(form))
        if fold(form) == fold(predicted) or (fw and pw and (fw <= pw or pw <= fw)):
            return True
    return False


def mention_kind(quote: dict, actors: list[dict]) -> str:
    """name / pronoun / role / selon / none, from the gold annotation alone."""
    mention, cue = quote.get("speaker_mention"), fold(quote.get("cue") or "")
    if not mention:
        return "none"
    if cue in SELON_CUES:
        return "selon"
    if fold(mention) in PRONOUNS:
        return "pronoun"
    names = {fold(f) for a in actors for f in [a["name"], *a["mentions"]]}
    return "name" if fold(mention) in names or quote.get("speaker") and speaker_right(
        quote["speaker"], mention, actors) and any(w[:1].isupper() for w in mention.split()) else "role"


def sign(x: float) -> int:
    return 1 if x > SIGN_BAND else -1 if x < -SIGN_BAND else 0


@dataclass
class Tally:
    """Counts for a set of articles: ratios are derived, never stored."""

    n: Counter = field(default_factory=Counter)

    def add(self, other: "Tally") -> None:
        self.n.update(other.n)


def _score_quotes(t: Counter, gold: dict, quotes: pd.DataFrame) -> None:
    gq = gold["quotes"]
    pairs = match([q["text"] for q in gq], quotes["text"].tolist())
    kinds, speakers = quotes["kind"].tolist(), quotes["speaker"].fillna("").tolist()
    t["quote_gold"] += len(gq)
    t["quote_pred"] += len(quotes)
    t["quote_match"] += len(pairs)
    for kind in QUOTE_KINDS:
        t[f"{kind}_gold"] += sum(q["kind"] == kind for q in gq)
        t[f"{kind}_pred"] += sum(k == kind for k in kinds)
        t[f"{kind}_match"] += sum(gq[i]["kind"] == kind for i, _ in pairs)  # gold of that kind found
        t[f"{kind}_pmatch"] += sum(kinds[j] == kind for _, j in pairs)  # predictions of that kind that are quotes
    for i, j in pairs:
        right = speaker_right(gq[i]["speaker"], speakers[j], gold["actors"])
        mk = mention_kind(gq[i], gold["actors"])
        t["speaker_right"] += right
        t[f"mk_{mk}_match"] += 1
        t[f"mk_{mk}_right"] += right


def _score_dates(t: Counter, gold: dict, dates: pd.DataFrame) -> None:
    gd = gold["dates"]
    pairs = match([d["text"] for d in gd], dates["text"].tolist())
    values = dates["value"].fillna("").tolist()
    t["date_gold"] += len(gd)
    t["date_pred"] += len(dates)
    t["date_match"] += len(pairs)
    t["value_gold"] += sum(1 for i, _ in pairs if gd[i]["value"])
    t["value_right"] += sum(1 for i, j in pairs if gd[i]["value"] and values[j] == gd[i]["value"])


def actors_by_form(mentions: pd.DataFrame) -> dict[str, set[str]]:
    """Each folded mention text -> the actors its mentions went to (the text itself when none)."""
    form_actor: dict[str, set[str]] = {}
    for text, actor in zip(mentions["text"], mentions["actor"].fillna("")):
        form_actor.setdefault(fold(text), set()).add(actor or fold(text))
    return form_actor


def _score_actors(t: Counter, gold: dict, mentions: pd.DataFrame) -> None:
    form_actor = actors_by_form(mentions)
    annotated = {fold(f) for a in gold["actors"] for f in a["mentions"] + [a["name"]]}
    for actor in gold["actors"]:
        found = {fold(f) for f in actor["mentions"] + [actor["name"]]} & set(form_actor)
        t["actor_gold"] += 1
        t["actor_found"] += bool(found)
        if len(found) >= 2:
            t["multi_form"] += 1
            t["merged"] += len(set().union(*(form_actor[f] for f in found))) == 1
    predicted: dict[str, set[str]] = {}
    for text, actor in zip(mentions["text"], mentions["actor"].fillna("")):
        predicted.setdefault(actor or fold(text), set()).add(fold(text))
    t["actor_pred"] += len(predicted)
    t["actor_precise"] += sum(bool(forms & annotated) for forms in predicted.values())


def tone_pairs(coded: dict, sentences: pd.DataFrame) -> list[tuple[int, int | None]]:
    """(gold tone, predicted label or None when no predicted sentence overlaps enough) per coded sentence."""
    texts, labels = sentences["text"].tolist(), sentences["tone_label"].tolist()
    out = []
    for s in coded["sentences"]:
        scores = [dice(s["text"], p) for p in texts]
        best = max(range(len(scores)), key=scores.__getitem__, default=None)
        out.append((s["tone"], int(labels[best]) if best is not None and scores[best] >= SENTENCE_THRESHOLD else None))
    return out


def stance_pairs(coded: dict, gold: dict, stances: pd.DataFrame) -> list[tuple[dict, float | None]]:
    """Each coded stance with the mean score of the predicted rows of the same source and target (None: not found)."""
    rows = list(zip(stances["source_actor"].fillna(""), stances["target_actor"].fillna(""), stances["score"]))
    out = []
    for st in coded["stances"]:
        scores = [score for src, tgt, score in rows
                  if speaker_right(st["source"], src, gold["actors"]) and speaker_right(st["target"], tgt, gold["actors"])]
        out.append((st, sum(scores) / len(scores) if scores else None))
    return out


def _score_tone(t: Counter, coded: dict, gold: dict, sentences: pd.DataFrame, stances: pd.DataFrame) -> None:
    for g, p in tone_pairs(coded, sentences):
        t[f"tone_{g}_{'x' if p is None else p}"] += 1
    predicted = set(zip(stances["source_actor"], stances["target_actor"]))
    t["stance_pred_pairs"] += len(predicted)
    t["stance_pred_right"] += sum(any(speaker_right(st["source"], s, gold["actors"]) and
                                      speaker_right(st["target"], g, gold["actors"]) for st in coded["stances"])
                                  for s, g in predicted)
    for st, mean in stance_pairs(coded, gold, stances):
        t["stance_gold"] += 1
        if mean is not None:
            t["stance_found"] += 1
            t["stance_sign_right"] += sign(mean) == st["stance"]


def score_article(gold: dict, corpus: Corpus, article_id: str, coded: dict | None = None) -> Tally:
    """Counts for one article; ``coded`` is its tone/stance coding when it has one."""
    t = Counter()
    of = {name: df[df["article_id"] == article_id] for name, df in corpus.frames().items() if "article_id" in df}
    _score_quotes(t, gold, of["quotes"])
    _score_dates(t, gold, of["dates"])
    _score_actors(t, gold, of["mentions"])
    if coded is not None:
        t["tone_articles"] += 1
        _score_tone(t, coded, gold, of["sentences"], of["stances"])
    return Tally(t)
