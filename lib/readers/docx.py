"""Word documents (.docx) through python-docx: paragraphs in order, core properties as metadata."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError

from lib.types import Article

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .doc
# python-docx names the buffer it was given ("file '<_io.BytesIO object at 0x…>'"): only the content type is news
_CONTENT_TYPE = re.compile(r"content type is '([^']+)'")


def _not_a_document(content_type: str) -> str:
    """Why a Word package that is not a document is refused, from its main part's content type."""
    if "macroEnabled" in content_type and "template" not in content_type.lower():
        return ("macro-enabled Word document (.docm) renamed .docx: open it in Word and save it as a .docx "
                "document (macros are not read)")
    if "template" in content_type.lower():
        return "Word template (.dotx, .dotm) renamed .docx: open it in Word and save it as a .docx document"
    return f"not a Word document (.docx): its main part is {content_type}"


def read_docx(name: str, data: bytes) -> Article:
    if data.startswith(_OLE_MAGIC):
        raise ValueError("old Word .doc format (or an encrypted .docx): save it as .docx without a password")
    try:
        document = docx.Document(io.BytesIO(data))
    except KeyError:  # python-docx looks up "[Content_Types].xml" and the document part by name
        raise ValueError("not a valid Word document (.docx): a ZIP archive without the parts of a Word "
                         "document") from None
    except (PackageNotFoundError, zipfile.BadZipFile, ValueError, OSError, SyntaxError) as exc:
        # a zip without Word parts, or with junk where the XML should be (lxml raises a SyntaxError)
        kind = _CONTENT_TYPE.search(str(exc))
        if kind:
            raise ValueError(_not_a_document(kind[1])) from None
        raise ValueError(f"not a valid Word document (.docx): {exc or type(exc).__name__}") from None
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    if not paragraphs:
        raise ValueError("Word document without text")
    props = document.core_properties
    title = (props.title or "").strip()
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    return Article(article_id=Path(name).stem, title=title or paragraphs[0][:200], text="\n\n".join(paragraphs),
                   author=(props.author or "").strip(), file=name)
