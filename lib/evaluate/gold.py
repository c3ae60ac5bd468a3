"""The annotated-corpus format (shared/eval/README.md and TONE.md): articles/NN.txt, gold/NN.json, tone/NN.json."""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from lib.readers import read_bytes
from lib.types import Article


@dataclass(frozen=True)
class GoldArticle:
    article: Article
    gold: dict
    tone: dict | None = None  # the tone/stance coding, when the article has one

    @property
    def lang(self) -> str:
        return self.gold.get("lang") or "?"


def load_gold(gold_dir: str | Path) -> list[GoldArticle]:
    """Every annotated article under GOLD_DIR ({articles,gold,tone}/ and seed/)."""
    root = Path(gold_dir)
    pairs = [(root / "articles" / f"{j.stem}.txt", j) for j in sorted((root / "gold").glob("*.json"))]
    pairs += [(j.with_suffix(".txt"), j) for j in sorted((root / "seed").glob("*.json"))]
    if not pairs:
        raise FileNotFoundError(f"no gold/*.json or seed/*.json under {root}")
    out = []
    for txt, js in pairs:
        gold = json.loads(js.read_text(encoding="utf-8"))
        article = read_bytes(txt.name, txt.read_bytes())[0]
        article = replace(article, article_id=str(gold.get("id", txt.stem)), published=gold.get("published") or "",
                          lang=gold.get("lang") or "")
        tone_file = root / "tone" / js.name
        tone = json.loads(tone_file.read_text(encoding="utf-8")) if tone_file.exists() else None
        out.append(GoldArticle(article, gold, tone))
    return out
