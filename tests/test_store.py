"""The store: analyses and frames kept in DuckDB, reused across runs, refused when crafted, written atomically;
output folders replaced in one step."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import lib.store.cached as cached
import lib.store.database as database
import lib.store.files as files
from lib.cli import main
from lib.corpus.build import CorpusSettings
from lib.readers import read_paths
from lib.store import Store, analyze_cached, corpus_cached, read_corpus_dir, write_corpus
from lib.store.versions import ANALYSIS_PATHS, CORPUS_PATHS, LIB_DIR, source_files
from tests.conftest import ROOT, SAMPLE


@pytest.fixture(scope="module")
def articles():
    """Three real articles: the seed and two of the demo corpus."""
    return read_paths([SAMPLE / "seed.txt", SAMPLE / "demo_corpus.jsonl"])[:3]


@pytest.fixture(autouse=True)
def pinned_versions(monkeypatch):
    """The code version as of the test's start: an edit to lib/ made meanwhile in this checkout is no stale entry."""
    for name, version in (("analysis_version", cached.analysis_version()), ("corpus_version", cached.corpus_version())):
        monkeypatch.setattr(cached, name, lambda version=version: version)


@pytest.fixture
def analyzed(monkeypatch):
    """The ids of the articles each call analyzes (not those read from the store)."""
    calls: list[list[str]] = []
    real = cached.analyze_articles

    def counting(articles, *args, **kwargs):
        articles = list(articles)
        calls.append([a.article_id for a in articles])
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(cached, "analyze_articles", counting)
    return calls


def test_a_second_store_on_the_same_file_reuses_every_analysis(tmp_path, articles, analyzed):
    first, n_cached = analyze_cached(articles, Store(tmp_path / "s.duckdb"))
    assert n_cached == 0 and len(first[0].records["quotes"]) >= 2
    again, n_cached = analyze_cached(articles, Store(tmp_path / "s.duckdb"))
    assert n_cached == 3 and again == first
    assert analyzed == [[a.article_id for a in articles]]  # the second run analyzed nothing


def test_a_new_analysis_version_reanalyzes_only_the_stale_articles(tmp_path, articles, analyzed, monkeypatch):
    path = tmp_path / "s.duckdb"
    monkeypatch.setattr(cached, "analysis_version", lambda: "rules of monday")
    analyze_cached(articles, Store(path))
    monkeypatch.setattr(cached, "analysis_version", lambda: "rules of tuesday")
    assert analyze_cached(articles[:1], Store(path))[1] == 0
    analyses, n_cached = analyze_cached(articles, Store(path))
    assert n_cached == 1 and analyzed[-1] == [a.article_id for a in articles[1:]]
    assert [a.article.article_id for a in analyses] == [a.article_id for a in articles]
    with duckdb.connect(str(path)) as con:  # the new entries took the old ones' place
        assert con.execute("SELECT DISTINCT version FROM analyses").fetchall() == [("rules of tuesday",)]
        assert con.execute("SELECT count(*) FROM analyses").fetchone() == (3,)


def test_other_per_article_settings_are_other_entries(tmp_path, articles):
    from lib.pipeline import Options

    analyze_cached(articles[:1], Store(tmp_path / "s.duckdb"))
    assert analyze_cached(articles[:1], Store(tmp_path / "s.duckdb"), Options(tone="lexicon"))[1] == 0
    assert analyze_cached(articles[:1], Store(tmp_path / "s.duckdb"), Options(batch_size=4))[1] == 1


def _extractor_imports(path: Path) -> set[Path]:
    """The lib files a module imports (``from lib.x import y``, ``from lib import x``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "lib":
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names if alias.name.split(".")[0] == "lib"]
        for name in names:
            module = LIB_DIR.joinpath(*name.split(".")[1:])
            for candidate in (module.with_name(module.name + ".py"), module / "__init__.py"):
                if candidate.exists():
                    found.add(candidate)
    return found


def test_the_analysis_version_covers_what_the_extractors_import_and_not_the_charts():
    covered = set(source_files(ANALYSIS_PATHS))
    roots = [LIB_DIR / "extract" / "registry.py", LIB_DIR / "nlp.py", LIB_DIR / "readers" / "langid.py",
             LIB_DIR / "readers" / "normalize.py", LIB_DIR / "models" / "tone.py", LIB_DIR / "models" / "speakers.py"]
    seen, todo = set(), list(roots)
    while todo:
        path = todo.pop()
        if path not in seen:
            seen.add(path)
            todo.extend(_extractor_imports(path))
    package_inits = {LIB_DIR / "__init__.py", LIB_DIR / "readers" / "__init__.py"}  # import side effects only
    assert seen - package_inits - covered == set()
    assert not any(part in {"charts", "store", "output", "corpus"} for p in covered for part in p.relative_to(LIB_DIR).parts)
    corpus_only = set(source_files(CORPUS_PATHS))
    assert LIB_DIR / "corpus" / "build.py" in corpus_only and not corpus_only & covered


def test_reopened_corpus_frames_equal_the_built_ones(tmp_path, articles, analyzed, monkeypatch):
    settings = CorpusSettings(metonymy=False)
    built, n_cached = corpus_cached(articles, Store(tmp_path / "s.duckdb"), settings=settings)
    assert n_cached == 0 and len(built.quotes) > 0

    def no_building(*args, **kwargs):
        raise AssertionError("a stored corpus is read, not built")

    monkeypatch.setattr(cached, "build_corpus", no_building)
    reopened, n_cached = corpus_cached(articles, Store(tmp_path / "s.duckdb"), settings=settings)
    assert n_cached == 3 and len(analyzed) == 1
    for name, frame in built.frames().items():
        pd.testing.assert_frame_equal(reopened.frames()[name], frame, obj=name)
    with pytest.raises(AssertionError, match="read, not built"):  # other corpus settings: other frames
        corpus_cached(articles, Store(tmp_path / "s.duckdb"), settings=CorpusSettings(metonymy=True))
    assert len(analyzed) == 1  # ... from the same analyses


def test_only_the_most_recent_corpora_keep_their_frames(tmp_path, articles, analyzed, monkeypatch):
    from lib.corpus.actors import AliasTable

    monkeypatch.setattr(database, "KEEP_CORPORA", 2)
    built, real = [], cached.build_corpus
    monkeypatch.setattr(cached, "build_corpus", lambda *args: built.append(args[1]) or real(*args))
    path = tmp_path / "s.duckdb"
    renamed = AliasTable(pd.DataFrame({"alias": ["Kremlin"], "actor": ["Russie"], "label": ["GPE"], "ignored": [False]}))
    oldest, *newer = [CorpusSettings(metonymy=True), CorpusSettings(metonymy=False), CorpusSettings(aliases=renamed)]
    for settings in (oldest, *newer, *newer):
        corpus_cached(articles[:1], Store(path), settings=settings)
    assert built == [oldest, *newer] and len(analyzed) == 1  # every corpus from the one stored analysis
    with duckdb.connect(str(path)) as con:
        assert con.execute("SELECT count(*) FROM corpora").fetchone() == (2,)
        assert con.execute("SELECT count(*), count(DISTINCT corpus_key) FROM frames").fetchone() == (16, 2)
    corpus_cached(articles[:1], Store(path), settings=oldest)
    assert built[-1] == oldest and len(analyzed) == 1  # its frames were dropped; it is built again, not analyzed


def test_a_corpus_written_again_replaces_its_frames(tmp_path, seed_frames):
    store = Store(tmp_path / "s.duckdb")
    store.put_corpus("key", seed_frames.restrict([]))
    store.put_corpus("key", seed_frames)
    assert store.problem == "" and len(store.corpus("key").quotes) == len(seed_frames.quotes) > 0


def _set_payloads(path: Path, payload: str) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE analyses SET payload = ?", [payload])


@pytest.mark.parametrize("crafted", [
    '{{"@":"os:system","command":"touch {marker}"}}',
    '{{"@":"subprocess:Popen","args":{{"@tuple":["touch","{marker}"]}}}}',
    '{{"@":"lib.types:ArticleAnalysis","article":{{"@":"subprocess:Popen","args":["touch","{marker}"]}}}}',
])
def test_a_crafted_entry_is_refused_and_analyzed_again_not_run(tmp_path, articles, crafted):
    path, marker = tmp_path / "s.duckdb", tmp_path / "ran"
    first, _ = analyze_cached(articles[:1], Store(path))
    _set_payloads(path, crafted.format(marker=marker))
    again, n_cached = analyze_cached(articles[:1], Store(path))
    assert n_cached == 0 and again == first and not marker.exists()
    assert analyze_cached(articles[:1], Store(path))[1] == 1  # the entry is whole again


def _crashing_on_call(n: int, real):
    """``real``, except that its n-th call dies as a killed process would, mid-transaction."""
    calls = []

    def wrapped(value):
        calls.append(value)
        if len(calls) == n:
            raise RuntimeError("killed mid-transaction")
        return real(value)

    return wrapped


def test_an_interrupted_write_leaves_the_previous_entries_readable(tmp_path, articles, monkeypatch):
    path = tmp_path / "s.duckdb"
    before, _ = analyze_cached(articles[:1], Store(path))
    real = database.encode
    monkeypatch.setattr(database, "encode", _crashing_on_call(2, real))
    monkeypatch.setattr(cached, "KEEP_EVERY", 10)  # the two new articles in one transaction
    with pytest.raises(RuntimeError):
        analyze_cached(articles, Store(path))
    monkeypatch.setattr(database, "encode", real)
    kept, n_cached = analyze_cached(articles, Store(path))
    assert n_cached == 1 and kept[0] == before[0]  # the first new article was not kept either: all or none
    assert analyze_cached(articles, Store(path))[1] == 3  # the rerun completed it


def test_an_interrupted_corpus_write_keeps_no_partial_frames(tmp_path, articles, monkeypatch):
    path, real = tmp_path / "s.duckdb", database.parquet_bytes
    monkeypatch.setattr(database, "parquet_bytes", _crashing_on_call(3, real))
    with pytest.raises(RuntimeError):
        corpus_cached(articles[:1], Store(path))
    with duckdb.connect(str(path)) as con:
        assert con.execute("SELECT count(*) FROM frames").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM analyses").fetchone() == (1,)  # kept before, in its own write


def test_a_store_locked_by_another_process_is_left_out_with_a_warning(tmp_path, articles, monkeypatch):
    path = tmp_path / "s.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, sys, time; c = duckdb.connect({str(path)!r}); "
                               "print('holding', flush=True); sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        monkeypatch.setattr(database, "LOCK_WAIT_SECONDS", 0.2)
        store = Store(path)
        analyses, n_cached = analyze_cached(articles[:1], store)
        assert n_cached == 0 and analyses[0].records["quotes"]
        assert "in use by another process" in store.problem and str(path) in store.problem
    finally:
        holder.communicate("")
    assert analyze_cached(articles[:1], Store(path))[1] == 0  # nothing was written meanwhile


def test_a_file_that_is_not_a_store_is_left_out_and_left_alone(tmp_path, articles):
    path = tmp_path / "notes.duckdb"
    path.write_bytes(b"my notes, not a database\n" * 400)
    store = Store(path)
    assert analyze_cached(articles[:1], store)[1] == 0 and store.problem
    assert path.read_bytes() == b"my notes, not a database\n" * 400


def test_cli_store_and_no_store(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REVUE_STORE", str(tmp_path / "default.duckdb"))
    store = tmp_path / "mine.duckdb"
    args = [str(SAMPLE / "seed.txt"), "--quiet", "--store", str(store)]
    assert main(["analyze", *args, "--out", str(tmp_path / "a")]) == 0
    assert "0 already analyzed in the store" in capsys.readouterr().err
    assert main(["analyze", *args, "--out", str(tmp_path / "b")]) == 0
    assert f"1 already analyzed in the store {store}" in capsys.readouterr().err
    first, second = read_corpus_dir(tmp_path / "a"), read_corpus_dir(tmp_path / "b")
    for name, frame in first.frames().items():
        pd.testing.assert_frame_equal(second.frames()[name], frame, obj=name)
    assert main(["analyze", str(SAMPLE / "seed.txt"), "--quiet", "--no-store", "--out", str(tmp_path / "c")]) == 0
    assert "0 already analyzed (no store)" in capsys.readouterr().err
    assert not (tmp_path / "default.duckdb").exists()
    assert main(["analyze", str(SAMPLE / "seed.txt"), "--quiet", "--out", str(tmp_path / "d")]) == 0
    assert "1 already analyzed" not in capsys.readouterr().err and (tmp_path / "default.duckdb").exists()
    with pytest.raises(SystemExit):
        main(["analyze", *args, "--no-store", "--out", str(tmp_path / "e")])


def test_cli_refuses_an_out_folder_holding_other_files(tmp_path, capsys):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"years of work")
    assert main(["analyze", str(SAMPLE / "seed.txt"), "--quiet", "--no-store", "--out", str(out)]) == 2
    assert "thesis.docx" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["thesis.docx"]


@pytest.fixture(scope="module")
def seed_frames(articles):
    return corpus_cached(articles[:1], None)[0]


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two renames"])
def test_an_output_folder_is_replaced_in_one_step(tmp_path, seed_frames, monkeypatch, exchange):
    swaps, real = [], files._exchange
    monkeypatch.setattr(files, "_exchange", lambda a, b: swaps.append(exchange and real(a, b)) or swaps[-1])
    out = tmp_path / "out"
    (out / ".cache").mkdir(parents=True)
    (out / ".cache" / "old.pkl").write_bytes(b"a pickle of an older version")
    write_corpus(seed_frames, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.{x}" for n in seed_frames.frames() for x in ("csv", "parquet"))
    fewer = seed_frames.restrict([])
    write_corpus(fewer, out)
    assert read_corpus_dir(out).quotes.empty and [p.name for p in tmp_path.iterdir()] == ["out"]
    assert swaps == [exchange, exchange]  # Linux swaps the two folders in one step; elsewhere two renames


def test_analyze_failing_mid_write_leaves_the_previous_folder_readable(tmp_path, monkeypatch):
    out = tmp_path / "out"
    args = ["analyze", str(SAMPLE / "seed.txt"), "--quiet", "--store", str(tmp_path / "s.duckdb"), "--out", str(out)]
    assert main(args) == 0
    before = read_corpus_dir(out)
    real, frames_written = pd.DataFrame.to_parquet, []

    def crash_on_fourth_file(self, path, *args, **kwargs):
        if isinstance(path, Path) and path.parent.name.startswith(".out.new-"):
            frames_written.append(path.name)
            if len(frames_written) == 4:
                raise OSError(28, "No space left on device")
        return real(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", crash_on_fourth_file)
    with pytest.raises(OSError, match="No space"):
        main([*args, "--no-metonymy"])
    assert len(frames_written) == 4
    for name, frame in read_corpus_dir(out).frames().items():
        pd.testing.assert_frame_equal(frame, before.frames()[name], obj=name)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # no half-written sibling left


def test_a_killed_run_s_leftover_folder_is_removed_by_the_next(tmp_path, seed_frames):
    leftover = tmp_path / ".out.new-99999999-0a1b2c3d"  # no such process
    (leftover / "quotes.csv").parent.mkdir()
    (leftover / "quotes.csv").write_text("half")
    write_corpus(seed_frames, tmp_path / "out")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_frame_written_as_a_folder_of_partitions_is_read(tmp_path, seed_frames):
    out = tmp_path / "out"
    write_corpus(seed_frames, out)
    (out / "quotes.parquet").unlink()
    (out / "quotes.parquet").mkdir()
    half = len(seed_frames.quotes) // 2
    seed_frames.quotes.iloc[:half].to_parquet(out / "quotes.parquet" / "part-0.parquet", index=False)
    seed_frames.quotes.iloc[half:].to_parquet(out / "quotes.parquet" / "part-1.parquet", index=False)
    pd.testing.assert_frame_equal(read_corpus_dir(out).quotes, seed_frames.quotes.reset_index(drop=True))


def test_the_default_store_is_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("REVUE_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert database.default_store_path() == tmp_path / "data" / "revue" / "revue.duckdb"
    monkeypatch.setenv("REVUE_STORE", str(tmp_path / "elsewhere.duckdb"))
    assert database.default_store_path() == tmp_path / "elsewhere.duckdb"
    assert database.default_store_path(tmp_path / "ci") == tmp_path / "ci" / "revue.duckdb"
    assert ROOT not in database.default_store_path().parents
