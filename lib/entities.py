"""Entity mentions from spaCy NER, cleaned of junk spans."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from lib.types import Mention

# spaCy labels (French WikiNER and English OntoNotes) to Revue's five labels.
LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "NORP": "", "LOC": "LOC", "GPE": "GPE",
          "FAC": "", "MISC": "MISC", "EVENT": "", "PRODUCT": "", "WORK_OF_ART": "", "LAW": "",
          "LANGUAGE": ""}

# Leading words that are not part of a name ("l'OTAN", "le Kremlin", "the Pentagon").
_LEADING = re.compile(r"^(?:(?:l'|d'|de la |de l'|du |des |le |la |les |the |a |an )\s*)+", re.I)
_TRAILING = re.compile(r"[\s,.;:!?»«\"'()\[\]-]+$")
_NOT_NAMES = {
    # weekdays and months are tagged as ORG/MISC at a sentence start ("Mercredi, un journal…")
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout",
    "septembre", "octobre", "novembre", "décembre", "decembre",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december",
    # pronouns, elisions and function words
    "n", "l", "d", "j", "c", "s", "qu", "il", "elle", "ils", "elles", "nous", "vous", "je", "on",
    "he", "she", "it", "they", "we", "i", "you", "mise à jour", "selon", "pour",
}


def clean_span(text: str, start: int) -> tuple[str, int] | None:
    """The name inside an entity span and its new start, or None for junk."""
    stripped = _LEADING.sub("", text)
    start += len(text) - len(stripped)
    stripped = _TRAILING.sub("", stripped)
    if len(stripped) < 2 or stripped.lower() in _NOT_NAMES:
        return None
    if not any(ch.isupper() for ch in stripped):  # names carry a capital; "président de la" does not
        return None
    if re.fullmatch(r"[\W\d_]+", stripped):
        return None
    return stripped, start


def extract_mentions(doc: Doc) -> list[Mention]:
    mentions = []
    for ent in doc.ents:
        label = LABELS.get(ent.label_, "")
        if not label:
            continue
        cleaned = clean_span(ent.text, ent.start_char)
        if cleaned is None:
            continue
        text, start = cleaned
        mentions.append(Mention(start, start + len(text), text, label))
    return mentions
