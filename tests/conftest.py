"""Shared fixtures: real articles from the repository and the dev evaluation set."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from lib.corpus.build import build_corpus
from lib.pipeline import analyze_articles
from lib.readers import read_paths
from lib.types import Article

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
EVAL = ROOT.parent / "shared" / "eval"
# every test, and the CLI and server processes tests start, keeps analyses in a throwaway store, not the user's
os.environ.setdefault("REVUE_STORE", str(Path(tempfile.mkdtemp(prefix="revue-test-store-")) / "revue.duckdb"))


@pytest.fixture(scope="session")
def seed_article() -> Article:
    article = read_paths([SAMPLE / "seed.txt"])[0]
    return Article(**{**article.__dict__, "published": "2022-02-02", "lang": "fr"})


@pytest.fixture(scope="session")
def seed_analyses(seed_article):
    return list(analyze_articles([seed_article]))


@pytest.fixture(scope="session")
def seed_corpus(seed_analyses):
    return build_corpus(seed_analyses)


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    if not (EVAL / "gold").is_dir():
        pytest.skip("dev evaluation set ../shared/eval not present")
    return EVAL


@pytest.fixture(scope="session")
def eval_items(eval_dir):
    from lib.evaluate import load_gold
    return load_gold(eval_dir)


@pytest.fixture(scope="session")
def eval_analyses(eval_items):
    return list(analyze_articles([g.article for g in eval_items]))


@pytest.fixture(scope="session")
def eval_corpus(eval_analyses):
    """The dev set analyzed as one corpus, as ``python -m lib evaluate`` does."""
    return build_corpus(eval_analyses)
