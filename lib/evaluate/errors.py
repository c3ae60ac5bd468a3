"""Error analysis by class: what was missed or wrong, counted, with a sample of each in its sentence.

The classes follow the annotation (quote kind, how the gold names the speaker, actor type, tone pair), so
that a fix can target a class that the counts show is large, not one sentence.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Sequence

from lib.evaluate.scoring import (MATCH_THRESHOLD, actors_by_form, match, mention_kind, sign, speaker_right,
                                  stance_pairs, tone_pairs)
from lib.textkeys import fold

SAMPLES = 8


@dataclass
class ErrorLog:
    classes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, name: str, article_id: str, what: str, context: str) -> None:
        self.classes[name].append(f"[{article_id}] {what}\n      in: {context}")

    def markdown(self) -> str:
        out = ["# Errors by class", "", "Counts over the articles evaluated; a sample of each class below.", "",
               "| class | count |", "|---|---|"]
        ranked = sorted(self.classes.items(), key=lambda kv: -len(kv[1]))
        out += [f"| {name} | {len(items)} |" for name, items in ranked]
        for name, items in ranked:
            out += ["", f"## {name} ({len(items)})", ""]
            out += [f"- {item}" for item in items[:SAMPLES]]
        return "\n".join(out) + "\n"


def _context(text: str, snippet: str) -> str:
    """The line around a snippet of the article, cut to a readable length."""
    at = text.find(snippet)
    if at < 0:
        return "(not found verbatim)"
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    end = len(text) if end < 0 else end
    line = text[max(start, at - 160):min(end, at + len(snippet) + 160)]
    return re.sub(r"\s+", " ", line).strip()


def log_article(log: ErrorLog, g, corpus) -> None:
    """Adds one article's errors (``g`` a GoldArticle, ``corpus`` the corpus it was analyzed in)."""
    aid, text, gold = g.article.article_id, g.article.text, g.gold
    of = {name: df[df["article_id"] == aid] for name, df in corpus.frames().items() if "article_id" in df}
    quotes = of["quotes"]
    gq, pt, ps = gold["quotes"], quotes["text"].tolist(), quotes["speaker"].fillna("").tolist()
    pk = quotes["kind"].tolist()
    pairs = match([q["text"] for q in gq], pt)
    matched_g, matched_p = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, q in enumerate(gq):
        if i not in matched_g:
            log.add(f"quote missed: {q['kind']}, mention {mention_kind(q, gold['actors'])}", aid,
                    f"«{q['text'][:120]}» ({q['speaker']})", _context(text, q["text"]))
    for j, t in enumerate(pt):
        if j not in matched_p:
            log.add(f"quote spurious: {pk[j]}", aid, f"«{t[:120]}»", _context(text, t))
    for i, j in pairs:
        q = gq[i]
        if not speaker_right(q["speaker"], ps[j], gold["actors"]):
            how = ("none predicted" if not ps[j] else "gold has no speaker" if not q["speaker"] else "another actor")
            log.add(f"speaker wrong: mention {mention_kind(q, gold['actors'])}, {how}", aid,
                    f"gold {q['speaker']!r} (via {q.get('speaker_mention')!r}), predicted {ps[j]!r}: «{q['text'][:80]}»",
                    _context(text, q["text"]))
    dates = of["dates"]
    gd, dt, dv = gold["dates"], dates["text"].tolist(), dates["value"].fillna("").tolist()
    dpairs = match([d["text"] for d in gd], dt, MATCH_THRESHOLD)
    for i, d in enumerate(gd):
        if i not in {a for a, _ in dpairs}:
            log.add("date missed", aid, f"{d['text']!r} = {d['value']}", _context(text, d["text"]))
    for j, t in enumerate(dt):
        if j not in {b for _, b in dpairs}:
            log.add("date spurious", aid, repr(t), _context(text, t))
    for i, j in dpairs:
        if gd[i]["value"] and dv[j] != gd[i]["value"]:
            log.add("date value wrong", aid, f"{gd[i]['text']!r}: gold {gd[i]['value']}, predicted {dv[j] or '-'}",
                    _context(text, gd[i]["text"]))
    form_actor = actors_by_form(of["mentions"])
    for actor in gold["actors"]:
        forms = {fold(f) for f in actor["mentions"] + [actor["name"]]} & set(form_actor)
        if not forms:
            log.add(f"actor missed: {actor['type']}", aid, f"{actor['name']} {actor['mentions'][:3]}",
                    _context(text, actor["mentions"][0]))
        elif len(set().union(*(form_actor[f] for f in forms))) > 1:
            log.add(f"actor not merged: {actor['type']}", aid,
                    f"{actor['name']}: " + "; ".join(f"{f} -> {sorted(form_actor[f])}" for f in sorted(forms)), "")
    if g.tone:
        for coded, (gt, pt_) in zip(g.tone["sentences"], tone_pairs(g.tone, of["sentences"])):
            if gt != pt_:
                log.add(f"tone {gt:+d} predicted {'unmatched' if pt_ is None else f'{pt_:+d}'}", aid,
                        coded["text"][:200], "")
        for st, mean in stance_pairs(g.tone, gold, of["stances"]):
            what = f"{st['source']} -> {st['target']} ({st['stance']:+d}, {st['basis']})"
            if mean is None:
                log.add(f"stance missed: {st['basis']}", aid, what, st["evidence"][:200])
            elif sign(mean) != st["stance"]:
                log.add(f"stance sign wrong: gold {st['stance']:+d}, predicted {sign(mean):+d}", aid, what,
                        st["evidence"][:200])


def error_report(runs: Sequence) -> str:
    log = ErrorLog()
    for run in runs:
        for g in run.items:
            log_article(log, g, run.corpus)
    return log.markdown()
