"""Temporal expressions resolved against the article's publication date.

``lib/extract/date_grammar.py`` finds the expressions; here each gets an ISO value and a
granularity (day, week, month, quarter, half, season, year, decade, time). A
bare "mercredi" or "17 décembre" is the previous occurrence when its verb is in
the past ("proposé le 17 décembre", published 2022-02-02 -> 2021-12-17), the
next one when it is in the future, otherwise the nearest. Relative words inside
a quotation count from the day of the statement ("« Hier, ... », a déclaré
mercredi Peskov"). Expressions relative to another event ("deux semaines plus
tôt") keep an empty value.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta
from typing import Callable, Sequence

from spacy.tokens import Doc

from lib.extract.date_grammar import MONTHS, WEEKDAYS, Hit, detect, words_of
from lib.extract.date_tense import FUTURE, PAST, UNKNOWN, tense_at
from lib.types import Quote, TimeExpr

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASONS = {w: v for w, v in words_of("season").items()}
_DAYWORDS = {w: int(v) for w, v in words_of("dayword").items()}
_NUMBERS = {w: int(v) for w, v in words_of("number").items()}
_ORDINALS = {w: int(v) for w, v in words_of("ordinal").items()}
_UNITS = words_of("unit")
_PAST_WORDS, _FUTURE_WORDS = set(words_of("past")), set(words_of("future"))
_CHAIN = {"veille": -1, "lendemain": 1, "avant-veille": -2, "surlendemain": 2,
          "day before": -1, "previous day": -1, "next day": 1, "following day": 1, "day after": 1}
_EDGE_LATE = {"fin", "end of", "late", "end"}
_EDGE_EARLY = {"début", "start of", "beginning of", "early", "start", "beginning"}
_UNIT_WORD = {"semaine": "week", "week-end": "week", "weekend": "week", "week": "week", "mois": "month",
              "month": "month", "année": "year", "an": "year", "year": "year", "trimestre": "quarter",
              "quarter": "quarter", "semestre": "half"}
# When the relative day words of a quotation count from the statement's day.
_RELATIVE_KINDS = {"weekday", "dayword", "rel_unit", "edge_rel", "month_rel", "ago", "day", "month", "season", "quarter"}

_EVENTS = "|".join(sorted(map(re.escape, words_of("event")), key=len, reverse=True))
_EVENT_AFTER = re.compile(rf"^\s+(?:terror(?:ist)?\s+)?(?:{_EVENTS})\b", re.I)
_EVENT_BEFORE = re.compile(rf"\b(?:{_EVENTS})\s+(?:du|de|d'|of)\s+$", re.I)
Resolution = tuple[str, str]  # (value, granularity)
# How far back (or ahead) a tense may send a date without a year before the nearest occurrence wins.
_DAYS_LIMIT, _MONTHS_LIMIT, _SEASONS_LIMIT = 250, 8, 11
# "la veille" counts from a day named shortly before it, in the same paragraph.
_CHAIN_REACH = 400


def parse_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _choose(candidates: list[int], anchor: int, tense: int, strict: bool = False) -> int | None:
    """The candidate a reader means: last before (past), first after (future), else the nearest."""
    if tense == PAST:
        before = [c for c in candidates if c < anchor or (c == anchor and not strict)]
        return max(before) if before else None
    if tense == FUTURE:
        after = [c for c in candidates if c > anchor or (c == anchor and not strict)]
        return min(after) if after else None
    return min(candidates, key=lambda c: (abs(c - anchor), c > anchor)) if candidates else None


def _oriented(candidates: list[int], anchor: int, tense: int, strict: bool, limit: int) -> int | None:
    """The tense's choice, unless it lies beyond ``limit`` while the nearest occurrence is the other way:
    "a donné rendez-vous le 21 septembre" (published 12 September) is the coming 21st, not last year's."""
    chosen = _choose(candidates, anchor, tense, strict)
    nearest = _choose(candidates, anchor, UNKNOWN)
    if chosen is None or (abs(chosen - anchor) > limit and not strict and abs(nearest - anchor) < abs(chosen - anchor)):
        return nearest
    return chosen


def _rel_tense(rel: str, tense: int) -> tuple[int, bool]:
    """'dernier'/'last' force the previous occurrence, 'prochain'/'next' the next one, both strictly."""
    rel = rel.lower()
    if rel in _PAST_WORDS:
        return PAST, True
    if rel in _FUTURE_WORDS:
        return FUTURE, True
    return tense, False


def _day_month(day: int, month: int, anchor: date, tense: int, weekday: int | None, rel: str) -> str:
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if weekday is not None and any(d.weekday() == weekday for d in options):
        options = [d for d in options if d.weekday() == weekday]  # "mardi 7 mars" names its year
    tense, strict = _rel_tense(rel, tense)
    chosen = _oriented([d.toordinal() for d in options], anchor.toordinal(), tense, strict, _DAYS_LIMIT)
    return date.fromordinal(chosen).isoformat() if chosen is not None else ""


def _month_index(anchor: date, month: int, tense: int, strict: bool = False) -> tuple[int, int]:
    here = anchor.year * 12 + anchor.month - 1
    options = [(anchor.year + dy) * 12 + month - 1 for dy in (-1, 0, 1)]
    return divmod(_oriented(options, here, tense, strict, _MONTHS_LIMIT), 12)


def _weekday(anchor: date, weekday: int, tense: int, this: bool, rel: str) -> str:
    tense, strict = _rel_tense(rel, tense)
    if tense == UNKNOWN and not this:  # "Revenant lundi sur cet échange": the Monday of the publication week
        return (anchor + timedelta(days=weekday - anchor.weekday())).isoformat()
    # "ce dimanche" in Monday's paper is yesterday; with a verb, its tense decides
    reach = 3 if this and tense == UNKNOWN else 7
    options = [anchor.toordinal() + delta for delta in range(-reach, reach + 1)
               if date.fromordinal(anchor.toordinal() + delta).weekday() == weekday]
    chosen = _choose(options, anchor.toordinal(), tense, strict)
    return date.fromordinal(chosen).isoformat() if chosen is not None else ""


def _shift(anchor: date, unit: str, n: int) -> Resolution:
    if unit == "day":
        return (anchor + timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        return week_of(anchor + timedelta(weeks=n)), "week"
    if unit == "month":
        y, m = divmod(anchor.year * 12 + anchor.month - 1 + n, 12)
        return f"{y:04d}-{m + 1:02d}", "month"
    if unit == "quarter":
        y, q = divmod(anchor.year * 4 + (anchor.month - 1) // 3 + n, 4)
        return f"{y:04d}-Q{q + 1}", "quarter"
    if unit == "half":
        y, h = divmod(anchor.year * 2 + (anchor.month - 1) // 6 + n, 2)
        return f"{y:04d}-H{h + 1}", "half"
    return f"{anchor.year + n:04d}", "year"


def _season(anchor: date, code: str, tense: int, strict: bool, this: bool) -> Resolution:
    # a winter is filed under the year it starts in: "cet hiver" in February 2022 is 2021-WI
    current = anchor.year * 12 + anchor.month - 1
    starts = [(anchor.year + dy) * 12 + SEASON_START[code] - 1 for dy in (-1, 0, 1)]
    if this:
        chosen = max((s for s in starts if s <= current), default=None)
        if chosen is None or current - chosen >= 3:
            chosen = min(s for s in starts if s > current - 3)
    else:
        chosen = _oriented(starts, current, tense, strict, _SEASONS_LIMIT)
    return f"{chosen // 12:04d}-{code}", "season"


def _time_value(hit: Hit, day: date | None) -> Resolution:
    if day is None:
        return "", "time"
    hour, minute = int(hit.get("h")), int(hit.get("mi") or 0)
    ampm = hit.get("ap").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    zone = "Z" if hit.get("tz") else ""
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}{zone}", "time"


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower(), 0)


def resolve(hit: Hit, anchor: date | None, tense: Callable[[], int], lang: str = "",
            previous_day: date | None = None, sentence_day: date | None = None) -> Resolution:
    """The ISO value and granularity of one expression; ``tense`` is only asked when needed."""
    kind, g = hit.kind, hit.get
    if kind in ("year", "horizon"):
        return g("y"), "year"
    if kind == "decade":  # "années 1990", "the 1990s": PRODUCT.md and the annotation rules give decades no value form
        return "", "decade"
    if kind == "iso":
        return f"{g('y')}-{g('m')}-{g('d')}", "day"
    if kind == "numeric":
        a, b, y = int(g("a")), int(g("b")), int(g("y"))
        year = y if y >= 100 else 2000 + y if y < 50 else 1900 + y
        # day first, except in English (01/26/2022); the other order when the first is impossible
        for month, day in ((a, b), (b, a)) if lang == "en" else ((b, a), (a, b)):
            try:
                return date(year, month, day).isoformat(), "day"
            except ValueError:
                continue
        return "", "day"
    if kind == "month_year":
        return f"{g('y')}-{MONTHS[g('m').lower()]:02d}", "month"
    if kind == "season_year":
        return f"{g('y')}-{_SEASONS[g('s').lower()]}", "season"
    if kind == "edge_year":
        edge = g("edge").lower()
        if edge in _EDGE_LATE:
            return f"{g('y')}-Q4", "quarter"
        if edge in _EDGE_EARLY:
            return f"{g('y')}-Q1", "quarter"
        return g("y"), "year"
    if kind == "quarter":
        if g("q") and g("y"):
            n, code = int(g("n")), g("q").upper()
            return (f"{g('y')}-H{n}", "half") if code == "H" and n <= 2 else (f"{g('y')}-Q{n}", "quarter")
        if g("q"):  # "profit rose in Q3": the quarter the tense points to, as "au troisième trimestre"
            n, half = int(g("n")), g("q").upper() == "H"
        else:
            n, half = _ORDINALS.get(g("ord").lower(), 0), g("u").lower() in ("semestre", "half")
        if g("ord").lower() == "dernier" and not g("y") and anchor is not None:
            return _shift(anchor, "half" if half else "quarter", -1)  # "sur le dernier trimestre": the last one
        if half:
            n = 2 if n > 2 else n
        if g("y"):
            return (f"{g('y')}-H{n}", "half") if half else (f"{g('y')}-Q{n}", "quarter")
        if anchor is None or not n:
            return "", "half" if half else "quarter"
        start_month = (n - 1) * (6 if half else 3) + 1
        year, _ = _month_index(anchor, start_month, tense())
        return (f"{year}-H{n}", "half") if half else (f"{year}-Q{n}", "quarter")
    if kind == "time":
        return _time_value(hit, sentence_day or anchor)
    if kind == "rel_null":
        return "", _UNITS.get(g("u").lower(), "")
    if kind == "day" and g("y"):
        try:
            return date(int(g("y")), MONTHS[g("m").lower().rstrip(".")], 1 if g("d").startswith("1e")
                        or g("d").startswith("1ᵉ") else int(g("d"))).isoformat(), "day"
        except ValueError:
            return "", "day"
    if kind == "edge_month" and g("y"):
        return f"{g('y')}-{MONTHS[g('m').lower()]:02d}", "month"
    if kind == "chain":
        if previous_day is None:
            return "", "day"
        return (previous_day + timedelta(days=_CHAIN[g("c").lower()])).isoformat(), "day"
    # everything below counts from the reference day
    if anchor is None:
        return "", {"weekday": "day", "dayword": "day", "day": "day"}.get(kind, "")
    if kind == "day":
        day = 1 if not g("d").isdigit() else int(g("d"))
        weekday = WEEKDAYS.get(g("wd").lower()) if g("wd") else None
        return _day_month(day, MONTHS[g("m").lower().rstrip(".")], anchor, tense(), weekday, g("rel")), "day"
    if kind in ("month", "month_rel", "edge_month"):
        rel = g("rel").lower()
        month = MONTHS[g("m").lower()]
        if rel == "this":
            return f"{anchor.year:04d}-{month:02d}", "month"
        t, strict = _rel_tense(rel, tense() if not rel else UNKNOWN)
        year, m0 = _month_index(anchor, month, t, strict)
        return f"{year:04d}-{m0 + 1:02d}", "month"
    if kind == "weekday":
        rel = g("rel").lower()
        this = bool(g("det")) or rel == "this"  # "ce mardi", "this Tuesday"
        return _weekday(anchor, WEEKDAYS[g("wd").lower()], tense() if not rel else UNKNOWN, this,
                        "" if rel == "this" else rel), "day"
    if kind == "dayword":
        return (anchor + timedelta(days=_DAYWORDS[re.sub(r"\s+", " ", g("w").lower())])).isoformat(), "day"
    if kind == "season":
        return _season(anchor, _SEASONS[g("s").lower()], tense(), False, False)
    if kind == "ago":
        unit = _UNITS.get(g("u").lower(), "year")
        return _shift(anchor, unit, -_number(g("n")))
    if kind == "edge_unit":
        unit = _UNIT_WORD[g("u").lower()]
        if unit == "year":
            return f"{anchor.year:04d}-{'Q4' if g('edge').lower() in _EDGE_LATE else 'Q1'}", "quarter"
        return _shift(anchor, unit, 0)
    if kind == "edge_rel":  # the year's edge is its quarter, like "fin 2021"; a month's or a week's is itself
        rel, unit, edge = g("rel").lower(), _UNIT_WORD[g("u").lower()], g("edge").lower()
        value, granularity = _shift(anchor, unit, -1 if rel in _PAST_WORDS else 1 if rel in _FUTURE_WORDS else 0)
        if unit == "year" and edge in _EDGE_LATE | _EDGE_EARLY:
            return f"{value}-{'Q4' if edge in _EDGE_LATE else 'Q1'}", "quarter"
        return value, granularity
    if kind == "rel_unit":
        rel, word = g("rel").lower(), g("u").lower()
        if rel.startswith("the ") or rel.startswith("précédent") or rel.startswith("suivant") or g("ci") == "-là":
            return "", _UNIT_WORD.get(word, "season" if word in _SEASONS else "")
        step = -1 if rel in _PAST_WORDS else 1 if rel in _FUTURE_WORDS else 0
        if word in _SEASONS:
            return _season(anchor, _SEASONS[word], PAST if step < 0 else FUTURE, True, step == 0)
        unit = _UNIT_WORD[word]
        if word in ("week-end", "weekend"):
            # "s'est fait discret ce week-end" in Tuesday's paper: the weekend just gone
            coming = anchor + timedelta(days=5 - anchor.weekday())
            if step == 0:
                t = tense()
                step = -1 if t == PAST or (t == UNKNOWN and anchor.weekday() <= 1) else 0
            if anchor.weekday() >= 5:  # on a Saturday or Sunday, "ce week-end" is today's
                coming -= timedelta(weeks=0 if step >= 0 else 1)
            elif step < 0:
                coming -= timedelta(weeks=1)
            return week_of(coming + timedelta(weeks=1 if step > 0 else 0)), "week"
        return _shift(anchor, unit, step)
    return "", ""


def _sentences(text: str, doc: Doc | None) -> list[tuple[int, int]]:
    if doc is not None and (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return [(s.start_char, s.end_char) for s in doc.sents]
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n.!?]+[.!?]*", text)]


def _is_day(value: str) -> bool:
    return len(value) == 10


def resolve_all(hits: Sequence[Hit], text: str, published: str, doc: Doc | None = None,
                quotes: Sequence[Quote] = (), lang: str = "",
                dateline_span: tuple[int, int] | None = None) -> list[Resolution]:
    """Values for ``hits`` in order: outside quotations first, then inside them from the statement's day.
    The dateline's date (``dateline_span``) anchors no other expression: it is the publication date."""
    pub = parse_day(published)
    bounds = _sentences(text, doc)
    starts = [s for s, _ in bounds]

    def sentence_of(pos: int) -> tuple[int, int]:
        i = bisect_right(starts, pos) - 1
        return bounds[i] if i >= 0 else (0, len(text))

    spans = [(q.start, q.end, q) for q in quotes]

    def quote_of(hit: Hit) -> Quote | None:
        inside = [q for s, e, q in spans if s <= hit.start and hit.end <= e]
        return min(inside, key=lambda q: q.end - q.start) if inside else None

    results: dict[int, Resolution] = {}

    def day_hits(lo: int, hi: int, outside_quotes: bool = False) -> list[tuple[int, date]]:
        return [(hits[j].start, parse_day(results[j][0])) for j in sorted(results)
                if lo <= hits[j].start < hi and _is_day(results[j][0])
                and not (outside_quotes and quote_of(hits[j]))
                and not (dateline_span and hits[j].start == dateline_span[0])]

    def statement_day(quote: Quote) -> date | None:
        cue = quote.cue.start if quote.cue is not None else quote.end
        lo, hi = sentence_of(cue)
        lo, hi = min(lo, quote.start), max(hi, cue + 1)
        found = day_hits(lo, hi, outside_quotes=True)
        return min(found, key=lambda f: abs(f[0] - cue))[1] if found else None

    # a day without its year naming an event ("the Sept. 11 attacks", "les attentats du 13 novembre")
    # is a name: its year is the event's, not one counted from the publication
    for i, hit in enumerate(hits):
        before, after = text[max(0, hit.start - 30):hit.start], text[hit.end:hit.end + 30]
        if hit.kind == "day" and not hit.get("y") and (_EVENT_AFTER.match(after) or _EVENT_BEFORE.search(before)):
            results[i] = ("", "day")
    # times last: "around 2:20 p.m. CDT Monday" takes the day named after it
    order = sorted(range(len(hits)), key=lambda i: (hits[i].kind == "time", quote_of(hits[i]) is not None,
                                                    hits[i].start))
    for i in order:
        if i in results:
            continue
        hit = hits[i]
        anchor = pub
        quote = quote_of(hit)
        if quote is not None and hit.kind in _RELATIVE_KINDS:
            anchor = statement_day(quote) or pub
        paragraph = text.rfind("\n", 0, hit.start) + 1
        previous = day_hits(max(paragraph, hit.start - _CHAIN_REACH), hit.start)
        if re.match(r"\s+(?:du|de|des|d'|of)\b", text[hit.end:hit.end + 5], re.I):
            previous = []  # "la veille du scrutin": the day before an event, not before a date
        lo, hi = sentence_of(hit.start)
        line_end = text.find("\n", hit.end)
        near = day_hits(max(lo, paragraph), hit.start) or day_hits(hit.end, min(hi, line_end if line_end >= 0 else hi))
        results[i] = resolve(hit, anchor, lambda h=hit: tense_at(doc, h.start, h.end), lang,
                             previous[-1][1] if previous else None,
                             (near[-1] if near[0][0] < hit.start else near[0])[1] if near else None)
    return [results[i] for i in range(len(hits))]


def extract_dates(text: str, published: str, doc: Doc | None = None, quotes: Sequence[Quote] = (),
                  lang: str = "", dateline: tuple[int, int] | None = None) -> list[TimeExpr]:
    """Temporal expressions of ``text`` with ISO values resolved against ``published`` (YYYY-MM-DD).

    With the spaCy ``doc`` the governing verb's tense orients bare dates; with the
    article's ``quotes``, relative words inside a quotation count from the statement's day.
    ``dateline`` is the span ``lib.extract.dateline.find_dateline`` found (the caller looks once).
    """
    hits = detect(text, doc, lang or None)
    return [TimeExpr(h.start, h.end, text[h.start:h.end], value, granularity)
            for h, (value, granularity) in zip(hits, resolve_all(hits, text, published, doc, quotes, lang, dateline))]


def period_bounds(value: str) -> tuple[date, date] | None:
    """First and last day covered by an ISO value ("2021-Q4" -> 2021-10-01, 2021-12-31), for timelines."""
    m = re.fullmatch(r"(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|H([12])|W(\d{2})|(SP|SU|FA|WI)))?(?:T.*)?", value or "")
    if not m:
        return None
    year, month, day, quarter, half, week, season = m.groups()
    y = int(year)
    try:
        if day:
            d = date(y, int(month), int(day))
            return d, d
        if week:
            monday = date.fromisocalendar(y, int(week), 1)
            return monday, monday + timedelta(days=6)
        first, months = (int(month), 1) if month else ((int(quarter) - 1) * 3 + 1, 3) if quarter else \
            ((int(half) - 1) * 6 + 1, 6) if half else (SEASON_START[season], 3) if season else (1, 12)
    except ValueError:
        return None
    start = date(y, first, 1)
    ny, nm = divmod(y * 12 + first - 1 + months, 12)
    return start, date(ny, nm + 1, 1) - timedelta(days=1)
