"""Throughput of the pipeline against bare spaCy, in one process and in two.

Same model, same texts: every French article bundled with Revue (the seed, the demo corpus and the
annotated corpus). Bare spaCy is a fresh ``spacy.load`` of the pipeline the analysis uses, running
``nlp.pipe`` over the raw texts in batches of the pipeline's size (spaCy's default of 256 is slower on
long articles; its figure is printed too); the full pipeline is ``lib.engine.analyze_many``
(normalization, spaCy, every extractor). One-process runs alternate and the best of N is kept, by wall
clock and by CPU time (the second is steadier on a shared machine). The two-process runs (a local pool, a
Dask LocalCluster) are timed whole, starting their workers included, and from the arrival of the first
two chunks on (the rate a long corpus runs at); bare spaCy's own ``n_process=2`` gives the ceiling. The
machine is shared, so each run also says how much CPU it got: bare spaCy's CPU time / wall clock (above
1: spaCy itself uses a second core; below 1: other processes take part of this one), and the worker
processes' CPU seconds per wall second during the steady part of a two-process run (2.0: both cores were
theirs). The issue's own measure is printed too: whole processes, a bare spaCy script against
``python -m lib analyze`` on the same texts written as files, alternating (start, imports and model load
included). Prints ratios, asserts nothing.

    .venv/bin/python benchmarks/throughput.py [N_REPEATS]     (default 3)
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402  (a dependency of distributed)
import spacy  # noqa: E402

from lib.corpus.build import build_corpus  # noqa: E402
from lib.engine import CHUNK_SIZE, WORDS_PER_SECOND, analyze_many  # noqa: E402
from lib.nlp import installed_model  # noqa: E402
from lib.pipeline import Options  # noqa: E402
from lib.readers import read_paths  # noqa: E402

SOURCES = [ROOT / "sample_data" / "seed.txt", ROOT / "sample_data" / "demo_corpus.jsonl",
           ROOT / "data" / "annotated" / "articles"]


def timed(run: Callable[[], object]) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process, result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def workers_cpu() -> float:
    """CPU seconds used so far by this process's descendants that are alive (pool workers, Dask nannies and
    workers, the forkserver)."""
    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


# bare spaCy as a whole process: what ``python -m lib analyze`` is compared with (start, imports, model load and
# reading the files included in both)
_BARE_PROCESS = """
import pathlib, sys
import spacy
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))]
for _ in spacy.load(sys.argv[2]).pipe(texts, batch_size=int(sys.argv[3])):
    pass
"""


def process_timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of a whole child process."""
    before, wall = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    wall, after = time.perf_counter() - wall, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def whole_processes(texts: list[str], model: str, batch: int, repeats: int) -> None:
    """The issue's measure: a bare spaCy process against ``python -m lib analyze`` on the same files, alternating."""
    with tempfile.TemporaryDirectory() as inputs, tempfile.TemporaryDirectory() as outputs:
        for i, text in enumerate(texts):
            (Path(inputs) / f"{i:04d}.txt").write_text(text, encoding="utf-8")
        bare, revue = [], []
        for k in range(repeats):
            bare.append(process_timed([sys.executable, "-c", _BARE_PROCESS, inputs, model, str(batch)]))
            revue.append(process_timed([sys.executable, "-m", "lib", "analyze", "--no-store", "--quiet",
                                        "--out", str(Path(outputs) / str(k)), inputs]))
    (bare_wall, bare_cpu), (revue_wall, revue_cpu) = (min(w for w, _ in bare), min(c for _, c in bare)), \
        (min(w for w, _ in revue), min(c for _, c in revue))
    print(f"whole processes, best of {repeats}: bare spaCy {bare_wall:.1f} s ({bare_cpu:.1f} s CPU), "
          f"python -m lib analyze --no-store {revue_wall:.1f} s ({revue_cpu:.1f} s CPU): "
          f"{bare_wall / revue_wall:.2f}x wall clock, {bare_cpu / revue_cpu:.2f}x CPU time   (target >= 0.85; "
          "both start, import, load the model and read the files; analyze also writes the frames, and its "
          "lemmatizer's word index is a set, where bare spaCy's first pass scans lists)")


def main(repeats: int = 3) -> None:
    articles = [a for a in read_paths(SOURCES) if not a.error and not a.duplicate_of and a.lang == "fr"]
    words = sum(len(a.text.split()) for a in articles)
    texts = [a.text for a in articles]
    bare = spacy.load(installed_model("fr"))
    print(f"{len(articles)} French articles, {words} words, model {bare.meta['lang']}_{bare.meta['name']} "
          f"{bare.meta['version']}, spaCy {spacy.__version__}; {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f} (the 1-minute average of processes wanting a core, other users' included)")

    batch = Options().batch_size
    default_wall = timed(lambda: sum(1 for _ in bare.pipe(texts)))[0]
    bare_runs, pipeline_runs = [], []
    for _ in range(repeats):  # alternating, so that a busy moment of the machine hits both
        bare_runs.append(timed(lambda: sum(1 for _ in bare.pipe(texts, batch_size=batch)))[:2])
        wall, cpu, analyses = timed(lambda: list(analyze_many(articles)))
        pipeline_runs.append((wall, cpu))
    bare_wall, bare_cpu = min(w for w, _ in bare_runs), min(c for _, c in bare_runs)
    one_wall, one_cpu = min(w for w, _ in pipeline_runs), min(c for _, c in pipeline_runs)
    print(f"bare nlp.pipe        {words / bare_wall:7.0f} words/s   (batches of {batch}, best of {repeats}; "
          f"first run {words / bare_runs[0][0]:.0f}; spaCy's default batches of {bare.batch_size}: "
          f"{words / default_wall:.0f}, first run)")
    print(f"bare spaCy's CPU time / wall clock: {bare_cpu / bare_wall:.2f} (best runs; above 1 it would use a second "
          "core through BLAS/thinc threads, below 1 it did not have a whole core)")
    print(f"pipeline, 1 process  {words / one_wall:7.0f} words/s   (best of {repeats}; first run "
          f"{words / pipeline_runs[0][0]:.0f}; lib.engine.WORDS_PER_SECOND = {WORDS_PER_SECOND:.0f})")
    print(f"pipeline / bare spaCy, 1 process: {bare_wall / one_wall:.2f}x wall clock, {bare_cpu / one_cpu:.2f}x "
          "CPU time   (target >= 0.85)")

    whole_processes(texts, installed_model("fr"), batch, repeats)

    # what the machine allows: spaCy's own two processes on the same texts, their start included
    two_wall = timed(lambda: sum(1 for _ in bare.pipe(texts, batch_size=batch, n_process=2)))[0]
    print(f"bare spaCy, 2 processes (n_process=2): {words / two_wall:.0f} words/s = {bare_wall / two_wall:.2f}x "
          "bare one-process spaCy, the ceiling two processes can reach on this machine")

    words_of = {a.article_id: len(a.text.split()) for a in articles}
    started = 2 * CHUNK_SIZE - 1  # the arrival of the first two chunks (run side by side, worker start included)
    for engine in ("local", "dask"):
        arrivals: list[tuple[float, str]] = []
        cpu_marks: list[float] = []

        def arrived(done: int, total: int, aid: str) -> None:
            arrivals.append((time.perf_counter(), aid))
            if done in (started + 1, total):  # the workers' CPU over the steady part, read while they live
                cpu_marks.append(workers_cpu())

        wall, _, parallel = timed(lambda: list(analyze_many(articles, jobs=2, engine=engine, progress=arrived)))
        span = arrivals[-1][0] - arrivals[started][0]
        steady = sum(words_of[aid] for _, aid in arrivals[started + 1:]) / span
        cores = (cpu_marks[-1] - cpu_marks[0]) / span
        same = [a.article.article_id for a in parallel] == [a.article.article_id for a in analyses]
        print(f"pipeline, 2 processes ({engine}): whole run {words / wall:.0f} words/s = {bare_wall / wall:.2f}x "
              f"bare one-process spaCy; once started {steady:.0f} words/s = {steady * bare_wall / words:.2f}x bare, "
              f"{steady * one_wall / words:.2f}x the one-process pipeline's best run and "
              f"{steady * pipeline_runs[0][0] / words:.2f}x its first run, whose caches (spaCy's lemmatizer, "
              f"Revue's lookups) start as empty as a new worker's (target >= 1.7x bare); input order kept: {same}")
        # the steady rate per CPU second the workers got, against the one-process pipeline's words per CPU
        # second: what two whole cores would give, whatever the other users of the machine take
        print(f"  workers' CPU while steady: {cores:.2f} cores of {os.cpu_count()}; words per worker CPU second "
              f"{steady / cores:.0f} vs {words / one_cpu:.0f} in one process; with 2 whole cores: "
              f"{2 * steady / cores * bare_cpu / words:.2f}x bare spaCy's CPU time")

    wall, _, corpus = timed(lambda: build_corpus(analyses))
    print(f"corpus step (an alias edit) / one-process analysis time: {wall / one_wall:.3f}")
    print(f"frames: {len(corpus.quotes)} quotes, {len(corpus.mentions)} mentions, {len(corpus.dates)} dates")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
