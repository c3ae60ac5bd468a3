"""Output folders and the corrections file: frames as CSV and Parquet files, written in one step.

``write_corpus`` fills a new sibling folder and then puts it in the place of the old one, so a reader
(or an interrupted ``analyze``) sees the previous folder or the new one, never a half-written one.
"""
from __future__ import annotations

import ctypes
import os
import secrets
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pandas as pd

from lib.corpus.corrections import Corrections
from lib.corpus.frames import COLUMNS, Corpus, frame
from lib.output.export import restore_cell, spreadsheet_safe, text_cells

# What Revue writes in an output folder (.cache: the pickles of older versions, never read): a folder
# holding anything else is not replaced, so `--out ~/Documents` cannot delete the analyst's files
OWN_NAMES = frozenset({f"{name}.{ext}" for name in COLUMNS for ext in ("csv", "parquet")} | {".cache"})
NEW, OLD = "new", "old"  # the temporary siblings: .OUT.new-PID-TOKEN, .OUT.old-PID-TOKEN


def write_corpus(corpus: Corpus, out_dir: str | Path, parquet: bool = True,
                 rows_per_part: int | None = None) -> list[Path]:
    """Every frame as CSV (spreadsheet-safe: no cell runs as a formula) and Parquet (as analyzed), in a
    folder that replaces ``out_dir`` in one step. ValueError when ``out_dir`` holds other files.
    With ``rows_per_part``, each frame's Parquet is a folder of partitions (``lib.engine.write_partitions``)."""
    from lib.engine import write_partitions

    out = Path(out_dir)
    names = []
    with replacing_folder(out) as new:
        for name, df in corpus.frames().items():
            spreadsheet_safe(df).to_csv(new / f"{name}.csv", index=False)
            names.append(f"{name}.csv")
            if parquet and not rows_per_part:
                df.to_parquet(new / f"{name}.parquet", index=False)
                names.append(f"{name}.parquet")
        if parquet and rows_per_part:
            names += [path.name for path in write_partitions(corpus, new, rows_per_part)]
    return [out / name for name in names]


def read_corpus_dir(out_dir: str | Path) -> Corpus:
    """A corpus written by ``write_corpus`` (Parquet when present, else CSV, its text cells restored).
    A frame's Parquet may also be a folder of partitions (``quotes.parquet/part-0.parquet``...)."""
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


@contextmanager
def replacing_folder(out: Path) -> Iterator[Path]:
    """A new, empty sibling of ``out`` to write into; when the block ends it takes ``out``'s place in one
    step and the old folder is removed. If the block raises, ``out`` is left as it was.
    ValueError when ``out`` is a file, or a folder holding files Revue does not write."""
    problem = output_folder_problem(out)
    if problem:
        raise ValueError(problem)
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out)
    new = _sibling(out, NEW)
    new.mkdir()
    try:
        yield new
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    if not out.exists():
        new.rename(out)
    elif _exchange(new, out):  # one step: out is the old folder or the new one at every instant
        shutil.rmtree(new, ignore_errors=True)
    else:  # no atomic exchange here: two renames, the old folder kept aside until the new one is in place
        old = _sibling(out, OLD)
        out.rename(old)
        new.rename(out)
        shutil.rmtree(old, ignore_errors=True)


def output_folder_problem(out: Path) -> str:
    """Why ``out`` cannot be replaced by an output folder ('' when it can: new, empty, or Revue's own)."""
    if out.exists() and not out.is_dir():
        return f"{out} is a file, not a folder"
    foreign = sorted(p.name for p in out.iterdir() if p.name not in OWN_NAMES) if out.is_dir() else []
    if foreign:
        return (f"{out} holds files that are not Revue's frames ({', '.join(foreign[:3])}"
                f"{', ...' if len(foreign) > 3 else ''}): give an empty or new folder")
    return ""


def _sibling(out: Path, kind: str) -> Path:
    return out.with_name(f".{out.name}.{kind}-{os.getpid()}-{secrets.token_hex(4)}")


def _remove_leftovers(out: Path) -> None:
    """Temporary siblings of a run that was killed (its process is gone); a running one's are left alone."""
    prefix = f".{out.name}."
    for path in out.parent.iterdir():
        if not path.name.startswith(prefix):
            continue
        kind, _, rest = path.name[len(prefix):].partition("-")
        pid = rest.partition("-")[0]
        if kind in (NEW, OLD) and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None) if os.name == "posix" else None
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_cwd, exchange = -100, 2  # AT_FDCWD, RENAME_EXCHANGE
    return renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), exchange) == 0


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
