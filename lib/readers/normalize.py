"""Offset-preserving text normalization.

Every replacement maps one character to one character, so an offset in the
normalized text is the same offset in the original: frames can point back to
the text the analyst uploaded. spaCy's French models were trained on straight
apostrophes; with a typographic one "n’" comes out as a PERSON entity.
"""
from __future__ import annotations

_ONE_TO_ONE = {
    "\u2019": "'",  # right single quotation mark, the usual French apostrophe
    "\u2018": "'",
    "\u02bc": "'",
    "\u2032": "'",
    "\u00a0": " ",  # no-break space before « ; : ? !
    "\u202f": " ",  # narrow no-break space
    "\u2009": " ",
    "\u2007": " ",
    "\u200a": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2010": "-",
    "\u2011": "-",
    "\u00ad": "-",  # soft hyphen
    "\t": " ",
}
_TABLE = str.maketrans(_ONE_TO_ONE)


def normalize(text: str) -> str:
    """Return ``text`` with typographic variants folded; same length, same offsets."""
    return text.translate(_TABLE)
