"""Are two names of one article one actor? A pair classifier learned from the corpus's gold actor clusters.

The resolution rules (lib/corpus/actors.py) merge the forms they are sure of: a surname into the one full
name holding it, an acronym in brackets, a gazetteer identity. What they leave apart is a long tail where
each special case would be a rule for one article: "Britney" beside "Britney Spears" that the tagger called
an organisation, "Nantes s'impose" beside "HBC Nantes" in a handball story, "Ordre" beside "Ordre de Malte"
and "Ordre souverain de Malte", "NPP" beside "New People Party" and "New People's Party", "MathPodcast"
beside "Math Podcast", "Burundi" beside "République du Burundi". For each form the rules left alone, the
candidates are the article's forms that hold all its words together, that its letters spell, that it is
one letter off or written joined, or whose state it is the capital of (none the gazetteer knows as another
actor, no body named after a person). A logistic regression over features of the pair (how the words
overlap, the two labels, acronym letters, whether the text makes the place act, how many candidates there
are and which the article names most and first, gazetteer identity) scores each candidate, and the form
joins the best one scored at least ``THRESHOLD``. Weights are JSON (no pickle), refit by
``python -m lib train``.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from lib.lexicons import DATA
from lib.lexicons.gazetteer import gazetteer, name_words
from lib.models.binary import BinaryModel, read_model
from lib.models.design import fit_binary
from lib.textkeys import fold

MODEL_FILE = DATA / "actor_merge_model.json"
THRESHOLD = 0.5
# Chosen on the CV folds (233 dev articles, each fold's model fitted on the other four): C = 0.3, 1, 3, 10
# merged 167, 168, 168, 168 of 196 gold actors, and put forms of two gold actors together 26, 22, 19, 20 times
REGULARIZATION_C = 3.0
# Words an acronym skips: "Organisation des Nations unies" -> ONU, "Union pour un mouvement populaire" -> UMP.
FUNCTION_WORDS = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "et", "pour", "un", "une", "en", "a",
                            "au", "aux", "sur", "of", "the", "and", "for", "on", "in"})


@dataclass(frozen=True)
class Form:
    """One name key of an article: its most common label, all its labels, surfaces, mentions, first offset."""

    key: str
    label: str
    labels: frozenset[str]
    surfaces: tuple[str, ...]
    count: int
    first: int
    acts: bool

    @property
    def words(self) -> list[str]:
        return self.key.split()


def initials(surface: str) -> list[str]:
    """Initials of a name, with and without function words: 'Alliance de l'Atlantique Nord' -> AdAN, AAN."""
    # the longest piece around an apostrophe: "l'Atlantique" -> atlantique, "People's" -> people
    parts = [max(p.split("'"), key=len) for p in re.split(r"[\s\-]+", fold(surface)) if p.strip("'")]
    every = "".join(p[0] for p in parts)
    content = "".join(p[0] for p in parts if p not in FUNCTION_WORDS)
    return [every, content]


def is_acronym(surface: str) -> bool:
    letters = surface.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def one_edit(a: str, b: str) -> bool:
    """Do two words differ by one letter inserted, deleted or replaced?"""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _content(words: Sequence[str]) -> set[str]:
    return {w for w in words if w not in FUNCTION_WORDS and len(w) > 1}


def _spells(short: Form, long: Form) -> str:
    """'full' when the short form's letters are the long one's initials, 'prefix' when they begin them."""
    letters = short.key.replace(" ", "")
    if len(letters) < 3 or not any(is_acronym(s) for s in short.surfaces):
        return ""  # two letters are too few: "LR" spells "La République" as well as "Les Républicains"
    spelled = {i for s in long.surfaces for i in initials(s)}
    if letters in spelled:
        return "full"
    return "prefix" if any(len(letters) >= 2 and i.startswith(letters) for i in spelled) else ""


def _edited(short: Form, long: Form) -> bool:
    """The same words, one of them one letter off: "Antarctic" / "Antarctica"."""
    a, b = short.words, long.words
    return len(a) == len(b) and a != b and all(x == y or min(len(x), len(y)) >= 4 and one_edit(x, y)
                                               for x, y in zip(a, b))


def _joined(short: Form, long: Form) -> bool:
    """The same letters written in one word or several: "MathPodcast" / "Math Podcast"."""
    return short.key != long.key and short.key.replace(" ", "") == long.key.replace(" ", "")


def _rarer(a: Form, b: Form) -> bool:
    """Of two spellings of one name, the one named less often (or later) joins the other."""
    return (a.count, -a.first) < (b.count, -b.first)


def _capital(short: Form, long: Form) -> bool:
    places = gazetteer()
    state = places.capitals.get(short.key)
    return state is not None and places.known.get(long.key) == state


@dataclass(frozen=True)
class FormIndex:
    """An article's forms by word, by number of words and letters, and by letters alone, built once per article
    so that finding a form's candidates reads a few keys, not every form."""

    forms: Mapping[str, Form]
    by_word: dict[str, list[str]]
    by_shape: dict[tuple[int, int], list[str]]  # (words, characters) -> keys: a spelling one letter off
    by_letters: dict[str, list[str]]  # the key without its spaces -> keys: a name written joined


def index_forms(forms: Mapping[str, Form]) -> FormIndex:
    by_word, by_shape, by_letters = defaultdict(list), defaultdict(list), defaultdict(list)
    for f in forms.values():
        for w in set(f.words):
            by_word[w].append(f.key)
        by_shape[(len(f.words), len(f.key))].append(f.key)
        by_letters[f.key.replace(" ", "")].append(f.key)
    return FormIndex(forms, dict(by_word), dict(by_shape), dict(by_letters))


def candidates(index: FormIndex, short: Form, capitals: bool = True) -> list[Form]:
    """The article's forms that ``short`` may stand for: those holding its whole words together (looked up by
    its rarest word), those its letters spell, the more usual spelling one letter off or written joined, or
    (``capitals``) the state it is the capital of; less the vetoed pairs."""
    forms, by_word = index.forms, index.by_word
    content = _content(short.words)
    out = []
    if content:
        rarest = min(content, key=lambda w: len(by_word.get(w, ())))
        out = [forms[k] for k in by_word.get(rarest, ()) if k != short.key and _contains(forms[k].words, short.words)
               and whole_words(short.surfaces[0], forms[k].surfaces[0])]
    taken = {o.key for o in out} | {short.key}
    n, size = len(short.words), len(short.key)
    spellings = [k for d in (-1, 0, 1) for k in index.by_shape.get((n, size + d), ())]
    spellings += index.by_letters.get(short.key.replace(" ", ""), [])
    out += [forms[k] for k in dict.fromkeys(spellings) if k not in taken
            and (_edited(short, forms[k]) or _joined(short, forms[k])) and _rarer(short, forms[k])]
    taken |= {o.key for o in out}
    if any(is_acronym(s) for s in short.surfaces) or capitals and gazetteer().capitals.get(short.key) is not None:
        out += [other for other in forms.values() if other.key not in taken
                and (_spells(short, other) or capitals and _capital(short, other))]
    return [other for other in out if not _vetoed(short, other)]


def _contains(long: list[str], short: list[str]) -> bool:
    """The short name's words, in order and together, inside a longer name ("Cour d'appel" is not in "Cour
    fédérale suprême d'appel")."""
    n = len(short)
    return len(long) > n and any(long[i:i + n] == short for i in range(len(long) - n + 1))


def whole_words(short: str, long: str) -> bool:
    """Is the short name whole written words of the long one, a hyphenated name being one word? "Seine" is
    no part of "Seine-Maritime"."""
    words, other = (re.findall(r"\w+(?:-\w+)*", fold(s)) for s in (short, long))
    return any(other[i:i + len(words)] == words for i in range(len(other) - len(words) + 1))


# A longer name holding one of these besides a place's name is a body or a building named after the place
# ("université de Lille", "Manchester Arena", "préfecture de police de Paris"), not the place
_NAMED_AFTER_PLACE = frozenset(fold(w) for kind in ("building", "institution", "org_noun") for w in name_words(kind))


def named_after_place(place: Sequence[str], long: Sequence[str]) -> bool:
    """Does ``long`` name a body or a building after the place ``place``?"""
    return any(w in _NAMED_AFTER_PLACE for w in long if w not in place)


def _vetoed(short: Form, long: Form) -> bool:
    """Two names the gazetteer knows as two actors ("RDC", "République du Congo"); a word that qualifies
    another known place rather than naming one ("Ouest" in "Afrique de l'Ouest"); a person's full name inside a
    body's ("pouvoir de Pierre Nkurunziza",
    "Andy Warhol Foundation": named after the person, not the person); a place's name inside a body's or a
    building's ("université de Lille", "Manchester Arena")."""
    if short.label == "PER" and len(short.words) > 1 and long.label == "ORG":
        return True
    if short.label in {"GPE", "LOC"} and named_after_place(short.words, long.words):
        return True
    places = gazetteer()
    mine, theirs = places.known.get(short.key), places.known.get(long.key)
    if mine is not None and theirs is not None and mine != theirs:
        return True
    words = long.words
    return theirs is None and words[-len(short.words):] == short.words and len(words) > len(short.words) + 1 \
        and words[0] != short.words[0] and places.known.get(words[0]) is not None


def _bin(n: int, top: int = 3) -> str:
    return str(min(n, top))


def pair_features(short: Form, long: Form, others: Sequence[Form]) -> tuple[str, ...]:
    """Named features of 'does ``short`` stand for ``long``', ``others`` being all of short's candidates."""
    sw, lw = short.words, long.words
    feats = [f"labels:{short.label}>{long.label}", "same_label" if short.label == long.label else "other_label"]
    if short.labels & long.labels:
        feats.append("a_label_shared")
    n = len(sw)
    if lw[:n] == sw:
        feats.append("opens")
    elif lw[-n:] == sw:
        feats.append("ends")
    elif _content(sw) <= set(lw):
        feats.append("inside")
    spelled = _spells(short, long)
    if spelled:
        feats.append(f"spells:{spelled}")
    if _edited(short, long):
        feats.append("one_letter")
    if _joined(short, long):
        feats.append("joined")
    if _capital(short, long):
        feats.append("capital")
    if short.acts:  # a place the text makes act: a state's capital, a club's city ("Nantes s'impose")
        feats.append(f"short_acts:{long.label}")
    extra = [w for w in lw if w not in sw]
    feats.append(f"extra_words:{_bin(len(extra))}")
    upper_extra = {fold(w) for s in long.surfaces for w in s.split() if is_acronym(w)} & set(extra)
    if upper_extra:
        feats.append("extra_acronym")
    if long.label == "PER" and n == 1:
        feats.append("surname" if lw[-1] == sw[0] else "first_name" if lw[0] == sw[0] else "name_part")
    feats.append(f"candidates:{_bin(len(others))}")
    if len(others) > 1:
        most = max(o.count for o in others)
        feats.append("most_named" if long.count == most else "less_named")
        if long.count >= 2 * max(o.count for o in others if o is not long):
            feats.append("dominant")
        if long.first == min(o.first for o in others):
            feats.append("named_first")
    feats.append("long_before" if long.first < short.first else "short_before")
    feats.append(f"short_count:{_bin(short.count)}")
    places = gazetteer()
    if places.known.get(short.key) is not None:
        feats.append("short_known")
    if places.known.get(long.key) is not None:
        feats.append("long_known")
    if len(short.key) <= 3:
        feats.append("short_tiny")
    return tuple(feats)


@dataclass(frozen=True)
class ActorMergeModel(BinaryModel):
    threshold: float = THRESHOLD

    def choose(self, index: FormIndex, short: Form, capitals: bool = True) -> str | None:
        """The key ``short`` stands for, or None when no candidate scores ``threshold``; a capital stands for
        its state only with ``capitals``."""
        others = candidates(index, short, capitals)
        if not others:
            return None
        scored = [(self.probability(pair_features(short, o, others)), o.key) for o in others]
        p, key = max(scored)
        return key if p >= self.threshold else None


# every pair scored apart: the rules alone decide (a cross-validation fold's stance examples, the tests of the rules)
RULES_ONLY = ActorMergeModel({}, [], -50.0)


@lru_cache(maxsize=1)
def shipped_model() -> ActorMergeModel | None:
    return read_model(ActorMergeModel, MODEL_FILE)


def gold_forms(actors: Sequence[dict]) -> dict[str, frozenset[int]]:
    """Folded name or mention -> the gold actors (their indexes) that list it."""
    out: dict[str, set[int]] = defaultdict(set)
    for i, actor in enumerate(actors):
        for name in [actor["name"], *actor["mentions"]]:
            out[fold(name)].add(i)
    return {k: frozenset(v) for k, v in out.items()}


def examples(forms: Mapping[str, Form], gold_of: Mapping[str, frozenset[int]]) -> list[tuple[tuple[str, ...], bool]]:
    """Every candidate pair of an article whose two forms the gold annotates, labelled by whether one gold
    actor lists both (``gold_of``: ``gold_forms``). Pairs the rules merge are examples too: the pairs they
    leave apart are too few to learn from alone (CV: 158 of 196 gold actors merged that way, 165 this way)."""
    out = []
    index = index_forms(forms)
    for short in forms.values():
        mine = frozenset().union(*(gold_of.get(fold(s), frozenset()) for s in short.surfaces))
        if not mine:
            continue
        others = candidates(index, short)
        for long in others:
            theirs = frozenset().union(*(gold_of.get(fold(s), frozenset()) for s in long.surfaces))
            if theirs:
                out.append((pair_features(short, long, others), bool(mine & theirs)))
    return out


def train(rows: Iterable[tuple[tuple[str, ...], bool]], c: float = REGULARIZATION_C) -> ActorMergeModel:
    """Fits the pair scorer from (features, one actor) pairs."""
    return ActorMergeModel(*fit_binary(list(rows), c))
