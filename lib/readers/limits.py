"""Explicit, configurable limits on what a batch of inputs may cost to read.

The app runs on a shared server with 1-2.7 GB of RAM: an upload must not be
able to exhaust it (a 10 GB zip bomb that compresses to 10 MB, 100,000 tiny
files, archives nested forty levels deep). Every limit below is checked
before the bytes are expanded, and a refusal names the file and the limit.
"""
from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one batch of uploads (or one CLI run) may contain.

    max_file_bytes: size of one file, or of one member once extracted from an archive (50 MB).
    max_total_bytes: all files of the batch together, archive members counted extracted (200 MB).
    max_files: number of articles in the batch: files, archive members and the rows of corpus files
        (CSV, JSON Lines) each count as one (2000); rows past the limit are left out, with a row saying so.
    max_ratio: extracted size / compressed size of an archive member, above which it is a
        zip bomb (100; ordinary text compresses 3-10 times). Members under 1 MB are exempt:
        a short repetitive text compresses 100 times and costs nothing.
    max_depth: archives nested inside archives (3: a zip in a zip in a zip).
    max_article_chars: characters of one article's text (1,000,000, spaCy's default
        ``max_length``: longer texts would make the whole batch fail in the parser).
    """

    max_file_bytes: int = 50 * MB
    max_total_bytes: int = 200 * MB
    max_files: int = 2000
    max_ratio: float = 100.0
    max_depth: int = 3
    max_article_chars: int = 1_000_000


DEFAULT_LIMITS = Limits()

# A batch job on the analyst's own machine (``python -m lib analyze``) may hold
# thousands of files; the per-file and zip-bomb limits stay the same.
BATCH_LIMITS = Limits(max_total_bytes=4096 * MB, max_files=100_000)


def size_text(n: int) -> str:
    """'52.4 MB', '50 MB', '980 bytes': sizes in messages an analyst reads."""
    for unit, size in (("MB", MB), ("KB", 1024)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


class Budget:
    """What is left of a batch's limits while its files are read, in order."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.files = 0
        self.bytes = 0

    def refuse(self, size: int) -> str:
        """Why a file of ``size`` bytes cannot be read ("" when it can); counts it when it can."""
        lim = self.limits
        if size > lim.max_file_bytes:
            return f"file too large: {size_text(size)} (limit {size_text(lim.max_file_bytes)} per file)"
        if self.files + 1 > lim.max_files:
            return f"too many files: limit of {lim.max_files} files per batch reached"
        if self.bytes + size > lim.max_total_bytes:
            return (f"batch too large: this file would bring the total to {size_text(self.bytes + size)} "
                    f"(limit {size_text(lim.max_total_bytes)} per batch)")
        self.files += 1
        self.bytes += size
        return ""

    def rows(self, n: int) -> int:
        """How many of a corpus file's ``n`` rows the batch can take, counted as articles (the count of the
        file itself, already taken, stands for its first row)."""
        taken = max(0, min(n, self.limits.max_files - self.files + 1))
        self.files += max(0, taken - 1)
        return taken

    def release(self, size: int) -> None:
        """Give back a file's share: an archive is counted as its members instead."""
        self.files -= 1
        self.bytes -= size
