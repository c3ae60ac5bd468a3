"""The analyst's corrections: a sentence's tone, a stance's sign, a quote's speaker.

A correction is keyed by the article's content (the SHA-1 of its text, the text
the frames' offsets point into) and the character span of what it corrects
(the sentence, the stance's evidence with its source and target actors, the
quote), so it outlives a re-analysis and a re-upload of the same text under
another name. ``lib.corpus.build.build_corpus`` applies them, in one place: the
corrected value replaces the computed one and the row is marked ``corrected``.

Stance corrections name the source and target actors as the corpus showed them
when the correction was made (after the alias table): a later alias edit that
renames one of them leaves the correction listed but no longer applied. Nothing here reads or writes files: the store (``lib.store``) keeps the
JSON, the app and the CLI read and write the CSV.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

import pandas as pd

from lib.output.export import restore_cell, spreadsheet_safe, text_cells

TONE, STANCE, SPEAKER = "tone", "stance", "speaker"
KINDS = (TONE, STANCE, SPEAKER)
SIGNS = (-1, 0, 1)  # a tone label or a stance sign
CSV_COLUMNS = ["kind", "text_sha1", "start", "end", "source", "target", "value", "at", "note", "excerpt"]
REQUIRED = ["kind", "text_sha1", "start", "end", "value"]
JSON_VERSION = 1

# (kind, text_sha1, start, end, source, target): one decision per key
Key = tuple[str, str, int, int, str, str]


def text_key(text: str) -> str:
    """The SHA-1 of an article's text: what a correction is attached to."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def now() -> str:
    """A correction's timestamp: UTC, to the second, ISO 8601."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Correction:
    kind: str  # TONE, STANCE or SPEAKER
    text_sha1: str
    start: int
    end: int
    value: int | str  # tone -1/0/1, stance sign -1/0/1, speaker name ("" for no speaker)
    source: str = ""  # a stance's source and target actors
    target: str = ""
    at: str = ""  # when it was decided (ISO 8601); the newest decision wins a merge
    note: str = ""
    excerpt: str = ""  # the corrected text, for a reader of the CSV; not part of the key

    def __post_init__(self) -> None:
        problem = _problem(self)
        if problem:
            raise ValueError(problem)

    @property
    def key(self) -> Key:
        return (self.kind, self.text_sha1, self.start, self.end, self.source, self.target)


def _problem(c: Correction) -> str:
    """Why a correction is not one ('' when it is)."""
    if c.kind not in KINDS:
        return f"kind must be one of {', '.join(KINDS)}, not {c.kind!r}"
    if len(c.text_sha1) != 40 or any(ch not in "0123456789abcdef" for ch in c.text_sha1):
        return f"text_sha1 must be 40 lowercase hexadecimal digits, not {c.text_sha1!r}"
    if not (isinstance(c.start, int) and isinstance(c.end, int) and 0 <= c.start < c.end):
        return f"start and end must be offsets with 0 <= start < end, not {c.start!r}, {c.end!r}"
    if c.kind == SPEAKER:
        if not isinstance(c.value, str):
            return f"a speaker is a name ('' for no speaker), not {c.value!r}"
    elif isinstance(c.value, bool) or c.value not in SIGNS:
        return f"a {c.kind} is -1, 0 or 1, not {c.value!r}"
    if c.kind == STANCE and not (c.source and c.target):
        return "a stance correction names its source and target actors"
    if c.kind != STANCE and (c.source or c.target):
        return f"a {c.kind} correction has no source or target"
    return ""


def tone_correction(text: str, start: int, end: int, tone: int, at: str = "", note: str = "") -> Correction:
    """The sentence ``text[start:end]`` has tone ``tone`` (-1, 0, 1)."""
    return Correction(TONE, text_key(text), start, end, tone, at=at, note=note, excerpt=text[start:end])


def stance_correction(text: str, start: int, end: int, source: str, target: str, sign: int, at: str = "",
                      note: str = "") -> Correction:
    """In the evidence ``text[start:end]``, ``source``'s stance toward ``target`` has sign ``sign``."""
    return Correction(STANCE, text_key(text), start, end, sign, source, target, at, note, text[start:end])


def speaker_correction(text: str, start: int, end: int, speaker: str, at: str = "", note: str = "") -> Correction:
    """The quote ``text[start:end]`` is ``speaker``'s ('' : nobody named)."""
    return Correction(SPEAKER, text_key(text), start, end, speaker, at=at, note=note, excerpt=text[start:end])


@dataclass(frozen=True)
class ArticleFixes:
    """One article's corrections, as ``build_corpus`` looks them up."""

    tone: dict[tuple[int, int], int] = field(default_factory=dict)  # (start, end) -> tone label
    sign: dict[tuple[int, int, str, str], int] = field(default_factory=dict)  # (start, end, source, target) -> sign
    speaker: dict[tuple[int, int], str] = field(default_factory=dict)  # (start, end) -> speaker


NO_FIXES = ArticleFixes()


@dataclass(frozen=True)
class Corrections:
    """The analyst's corrections, one per key (the latest set wins), in the order they were made."""

    entries: tuple[Correction, ...] = ()

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, key: Key) -> Correction | None:
        return next((c for c in self.entries if c.key == key), None)

    def set(self, correction: Correction) -> "Corrections":
        """With ``correction``, replacing any earlier one with the same key."""
        return Corrections(tuple(c for c in self.entries if c.key != correction.key) + (correction,))

    def remove(self, key: Key) -> "Corrections":
        """Without the correction of ``key``: the computed value is back."""
        return Corrections(tuple(c for c in self.entries if c.key != key))

    def merge(self, other: "Corrections") -> "Corrections":
        """Both sets; on a shared key the newer decision (``at``) wins, ``other``'s on a tie."""
        out = self
        for c in other.entries:
            mine = out.get(c.key)
            if mine is None or c.at >= mine.at:
                out = out.set(c)
        return out

    def only(self, text_keys: set[str] | frozenset[str], keep: bool = True) -> "Corrections":
        """The corrections of those articles (``keep=False``: of every other article)."""
        return Corrections(tuple(c for c in self.entries if (c.text_sha1 in text_keys) == keep))

    def by_text(self) -> dict[str, ArticleFixes]:
        """text_sha1 -> that article's corrections, for ``lib.corpus.build.build_corpus``."""
        out: dict[str, ArticleFixes] = {}
        for c in self.entries:
            fixes = out.setdefault(c.text_sha1, ArticleFixes({}, {}, {}))
            if c.kind == TONE:
                fixes.tone[(c.start, c.end)] = int(c.value)
            elif c.kind == STANCE:
                fixes.sign[(c.start, c.end, c.source, c.target)] = int(c.value)
            else:
                fixes.speaker[(c.start, c.end)] = str(c.value)
        return out

    def frame(self) -> pd.DataFrame:
        """One row per correction, the CSV's columns."""
        return pd.DataFrame([asdict(c) for c in self.entries], columns=CSV_COLUMNS).astype({"value": str})

    # --- CSV: the analyst's file, next to the alias table --------------------------------------------------
    def to_csv(self) -> str:
        """CSV with ``CSV_COLUMNS``, opened in a spreadsheet without running a note like "=1+1" as a formula."""
        return spreadsheet_safe(self.frame()).to_csv(index=False)

    @classmethod
    def from_csv(cls, path_or_buffer) -> "Corrections":
        """A CSV written by ``to_csv`` (or by hand with at least ``REQUIRED``); ValueError names what is wrong."""
        frame = text_cells(pd.read_csv(path_or_buffer, dtype=str, keep_default_na=False), restore_cell)
        missing = [c for c in REQUIRED if c not in frame.columns]
        if missing:
            raise ValueError(f"corrections need the columns {', '.join(missing)}")
        return cls._from_records(frame.to_dict("records"), "row", 2)  # row 1 is the header

    # --- JSON: the store's file -----------------------------------------------------------------------------
    def to_json(self) -> str:
        return json.dumps({"version": JSON_VERSION, "corrections": [asdict(c) for c in self.entries]},
                          ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "Corrections":
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("corrections"), list):
            raise ValueError("not a corrections file (no 'corrections' list)")
        return cls._from_records(data["corrections"], "entry", 1)

    @classmethod
    def _from_records(cls, records: list[dict], what: str, first: int) -> "Corrections":
        out = cls()
        for n, record in enumerate(records, start=first):
            try:
                out = out.set(_record(record))
            except (ValueError, TypeError, KeyError) as problem:
                raise ValueError(f"{what} {n}: {problem}") from None
        return out


def _record(r: dict) -> Correction:
    kind = str(r["kind"]).strip().lower()
    value = r["value"]
    if kind != SPEAKER:
        value = int(str(value).strip().lstrip("+")) if str(value).strip().lstrip("+-").isdigit() else value
    return Correction(kind=kind, text_sha1=str(r["text_sha1"]).strip().lower(), start=_offset(r["start"]),
                      end=_offset(r["end"]), value=value if kind != SPEAKER else str(value),
                      source=str(r.get("source") or ""), target=str(r.get("target") or ""),
                      at=str(r.get("at") or ""), note=str(r.get("note") or ""), excerpt=str(r.get("excerpt") or ""))


def _offset(value) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    if not text.isdigit():
        raise ValueError(f"an offset is a whole number, not {value!r}")
    return int(text)
