"""Frames as downloadable files: CSV, Excel (one sheet per frame), Parquet."""
from __future__ import annotations

import io
import re

import pandas as pd

from lib.frames import Corpus

EXCEL_CELL_LIMIT = 32_767  # Excel truncates longer cells; article texts can exceed it
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _neutralise(value: str) -> str:
    # a leading = + - @ (or a tab/CR before one) would run as a formula in the analyst's spreadsheet
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _text_cells(df: pd.DataFrame, clean) -> pd.DataFrame:
    return df.apply(lambda col: col.map(lambda v: clean(v) if isinstance(v, str) else v)
                    if col.dtype == object or str(col.dtype).startswith("str") else col)


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV for a spreadsheet: BOM so Excel reads UTF-8, formula-like cells neutralised."""
    return _text_cells(df, _neutralise).to_csv(index=False).encode("utf-8-sig")


def to_parquet_bytes(df: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    df.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    return _text_cells(df, lambda v: _neutralise(_ILLEGAL_XLSX.sub(" ", v)[:EXCEL_CELL_LIMIT]))


def to_excel_bytes(corpus: Corpus) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, df in corpus.frames().items():
            _excel_safe(df).to_excel(writer, sheet_name=name, index=False)
    return buffer.getvalue()
