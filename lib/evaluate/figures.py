"""The figures of an evaluation, derived from counts, with 95 % bootstrap intervals over articles."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from lib.evaluate.scoring import MENTION_KINDS, QUOTE_KINDS, TONES, Tally

BOOTSTRAP_SAMPLES = 1000
Ratio = Callable[[Counter], "float | None"]


def _div(a: float, b: float) -> float | None:
    return a / b if b else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def tone_macro_f1(n: Counter) -> float | None:
    """Macro-F1 over -1/0/+1; a coded sentence no predicted sentence matches counts against recall."""
    if not any(n[f"tone_{g}_{p}"] for g in TONES for p in (*TONES, "x")):
        return None
    f1s = []
    for c in TONES:
        tp = n[f"tone_{c}_{c}"]
        p = _div(tp, sum(n[f"tone_{g}_{c}"] for g in TONES))
        r = _div(tp, sum(n[f"tone_{c}_{q}"] for q in (*TONES, "x")))
        f1s.append(_f1(p or 0.0, r or 0.0))
    return sum(f1s) / len(f1s)


@dataclass(frozen=True)
class Measure:
    name: str
    value: Ratio  # the headline figure, the one given an interval
    detail: Callable[[Counter], str]
    p: Ratio | None = None
    r: Ratio | None = None


def _prf(name: str, match: str, pred: str, gold: str, right: str | None = None, pred_hit: str | None = None) -> Measure:
    hit = right or match

    def p(n: Counter) -> float | None:
        return _div(n[pred_hit or hit], n[pred])

    def r(n: Counter) -> float | None:
        return _div(n[hit], n[gold])

    return Measure(name, lambda n: _f1(p(n), r(n)), lambda n: f"{n[hit]} right / {n[gold]} gold / {n[pred]} predicted",
                   p, r)


def _ratio(name: str, num: str, den: str) -> Measure:
    return Measure(name, lambda n: _div(n[num], n[den]), lambda n: f"{n[num]}/{n[den]}")


MEASURES: list[Measure] = [
    _prf("quotes (all kinds)", "quote_match", "quote_pred", "quote_gold"),
    *[_prf(f"  {k} quotes", f"{k}_match", f"{k}_pred", f"{k}_gold", pred_hit=f"{k}_pmatch") for k in QUOTE_KINDS],
    _ratio("speaker accuracy (matched quotes)", "speaker_right", "quote_match"),
    *[_ratio(f"  speaker accuracy, mention: {k}", f"mk_{k}_right", f"mk_{k}_match") for k in MENTION_KINDS],
    _prf("quote+speaker (end to end)", "quote_match", "quote_pred", "quote_gold", right="speaker_right"),
    _prf("dates detection", "date_match", "date_pred", "date_gold"),
    _ratio("date value accuracy (matched)", "value_right", "value_gold"),
    _ratio("actors found (recall)", "actor_found", "actor_gold"),
    _ratio("actors precise (precision)", "actor_precise", "actor_pred"),
    _ratio("actors merged", "merged", "multi_form"),
    Measure("tone macro-F1 (coded sentences)", tone_macro_f1,
            lambda n: f"{sum(n[f'tone_{g}_{p}'] for g in TONES for p in (*TONES, 'x'))} sentences, "
                      f"{n['tone_articles']} articles"),
    _ratio("stances found (recall)", "stance_found", "stance_gold"),
    _ratio("stance sign accuracy (found)", "stance_sign_right", "stance_found"),
    _ratio("stance pairs predicted that are coded (precision)", "stance_pred_right", "stance_pred_pairs"),
]


def _interval(counts: Sequence[Counter], value: Ratio, rng: np.random.Generator) -> tuple[float, float] | None:
    """Percentile interval of the figure over articles drawn with replacement."""
    if len(counts) < 2:
        return None
    keys = sorted(set().union(*counts))
    matrix = np.array([[c[k] for k in keys] for c in counts], dtype=float)
    draws = rng.integers(0, len(counts), size=(BOOTSTRAP_SAMPLES, len(counts)))
    sums = np.stack([np.bincount(d, minlength=len(counts)) for d in draws]) @ matrix
    values = [value(Counter(dict(zip(keys, row)))) for row in sums]
    values = [v for v in values if v is not None]
    if not values:
        return None
    lo, hi = np.percentile(values, [2.5, 97.5])
    return float(lo), float(hi)


def figures(tallies: Tally | Sequence[Tally], intervals: bool = False, seed: int = 0) -> pd.DataFrame:
    """One row per measure: P, R, F1 (the headline figure), its 95 % interval when asked, and the counts."""
    per_article = [tallies] if isinstance(tallies, Tally) else list(tallies)
    total = Counter()
    for t in per_article:
        total.update(t.n)
    rng = np.random.default_rng(seed)
    rows = []
    for m in MEASURES:
        ci = _interval([t.n for t in per_article], m.value, rng) if intervals else None
        rows.append({"measure": m.name, "P": m.p(total) if m.p else None, "R": m.r(total) if m.r else None,
                     "F1": m.value(total) if m.p else None, "value": m.value(total),
                     "lo": ci[0] if ci else None, "hi": ci[1] if ci else None, "counts": m.detail(total)})
        if not m.p:  # a plain ratio reads as recall when its name says so, else as its own figure
            rows[-1]["R" if "recall" in m.name or "found" in m.name else "P" if "precision" in m.name else "F1"] = \
                m.value(total)
    return pd.DataFrame(rows)


def format_figures(results: dict[str, pd.DataFrame]) -> str:
    out = ["measure                                   P      R     F1    95% interval   counts"]
    for group, table in results.items():
        out.append(f"== {group}")
        for r in table.itertuples():
            if r.value is None or r.value != r.value:
                continue
            cells = " ".join(f"{v:6.3f}" if v is not None and v == v else "     -" for v in (r.P, r.R, r.F1))
            ci = f"[{r.lo:.3f}, {r.hi:.3f}]" if r.lo is not None and r.lo == r.lo else " " * 14
            out.append(f"{r.measure:<40} {cells}  {ci}  {r.counts}")
    return "\n".join(out)
