"""The dateline: the date a news text opens with, the publication date when metadata has none.

"31 janvier 2017. – L'ancien président…", "6 juillet 2012. - Dans les colonnes…",
"Friday, August 21, 2015" on a line of its own, "PARIS, Jan. 26 (Reuters) -".
Only the first lines are read (a Wikinews lead paragraph may come before it),
and the date must stand at the start of its line, after at most a place name or
"Publié le", and be followed by the dash, a full stop or the end of the line:
"Le 26 janvier, les États-Unis…" opens a sentence, not a dateline.
"""
from __future__ import annotations

import re
from datetime import date

from lib.extract.date_grammar import Hit, detect
from lib.extract.dates import resolve  # resolution lives with the other expressions

_LINES_READ = 6
_CHARS_READ = 1200
_PREFIX = re.compile(r"(?:(?:publié|mis à jour|modifié|published|updated|posted)(?: le| on)?\s*:?\s*|"
                     r"(?-i:[A-ZÀ-Ý][A-ZÀ-Ý'.\- ]{1,30})(?:\s*\([^)\n]{1,30}\))?,\s+)?", re.I)
_AFTER = re.compile(r"\s*(?:\([^)\n]{1,30}\)\s*)?(?:[.,:]?\s*[-–—]|\.?\s*$|\.\s+(?=(?-i:[A-ZÀ-Ý«\"]))|\s+(?:à|at)\s+\d{1,2}\s?[h:])", re.I)
_FULL_KINDS = {"day", "iso", "numeric"}
_DIGIT = re.compile(r"\d")


def _value(hit: Hit, reference: date | None, lang: str) -> str:
    value, granularity = resolve(hit, reference, lambda: 0, lang)
    return value if granularity == "day" and len(value) == 10 else ""


def find_dateline(text: str, reference: date | None = None, lang: str = "") -> tuple[str, tuple[int, int]] | None:
    """(ISO day, (start, end) of the date in ``text``) for the dateline, or None.

    A dateline without a year ("Jan. 26") needs ``reference`` (e.g. a file date) to be resolved.
    """
    pos = 0
    for line in text[:_CHARS_READ].splitlines(keepends=True)[:_LINES_READ]:
        stripped = line.lstrip()
        offset = pos + len(line) - len(stripped)
        pos += len(line)
        if not _DIGIT.search(stripped, 0, 160):
            continue  # every full date (day, ISO, numeric) has a digit: the grammar's scan is spared
        prefix = _PREFIX.match(stripped)
        hits = detect(stripped[:160].rstrip("\n"), lang=lang or None)
        if not hits or hits[0].kind not in _FULL_KINDS or hits[0].start != prefix.end():
            continue
        hit = hits[0]
        if hit.get("det") or not _AFTER.match(stripped[hit.end:].split("\n")[0]):
            continue
        if not hit.get("y") and reference is None:
            continue
        value = _value(hit, reference, lang)
        if value:
            return value, (offset + hit.start, offset + hit.end)
    return None
