"""Score the pipeline on a hand-annotated set (format: shared/eval/README.md).

Conventions, as the judges apply them: quotes and dates match one to one, best
pairs first, when the Dice overlap of their folded word multisets is >= 0.5;
a speaker is right when it equals the gold speaker or one of its mentions, or
when the name words of one contain the other's; an unattributed gold quote is
right only when the prediction has no speaker either.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lib.frames import Corpus
from lib.pipeline import Options, analyze
from lib.readers import read_bytes
from lib.textkeys import fold, words
from lib.types import Article

MATCH_THRESHOLD = 0.5


@dataclass(frozen=True)
class GoldArticle:
    article: Article
    gold: dict


def load_gold(gold_dir: str | Path) -> list[GoldArticle]:
    """Pairs (text, annotation) from GOLD_DIR/{articles,gold} and GOLD_DIR/seed."""
    root = Path(gold_dir)
    pairs = [(root / "articles" / f"{j.stem}.txt", j) for j in sorted((root / "gold").glob("*.json"))]
    pairs += [(j.with_suffix(".txt"), j) for j in sorted((root / "seed").glob("*.json"))]
    if not pairs:
        raise FileNotFoundError(f"no gold/*.json or seed/*.json under {root}")
    out = []
    for txt, js in pairs:
        gold = json.loads(js.read_text(encoding="utf-8"))
        article = read_bytes(txt.name, txt.read_bytes())[0]
        article = Article(**{**article.__dict__, "article_id": str(gold.get("id", txt.stem)),
                             "published": gold.get("published") or "", "lang": gold.get("lang") or ""})
        out.append(GoldArticle(article, gold))
    return out


def dice(a: str, b: str) -> float:
    wa, wb = Counter(words(a)), Counter(words(b))
    total = sum(wa.values()) + sum(wb.values())
    return 2 * sum((wa & wb).values()) / total if total else 0.0


def match(gold: list[str], pred: list[str]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs, best overlap first."""
    scored = sorted(((dice(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)), reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for score, i, j in scored:
        if score < MATCH_THRESHOLD:
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


@dataclass
class Tally:
    """Counts for one language (or all): P/R/F1 are derived, never stored."""

    n: Counter = field(default_factory=Counter)

    def add(self, other: "Tally") -> None:
        self.n.update(other.n)


def _prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_article(gold: dict, corpus: Corpus, article_id: str) -> Tally:
    t = Tally()
    quotes = corpus.quotes[corpus.quotes["article_id"] == article_id]
    gq = gold["quotes"]
    pairs = match([q["text"] for q in gq], quotes["text"].tolist())
    t.n["quote_gold"] += len(gq)
    t.n["quote_pred"] += len(quotes)
    t.n["quote_match"] += len(pairs)
    for kind in ("direct", "partial", "indirect"):
        t.n[f"{kind}_gold"] += sum(q["kind"] == kind for q in gq)
        t.n[f"{kind}_match"] += sum(gq[i]["kind"] == kind for i, _ in pairs)
    speakers = quotes["speaker"].fillna("").tolist()
    right = sum(speaker_right(gq[i]["speaker"], speakers[j], gold["actors"]) for i, j in pairs)
    t.n["speaker_right"] += right

    dates = corpus.dates[corpus.dates["article_id"] == article_id]
    gd = gold["dates"]
    dpairs = match([d["text"] for d in gd], dates["text"].tolist())
    values = dates["value"].fillna("").tolist()
    t.n["date_gold"] += len(gd)
    t.n["date_pred"] += len(dates)
    t.n["date_match"] += len(dpairs)
    t.n["value_gold"] += sum(1 for i, _ in dpairs if gd[i]["value"])
    t.n["value_right"] += sum(1 for i, j in dpairs if gd[i]["value"] and values[j] == gd[i]["value"])

    mentions = corpus.mentions[corpus.mentions["article_id"] == article_id]
    form_actor = {}
    for text, actor in zip(mentions["text"], mentions["actor"].fillna("")):
        form_actor.setdefault(fold(text), set()).add(actor or fold(text))
    annotated = {fold(f) for a in gold["actors"] for f in a["mentions"] + [a["name"]]}
    for actor in gold["actors"]:
        found = {fold(f) for f in actor["mentions"] + [actor["name"]]} & set(form_actor)
        t.n["actor_gold"] += 1
        t.n["actor_found"] += bool(found)
        if len(found) >= 2:
            t.n["multi_form"] += 1
            t.n["merged"] += len(set().union(*(form_actor[f] for f in found))) == 1
    predicted = {}
    for text, actor in zip(mentions["text"], mentions["actor"].fillna("")):
        predicted.setdefault(actor or fold(text), set()).add(fold(text))
    t.n["actor_pred"] += len(predicted)
    t.n["actor_precise"] += sum(bool(forms & annotated) for forms in predicted.values())
    return t


def figures(t: Tally) -> pd.DataFrame:
    n = t.n
    rows = []

    def row(name: str, p: float | None, r: float | None, f: float | None, detail: str) -> None:
        rows.append({"measure": name, "P": p, "R": r, "F1": f, "counts": detail})

    row("quotes (all kinds)", *_prf(n["quote_match"], n["quote_pred"], n["quote_match"], n["quote_gold"]),
        f"{n['quote_match']} matched / {n['quote_gold']} gold / {n['quote_pred']} predicted")
    for kind in ("direct", "partial", "indirect"):
        g = n[f"{kind}_gold"]
        row(f"  {kind} quotes recall", None, n[f"{kind}_match"] / g if g else None, None, f"{n[f'{kind}_match']}/{g}")
    acc = n["speaker_right"] / n["quote_match"] if n["quote_match"] else 0.0
    row("speaker accuracy (matched quotes)", None, None, None, f"{acc:.3f} ({n['speaker_right']}/{n['quote_match']})")
    rows[-1]["F1"] = acc
    row("quote+speaker (end to end)", *_prf(n["speaker_right"], n["quote_pred"], n["speaker_right"], n["quote_gold"]),
        f"{n['speaker_right']} right")
    row("dates detection", *_prf(n["date_match"], n["date_pred"], n["date_match"], n["date_gold"]),
        f"{n['date_match']} matched / {n['date_gold']} gold / {n['date_pred']} predicted")
    vacc = n["value_right"] / n["value_gold"] if n["value_gold"] else 0.0
    row("date value accuracy (matched)", None, None, vacc, f"{n['value_right']}/{n['value_gold']}")
    row("actors found (recall)", None, n["actor_found"] / n["actor_gold"] if n["actor_gold"] else 0.0, None,
        f"{n['actor_found']}/{n['actor_gold']}")
    row("actors precise (precision)", n["actor_precise"] / n["actor_pred"] if n["actor_pred"] else 0.0, None, None,
        f"{n['actor_precise']}/{n['actor_pred']}")
    row("actors merged", None, None, n["merged"] / n["multi_form"] if n["multi_form"] else 0.0,
        f"{n['merged']}/{n['multi_form']} with several found forms")
    return pd.DataFrame(rows)


def evaluate(gold_dir: str | Path, options: Options = Options()) -> dict[str, pd.DataFrame]:
    """Figures for all articles and for each language of the set."""
    items = load_gold(gold_dir)
    corpus = analyze([g.article for g in items], options)
    tallies: dict[str, Tally] = {"all": Tally()}
    for g in items:
        t = score_article(g.gold, corpus, g.article.article_id)
        tallies["all"].add(t)
        tallies.setdefault(g.gold.get("lang", "?"), Tally()).add(t)
    return {lang: figures(t) for lang, t in tallies.items()}


def format_figures(results: dict[str, pd.DataFrame]) -> str:
    out = []
    for lang, table in results.items():
        out.append(f"== {lang}")
        for r in table.itertuples():
            cells = " ".join(f"{v:6.3f}" if v is not None and v == v else "     -" for v in (r.P, r.R, r.F1))
            out.append(f"{r.measure:<36} {cells}   {r.counts}")
    return "\n".join(["measure                               P      R     F1"] + out)
