"""PDF articles: the text layer, through pypdf.

A scanned PDF has no text layer and needs OCR, which Revue does not do; a
password-protected PDF needs its password; a truncated download has no
end-of-file marker. Each of these is a message the analyst can act on.
"""
from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from lib.types import Article

logging.getLogger("pypdf").setLevel(logging.ERROR)  # "EOF marker not found" becomes our message

_JUNK_TITLE = re.compile(r"^(microsoft \w+ - |untitled|sans titre)|\.(docx?|pdf|odt|rtf|txt)$", re.I)

# Words after which a line cannot end a title or a sentence.
_GLUE = frozenset("de du des la le les à au aux et ou en un une par pour sur dans avec sans que qui dont son sa ses "
                  "leur leurs ce cette ces the a an of to in on at by for with and or from that".split())


def _continues(previous: str, line: str) -> bool:
    """Whether a PDF line goes on with the next one.

    Inside a paragraph a line ends without sentence punctuation and the next
    one goes on in lower case, or after a word that cannot end a title or a
    sentence: "le porte-parole du / Kremlin" is one sentence, but "… a-t-il
    dit. / Le Kremlin" and "… réponse de l'Otan / Le Kremlin" (title, body) are two.
    """
    previous, line = previous.rstrip(), line.lstrip()
    if not previous or not line or previous[-1] in ".!?:»”\"":
        return False
    return line[0].islower() or previous[-1] in ",'’" or previous.split()[-1].lower() in _GLUE


def _reflow(text: str) -> str:
    lines: list[str] = []
    for line in text.split("\n"):
        if lines and _continues(lines[-1], line):
            lines[-1] = lines[-1].rstrip() + ("" if lines[-1][-1] in "'’" else " ") + line.lstrip()
        else:
            lines.append(line)
    return "\n".join(lines)


def _text_of(reader: PdfReader) -> str:
    pages = [(page.extract_text() or "").strip() for page in reader.pages]
    return _reflow("\n\n".join(p for p in pages if p).replace("\r\n", "\n"))


def read_pdf(name: str, data: bytes) -> Article:
    truncated = b"%%EOF" not in data[-2048:]
    locked = ValueError("password-protected PDF: open it with its password and save an unprotected copy")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):  # an owner-only password still opens
            raise locked
        text = _text_of(reader)
        meta = reader.metadata or {}
    except FileNotDecryptedError:
        raise locked from None
    except DependencyError:  # AES needs the 'cryptography' package (requirements.txt)
        raise ValueError("encrypted PDF (AES) that this installation cannot decrypt: save an unprotected copy") from None
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged files
        if exc is locked:
            raise
        what = "truncated PDF (no end-of-file marker; download it again)" if truncated else "damaged PDF"
        raise ValueError(f"{what}: {exc}") from None
    if not text.strip():
        if truncated:
            raise ValueError("truncated PDF (no end-of-file marker; download it again): no text could be read")
        raise ValueError(f"PDF without a text layer ({len(reader.pages)} page(s), probably scanned images): "
                         "run OCR on it first")
    title = str(meta.get("/Title") or "").strip()
    if _JUNK_TITLE.search(title):  # "Microsoft Word - depeche.docx", "untitled": not the article's title
        title = ""
    first_line = text.strip().split("\n", 1)[0].strip()
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text.strip()}"
    note = "truncated PDF (no end-of-file marker): the text may be incomplete" if truncated else ""
    return Article(article_id=Path(name).stem, title=title or first_line[:200], text=text.strip(),
                   author=str(meta.get("/Author") or "").strip(), file=name, note=note)
