"""ZIP archives of articles, opened in memory and never extracted to disk.

Everything is decided from the archive's directory before a member is
expanded: how many members (10,000 tiny files), how large once expanded
(a zip bomb declares its size), how much a member expands (ratio), and
whether its name tries to leave the archive ("../../etc/passwd"). Nothing
is written to disk, so a hostile name cannot overwrite a file; it is still
refused and reported, since no real press archive contains one.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath
from typing import Iterator, NamedTuple

from lib.readers.limits import MB, Budget, size_text

# Members below this size are exempt from the ratio check: a short repetitive
# text compresses 100 times and costs nothing to read.
RATIO_FLOOR = 1 * MB

_JUNK_PREFIXES = ("__MACOSX/",)


class Member(NamedTuple):
    name: str  # "archive.zip/folder/file.txt"
    data: bytes
    error: str = ""


def _unsafe(name: str) -> str:
    """Why a member name is unsafe ("" when it is not)."""
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "absolute or Windows path"
    if ".." in PurePosixPath(name).parts:
        return "'..' leaves the archive"
    return ""


def members(name: str, data: bytes, budget: Budget) -> Iterator[Member]:
    """The files of a ZIP archive, each either read or refused with its reason.

    Raises ValueError when the archive as a whole cannot or must not be read.
    """
    limits = budget.limits
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ValueError(f"not a valid ZIP archive (truncated or damaged): {exc}") from None
    infos = [i for i in infos if not i.filename.startswith(_JUNK_PREFIXES)
             and not PurePosixPath(i.filename).name.startswith(".")]
    room = limits.max_files - budget.files
    if len(infos) > room:
        raise ValueError(f"too many files: the archive holds {len(infos)} files "
                         f"(limit {limits.max_files} files per batch); nothing was read from it")
    declared = sum(i.file_size for i in infos)
    if budget.bytes + declared > limits.max_total_bytes:
        raise ValueError(f"archive too large once expanded: {size_text(declared)} "
                         f"(limit {size_text(limits.max_total_bytes)} per batch); nothing was read from it")
    for info in infos:
        where = f"{name}/{info.filename}"
        unsafe = _unsafe(info.filename)
        if unsafe:
            yield Member(where, b"", f"unsafe path in archive ({unsafe}): not read")
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > limits.max_ratio:
            yield Member(where, b"", f"suspected zip bomb: expands {ratio:.0f} times to {size_text(info.file_size)} "
                                     f"(limit {limits.max_ratio:.0f} times): not read")
            continue
        if info.flag_bits & 0x1:
            yield Member(where, b"", "encrypted archive member (password-protected ZIP): not read")
            continue
        refused = budget.refuse(info.file_size)
        if refused:
            yield Member(where, b"", refused)
            continue
        try:
            with archive.open(info) as member:  # zipfile stops at the declared size and checks the CRC
                content = member.read(limits.max_file_bytes + 1)
        except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError) as exc:
            yield Member(where, b"", f"damaged archive member: {exc}")
            continue
        yield Member(where, content)


def bomb_check(data: bytes, budget: Budget) -> str:
    """Why a zip-based document (.docx) must not be opened ("" when it may): parsers expand every part."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return ""  # the document reader says what is wrong with it
    expanded = sum(i.file_size for i in infos)
    ratio = expanded / max(len(data), 1)
    if expanded > budget.limits.max_file_bytes or (expanded > RATIO_FLOOR and ratio > budget.limits.max_ratio):
        return (f"suspected zip bomb: the document expands {ratio:.0f} times to {size_text(expanded)} "
                f"(limits {budget.limits.max_ratio:.0f} times, {size_text(budget.limits.max_file_bytes)}): not read")
    return ""
