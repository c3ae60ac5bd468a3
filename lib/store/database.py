"""The store: one embedded DuckDB file holding per-article analyses and the frames of analyzed corpora.

Analyses are keyed by (the article as read, the analysis version, the per-article settings) and kept as
JSON (``lib.store.codec``); a corpus's frames are kept as Parquet under a key that names its articles'
analyses and the corpus-level settings (``lib.store.keys``). Nothing in the file is code: no pickle, and
SQL runs with external access off, so a store handed over by someone else can neither run code nor read
files when opened.

DuckDB lets one process at a time open a file for writing, so every operation opens its own short
connection, and each write is one transaction: a crash at any point leaves the previous state readable,
and a rerun adds what was missing. When the file cannot be opened (another process holds it, a read-only
disk, a file that is not a store), the store steps aside: reads find nothing, writes keep nothing, and
``problem`` says why, for the caller to show; the analysis itself goes on.
"""
from __future__ import annotations

import io
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Mapping

import duckdb
import pandas as pd

from lib.corpus.frames import COLUMNS, Corpus
from lib.store.codec import decode, encode

STORE_FILE = "revue.duckdb"
# SQL reads nothing but the store's own tables: no files, no URLs, no extension downloaded at run time
SAFE_CONFIG = {"enable_external_access": False, "autoinstall_known_extensions": False,
               "autoload_known_extensions": False}
KEEP_CORPORA = 16  # corpora whose frames are kept (analyses are kept for every article)
LOCK_WAIT_SECONDS = 2.0  # another process's write is a short transaction: wait that long for it, then step aside
SCHEMA = (
    """CREATE TABLE IF NOT EXISTS analyses (article_key VARCHAR, version VARCHAR, settings VARCHAR,
       payload VARCHAR NOT NULL, stored TIMESTAMP DEFAULT current_timestamp,
       PRIMARY KEY (article_key, version, settings))""",
    """CREATE TABLE IF NOT EXISTS corpora (corpus_key VARCHAR PRIMARY KEY, articles INTEGER NOT NULL,
       stored TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE IF NOT EXISTS frames (corpus_key VARCHAR, name VARCHAR, parquet BLOB NOT NULL,
       PRIMARY KEY (corpus_key, name))""",
)


def default_store_path(folder: str | Path | None = None) -> Path:
    """The store file: in ``folder`` when one is given (the app's $REVUE_CACHE_DIR), else $REVUE_STORE,
    else revue/revue.duckdb in the user's data folder ($XDG_DATA_HOME, default ~/.local/share)."""
    if folder:
        return Path(folder) / STORE_FILE
    if os.environ.get("REVUE_STORE"):
        return Path(os.environ["REVUE_STORE"])
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data) / "revue" / STORE_FILE


class Store:
    """Analyses and frames in one DuckDB file, opened briefly for each read or write."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.problem = ""  # why the store was left out, or some analyses not kept ('' when all went well)
        self._usable = True  # False once the file could not be used: later calls do not wait for it again

    def analyses(self, version: str, settings: str, article_keys: list[str]) -> dict[str, Any]:
        """The stored analyses among those keys, by key. An entry that does not decode (a class outside
        the allowlist, a damaged payload) is left out, to be analyzed again."""
        rows: list[tuple[str, str]] = []
        with self._connection() as con:
            if con is not None:
                rows = con.execute("SELECT article_key, payload FROM analyses WHERE version = ? AND settings = ? "
                                   "AND article_key IN (SELECT unnest(?::VARCHAR[]))",
                                   [version, settings, sorted(set(article_keys))]).fetchall()
        found = {}
        for key, payload in rows:
            try:
                found[key] = decode(payload)
            except ValueError:
                continue
        return found

    def put_analyses(self, version: str, settings: str, analyses: Mapping[str, Any]) -> None:
        """Keep these analyses (by article key), all or none, in place of those an older version of the code
        made of the same articles with the same settings (the store does not grow with every update)."""
        refused = []
        with self._transaction() as con:
            if con is None:
                return
            for key, analysis in analyses.items():
                try:
                    payload = encode(analysis)
                except TypeError as problem:  # a record the codec cannot keep: analyzed again next time
                    refused.append(str(problem))
                    continue
                con.execute("DELETE FROM analyses WHERE article_key = ? AND settings = ? AND version <> ?",
                            [key, settings, version])
                con.execute("INSERT OR REPLACE INTO analyses (article_key, version, settings, payload) "
                            "VALUES (?, ?, ?, ?)", [key, version, settings, payload])
        if refused:
            self.problem = self.problem or f"{len(refused)} analyses not kept in the store ({refused[0]})"

    def corpus(self, key: str) -> Corpus | None:
        """The frames kept under that corpus key; None when there are none (or not every frame)."""
        rows: list[tuple[str, bytes]] = []
        with self._connection() as con:
            if con is not None:
                rows = con.execute("SELECT name, parquet FROM frames WHERE corpus_key = ? AND corpus_key IN "
                                   "(SELECT corpus_key FROM corpora)", [key]).fetchall()
        stored = dict(rows)
        if set(COLUMNS) - stored.keys():
            return None
        try:
            return Corpus(**{name: pd.read_parquet(io.BytesIO(stored[name])) for name in COLUMNS})
        except (OSError, ValueError):  # a damaged frame: the corpus is built again
            return None

    def put_corpus(self, key: str, corpus: Corpus) -> None:
        """Keep a corpus's frames under that key, all or none; only the ``KEEP_CORPORA`` most recent corpora
        keep their frames (an older one is built again from its stored analyses, in seconds)."""
        with self._transaction() as con:
            if con is None:
                return
            con.execute("DELETE FROM frames WHERE corpus_key = ?", [key])
            for name, df in corpus.frames().items():
                con.execute("INSERT INTO frames VALUES (?, ?, ?)", [key, name, parquet_bytes(df)])
            con.execute("INSERT OR REPLACE INTO corpora (corpus_key, articles) VALUES (?, ?)",
                        [key, len(corpus.articles)])
            con.execute("DELETE FROM corpora WHERE corpus_key IN (SELECT corpus_key FROM corpora WHERE corpus_key <> ? "
                        "ORDER BY stored DESC, corpus_key OFFSET ?)", [key, KEEP_CORPORA - 1])
            con.execute("DELETE FROM frames WHERE corpus_key NOT IN (SELECT corpus_key FROM corpora)")

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection | None]:
        """A connection inside one transaction: committed when the block ends, rolled back if it raises."""
        with self._connection() as con:
            if con is None:
                yield None
                return
            for statement in SCHEMA:
                con.execute(statement)
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    @contextmanager
    def _connection(self) -> Iterator[duckdb.DuckDBPyConnection | None]:
        """A short connection, None once the store could not be used (``problem`` says why)."""
        con = self._open() if self._usable else None
        try:
            yield con
        except duckdb.CatalogException:  # a read before the first write made the tables: nothing stored yet
            pass
        except (duckdb.Error, OSError) as error:
            self._give_up(_first_line(error))
        finally:
            if con is not None:
                con.close()

    def _open(self) -> duckdb.DuckDBPyConnection | None:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                return duckdb.connect(str(self.path), config=SAFE_CONFIG)
            except duckdb.IOException as error:
                if "lock" in str(error).lower() and time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
                reason = ("in use by another process (DuckDB lets one process write a file at a time)"
                          if "lock" in str(error).lower() else _first_line(error))
            except (duckdb.Error, OSError) as error:
                reason = _first_line(error)
            self._give_up(reason)
            return None

    def _give_up(self, reason: str) -> None:
        self._usable = False
        self.problem = f"store {self.path}: {reason}; going on without it"


def parquet_bytes(df: pd.DataFrame) -> bytes:
    """A frame as a Parquet file's bytes (dtypes and index kept)."""
    buffer = io.BytesIO()
    df.to_parquet(buffer)
    return buffer.getvalue()


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
