"""Cold analysis vs reopening from the store, on the sample corpus.

Analyzes the sample corpus into a fresh store (per-article analyses, then the corpus's frames, both kept),
then reopens it from the store the two ways Revue does: as a restarted app does (every article's analysis read
back, ``ui.state.sample_analyses``) and as a rerun of ``analyze`` does (the corpus's frames read back,
``lib.cli``), nothing analyzed; and both in a row, the figure printed before the two were told apart. spaCy's models are loaded before the clock starts, so the cold figure is
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
        ways = {"app restart (the analyses)": lambda store: analyze_cached(articles, store, Options())[1],
                "analyze rerun (the frames)": lambda store: len(corpus_cached(articles, store, Options())[0].frames()),
                "both in a row": lambda store: (analyze_cached(articles, store, Options())[1],
                                                len(corpus_cached(articles, store, Options())[0].frames()))}
        timings = {}
        for way, reopen in ways.items():
            walls, cpus = [], []
            for _ in range(REOPENS):
                t0, c0 = time.perf_counter(), time.process_time()
                read = reopen(Store(path))
                walls.append(time.perf_counter() - t0)
                cpus.append(time.process_time() - c0)
            timings[way] = (statistics.median(walls), statistics.median(cpus), read)
        size = path.stat().st_size
    print(f"sample corpus: {len(articles)} articles, {len(corpus.quotes)} quotes, {len(corpus.mentions)} mentions; "
          f"store file {size / 1e6:.1f} MB")
    print(f"cold: analyze into a fresh store: {cold:.2f} s wall, {cold_cpu:.2f} s CPU")
    for way, (wall, cpu, read) in timings.items():
        print(f"reopen, {way}: read {read}; {wall:.3f} s wall, {cpu:.3f} s CPU (median of {REOPENS}): "
              f"{cold / wall:.0f}x faster than analyzing (wall), {cold_cpu / cpu:.0f}x (CPU); target >= 50x")


if __name__ == "__main__":
    main()
