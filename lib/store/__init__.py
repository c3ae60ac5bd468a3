"""Frames on disk: one CSV and one Parquet file per frame; the app and the CLI read them back."""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import pandas as pd
import spacy

from lib.corpus.corrections import Corrections
from lib.output.export import restore_cell, spreadsheet_safe, text_cells
from lib.corpus.frames import COLUMNS, Corpus, frame
from lib.nlp import PREFERRED_MODELS, installed_model
from lib.pipeline import ArticleAnalysis, Options, Progress, analyze_articles
from lib.types import Article

LIB_DIR = Path(__file__).resolve().parents[1]


def write_corpus(corpus: Corpus, out_dir: str | Path, parquet: bool = True) -> list[Path]:
    """Every frame as CSV (spreadsheet-safe: no cell runs as a formula) and Parquet (as analyzed)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in corpus.frames().items():
        path = out / f"{name}.csv"
        spreadsheet_safe(df).to_csv(path, index=False)
        written.append(path)
        if parquet:
            df.to_parquet(out / f"{name}.parquet", index=False)
            written.append(out / f"{name}.parquet")
    return written


def read_corpus_dir(out_dir: str | Path) -> Corpus:
    """A corpus written by ``write_corpus`` (Parquet when present, else CSV, its text cells restored)."""
    out = Path(out_dir)
    frames = {}
    for name in COLUMNS:
        pq, csv = out / f"{name}.parquet", out / f"{name}.csv"
        if pq.exists():
            df = pd.read_parquet(pq)
        elif csv.exists():
            raw = pd.read_csv(csv, dtype={c: "string" for c in ("article_id", "published", "value", "text")},
                              keep_default_na=False)
            df = text_cells(raw, restore_cell)
        else:
            df = frame(name)
        frames[name] = df.reindex(columns=list(dict.fromkeys(COLUMNS[name] + list(df.columns))))
    return Corpus(**frames)


def pipeline_version() -> str:
    """A digest of the code, lexicons, spaCy version and installed pipelines that produce an analysis.

    A cached analysis made by other rules or another model is not reused: after
    an update the CLI resumes nothing stale, and the app re-analyzes its sample once.
    """
    models = [installed_model(lang) or "" for lang in sorted(PREFERRED_MODELS)]
    digest = hashlib.sha1(" ".join([spacy.__version__, *models]).encode())
    for path in sorted(p for p in LIB_DIR.rglob("*") if p.is_file() and p.suffix != ".pyc"):
        digest.update(str(path.relative_to(LIB_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class AnalysisCache:
    """Per-article results kept on disk: an interrupted batch resumes where it stopped,
    and the app's sample corpus is analyzed once per code version, not once per process."""

    def __init__(self, directory: str | Path) -> None:
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.version = pipeline_version()

    def key(self, article: Article, options: Options = Options()) -> str:
        """Keyed by the article as read (the pipeline may fill in its lang or note) and the per-article
        settings that change an analysis (models, tone backend); aliases and metonymy act later."""
        settings = repr((sorted(options.models.items()), options.tone, options.speakers))
        return hashlib.sha1((self.version + settings + repr(sorted(article.__dict__.items()))).encode("utf-8")).hexdigest()

    def get(self, article: Article, options: Options = Options()) -> ArticleAnalysis | None:
        path = self.dir / f"{self.key(article, options)}.pkl"
        if not path.exists():
            return None
        try:
            return pickle.loads(path.read_bytes())
        except Exception:  # a half-written entry from a killed run is simply redone
            return None

    def put(self, article: Article, analysis: ArticleAnalysis, options: Options = Options()) -> None:
        path = self.dir / f"{self.key(article, options)}.pkl"
        tmp = path.with_suffix(f".{os.getpid()}.tmp")  # two processes may fill one cache
        try:
            tmp.write_bytes(pickle.dumps(analysis))
            tmp.replace(path)
        except OSError:  # a full or read-only disk costs a re-analysis later, never this one
            tmp.unlink(missing_ok=True)


def analyze_cached(articles: list[Article], cache: AnalysisCache, options: Options = Options(),
                   progress: Progress | None = None) -> tuple[list[ArticleAnalysis], int]:
    """Every article's analysis, from the cache when it has one; returns them and how many were cached."""
    found = [cache.get(a, options) for a in articles]
    todo = {a.article_id: a for a, hit in zip(articles, found) if hit is None}
    fresh = {}
    for analysis in analyze_articles(todo.values(), options, progress):
        article = todo[analysis.article.article_id]  # the key is the article as read
        cache.put(article, analysis, options)
        fresh[article.article_id] = analysis
    return [hit or fresh[a.article_id] for a, hit in zip(articles, found)], len(articles) - len(todo)


def read_corrections(path: str | Path) -> Corrections:
    """The corrections kept in a store's JSON file; none when there is no file yet.
    ValueError when the file is not a corrections file (it is then left alone, never overwritten)."""
    path = Path(path)
    if not path.exists():
        return Corrections()
    try:
        return Corrections.from_json(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as problem:  # json.JSONDecodeError is a ValueError
        raise ValueError(f"{path.name}: {problem}") from None


def write_corrections(path: str | Path, corrections: Corrections) -> None:
    """The corrections as the store's JSON file, atomically: a reader sees the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # a unique temporary name: two sessions of one server (one process) may save at once
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(corrections.to_json())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
