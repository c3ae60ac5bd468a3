"""Throughput of the pipeline on the bundled demo corpus.

Prints ratios rather than asserting times: articles and words per second, the
share of time spent in spaCy versus Revue's own extractors, and how much
cheaper re-assembling frames (what an alias edit costs) is than analyzing.

    .venv/bin/python benchmarks/throughput.py [N_REPEATS]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lib import nlp  # noqa: E402
from lib.readers.normalize import normalize  # noqa: E402
from lib.pipeline import analyze_articles, assemble  # noqa: E402
from lib.readers import read_paths  # noqa: E402


def main(repeats: int = 1) -> None:
    articles = [a for a in read_paths([ROOT / "sample_data" / "demo_corpus.jsonl"]) if not a.error] * repeats
    words = sum(len(a.text.split()) for a in articles)
    model = nlp.load("fr")
    model("échauffement")  # first call allocates; keep it out of the timings

    t0 = time.perf_counter()
    for _ in model.pipe((normalize(a.text) for a in articles), batch_size=16):
        pass
    spacy_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    analyses = list(analyze_articles(articles))
    analyze_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    corpus = assemble(analyses)
    assemble_s = time.perf_counter() - t0

    print(f"{len(articles)} articles, {words} words, model {model.meta['name']}")
    print(f"analyze: {len(articles) / analyze_s:.1f} articles/s, {words / analyze_s:.0f} words/s")
    print(f"spaCy share of analysis time: {spacy_s / analyze_s:.2f}")
    print(f"assemble (alias edit) / analyze time: {assemble_s / analyze_s:.3f}")
    print(f"frames: {len(corpus.quotes)} quotes, {len(corpus.mentions)} mentions, {len(corpus.dates)} dates")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
