"""Quote-mark pairing on raw text: « », “ ”, „ “, ‹ ›, " " and ' ' (English headlines).

Works on characters only, so it also serves pipelines without a parser. Real
news is messy: the seed closes a title with « instead of », a paragraph may
leave a quote open and reopen it at the next paragraph, marks are nested
(« … 'a little bourgeoise girl' … »), and hostile input may hold hundreds of
marks in a row.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

CLOSERS = {"«": "»", "“": "”", "„": "“", "‹": "›", '"': '"', "'": "'"}
# marks whose opener differs from their closer, so that a quote inside a quote with the same mark is
# recognisable: « Il m'a dit « je ne signerai pas » devant témoins »
_NESTABLE = ("«", "“", "‹")
_NESTING_MARKS = 16  # marks looked at to match a nested quote: bounded work on hostile runs of marks
_WORD = re.compile(r"\w")
_MARK = re.compile("[" + re.escape("".join(set(CLOSERS) | set(CLOSERS.values()))) + "]")  # the scans jump mark to mark


@dataclass(frozen=True)
class Marked:
    """A quoted stretch: the marks' positions and the trimmed content between them."""

    open: int  # index of the opening mark
    close: int  # index of the closing mark, or the paragraph end when the quote is reopened there
    start: int  # content, trimmed as the annotation rules say
    end: int
    reopened: bool = False  # the next paragraph reopens this quote (one entry per paragraph)


def _opens(text: str, i: int) -> bool:
    """Symmetric marks open at a word start: ' "War maniacs' but not 'Korea's'."""
    ch = text[i]
    if ch not in ('"', "'"):
        return True
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:«“") and bool(_WORD.match(after) or after in "…(['")


def _closes(text: str, i: int, opener: str) -> bool:
    ch = text[i]
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch == CLOSERS[opener]:
        # a symmetric mark closes before a non-word: "…fire", said X / 'quasi-state of war'.
        return opener not in ('"', "'") or not _WORD.match(after)
    # mirrored mark: the seed's title « Documents … le 17 décembre« . is closed by a second «,
    # recognisable as it sticks to the word before ("d'« un cadeau »" opens) or comes before punctuation
    rest = text[i + 1:i + 4].lstrip(" ")
    stuck = i > 0 and (_WORD.match(text[i - 1]) is not None or text[i - 1] in ".!?…")
    return opener == "«" and ch == "«" and (stuck or not rest or rest[0] in ".,;:!?)\n")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Content without surrounding spaces and without a trailing comma (English "…fire," said X)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _paragraph_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _closing_positions(text: str) -> dict[str, list[int]]:
    """For each opening mark, the sorted positions where a mark can close it (one pass over the marks)."""
    out: dict[str, list[int]] = {opener: [] for opener in CLOSERS}
    for m in _MARK.finditer(text):
        j, ch = m.start(), m.group()
        for opener, closer in CLOSERS.items():
            if (ch == closer or (opener == "«" and ch == "«")) and _closes(text, j, opener):
                out[opener].append(j)
    return out


def _opening_positions(text: str, closing: dict[str, list[int]]) -> dict[str, list[int]]:
    """For each nestable mark, the sorted positions where it opens (a mirrored « that closes does not)."""
    closes = {opener: set(positions) for opener, positions in closing.items()}
    return {ch: [m.start() for m in re.finditer(ch, text) if m.start() not in closes[ch]] for ch in _NESTABLE}


def _nested_close(i: int, first_close: int, limit: int, opening: list[int], closing: list[int]) -> int:
    """The mark closing the opener at ``i`` when the same mark opens again before ``first_close``.

    « … « je ne signerai pas » devant témoins » closes at the last », not the first.
    Unbalanced marks (an inner quote never closed) keep the first closer: -1.
    """
    k = bisect_right(opening, i)
    if k >= len(opening) or opening[k] > first_close:
        return -1
    j = bisect_right(closing, i)
    events = sorted([(p, 1) for p in opening[k:k + _NESTING_MARKS] if p < limit]
                    + [(p, -1) for p in closing[j:j + _NESTING_MARKS] if p < limit])
    depth = 1
    for position, step in events[:_NESTING_MARKS]:
        depth += step
        if depth == 0:
            return position
    return -1


@lru_cache(maxsize=4)  # the quote and stance extractors both read an article's marks
def quoted_spans(text: str) -> tuple[Marked, ...]:
    """Top-level quotes in text order; nested quotes stay inside their outer quote.

    An opening mark closes at the first mark that can close it, or at its match
    when the same mark is nested inside (« … « … » … »), so the work stays linear
    even for hundreds of marks in a row.
    """
    spans: list[Marked] = []
    closing = _closing_positions(text)
    opening = _opening_positions(text, closing)
    i, n = 0, len(text)
    while i < n:
        mark = _MARK.search(text, i)
        if mark is None:
            break
        i, ch = mark.start(), mark.group()
        if ch not in CLOSERS or not _opens(text, i):
            i += 1
            continue
        para_end = _paragraph_end(text, i)
        limit = para_end if ch != "'" else min(para_end, i + 300)  # single quotes: short spans only
        positions = closing[ch]
        k = bisect_right(positions, i)
        close = positions[k] if k < len(positions) and positions[k] < limit else -1
        if close >= 0 and ch in _NESTABLE:
            close = max(close, _nested_close(i, close, limit, opening[ch], positions))
        reopened = False
        if close < 0:
            nxt = text[para_end:para_end + 40].lstrip()
            if ch in "«“„‹\"" and nxt[:1] == ch:
                close, reopened = para_end, True  # quote reopened at the next paragraph
            elif ch in "«“„‹" and _starts_utterance(text, i):
                close = para_end  # a paragraph-long quote that lost its closing mark
            else:
                i += 1
                continue
        start, end = _trim(text, i + 1, close)
        if end > start and _WORD.search(text, start, end):
            spans.append(Marked(i, close, start, end, reopened))
        i = close + 1
    return tuple(spans)


def _starts_utterance(text: str, i: int) -> bool:
    before = text[:i].rstrip(" -–—")
    return not before or before[-1] in "\n.:!?"


def inside(spans: tuple[Marked, ...], start: int, end: int | None = None) -> Marked | None:
    """The quote whose marks enclose [start, end)."""
    end = start + 1 if end is None else end
    k = bisect_left(spans, start, key=lambda m: m.open) - 1  # spans do not overlap: only the last opener counts
    return spans[k] if k >= 0 and end <= spans[k].close + 1 else None


_ABBREVIATIONS = {"m", "mm", "mme", "mmes", "mlle", "dr", "mr", "mrs", "ms", "st", "pr", "gen", "sen", "rep", "gov",
                  "lt", "col", "sgt", "capt", "jr", "sr", "vs"}
# a closing mark may follow the stop after a space: "… sur le terrain. » Le ministère a assuré …"
_SENTENCE_END = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]?[»”]|[\"'])?\s+(?=[-–—]?\s*[«“\"'(\[]?\s*[A-ZÀ-ÖØ-Ý0-9])|\n+\s*")


def sentence_starts(text: str, spans: tuple[Marked, ...]) -> list[int]:
    """Sentence starts that ignore the full stops inside quotations.

    spaCy's French parser often splits at a closing «»», cutting a quote from its
    incise ("…», explique-t-il."); attribution needs the reporter's sentences.
    """
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        word = text[max(0, m.start() - 5):m.start()].split()[-1:] if text[m.start()] == "." else []
        initial = re.split(r"[.-]", word[0])[-1] if word else ""  # "K.C. Maurer", "J.-C. Decaux", "U.S. officials"
        if word and (len(initial) == 1 and initial.isupper() or word[0].lower() in _ABBREVIATIONS):
            continue  # "à A. Montebourg", "M. Dana": not a sentence end
        # a quote that ends its sentence ('"This is a disgrace." He added') still ends it
        ends_quote = "\n" in m.group() or any(ch in m.group() for ch in "»”\"'")
        if m.end() < len(text) and (ends_quote or inside(spans, m.start()) is None):
            starts.append(m.end())
    return sorted(set(starts))


class Stretches:
    """Character ranges (quotes, which nest) merged once, asked by bisection whether a range overlaps them: a long
    article's thousand sentences do not each scan its thousand quotes."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts, self._ends = [s for s, _ in merged], [e for _, e in merged]

    def overlap(self, start: int, end: int) -> bool:
        k = bisect_left(self._starts, end) - 1  # the last stretch starting before ``end``
        return k >= 0 and self._ends[k] > start


class Ranges:
    """Character ranges that come and go (candidate quotes, reports), each with a number, asked which overlap a range:
    kept sorted by start, and only those starting within reach of the longest are compared, so that a text of
    thousands of quotes does not compare each one with all the others."""

    def __init__(self, ranges: Iterable[tuple[int, int, int]] = ()) -> None:
        self._items = sorted(ranges)  # (start, end, number)
        self._reach = max((end - start for start, end, _ in self._items), default=0)

    def add(self, start: int, end: int, number: int = 0) -> None:
        insort(self._items, (start, end, number))
        self._reach = max(self._reach, end - start)

    def remove(self, start: int, end: int, number: int = 0) -> None:
        del self._items[bisect_left(self._items, (start, end, number))]

    def overlapping(self, start: int, end: int) -> Iterator[int]:
        """The numbers of the ranges that overlap [start, end): only those starting before ``end`` and within the
        longest range's length of ``start`` are looked at."""
        k = bisect_left(self._items, (end,))
        while k > 0 and self._items[k - 1][0] + self._reach > start:
            k -= 1
            if self._items[k][1] > start:
                yield self._items[k][2]

    def overlap(self, start: int, end: int) -> bool:
        """Whether any range overlaps [start, end) (its number may be 0)."""
        return next(self.overlapping(start, end), None) is not None
