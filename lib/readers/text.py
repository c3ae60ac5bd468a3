"""Plain text and Markdown: the first line is the title, the whole file is the text."""
from __future__ import annotations

import re
from pathlib import Path

from charset_normalizer import from_bytes

from lib.types import Article

_BOMS = (("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))


def decode(data: bytes) -> str:
    """Bytes to text in the detected encoding, with line endings as ``\\n``.

    Raises ValueError for data that is not text in any common encoding.
    """
    for encoding, bom in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding)
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            best = from_bytes(data).best()
            if best is None:
                raise ValueError("not a text file (no known encoding decodes it)") from None
            text = str(best)
    if "\x00" in text:
        raise ValueError("not a text file (binary content)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(name: str, data: bytes) -> Article:
    text = decode(data).strip()
    if not text:
        raise ValueError("empty file")
    title = text.split("\n", 1)[0].strip()
    title = re.sub(r"^#+\s*", "", title)  # Markdown heading
    return Article(article_id=Path(name).stem, title=title, text=text, file=name)
