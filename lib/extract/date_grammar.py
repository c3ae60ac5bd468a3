"""Detection of temporal expressions (French, English): where they are, not what they mean.

Detection is a small grammar of regular expressions over the calendar words of
``lib/data/date_words.tsv``: the longest expression wins, prepositions stay out
of the span ("octobre" from "en octobre") while determiners of day dates and
meaning-changing modifiers stay in ("le 26 janvier", "Fin 2021", "mai dernier").
Numbers that are amounts, scores or identifiers are never read as years.
Durations, frequencies and vague words are not matched at
all. ``lib/extract/dates.py`` resolves what is found here.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.tokens import Doc

from lib.nlp import within_entity
from lib.lexicons import rows


@lru_cache(maxsize=None)
def calendar_words() -> dict[str, dict[str, tuple[str, str]]]:
    """kind -> {word: (value, lang)} from lib/data/date_words.tsv."""
    out: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    for row in rows("date_words.tsv"):
        lang, kind, word, value = (row + [""])[:4]
        out[kind][word] = (value, lang)
    return dict(out)


def words_of(kind: str, lang: str | None = None) -> dict[str, str]:
    return {w: v for w, (v, lg) in calendar_words().get(kind, {}).items() if lang is None or lg == lang}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


MONTHS = {w: int(v) for w, v in {**words_of("month"), **words_of("month_abbr")}.items()}
WEEKDAYS = {w: int(v) for w, v in words_of("weekday").items()}
ENGLISH = {w for kind in ("month", "weekday", "season") for w in words_of(kind, "en")}
_MONTH, _MONTH_FR, _MONTH_EN = _alt(words_of("month")), _alt(words_of("month", "fr")), _alt(words_of("month", "en"))
_ABBR = rf"(?:{_alt(words_of('month_abbr'))})\.?"
_WD_FR, _WD_EN = _alt(words_of("weekday", "fr")), _alt(words_of("weekday", "en"))
_PART_FR, _PART_EN = _alt(words_of("part", "fr")), _alt(words_of("part", "en"))
_SEASON_FR, _SEASON_EN = _alt(words_of("season", "fr")), _alt(words_of("season", "en"))
_NUM_FR, _NUM_EN = _alt(words_of("number", "fr")), _alt(words_of("number", "en"))
_UNIT_FR, _UNIT_EN = _alt(words_of("unit", "fr")), _alt(words_of("unit", "en"))
_ORD = _alt(words_of("ordinal"))
_DAYWORD = _alt(words_of("dayword"))
_PAST, _FUTURE = _alt(words_of("past")), _alt(words_of("future"))
_DAY = r"(?:1er|1ᵉʳ|3[01]|[12]\d|0?[1-9])"
_YEAR = r"(?:1[5-9]|20)\d{2}"
_END = r"(?![\w])"
_START = r"(?<![\w-])"

# (kind, languages it is read in, anchor, pattern). A named group "lead" is context kept out of the span.
# Every match of a pattern contains its anchor: a number ("digit"), a number of four digits ("year") or a word
# of _anchor_words, at most _REACH words from the match's ends. A pattern is only run around its anchors, so an
# article costs a few short scans, not one per rule.
_GRAMMAR: list[tuple[str, str, str, str]] = [
    ("day", "fr en", "month", rf"{_START}(?:(?P<det>le|ce)\s+)?(?:(?P<wd>{_WD_FR}|{_WD_EN}),?\s+)?(?P<d>{_DAY})\s+"
            rf"(?P<m>{_MONTH}|{_ABBR})(?:(?:\s+(?P<y>\d{{4}}))|(?:\s+(?P<rel>{_PAST}|{_FUTURE})))?{_END}"),
    # "du 3 au 5 mai 2021", "les 20 et 21 mars": the first day is a date of its own, in the second's month
    ("range_first", "fr", "month", rf"{_START}(?:(?P<det>les|le)\s+)?(?P<d>{_DAY})(?=\s+(?:au|et|à|-|–)\s+(?:le\s+)?{_DAY}\s+"
                    rf"(?:{_MONTH_FR}){_END})"),
    ("day", "en", "month", rf"{_START}(?:(?P<wd>{_WD_EN}),?\s+)?(?P<m>{_MONTH_EN}|{_ABBR})\s+(?P<d>{_DAY})(?:st|nd|rd|th)?{_END}"
            # "from March 3 to 5, 2021": the year after a range is its first day's too
            rf"(?:\s*(?:-|–|to|through)\s*{_DAY}(?:st|nd|rd|th)?(?=,?\s+\d{{4}}(?!\d)))?"
            rf"(?:,?\s+(?P<y>\d{{4}})(?!\d))?"),
    ("numeric", "fr en", "digit", r"(?<![\d/.,-])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"),
    ("numeric", "fr en", "digit", r"(?<![\d/.,-])(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<y>\d{4})(?![\d.]\d|\d)"),
    ("iso", "fr en", "year", r"(?<![\d-])(?P<y>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d-])"),
    ("time", "fr en", "digit", r"(?<![\d:.,])(?P<h>[01]?\d|2[0-3])\s?(?::|h|H)\s?(?P<mi>[0-5]\d)(?![\d:])"
             r"(?:\s*(?P<tz>\((?:UTC|GMT|TU)\)|UTC|GMT)(?![\w]))?"),
    ("time", "fr en", "year", r"(?<![\d:.,])(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s?(?P<tz>UTC|GMT)(?![\w])"),  # "(1920 UTC)"
    ("time", "fr", "digit", r"(?<![\w'])(?P<lead>(?:à|vers|dès|avant|après|jusqu'à|peu avant|peu après)\s+)(?P<h>[01]?\d|2[0-3])\s?"
             r"(?:heures|heure|h)(?:\s?(?P<mi>[0-5]\d))?(?![\w])"),
    ("time", "en", "digit", r"(?<![\d:.,])(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s?(?P<ap>a\.m\.|p\.m\.|am|pm)(?![\w])"
             r"(?:\s+(?P<tz>GMT|UTC)(?![\w]))?"),
    ("edge_year", "fr en", "year", rf"{_START}(?P<edge>fin|début|mi|courant|end of|start of|beginning of|early|late|mid)"
                  rf"(?:\s+(?:de l'année|de|of))?[\s-]+(?P<y>{_YEAR})(?!\d)"),
    ("edge_month", "fr en", "month", rf"{_START}(?P<edge>fin|début|mi|courant|end of|start of|beginning of|early|late|mid)"
                   rf"(?:\s+du\s+mois\s+(?:de\s+|d')|[\s-]+)"
                   rf"(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR}))?{_END}"),
    ("edge_unit", "fr en", "unit", rf"{_START}(?P<edge>fin|début|end|start|beginning)\s+(?:de l'|d'|du |de la |de |of the |of )"
                  rf"(?P<u>année|an|mois|semaine|year|month|week){_END}"),
    ("edge_unit", "en", "unit", r"(?<![\w-])(?P<u>year)[\s-](?P<edge>end)(?![\w-])"),
    # "début de l'année prochaine", "fin du mois dernier", "early next year", "late last year"
    ("edge_rel", "fr", "unit", rf"{_START}(?P<edge>fin|début|mi)\s+(?:de l'|d'|du |de la )(?P<u>année|an|mois|semaine)\s+"
                 rf"(?P<rel>{_PAST}|{_FUTURE}){_END}"),
    ("edge_rel", "en", "unit", rf"{_START}(?P<edge>early|late|mid|end of|start of|beginning of)[\s-]+(?P<rel>last|next|this)\s+"
                 rf"(?P<u>year|month|week){_END}"),
    ("quarter", "fr en", "unit", rf"{_START}(?P<ord>{_ORD})\s+(?P<u>trimestre|semestre|quarter|half)"
                rf"(?:\s+(?:de l'année\s+|de\s+|of\s+)?(?P<y>{_YEAR}))?{_END}"),
    ("quarter", "fr en", "year", rf"(?<![\w-])(?P<q>[TQH])(?P<n>[1-4])\s+(?P<y>{_YEAR})(?!\d)"),
    # English business news: "profit rose in Q3", "for the H1 period"; not French, where "un T3" is a flat
    ("quarter", "en", "digit", r"(?<![\w'])(?P<lead>(?:in|for|during|by|the)\s+)(?P<q>Q(?=[1-4])|H(?=[12]))(?P<n>[1-4])(?![\w-])"),
    ("rel_unit", "fr", "unit", rf"{_START}(?P<det>la\s+|le\s+|l')(?P<u>semaine|week-end|mois|année|an|été|hiver|automne|printemps|"
                 rf"trimestre|semestre)\s+(?P<rel>{_PAST}|{_FUTURE}|précédente?|suivante?){_END}"),
    ("rel_unit", "fr", "unit", rf"{_START}(?P<mod>plus tôt |plus tard |)(?P<rel>cette|ce|cet)\s+(?P<u>semaine|week-end|mois|année|"
                 rf"été|hiver|automne|printemps|trimestre|semestre)(?P<ci>-ci|-là)?{_END}"),
    ("rel_unit", "en", "unit", rf"{_START}(?P<mod>earlier |later |)(?P<rel>this|last|next)\s+(?P<u>week|weekend|month|year|"
                 rf"spring|summer|autumn|fall|winter|quarter){_END}"),
    ("rel_unit", "en", "unit", r"(?<![\w-])(?P<rel>the (?:previous|following|next)) (?P<u>week|month|year)(?![\w])"),
    # "talks stalled over the weekend", "pendant le week-end": the weekend next to the reference day
    ("rel_unit", "en", "unit", r"(?<![\w'])(?P<lead>(?:over|during|at)\s+)(?P<rel>the)\s+(?P<u>weekend)(?![\w-])"),
    ("rel_unit", "fr", "unit", r"(?<![\w'])(?P<lead>(?:pendant|durant|au cours du)\s+)(?P<rel>le)\s+(?P<u>week-end)(?![\w-])"),
    # "avril-mai prochain": the second month of a pair keeps its modifier
    ("month_rel", "fr", "month", rf"(?<![\w])(?P<m>{_MONTH_FR})\s+(?P<rel>{_PAST}|{_FUTURE}){_END}"),
    ("month_rel", "en", "month", rf"{_START}(?P<rel>last|next|this)\s+(?P<m>{_MONTH_EN}){_END}"),
    ("season_year", "fr en", "year", rf"{_START}(?P<s>{_SEASON_FR}|{_SEASON_EN})\s+(?:de\s+|of\s+)?(?P<y>{_YEAR})(?!\d)"),
    ("season", "fr", "season", rf"(?<![\w'])(?P<lead>(?:au|en|à l'|pendant l'|durant l'|depuis l'|dès l'|l')\s*)(?P<s>{_SEASON_FR}){_END}"),
    ("season", "en", "season", rf"(?<![\w'])(?P<lead>(?:in|during|over|by|until|since) (?:the )?)(?P<s>{_SEASON_EN}){_END}"),
    ("month_year", "fr en", "month", rf"{_START}(?P<m>{_MONTH})(?:\s+de l'année)?,?\s+(?P<y>{_YEAR})(?!\d)"),
    ("month", "fr en", "month", rf"(?P<lead>(?:^|(?<=[\s(]))(?:d'|(?:en|de|depuis|dès|jusqu'en|jusqu'à|avant|après|pendant|durant|"
              rf"entre|et|à|in|since|until|by|of|from|during|through|before|after|between|and|to)\s+))"
              rf"(?P<m>{_MONTH}){_END}"),
    ("weekday", "fr", "weekday", rf"{_START}(?:(?P<det>ce)\s+)?(?P<wd>{_WD_FR})(?:\s+(?P<part>{_PART_FR}))?"
                rf"(?:\s+(?P<rel>{_PAST}|{_FUTURE}))?{_END}"),
    ("weekday", "en", "weekday", rf"{_START}(?:(?P<rel>last|next|this)\s+)?(?P<wd>{_WD_EN})(?:\s+(?P<part>{_PART_EN}))?{_END}"),
    ("dayword", "fr en", "dayword", rf"(?<![\w'-])(?P<w>{_DAYWORD})(?:\s+(?P<part>{_PART_FR}|{_PART_EN}))?(?![\w'-])"),
    ("chain", "fr", "chain", rf"{_START}(?P<det>la|le|l')\s*(?P<c>veille|lendemain|avant-veille|surlendemain)"
              rf"(?:\s+(?:au\s+)?(?P<part>{_PART_FR}))?{_END}"),
    ("chain", "en", "unit", r"(?<![\w-])the (?P<c>day before|next day|following day|previous day|day after)(?![\w])"),
    ("ago", "fr", "unit", rf"{_START}il y a\s+(?P<n>\d+|{_NUM_FR})\s+(?P<u>{_UNIT_FR}){_END}"),
    ("ago", "en", "unit", rf"{_START}(?P<n>\d+|{_NUM_EN})\s+(?P<u>{_UNIT_EN})\s+ago{_END}"),
    ("rel_null", "fr", "unit", rf"{_START}(?P<n>\d+|{_NUM_FR})\s+(?P<u>{_UNIT_FR})\s+(?:plus tôt|plus tard|auparavant){_END}"),
    ("rel_null", "en", "unit", rf"{_START}(?P<n>\d+|{_NUM_EN})\s+(?P<u>{_UNIT_EN})\s+(?:earlier|later){_END}"),
    ("horizon", "fr", "year", rf"{_START}(?:l'horizon|horizon|l'an|l'année)\s+(?P<y>{_YEAR})(?!\d)"),
    ("decade", "fr", "year", rf"{_START}années\s+(?P<dec>(?:1[89]|20)\d0)(?!\d)"),
    ("decade", "en", "year", rf"(?<![\w,.-])(?P<dec>(?:1[89]|20)\d0)'?s{_END}"),
    ("year_range", "fr en", "year", rf"(?<![\w,.-])(?P<y>{_YEAR})\s?[-–/]\s?(?P<y2>{_YEAR}|\d{{2}})(?![\w%]|[,.]\d)"),
    ("year", "fr en", "year", r"(?<![\w,.-])(?P<y>(?:1[89]|20)\d{2})(?![\w%-]|[,.]\d)"),
    ("year", "fr en", "year", r"(?<![\w'])(?P<lead>(?:en|in)\s+)(?P<y>1[0-7]\d{2})(?![\w%,.-])"),
]
_COMPILED = [(kind, langs.split(), anchor, re.compile(p, re.I)) for kind, langs, anchor, p in _GRAMMAR]


def _trie(words: Iterable[str]) -> str:
    """An alternation of ``words`` factored by prefix: the regex engine tries each letter once, not each word."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        alternation = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{alternation})?" if "" in node else alternation

    return pattern(tree)


def _anchor_words() -> dict[str, frozenset[str]]:
    """word -> the anchors it is a word of. An anchor's word is a whole run of letters and digits in every
    match of the patterns it anchors: "week" for "week-end", "hier" for "avant-hier", "matin" for "ce matin"."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for anchor, words in {
        "month": [*words_of("month"), *words_of("month_abbr")], "weekday": words_of("weekday"),
        "season": words_of("season"), "dayword": words_of("dayword"),
        "unit": [*words_of("unit"), *words_of("season"), "half"], "chain": ["veille", "lendemain", "surlendemain"],
    }.items():
        for word in words:
            kinds[re.findall(r"\w+", word)[-1]].add(anchor)
    return {word: frozenset(anchors) for word, anchors in kinds.items()}


_ANCHOR_WORDS = _anchor_words()
_ANCHOR = re.compile(rf"(?<!\w)(?:{_trie(_ANCHOR_WORDS)})(?!\w)", re.I)
_DIGITS = re.compile(r"\d+")  # the "digit" anchor; a run of four digits is a "year" too
_REACH = 6  # words: the longest expression, "le mercredi 26 septembre 2021", has four before its month
_WORDS = re.compile(r"\S+")


@lru_cache(maxsize=None)
def _grammar(lang: str | None) -> list[tuple[str, str, re.Pattern]]:
    """The patterns read in ``lang``: a French article is not scanned for "three weeks ago"; a language
    without its own patterns, or none given, gets them all."""
    known = lang in {code for _, langs, _, _ in _COMPILED for code in langs}
    return [(kind, anchor, pattern) for kind, langs, anchor, pattern in _COMPILED if not known or lang in langs]


def _regions(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each anchor, the stretches of ``text`` within _REACH words of one of its occurrences, merged.

    Regions start and end at word edges, so a pattern scanned inside one sees the same boundaries as in the
    whole text; two expressions closer than that share a region and keep their whole-text precedence."""
    starts = [m.start() for m in _WORDS.finditer(text)]
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    occurrences = [(m.start(), m.end(), ("digit", "year") if m.end() - m.start() == 4 else ("digit",))
                   for m in _DIGITS.finditer(text)] + \
        [(m.start(), m.end(), _ANCHOR_WORDS.get(m.group().lower(), ())) for m in _ANCHOR.finditer(text)]
    for start, end, anchors in sorted(occurrences):
        first = max(0, bisect_right(starts, start) - 1 - _REACH)
        last = min(len(starts) - 1, bisect_right(starts, end - 1) - 1 + _REACH)
        lo, hi = starts[first], _WORDS.match(text, starts[last]).end()
        for anchor in anchors:
            regions = out[anchor]
            if regions and lo <= regions[-1][1]:
                regions[-1] = (regions[-1][0], max(hi, regions[-1][1]))
            else:
                regions.append((lo, hi))
    return out


def _matches(text: str, lang: str | None) -> Iterator[tuple[str, re.Match]]:
    """Every pattern's matches, each pattern scanned only in the regions of its anchor."""
    grammar = _grammar(lang)
    regions = _regions(text)
    for kind, anchor, pattern in grammar:
        for lo, hi in regions[anchor]:
            for m in pattern.finditer(text, lo, hi):
                yield kind, m


# Words around a number that make it a count, a price or an identifier, not a year:
# "plus de 2000 manifestants", "2012 euros", "n° 2012", "posts 1999 and 2000".
_AMOUNT_BEFORE = re.compile(r"(?:\d[\s.,]|n°\s?|nº\s?|no\.\s?|numéro\s|number\s|#|posts?\s|articles?\s|vols?\s|flights?\s|"
                            r"plus de\s|moins de\s|près de\s|environ\s|quelque\s|about\s|some\s|over\s|nearly\s|"
                            r"almost\s|at least\s|au moins\s|[€$£]\s?)$", re.I)
_AMOUNT_AFTER = re.compile(r"^\s?(?:%|‰|€|\$|£|euros?\b|dollars?\b|francs?\b|livres?\b|km\b|kg\b|m²|mètres?\b|"
                           r"tonnes?\b|habitants\b|personnes\b|emplois\b|postes\b|voix\b|votes\b|people\b|jobs\b|UTC\b|GMT\b)", re.I)
# Prepositions that make the number after them a year: "en 2011 les ventes…", "since 2008".
# Not "and"/"et": "2000 civilians and 1999 soldiers" counts people ("between 1999 and 2001" has "between").
_YEAR_LEAD = re.compile(r"\b(?:en|in|depuis|since|dès|until|jusqu'en|avant|après|before|after|by|d'ici|d'ici à|entre|"
                        r"between)\s$", re.I)
_DURATION_BEFORE = re.compile(r"(?:pendant|durant|en|depuis plus de|plus de|moins de|for|within|in)\s$",
                              re.I)
_FREQUENCY_BEFORE = re.compile(r"(?:tous les|toutes les|chaque|every|each|the|black|good|cyber|super|bloody)\s$",
                               re.I)
_NOT_WEEKDAY_AFTER = re.compile(r"^\s(?:gras|saint|Saint)\b")


@dataclass(frozen=True)
class Hit:
    """A detected expression before resolution: its span, its rule and the rule's fields."""

    start: int
    end: int
    kind: str
    fields: tuple[tuple[str, str], ...]

    def get(self, name: str) -> str:
        return dict(self.fields).get(name) or ""


def _is_amount(text: str, start: int, end: int, doc: Doc | None) -> bool:
    if _AMOUNT_BEFORE.search(text[max(0, start - 12):start]) or _AMOUNT_AFTER.match(text[end:end + 12]):
        return True
    if doc is not None and doc.has_annotation("DEP") and not _YEAR_LEAD.search(text[max(0, start - 12):start]):
        span = doc.char_span(start, end)
        if span is not None and len(span) == 1:
            tok, head = span[0], span[0].head
            # "2000 manifestants", "2000 angry protesters": a count before a plural noun; a year stands
            # before a singular one or a compound ("the 2016 election results")
            between = doc[tok.i + 1:head.i]
            if tok.dep_ == "nummod" and head.pos_ == "NOUN" and head.i > tok.i and \
                    all(t.pos_ == "ADJ" for t in between) and \
                    ("Plur" in head.morph.get("Number") or head.tag_ == "NNS"):
                return True
    return False


def sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 40):pos].rstrip(" ")
    before = re.sub(r"(?:\b(?:le|la|les|ce|cet|cette|l')\s*|[-–—(\[])$", "", before, flags=re.I).rstrip(" ")
    return not before or before[-1] in ".!?«\"\n:;–—-"


def _inside_name(doc: Doc | None, start: int, end: int, exact: bool = False) -> bool:
    """"Le Journal du dimanche", "Lundi Matin": a calendar word inside a longer name is not a date.

    With ``exact``, a person named by the word alone counts too ("Theresa May" then "May").
    """
    if doc is None:
        return False
    if exact:
        return within_entity(doc, start, end, {"PER", "PERSON"}, strictly_after_start=False)
    return within_entity(doc, start, end, {"ORG", "MISC", "PER", "PERSON", "WORK_OF_ART", "EVENT"},
                         strictly_after_start=True)


def _capital_required(word: str, match_text: str) -> bool:
    """English month and weekday names are capitalized; "may", "march" and "fall" otherwise are not dates."""
    return word.lower() in ENGLISH and not match_text[:1].isupper()


def _accept(kind: str, m: re.Match, text: str, doc: Doc | None) -> bool:
    g = m.groupdict()
    for name in ("m", "wd", "s"):
        if g.get(name) and _capital_required(g[name].rstrip("."), g[name]):
            return False
    if kind == "month" and g["m"][:1].isupper() and g["m"].lower() in words_of("month", "fr") and \
            not sentence_initial(text, m.start("m")):
        return False  # "la surface de Mars": a capital French month mid-sentence is a name
    if kind == "weekday":
        word = g["wd"]
        if word[:1].isupper() and word.lower() not in ENGLISH and not sentence_initial(text, m.start("wd")) \
                and not g.get("det"):
            return False  # French weekdays are lower case: "le Journal du Dimanche" is a name
        if _FREQUENCY_BEFORE.search(text[max(0, m.start() - 14):m.start()]) and not g.get("det") and \
                not g.get("rel"):
            return False
        if _NOT_WEEKDAY_AFTER.match(text[m.end():m.end() + 7]):
            return False
    if kind in ("weekday", "month", "dayword") and _inside_name(doc, m.start(), m.end()):
        return False
    if kind == "month" and _inside_name(doc, m.start("m"), m.end("m"), exact=True):
        return False  # "criticised by May": a person
    if kind == "time" and _DURATION_BEFORE.search(text[max(0, m.start() - 16):m.start()]) and not g.get("lead"):
        return False
    if kind == "quarter" and (g.get("u") or "").lower() == "half" and not g.get("y"):
        return False  # "in the second half" of a match
    if kind in ("year", "year_range") and _is_amount(text, m.start(), m.end(), doc):
        return False
    if kind == "year_range":
        y, y2 = int(g["y"]), int(g["y2"]) if len(g["y2"]) == 4 else int(g["y"][:2] + g["y2"])
        if not 0 < y2 - y < 100:
            return False
    return True


def detect(text: str, doc: Doc | None = None, lang: str | None = None) -> list[Hit]:
    """Non-overlapping expressions, longest first, in text order; a year range gives its two years."""
    candidates: list[Hit] = []
    for kind, m in _matches(text, lang):
        if not _accept(kind, m, text, doc):
            continue
        start = m.end("lead") if "lead" in m.re.groupindex and m.group("lead") is not None else m.start()
        fields = tuple((k, v) for k, v in m.groupdict().items() if v is not None and k != "lead")
        candidates.append(Hit(start, m.end(), kind, fields))
    chosen: list[Hit] = []  # disjoint, by start: a hit overlaps one of them iff it overlaps its predecessor
    for hit in sorted(candidates, key=lambda h: (-(h.end - h.start), h.start)):
        i = bisect_left(chosen, hit.end, key=lambda c: c.start)
        if i == 0 or chosen[i - 1].end <= hit.start:
            chosen.insert(i, hit)
    out: list[Hit] = []
    for i, hit in enumerate(chosen):
        if hit.kind == "range_first":
            last = next((h for h in chosen[i + 1:i + 2] if h.kind == "day"), None)
            if last is not None:  # the month, year and modifier of the range's last day
                own = (("d", hit.get("d")),) + (("det", hit.get("det")),) if hit.get("det") else (("d", hit.get("d")),)
                out.append(Hit(hit.start, hit.end, "day", own + tuple((k, v) for k, v in last.fields
                                                                      if k in ("m", "y", "rel"))))
        elif hit.kind == "year_range":  # "2017-2018", "1914-18": two years
            y, y2 = hit.get("y"), hit.get("y2")
            second = text.rfind(y2, hit.start, hit.end)
            out.append(Hit(hit.start, hit.start + len(y), "year", (("y", y),)))
            out.append(Hit(second, second + len(y2), "year", (("y", y2 if len(y2) == 4 else y[:2] + y2),)))
        else:
            out.append(hit)
    return out
