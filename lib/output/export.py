"""Frames as downloadable files: CSV, Excel (one sheet per frame), Parquet.

Spreadsheet-safe everywhere (the app's downloads and the CLI's CSV files): a text
cell starting with =, +, -, @, a tab or a carriage return gets a leading
apostrophe (OWASP, CSV injection), so Excel or LibreOffice shows it instead of
running it; numbers stay numbers. ``restore_cell`` undoes it exactly when Revue
reads its own files back.
"""
from __future__ import annotations

import io
import re
from typing import Callable

import pandas as pd

from lib.corpus.frames import Corpus

EXCEL_CELL_LIMIT = 32_767  # Excel truncates longer cells; article texts can exceed it
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# "-12" or "+3.5" in a text column is a number to the spreadsheet, not a formula: left as it is
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def _formula_like(value: str) -> bool:
    # apostrophes already leading a formula-like cell count too, so that restore_cell is exact
    return value.lstrip("'")[:1] in FORMULA_STARTS and not _NUMBER.fullmatch(value)


def neutralise_cell(value: str) -> str:
    """A text cell a spreadsheet shows rather than runs: "=1+1" -> "'=1+1"."""
    return "'" + value if _formula_like(value) else value


def restore_cell(value: str) -> str:
    """The text ``neutralise_cell`` was given: "'=1+1" -> "=1+1"; any other cell as it is."""
    return value[1:] if value[:1] == "'" and _formula_like(value) else value


def text_cells(df: pd.DataFrame, clean: Callable[[str], str]) -> pd.DataFrame:
    """``df`` with ``clean`` applied to every text cell (numbers, dates and missing values untouched)."""
    return df.apply(lambda col: col.map(lambda v: clean(v) if isinstance(v, str) else v)
                    if col.dtype == object or str(col.dtype).startswith("str") else col)


def spreadsheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    return text_cells(df, neutralise_cell)


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV for a spreadsheet: BOM so Excel reads UTF-8, formula-like cells neutralised."""
    return spreadsheet_safe(df).to_csv(index=False).encode("utf-8-sig")


def to_parquet_bytes(df: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    df.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    return text_cells(df, lambda v: neutralise_cell(_ILLEGAL_XLSX.sub(" ", v)[:EXCEL_CELL_LIMIT]))


def to_excel_bytes(corpus: Corpus) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, df in corpus.frames().items():
            _excel_safe(df).to_excel(writer, sheet_name=name, index=False)
    return buffer.getvalue()
