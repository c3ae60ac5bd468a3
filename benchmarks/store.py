"""Cold analysis vs reopening from the store, on the sample corpus.

Analyzes the sample corpus into a fresh store (per-article analyses, then the corpus's frames, both kept),
then reopens it from the store as a restarted app or a rerun of ``analyze`` does: every analysis and every
frame read back, nothing analyzed. spaCy's models are loaded before the clock starts, so the cold figure is
analysis alone. Prints the times and their ratio (the issue's target: >= 50x), as wall-clock time and as
this process's CPU time (steadier on a shared machine); asserts nothing.

    .venv/bin/python benchmarks/store.py
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lib import nlp  # noqa: E402
from lib.pipeline import Options  # noqa: E402
from lib.readers import read_paths  # noqa: E402
from lib.store import Store, analyze_cached, corpus_cached  # noqa: E402

SAMPLE = [ROOT / "sample_data" / "seed.txt", ROOT / "sample_data" / "demo_corpus.jsonl"]
REOPENS = 5


def main() -> None:
    articles = read_paths(SAMPLE)
    for lang in {a.lang or "fr" for a in articles if not a.error}:
        nlp.load(lang)
    with tempfile.TemporaryDirectory(prefix="revue-bench-store-") as folder:
        path = Path(folder) / "revue.duckdb"
        t0, c0 = time.perf_counter(), time.process_time()
        corpus, cached = corpus_cached(articles, Store(path), Options())
        cold, cold_cpu = time.perf_counter() - t0, time.process_time() - c0
        assert cached == 0  # a fresh store: everything analyzed (a check of the setup, not of speed)
        reopens, reopens_cpu = [], []
        for _ in range(REOPENS):
            t0, c0 = time.perf_counter(), time.process_time()
            store = Store(path)
            analyses, n_analyses = analyze_cached(articles, store, Options())
            frames, n_frames = corpus_cached(articles, store, Options())
            reopens.append(time.perf_counter() - t0)
            reopens_cpu.append(time.process_time() - c0)
        size = path.stat().st_size
    reopen, reopen_cpu = statistics.median(reopens), statistics.median(reopens_cpu)
    print(f"sample corpus: {len(articles)} articles, {len(corpus.quotes)} quotes, {len(corpus.mentions)} mentions; "
          f"store file {size / 1e6:.1f} MB")
    print(f"cold: analyze into a fresh store: {cold:.2f} s wall, {cold_cpu:.2f} s CPU")
    print(f"reopen: {n_analyses} analyses + {len(frames.frames())} frames from the store: {reopen:.3f} s wall, "
          f"{reopen_cpu:.3f} s CPU (median of {REOPENS})")
    print(f"reopen is {cold / reopen:.0f}x faster than analyzing (wall), {cold_cpu / reopen_cpu:.0f}x (CPU); "
          "target >= 50x")


if __name__ == "__main__":
    main()
