"""The on-disk analysis cache: what the CLI resumes from and what opens the app's sample instantly."""
from __future__ import annotations

from lib.readers import read_paths
from lib.store import AnalysisCache, analyze_cached
from tests.conftest import SAMPLE


def test_a_second_run_is_served_from_the_cache_with_the_same_results(tmp_path):
    articles = read_paths([SAMPLE / "seed.txt"])
    first, cached = analyze_cached(articles, AnalysisCache(tmp_path))
    assert cached == 0 and len(first[0].quotes) >= 2
    again, cached = analyze_cached(articles, AnalysisCache(tmp_path))
    assert cached == 1
    assert again[0].quotes == first[0].quotes and again[0].dates == first[0].dates


def test_entries_of_another_pipeline_version_are_not_reused(tmp_path, monkeypatch):
    articles = read_paths([SAMPLE / "seed.txt"])
    analyze_cached(articles, AnalysisCache(tmp_path))
    monkeypatch.setattr("lib.store.pipeline_version", lambda: "other rules")
    assert analyze_cached(articles, AnalysisCache(tmp_path))[1] == 0


def test_a_corrupt_entry_is_redone(tmp_path):
    articles = read_paths([SAMPLE / "seed.txt"])
    cache = AnalysisCache(tmp_path)
    analyze_cached(articles, cache)
    (tmp_path / f"{cache.key(articles[0])}.pkl").write_bytes(b"half written")
    analyses, cached = analyze_cached(articles, cache)
    assert cached == 0 and analyses[0].quotes
