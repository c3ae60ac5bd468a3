"""Article metadata from outside the text: publication dates and ``.meta.json`` sidecars."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import PurePosixPath

from lib.types import Article

SIDECAR_SUFFIX = ".meta.json"
SIDECAR_MAX_BYTES = 64 * 1024  # a few fields; anything larger next to an article is not its sidecar
SIDECAR_FIELDS = ("title", "published", "source", "lang", "url", "author")

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def iso_date(value: object) -> str:
    """A publication date as YYYY-MM-DD, "" when it is not a date.

    Corpora carry "2022-02-02T09:15:00Z", "Wed, 02 Feb 2022 09:15:00 GMT"
    (RSS), "02/02/2022" (day first, as French and British newsrooms write it)
    or "2 février 2022".
    """
    text = str(value or "").strip()
    if not text or text.lower() in ("nan", "none", "null", "nat"):
        return ""
    m = _ISO.match(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return ""
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow to import; only non-ISO dates need it

    parsed = dateparser.parse(text, languages=["fr", "en", "de", "es", "it"],
                              # a bare "2021" or "12" is no publication date: dateparser would fill in today's parts
                              settings={"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"],
                                        "RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date().isoformat() if isinstance(parsed, datetime) else ""


def sidecar_names(name: str) -> tuple[str, str]:
    """Where the sidecar of ``seed.txt`` may be: ``seed.meta.json`` or ``seed.txt.meta.json``."""
    path = PurePosixPath(name.replace("\\", "/"))
    return str(path.with_name(path.stem + SIDECAR_SUFFIX)), str(path.with_name(path.name + SIDECAR_SUFFIX))


def is_sidecar(name: str) -> bool:
    return name.lower().endswith(SIDECAR_SUFFIX)


def apply_sidecar(article: Article, sidecar_name: str, data: bytes) -> Article:
    """The article with the sidecar's fields; a broken sidecar is a note, the article stays."""
    try:
        meta = json.loads(data.decode("utf-8-sig"))
        if not isinstance(meta, dict):
            raise ValueError("not a JSON object")
    except (ValueError, UnicodeDecodeError) as exc:
        note = f"sidecar {PurePosixPath(sidecar_name).name} ignored: {exc}"
        return replace(article, note="; ".join(filter(None, (article.note, note))))
    fields = {k: str(meta[k]).strip() for k in SIDECAR_FIELDS if meta.get(k) not in (None, "")}
    if "published" in fields:
        fields["published"] = iso_date(fields["published"])
    if "lang" in fields:
        fields["lang"] = fields["lang"].lower()[:2]
    return replace(article, **fields)
