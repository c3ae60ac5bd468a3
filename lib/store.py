"""Frames on disk: one CSV and one Parquet file per frame; the app and the CLI read them back."""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import pandas as pd

from lib.frames import COLUMNS, Corpus, frame
from lib.types import Article

INT_COLUMNS = {"start", "end", "n_words", "n_mentions", "n_articles", "n_quotes", "tone_label",
               "speaker_start", "speaker_end", "cue_start", "cue_end"}


def write_corpus(corpus: Corpus, out_dir: str | Path, parquet: bool = True) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in corpus.frames().items():
        path = out / f"{name}.csv"
        df.to_csv(path, index=False)
        written.append(path)
        if parquet:
            df.to_parquet(out / f"{name}.parquet", index=False)
            written.append(out / f"{name}.parquet")
    return written


def read_corpus_dir(out_dir: str | Path) -> Corpus:
    """A corpus written by ``write_corpus`` (Parquet when present, else CSV)."""
    out = Path(out_dir)
    frames = {}
    for name in COLUMNS:
        pq, csv = out / f"{name}.parquet", out / f"{name}.csv"
        if pq.exists():
            df = pd.read_parquet(pq)
        elif csv.exists():
            df = pd.read_csv(csv, dtype={c: "string" for c in ("article_id", "published", "value", "text")},
                             keep_default_na=False)
        else:
            df = frame(name)
        frames[name] = df.reindex(columns=list(dict.fromkeys(COLUMNS[name] + list(df.columns))))
    return Corpus(**frames)


class AnalysisCache:
    """Per-article results kept on disk so an interrupted batch resumes where it stopped."""

    def __init__(self, directory: str | Path) -> None:
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def key(article: Article) -> str:
        return hashlib.sha1(repr(sorted(article.__dict__.items())).encode("utf-8")).hexdigest()

    def get(self, article: Article):
        path = self.dir / f"{self.key(article)}.pkl"
        if not path.exists():
            return None
        try:
            return pickle.loads(path.read_bytes())
        except Exception:  # a half-written entry from a killed run is simply redone
            return None

    def put(self, analysis) -> None:
        path = self.dir / f"{self.key(analysis.article)}.pkl"
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps(analysis))
        tmp.replace(path)
