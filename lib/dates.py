"""Temporal expressions, resolved against the article's publication date."""
from __future__ import annotations

import re
from datetime import date, timedelta

from lib.types import TimeExpr

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}
WEEKDAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
RELATIVE_DAYS = {"hier": -1, "avant-hier": -2, "aujourd'hui": 0, "demain": 1, "ce matin": 0, "ce soir": 0,
                 "yesterday": -1, "today": 0, "tomorrow": 1, "this morning": 0, "tonight": 0}

_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_W = "|".join(WEEKDAYS)
_PART = r"(?:\s+(?:matin|soir|après-midi|midi|morning|afternoon|evening|night))?"
_PATTERNS = [
    ("day", re.compile(rf"\b(?:(?:le|ce|{_W})\s+)*(?P<d>\d{{1,2}}|1er)\s+(?P<m>{_M})(?:\s+(?P<y>\d{{4}}))?\b", re.I)),
    ("day", re.compile(rf"\b(?:(?:{_W}),\s+)?(?P<m>{_M})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s+(?P<y>\d{{4}}))?\b", re.I)),
    ("period", re.compile(r"\b(?P<edge>fin|début|mi|end of|early|late)[\s-]+(?P<y>(?:19|20)\d{2})\b", re.I)),
    ("month", re.compile(rf"\b(?P<m>{_M})\s+(?P<y>\d{{4}})\b", re.I)),
    ("weekday", re.compile(rf"\b(?P<wd>{_W}){_PART}\b", re.I)),
    ("relative", re.compile(r"\b(?P<rel>avant-hier|hier|aujourd'hui|demain|ce matin|ce soir|yesterday|today|"
                            r"tomorrow|this morning|tonight)\b", re.I)),
    ("year", re.compile(r"(?<=\ben )(?P<y>(?:19|20)\d{2})\b|(?<=\bin )(?P<y2>(?:19|20)\d{2})\b")),
]


def _parse_published(published: str) -> date | None:
    try:
        return date.fromisoformat(published[:10])
    except (TypeError, ValueError):
        return None


def _resolve(kind: str, m: re.Match, anchor: date | None) -> tuple[str, str]:
    g = m.groupdict()
    if kind == "day":
        year = int(g["y"]) if g.get("y") else anchor.year if anchor else None
        day = 1 if g["d"].lower() == "1er" else int(g["d"])
        if year is None:
            return "", "day"
        try:
            return date(year, MONTHS[g["m"].lower()], day).isoformat(), "day"
        except ValueError:
            return "", "day"
    if kind == "month":
        return f"{int(g['y']):04d}-{MONTHS[g['m'].lower()]:02d}", "month"
    if kind == "period":
        quarter = 4 if g["edge"].lower() in ("fin", "end of", "late") else 1 if g["edge"].lower() in ("début", "early") else 2
        return f"{g['y']}-Q{quarter}", "quarter"
    if kind == "year":
        return g.get("y") or g.get("y2") or "", "year"
    if anchor is None:
        return "", "day"
    if kind == "weekday":
        # a bare weekday in news points to the last such day up to the publication date
        delta = (anchor.weekday() - WEEKDAYS[g["wd"].lower()]) % 7
        return (anchor - timedelta(days=delta)).isoformat(), "day"
    return (anchor + timedelta(days=RELATIVE_DAYS[g["rel"].lower()])).isoformat(), "day"


def extract_dates(text: str, published: str) -> list[TimeExpr]:
    anchor = _parse_published(published)
    taken: list[tuple[int, int]] = []
    found = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            value, granularity = _resolve(kind, m, anchor)
            found.append(TimeExpr(start, end, text[start:end], value, granularity))
    return sorted(found, key=lambda t: t.start)
