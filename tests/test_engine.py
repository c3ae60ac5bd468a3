"""The engines: one process, a local process pool and Dask give the same analyses, in input order."""
from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

from lib.corpus.build import build_corpus
from lib.engine import analyze_many, estimated_seconds, write_partitions
from lib.extract.registry import MENTIONS, QUOTES
from lib.readers import read_paths
from lib.types import Article

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    """A few sample articles, an English one among the French so that spaCy regroups a chunk by language,
    a duplicate and an unreadable input, which pass through unparsed."""
    sample = read_paths([ROOT / "sample_data" / "seed.txt", ROOT / "sample_data" / "demo_corpus.jsonl"])
    english = read_paths([ROOT / "data" / "annotated" / "articles" / "126.txt"])[0]
    assert english.lang == "en" and all(a.lang == "fr" for a in sample[:5])
    duplicate = replace(sample[0], article_id="seed-again", duplicate_of=sample[0].article_id)
    broken = Article("broken", title="broken.pdf", file="broken.pdf", error="empty file")
    return [sample[0], sample[1], english, duplicate, sample[2], broken, sample[3], sample[4]]


@pytest.fixture(scope="module")
def one_process(articles):
    seen: list[tuple[int, int, str]] = []
    analyses = list(analyze_many(articles, chunk_size=3, progress=lambda *call: seen.append(call)))
    return analyses, seen


def assert_same_frames(analyses, reference) -> None:
    built, expected = build_corpus(analyses).frames(), build_corpus(reference).frames()
    assert built.keys() == expected.keys()
    for name, frame in expected.items():
        pdt.assert_frame_equal(built[name], frame, obj=name)


def test_one_process_keeps_input_order_and_reports_each_article(articles, one_process):
    analyses, seen = one_process
    assert [a.article.article_id for a in analyses] == [a.article_id for a in articles]
    assert analyses[2].article.lang == "en" and analyses[2].of(MENTIONS)  # the English article, parsed in English
    assert analyses[0].of(QUOTES) and not analyses[3].of(MENTIONS) and not analyses[5].of(MENTIONS)  # the
    # duplicate and the failed input pass through unparsed
    done = [d for d, _, _ in seen]
    assert done == sorted(set(done)) and done[-1] == len(articles)  # rising, each count once
    assert {total for _, total, _ in seen} == {len(articles)}
    assert {aid for _, _, aid in seen} >= {a.article_id for a in articles if not a.error and not a.duplicate_of}


def test_one_process_matches_a_single_batch(articles, one_process):
    """Chunking changes nothing: the whole batch through ``analyze_articles`` gives the same frames."""
    from lib.pipeline import analyze_articles

    by_id = {a.article.article_id: a for a in analyze_articles(articles)}
    assert_same_frames(one_process[0], [by_id[a.article_id] for a in articles])


def test_process_pool_gives_the_same_frames(articles, one_process):
    seen: list[tuple[int, int, str]] = []
    analyses = list(analyze_many(articles, jobs=2, chunk_size=3, progress=lambda *call: seen.append(call)))
    assert [a.article.article_id for a in analyses] == [a.article_id for a in articles]
    assert_same_frames(analyses, one_process[0])
    assert [d for d, _, _ in seen] == list(range(1, len(articles) + 1))


def test_dask_local_cluster_gives_the_same_frames(articles, one_process):
    analyses = list(analyze_many(articles, jobs=2, engine="dask", chunk_size=3))
    assert [a.article.article_id for a in analyses] == [a.article_id for a in articles]
    assert_same_frames(analyses, one_process[0])


def test_a_consumer_that_stops_early_closes_the_cluster(articles):
    from distributed import Client

    stream = analyze_many(articles, jobs=2, engine="dask", chunk_size=2)
    first = next(stream)
    stream.close()  # what an interrupted CLI run does to the generator
    assert first.article.article_id == articles[0].article_id
    with pytest.raises(ValueError, match="No clients found"):
        Client.current()  # the client (and its LocalCluster) were closed, not left running


def test_unknown_engine_or_jobs_are_refused(articles):
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        next(analyze_many(articles, engine="spark"))
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        next(analyze_many(articles, jobs=0))
    assert list(analyze_many([], jobs=2, engine="dask")) == []  # nothing to do: no cluster started


def test_partitions_read_back_as_the_frames(one_process, tmp_path):
    corpus = build_corpus(one_process[0])
    write_partitions(corpus, tmp_path, rows_per_part=40)
    for name, frame in corpus.frames().items():
        parts = sorted((tmp_path / f"{name}.parquet").glob("part-*.parquet"))
        assert len(parts) == max(1, math.ceil(len(frame) / 40)), name
        pdt.assert_frame_equal(pd.read_parquet(tmp_path / f"{name}.parquet"), frame.reset_index(drop=True), obj=name)
    assert len(corpus.sentences) > 40  # several parts were written and read back in order


def test_partitions_replace_an_earlier_run_whole(one_process, tmp_path):
    corpus = build_corpus(one_process[0])
    write_partitions(corpus, tmp_path, rows_per_part=10)
    smaller = build_corpus(one_process[0][:1])
    write_partitions(smaller, tmp_path, rows_per_part=10)
    pdt.assert_frame_equal(pd.read_parquet(tmp_path / "sentences.parquet"), smaller.sentences.reset_index(drop=True))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{name}.parquet" for name in corpus.frames())


def test_estimate_follows_the_words_to_analyze(articles, monkeypatch):
    readable = [a for a in articles if not a.error and not a.duplicate_of]
    assert estimated_seconds(articles) == estimated_seconds(readable) > 0  # failed inputs and duplicates are free
    assert estimated_seconds(readable * 2) == pytest.approx(2 * estimated_seconds(readable))
    assert estimated_seconds([]) == 0.0
    large = [replace(a, article_id=f"{a.article_id}-{i}") for i in range(200) for a in readable]
    monkeypatch.setattr("lib.engine.os.cpu_count", lambda: 2)
    assert estimated_seconds(large, jobs=2) < estimated_seconds(large, jobs=1)  # a long corpus gains from a 2nd core
    assert estimated_seconds(readable[:1], jobs=2) > estimated_seconds(readable[:1], jobs=1)  # a short one does not
    monkeypatch.setattr("lib.engine.os.cpu_count", lambda: 1)
    assert estimated_seconds(large, jobs=2) == estimated_seconds(large, jobs=1)  # one core: no second worker
