"""A headline's section label: the place a news site files a story under, "France : PSA va supprimer 8 000
emplois", "Syrie : Daech recule autour de Raqqa" (French typography: a space before the colon).

The annotation rules list that place as an actor the title names, so its mention is kept; but it says
where the story is filed, not who acts in it, so no count, co-occurrence, event or stance reads it (in
Revue's French sample 48 of 57 headlines open on "France :", which made France the most widely named actor
and the hub of every network). A name before the colon that introduces a quote ("Fillon : « Je ne me
retirerai pas »") is a speaker, not a section, and only a place standing alone is a section label.
"""
from __future__ import annotations

import re

SECTION_LABELS = {"GPE", "LOC"}
_SECTION = re.compile(r"([^\n:«»\"“”]{2,40}?) : (?![«\"“])")


def section_label(text: str) -> tuple[int, int] | None:
    """(start, end) of the label opening the text's first line (its title), or None."""
    found = _SECTION.match(text)
    return found.span(1) if found else None


def is_section(span: tuple[int, int] | None, start: int, end: int, label: str) -> bool:
    """Whether a mention at (start, end) of that type is the section label itself."""
    return span is not None and (start, end) == span and label in SECTION_LABELS
