"""Frames as downloadable files: CSV, Excel (one sheet per frame), Parquet."""
from __future__ import annotations

import io
import re

import pandas as pd

from lib.frames import Corpus

EXCEL_CELL_LIMIT = 32_767  # Excel truncates longer cells; article texts can exceed it
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False).encode("utf-8-sig")  # BOM: Excel opens UTF-8 CSV correctly


def to_parquet_bytes(df: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    df.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    def clean(value):
        if isinstance(value, str):
            value = _ILLEGAL_XLSX.sub(" ", value)[:EXCEL_CELL_LIMIT]
            # a leading = + - @ would run as a formula in the analyst's spreadsheet
            return "'" + value if value[:1] in ("=", "+", "-", "@") else value
        return value

    return df.apply(lambda col: col.map(clean) if col.dtype == object or str(col.dtype).startswith("str") else col)


def to_excel_bytes(corpus: Corpus) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, df in corpus.frames().items():
            _excel_safe(df).to_excel(writer, sheet_name=name, index=False)
    return buffer.getvalue()
