"""Plain text and Markdown: the first line is the title, the whole file is the text.

Encodings: UTF-8 (with or without BOM), UTF-16 (BOM or not), Windows-1252,
Latin-1/Latin-9, and whatever charset-normalizer recognises for other scripts.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from charset_normalizer import from_bytes

from lib.types import Article

_BOMS = (("utf-8-sig", b"\xef\xbb\xbf"), ("utf-32", b"\xff\xfe\x00\x00"), ("utf-32", b"\x00\x00\xfe\xff"),
         ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))

# Non-ASCII characters of Western European text in Windows-1252: letters of French,
# German, Spanish, Italian, Portuguese, Dutch, and typographic punctuation.
_WESTERN = set("àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæßÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸŒÆ"
               "«»€‘’‚“”„–—…°•·×¡¿§©®™\u00a0²³¹ºª£¥¢ŠšŽž")


class Decoded(NamedTuple):
    text: str
    encoding: str
    note: str = ""  # what was repaired, for the analyst ("" when nothing was)


_SPACE = re.compile(r"\s")
_LETTER = re.compile(r"[^\W\d_]")
_HIGH = re.compile(r"[^\x00-\x7f]")
_STRAY = re.compile("[\udc80-\udcff]")  # undecodable bytes under errors="surrogateescape"
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # not \t \n \v \f \r


def _count(pattern: re.Pattern, text: str) -> int:
    return sum(1 for _ in pattern.finditer(text))


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: ASCII-range text has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    for encoding, zeros in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if zeros.count(0) > 0.4 * len(zeros):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            # Text has spaces and is mostly letters; "\x00\xff" * 100 would decode as "ÿÿÿ…".
            spaces, letters = _count(_SPACE, text), _count(_LETTER, text)
            return text if spaces >= 0.02 * len(text) and letters + spaces >= 0.6 * len(text) else None
    return None


def _western(data: bytes) -> Decoded | None:
    """Windows-1252 / Latin-9 when the bytes read as Western European text.

    charset-normalizer guesses cp1250 or cp1257 for short French cp1252 text
    ("Café crème" -> "Café crčme"), so the common case is decided here: the
    non-ASCII characters must be Western letters or typographic marks, and a
    minority of the letters (a Cyrillic cp1251 text decoded this way is nearly
    all accented letters; "Café crème à 2 €, déjà là-bas" is 6 in 19).
    """
    # Without any byte in 0x80-0x9F, a 0xA4 is Latin-9's € rather than cp1252's ¤.
    latin9 = b"\xa4" in data and not re.search(rb"[\x80-\x9f]", data)
    encoding = "iso-8859-15" if latin9 else "cp1252"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned in cp1252
        return None
    high = _HIGH.findall(text)
    if not high or sum(ch in _WESTERN for ch in high) < 0.95 * len(high):
        return None
    if sum(ch.isalpha() for ch in high) > 0.5 * max(_count(_LETTER, text), 1):
        return None
    return Decoded(text, encoding)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few stray bytes (text pasted from a cp1252 file): repair the strays.

    Each invalid byte is read as Windows-1252, so "caf\\xe9" inside otherwise
    UTF-8 text becomes "café", not "caf\\ufffd" or mojibake of the whole file.
    A character cut by a truncated download at the very end is dropped.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return Decoded(data[:exc.start].decode("utf-8"), "utf-8",
                           "the file ends in the middle of a character (truncated?): that character was dropped")
    text = data.decode("utf-8", errors="surrogateescape")
    strays = _count(_STRAY, text)
    if _count(_HIGH, text) - strays < strays:
        return None
    repaired = _STRAY.sub(lambda m: bytes([ord(m[0]) - 0xDC00]).decode("cp1252", errors="replace"), text)
    return Decoded(repaired, "utf-8", f"{strays} invalid UTF-8 byte(s) read as Windows-1252")


def is_binary(text: str) -> bool:
    """Control characters or replacement marks beyond what a text holds: bytes read in the wrong encoding."""
    return _count(_CONTROL, text) > 0.001 * len(text) + 1 or text.count("\ufffd") > 0.01 * len(text) + 1


def decode_bytes(data: bytes) -> Decoded:
    """Bytes to text in the detected encoding, with line endings as ``\\n``.

    Raises ValueError for data that is not text in any common encoding.
    """
    decoded = None
    for encoding, bom in _BOMS:
        if data.startswith(bom):
            try:
                decoded = Decoded(data.decode(encoding), encoding)  # these codecs drop the BOM
            except UnicodeDecodeError:
                raise ValueError(f"not a text file (invalid {encoding} after its byte-order mark)") from None
            break
    if decoded is None and b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        decoded = Decoded(utf16, "utf-16") if utf16 is not None else None
    if decoded is None:
        try:
            decoded = Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            decoded = _mostly_utf8(data) or _western(data)
    if decoded is None:
        best = from_bytes(data).best()
        if best is None:
            raise ValueError("not a text file (no known encoding decodes it)")
        decoded = Decoded(str(best), best.encoding)
    if is_binary(decoded.text):
        raise ValueError("not a text file (binary content)")
    return decoded._replace(text=decoded.text.replace("\r\n", "\n").replace("\r", "\n"))


def decode(data: bytes) -> str:
    return decode_bytes(data).text


# Markdown markup that is not article text: the words stay, the syntax goes, so
# "**Le Kremlin** a [jugé](https://…)" is analyzed as "Le Kremlin a jugé".
_MARKDOWN = [
    (re.compile(r"^```.*?^```[ \t]*$", re.M | re.S), ""),              # fenced code
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),                    # images: alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),                     # links: their words
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),  # headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),                      # block quotes
    (re.compile(r"^[ \t]*[-*+][ \t]+", re.M), ""),                      # bullets
    (re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", re.M), ""),      # horizontal rules
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),              # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)"), r"\1"),  # italics (not "l'*a*")
    (re.compile(r"`([^`\n]+)`"), r"\1"),                               # inline code
]


def markdown_to_text(text: str) -> str:
    for pattern, repl in _MARKDOWN:
        text = pattern.sub(repl, text)
    return re.sub(r"\n{3,}", "\n\n", text)


def read_text(name: str, data: bytes) -> Article:
    decoded = decode_bytes(data)
    text = decoded.text.strip()
    if Path(name).suffix.lower() in (".md", ".markdown"):
        text = markdown_to_text(text).strip()
    if not text:
        raise ValueError("empty file (whitespace only)")
    title = text.split("\n", 1)[0].strip()
    return Article(article_id=Path(name).stem, title=title, text=text, file=name, note=decoded.note)
