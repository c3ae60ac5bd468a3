"""Checks tone/NN.json files against TONE.md's format: python data/annotated/validate_tone.py CORPUS_DIR [ID ...]

Every sentence is a verbatim substring of the article, in order, and together they cover the body (only
whitespace and short datelines may be left between them); tones are -1/0/1; stance source and target are
actors of gold/NN.json, evidence is verbatim, basis and implicit have their allowed values. Exit 1 on errors.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DATELINE = re.compile(r"^[\s.,–—-]*$|^\s*[\w ,.]*\d{4}\s*[.,]?\s*[–—-]?\s*$")


def check(root: Path, aid: str) -> list[str]:
    text = (root / "articles" / f"{aid}.txt").read_text(encoding="utf-8")
    tone = json.loads((root / "tone" / f"{aid}.json").read_text(encoding="utf-8"))
    gold = json.loads((root / "gold" / f"{aid}.json").read_text(encoding="utf-8"))
    errs: list[str] = []
    title, _, body = text.partition("\n")
    if tone.get("id") != aid or tone.get("lang") not in ("fr", "en"):
        errs.append("id or lang missing/wrong")
    if tone.get("title", {}).get("text") != title or tone["title"].get("tone") not in (-1, 0, 1):
        errs.append("title text/tone wrong")
    pos = 0
    for i, s in enumerate(tone.get("sentences", [])):
        if s.get("tone") not in (-1, 0, 1):
            errs.append(f"sentence {i} bad tone")
        at = body.find(s.get("text", "\0"), pos)
        if at < 0:
            errs.append(f"sentence {i} not found in order: {s.get('text', '')[:60]!r}")
            continue
        if "\n" in s["text"]:
            errs.append(f"sentence {i} crosses a line break")
        gap = body[pos:at]
        if gap.strip() and not DATELINE.match(gap):
            errs.append(f"text left out before sentence {i}: {gap.strip()[:60]!r}")
        pos = at + len(s["text"])
    if body[pos:].strip():
        errs.append(f"text left out at the end: {body[pos:].strip()[:60]!r}")
    names = {a["name"] for a in gold.get("actors", [])}
    for i, st in enumerate(tone.get("stances", [])):
        for k in ("source", "target"):
            if st.get(k) not in names:
                errs.append(f"stance {i} {k} {st.get(k)!r} is not a gold actor")
        if st.get("source") == st.get("target"):
            errs.append(f"stance {i} source equals target")
        if st.get("stance") not in (-1, 0, 1):
            errs.append(f"stance {i} bad stance")
        if st.get("evidence", "\0") not in text:
            errs.append(f"stance {i} evidence not in article: {st.get('evidence', '')[:60]!r}")
        if st.get("basis") not in ("quote", "sentence", "relation"):
            errs.append(f"stance {i} bad basis")
        if not isinstance(st.get("implicit"), bool):
            errs.append(f"stance {i} implicit is not true/false")
    return errs


def main(args: list[str]) -> int:
    root = Path(args[0])
    ids = args[1:] or sorted(p.stem for p in (root / "tone").glob("*.json"))
    bad = 0
    for aid in ids:
        errs = check(root, aid)
        n = len(json.loads((root / "tone" / f"{aid}.json").read_text(encoding="utf-8")).get("sentences", []))
        print(f"{aid}: {n} sentences" + ("" if not errs else f", {len(errs)} errors"))
        for e in errs:
            print("  ERROR", e)
        bad += bool(errs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
