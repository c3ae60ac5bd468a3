"""Inter-annotator agreement between two independent annotations of the same articles.

``python -m lib agreement FIRST_DIR SECOND_DIR`` compares every article annotated in both: quote matching
F1 (the judge's Dice matching), speaker agreement on matched quotes (the judge's speaker rule, each side
read against the other's actors), date and actor F1, sentence-tone Cohen's kappa on sentences matched by
Dice >= 0.6, and the share of one side's stance pairs that the other also coded (with the same sign).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from lib.evaluate.gold import load_gold
from lib.evaluate.scoring import SENTENCE_THRESHOLD, dice, match, speaker_right
from lib.textkeys import fold


def cohen_kappa(pairs: list[tuple[int, int]]) -> float:
    n = len(pairs)
    if not n:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def _f1(both: int, a: int, b: int) -> float:
    return 2 * both / (a + b) if a + b else float("nan")


def agreement(first: str | Path, second: str | Path) -> dict[str, str]:
    a_items = {g.article.article_id: g for g in load_gold(first)}
    b_items = {g.article.article_id: g for g in load_gold(second)}
    ids = sorted(set(a_items) & set(b_items))
    n = Counter()
    tone_pairs: list[tuple[int, int]] = []
    for aid in ids:
        ga, gb = a_items[aid].gold, b_items[aid].gold
        qa, qb = ga["quotes"], gb["quotes"]
        pairs = match([q["text"] for q in qa], [q["text"] for q in qb])
        n["quotes_a"] += len(qa)
        n["quotes_b"] += len(qb)
        n["quotes_both"] += len(pairs)
        for i, j in pairs:
            n["speaker_agree"] += speaker_right(qa[i]["speaker"], qb[j]["speaker"] or "", ga["actors"]) or \
                speaker_right(qb[j]["speaker"], qa[i]["speaker"] or "", gb["actors"])
            n["kind_agree"] += qa[i]["kind"] == qb[j]["kind"]
        dpairs = match([d["text"] for d in ga["dates"]], [d["text"] for d in gb["dates"]])
        n["dates_a"] += len(ga["dates"])
        n["dates_b"] += len(gb["dates"])
        n["dates_both"] += len(dpairs)
        n["values_agree"] += sum(ga["dates"][i]["value"] == gb["dates"][j]["value"] for i, j in dpairs)
        forms_b = [{fold(f) for f in [x["name"], *x["mentions"]]} for x in gb["actors"]]
        n["actors_a"] += len(ga["actors"])
        n["actors_b"] += len(gb["actors"])
        n["actors_both"] += sum(any({fold(f) for f in [x["name"], *x["mentions"]]} & fb for fb in forms_b)
                                for x in ga["actors"])
        ta, tb = a_items[aid].tone, b_items[aid].tone
        if ta and tb:
            for s in ta["sentences"]:
                best = max(tb["sentences"], key=lambda t: dice(s["text"], t["text"]), default=None)
                if best is not None and dice(s["text"], best["text"]) >= SENTENCE_THRESHOLD:
                    tone_pairs.append((s["tone"], best["tone"]))
            pa = {(x["source"], x["target"]): x["stance"] for x in ta["stances"]}
            pb = {(x["source"], x["target"]): x["stance"] for x in tb["stances"]}
            n["stance_a"] += len(pa)
            n["stance_b"] += len(pb)
            both = [k for k in pa if any(speaker_right(k[0], s, ga["actors"]) and speaker_right(k[1], t, ga["actors"])
                                         for s, t in pb)]
            n["stance_both"] += len(both)
            n["stance_sign"] += sum(pa[k] == next(v for (s, t), v in pb.items() if speaker_right(k[0], s, ga["actors"])
                                                    and speaker_right(k[1], t, ga["actors"])) for k in both)
    return {
        "articles compared": str(len(ids)),
        "quote matching F1": f"{_f1(n['quotes_both'], n['quotes_a'], n['quotes_b']):.3f} "
                             f"({n['quotes_both']} matched of {n['quotes_a']} / {n['quotes_b']})",
        "quote kind agreement (matched)": f"{n['kind_agree'] / max(n['quotes_both'], 1):.3f}",
        "speaker agreement (matched quotes)": f"{n['speaker_agree'] / max(n['quotes_both'], 1):.3f} "
                                              f"({n['speaker_agree']}/{n['quotes_both']})",
        "date matching F1": f"{_f1(n['dates_both'], n['dates_a'], n['dates_b']):.3f}",
        "date value agreement (matched)": f"{n['values_agree'] / max(n['dates_both'], 1):.3f}",
        "actor F1": f"{_f1(n['actors_both'], n['actors_a'], n['actors_b']):.3f}",
        "tone Cohen's kappa": f"{cohen_kappa(tone_pairs):.3f} ({len(tone_pairs)} sentences, raw agreement "
                              f"{sum(a == b for a, b in tone_pairs) / max(len(tone_pairs), 1):.3f})",
        "stance pairs in both (F1)": f"{_f1(n['stance_both'], n['stance_a'], n['stance_b']):.3f} "
                                     f"({n['stance_both']} of {n['stance_a']} / {n['stance_b']})",
        "stance sign agreement (pairs in both)": f"{n['stance_sign'] / max(n['stance_both'], 1):.3f}",
    }
