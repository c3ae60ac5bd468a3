"""Known actors, capitals and demonyms from the reviewed data files in lib/data.

One ``Known`` entry per actor that news names in several ways or languages
(OTAN / NATO / Alliance de l'Atlantique Nord; Russie / Fédération de Russie /
Russia). Keys are ``name_key`` forms: folded words, so accents, case and
apostrophes do not matter ("Etats-Unis" finds États-Unis).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lib.lexicons import rows
from lib.textkeys import ShortTextMemo, cached_for_short_text, words


# "l'État" names the state an article is about ("un prêt par l'État" in a story on France).
STATE_WORDS = {"etat"}
# Endings French agreement adds to a demonym, tried bare first: "italiennes" -> "italien", "espagnole" -> "espagnol".
_AGREEMENT = ("", "s", "e", "es", "ne", "nes")


@cached_for_short_text  # names recur within and across articles; every mention is looked up several ways
def name_key(text: str) -> str:
    return " ".join(words(text))


@dataclass(frozen=True)
class Known:
    fr: str
    en: str
    label: str  # GPE / LOC / ORG
    affiliation: str = ""  # fr name of the state an institution belongs to (Kremlin -> Russie)
    kind: str = ""  # MEDIA: a news outlet (its reports are no stance of its own, TONE.md)

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.fr


@dataclass(frozen=True)
class Gazetteer:
    known: dict[str, Known]  # name key of every name -> entry
    capitals: dict[str, Known]  # name key of a capital -> the actor it can stand for
    demonyms: dict[str, Known]  # folded adjective lemma -> state
    # the first words of every known name of several words ("la france" of "La France insoumise"): a name
    # that starts none goes on into none (lib/extract/mentions.py tries longer spans only after those)
    openings: frozenset[str]

    def __post_init__(self) -> None:
        # the same words are asked about again and again (48,000 look-ups and 26,000 demonyms per 421 articles,
        # each mention several ways): each word's answer is kept
        object.__setattr__(self, "_known_as", ShortTextMemo(lambda surface: self.known.get(name_key(surface))))
        object.__setattr__(self, "_demonym_of", ShortTextMemo(self._demonym))

    def lookup(self, surface: str) -> Known | None:
        return self._known_as[surface]

    def capital_of(self, surface: str) -> Known | None:
        return self.capitals.get(name_key(surface))

    def demonym(self, word: str) -> Known | None:
        """The state of a demonym, as written or agreed: the file lists masculine singulars, and a
        capitalised noun or a PROPN keeps its inflection ("l'Australienne", "les Espagnols")."""
        return self._demonym_of[word]

    def _demonym(self, word: str) -> Known | None:
        key = name_key(word)
        for tail in _AGREEMENT:
            if key.endswith(tail) and (known := self.demonyms.get(key[:len(key) - len(tail)])) is not None:
                return known
        return None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    known: dict[str, Known] = {}
    for row in rows("gazetteer_places.tsv"):
        label, fr, en, others = (row + [""] * 4)[:4]
        entry = Known(fr, en, label)
        for name in [fr, en, *others.split("|")]:
            if name.strip():
                known[name_key(name)] = entry
    # regions of a state (Île-de-France -> France) and institutions (Kremlin -> Russie) carry their state
    for row in rows("gazetteer_fr_regions.tsv") + rows("gazetteer_orgs.tsv"):
        label, fr, en, affiliation, others, kind = (row + [""] * 6)[:6]
        entry = Known(fr, en, label, affiliation, kind.strip())
        for name in [fr, en, *others.split("|")]:
            if name.strip():
                known[name_key(name)] = entry
    capitals = {}
    for cities, target in rows("metonyms.tsv"):
        for city in cities.split("|"):
            capitals[name_key(city)] = known[name_key(target)]
    demonyms = {}
    for adjectives, target in rows("demonyms.tsv"):
        for adjective in adjectives.split("|"):
            demonyms[name_key(adjective)] = known[name_key(target)]
    openings = frozenset(" ".join(key.split()[:n]) for key in known for n in range(1, len(key.split())))
    return Gazetteer(known, capitals, demonyms, openings)


@lru_cache(maxsize=None)
def name_words(kind: str) -> frozenset[str]:
    """A word class of gazetteer_name_words.tsv (not_name, place_noun, building, title, landform, org_noun)."""
    return frozenset(word for k, word in rows("gazetteer_name_words.tsv") if k == kind)
