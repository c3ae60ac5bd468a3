"""Page render times and session memory on a large analyzed corpus, without analyzing it.

The 57 sample articles are analyzed once; a corpus of N articles is made of copies of their analyses with new
article ids and publication dates moved on by a week per copy (so time axes spread; the records' offsets are
into the same text, so they stay valid). Each size runs in a child process of its own, so that its peak
memory is its own: the corpus step (``build_corpus``) is timed, then the app is driven with Streamlit's
AppTest on that corpus (``ui.state.sample_analyses`` replaced before the first run) and each page is timed on
its first and second run (the second hits st.cache and the session's caches). Prints figures, asserts nothing.
Targets (issue #14): each page <= 1.5 s at 1,000 articles, <= 5 s at 10,000; a 2,000-article session under
1.5 GB of peak memory.

    .venv/bin/python benchmarks/pages.py [N ...]      (default 1000 2000 10000)
"""
from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lib.pipeline import analyze_articles  # noqa: E402
from lib.readers import read_paths  # noqa: E402
from lib.store.codec import decode, encode  # noqa: E402
from lib.types import ArticleAnalysis  # noqa: E402

SAMPLE = [ROOT / "sample_data" / "seed.txt", ROOT / "sample_data" / "demo_corpus.jsonl"]
PAGES = re.findall(r"""st\.Page\(\s*["']([^"']+\.py)["']""", (ROOT / "app.py").read_text())
TARGETS = {1000: 1.5, 10000: 5.0}  # seconds per page, issue #14
MEMORY_TARGET_MB = 1536  # a 2,000-article session on Community Cloud


def replicated(analyses: list[ArticleAnalysis], n: int) -> list[ArticleAnalysis]:
    """``n`` analyses: copy k of each sample article has id ``<id>~k`` and is published k weeks later."""
    out: list[ArticleAnalysis] = []
    for i in range(n):
        copy, k = divmod(i, len(analyses))
        a = analyses[k]
        article = a.article
        published = article.published
        if copy and len(published) == 10:
            published = (date.fromisoformat(published) + timedelta(weeks=copy)).isoformat()
        new_id = f"{article.article_id}~{copy}" if copy else article.article_id
        out.append(replace(a, article=replace(article, article_id=new_id, published=published,
                                              duplicate_of=f"{article.duplicate_of}~{copy}"
                                              if copy and article.duplicate_of else article.duplicate_of)))
    return out


def peak_mb() -> float:
    """This process's peak resident memory: VmHWM on Linux (ru_maxrss would carry the parent's peak over the
    exec of a child), else ru_maxrss (KiB on Linux, bytes on macOS: there, this figure reads high)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_size(sample_file: Path, n: int) -> None:
    """One size, in this (child) process: corpus step, then every page twice, then the peak memory."""
    os.environ.setdefault("REVUE_CACHE_DIR", str(sample_file.parent / "cache"))  # never the user's store
    from streamlit.logger import set_log_level
    from streamlit.testing.v1 import AppTest

    set_log_level("error")  # "no runtime found", "missing ScriptRunContext": AppTest runs without a server

    import ui.state
    from lib.corpus.build import build_corpus

    big = replicated(decode(sample_file.read_text(encoding="utf-8")), n)
    t0 = time.perf_counter()
    corpus = build_corpus(big)
    print(f"\n{n} articles: corpus step {time.perf_counter() - t0:.2f} s "
          f"({len(corpus.mentions)} mentions, {len(corpus.quotes)} quotes, {len(corpus.sentences)} sentences)"
          f"   peak {peak_mb():5.0f} MB")
    del corpus
    ui.state.sample_analyses = lambda tone="model": big  # what init() opens the session on
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    t0 = time.perf_counter()
    at.run()  # the session opens on the default page: init() and the session's corpus step
    print(f"  session start (first run, default page): {time.perf_counter() - t0:.2f} s   peak {peak_mb():5.0f} MB")
    target = TARGETS.get(n)
    for page in PAGES:
        times = []
        for _ in range(2):
            t0 = time.perf_counter()
            at.switch_page(page).run()
            times.append(time.perf_counter() - t0)
        problems = [e.value for e in at.exception] + [e.value for e in at.error]
        over = "" if target is None or times[0] <= target else f"  OVER {target:.1f} s"
        print(f"  {Path(page).stem:<10} first {times[0]:6.2f} s   second {times[1]:6.2f} s   "
              f"peak {peak_mb():5.0f} MB{over}"
              + (f"   PROBLEM: {problems[0]!s:.120}" if problems else ""))
    note = f" (target < {MEMORY_TARGET_MB} MB)" if n == 2000 else ""
    print(f"  peak memory of the session's process: {peak_mb():.0f} MB{note}")


def main(sizes: list[int]) -> None:
    t0 = time.perf_counter()
    analyses = list(analyze_articles(read_paths(SAMPLE)))
    print(f"{len(analyses)} sample articles analyzed once in {time.perf_counter() - t0:.1f} s")
    with tempfile.TemporaryDirectory(prefix="revue-bench-pages-") as folder:
        sample_file = Path(folder) / "sample.json"
        sample_file.write_text(encode(analyses), encoding="utf-8")  # JSON records, read back by each child
        for n in sizes:
            sys.stdout.flush()
            subprocess.run([sys.executable, __file__, "--child", str(sample_file), str(n)], check=False)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        run_size(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        main([int(a) for a in sys.argv[1:]] or [1000, 2000, 10000])
