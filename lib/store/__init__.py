"""What Revue keeps: the store (analyses and frames in one DuckDB file, no pickles), output folders of
CSV and Parquet files, and the corrections file.

``codec`` turns records into JSON and back, ``versions`` and ``keys`` say what a stored result was made
from, ``database`` is the DuckDB store, ``cached`` analyzes only what the store lacks, ``files`` writes and
reads output folders.
"""
from lib.store.cached import analyze_cached, corpus_cached
from lib.store.database import STORE_FILE, Store, default_store_path
from lib.store.files import (output_folder_problem, read_corpus_dir, read_corrections, replacing_folder, write_corpus,
                             write_corrections)
from lib.store.versions import analysis_version, corpus_version

__all__ = ["STORE_FILE", "Store", "analysis_version", "analyze_cached", "corpus_cached", "corpus_version",
           "default_store_path", "output_folder_problem", "read_corpus_dir", "read_corrections", "replacing_folder", "write_corpus",
           "write_corrections"]
