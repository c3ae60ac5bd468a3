"""Mentions become canonical actors: one name for every surface form of an actor.

Automatic rules, in order: the gazetteer's identities (Fédération de Russie =
Russie = Russia), capitals acting for their state ("Moscou exige" -> Russie,
switchable), "l'État" for the article's own country, then within an article the
short form of a person to the one longer name containing it (Peskov -> Dmitri
Peskov, A. Montebourg -> Arnaud Montebourg; "Le Pen" stays apart when Marine
and Jean-Marie Le Pen are named alike), a first word to the one longer name it
opens in whole words (PSA -> PSA Peugeot Citroën, the South -> South Korea; not
Seine -> Seine-Maritime) or the one organisation it ends (Disney -> Walt Disney
Company), a misspelt person to its usual spelling
(Jodie Simpson -> Jodie Stimpson, Mauer -> K.C. Maurer), synonyms for one
state's executive (pouvoir syrien -> régime syrien), a place to its name with a
landform before it (Golan -> plateau du Golan), an acronym to the name whose
initials it spells (KCNA -> Korean Central News Agency, or any length in
brackets: "Force ouvrière (FO)"); what these leave apart within an article, the
learned merge model decides (lib/models/actor_merge.py: "Britney" -> Britney
Spears tagged an organisation, "Nantes s'impose" -> HBC Nantes); the same rules
again across the corpus for what is still unmerged. The analyst's alias table
(``AliasTable``) has the last word: rename, merge, split, retype, ignore, applied
once, by ``resolve_actors``, when the corpus is built.
"""
from __future__ import annotations

import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

import pandas as pd

from lib.extract.mentions import FAMILY_NOUNS, HONORIFICS, clean_span
from lib.output.export import restore_cell, spreadsheet_safe, text_cells
from lib.corpus.frames import Corpus
from lib.lexicons import gazetteer as _gazetteer
from lib.lexicons.gazetteer import STATE_WORDS, Known, gazetteer, name_words
from lib.models.actor_merge import (FUNCTION_WORDS, ActorMergeModel, Form, initials, is_acronym, one_edit,
                                    index_forms, named_after_place, shipped_model, whole_words)
from lib.textkeys import fold
from lib.types import Mention

ALIAS_COLUMNS = ["alias", "actor", "label", "ignored"]
# Nouns before a place's name ("plateau du Golan", "col du Soulor", "province de Semnan"); not those that
# name a place themselves: "Ouest" is no short name of "Afrique de l'Ouest"
_EXECUTIVE = frozenset(fold(w) for w in name_words("executive"))
_OF, _ARTICLES = frozenset({"de", "du", "des", "d", "of"}), frozenset({"la", "le", "l", "les", "the"})
_PLACE_HEADS = frozenset(fold(w) for w in name_words("landform") | name_words("place_noun")
                         if gazetteer().lookup(w) is None)
# A corpus names its actors with a few thousand surface forms, each hundreds of times: fold each once.
name_key = lru_cache(maxsize=1 << 16)(_gazetteer.name_key)


@dataclass
class AliasTable:
    """The analyst's decisions: alias -> canonical actor, its label, or ignored.

    An alias (a surface form) usually means one actor everywhere. When automatic
    resolution gave one surface two actors (Moscou the city in one article,
    Russie in another), the table has one row per (alias, actor) and a row
    applies to the mentions that had its actor; an edited row (renamed actor)
    applies to the mentions no other row of that alias claims.
    """

    frame: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ALIAS_COLUMNS))

    @classmethod
    def from_csv(cls, path_or_buffer) -> "AliasTable":
        # written spreadsheet-safe ("'=…"): read back as the names were
        frame = text_cells(pd.read_csv(path_or_buffer, dtype=str, keep_default_na=False), restore_cell)
        missing = {"alias", "actor"} - set(frame.columns)
        if missing:
            raise ValueError(f"alias table needs columns {sorted(missing)}")
        for column in ("label", "ignored"):
            if column not in frame:
                frame[column] = ""
        frame["ignored"] = frame["ignored"].astype(str).str.strip().str.lower().isin(["1", "true", "yes", "x"])
        return cls(frame[ALIAS_COLUMNS].reset_index(drop=True))

    def to_csv(self, path_or_buffer=None) -> str | None:
        """CSV with the columns alias, actor, label, ignored (what ``from_csv`` reads back), opened in a
        spreadsheet without running a name like "@Elysee" or "=…" as a formula."""
        safe = spreadsheet_safe(self.frame[ALIAS_COLUMNS])
        if path_or_buffer is None:
            buffer = io.StringIO()
            safe.to_csv(buffer, index=False)
            return buffer.getvalue()
        safe.to_csv(path_or_buffer, index=False)
        return None


def _apply_rows(mentions: pd.DataFrame, table: AliasTable | None) -> pd.DataFrame:
    """New actor, label and ignored flag per mention (columns key, actor, label) from the table."""
    out = mentions[["actor", "label"]].copy()
    out["ignored"] = False
    if table is None or table.frame.empty:
        return out
    rows = table.frame.copy()
    rows[["alias", "actor", "label"]] = rows[["alias", "actor", "label"]].fillna("").astype(str)
    rows["ignored"] = rows["ignored"].fillna(False).astype(bool)  # an edited cell may come back empty
    rows["key"] = rows["alias"].map(name_key)
    rows = rows[rows["key"] != ""].drop_duplicates(["key", "actor"], keep="last")
    rows = rows[["key", "actor", "label", "ignored"]].rename(
        columns={"actor": "r_actor", "label": "r_label", "ignored": "r_ignored"})
    n_rows = rows.groupby("key")["r_actor"].transform("size")
    seen = mentions[["key", "actor"]].drop_duplicates().rename(columns={"actor": "r_actor"})
    edited = rows.merge(seen, on=["key", "r_actor"], how="left", indicator=True)
    edited = edited[edited["_merge"] == "left_only"].drop(columns="_merge")
    # most specific first: the alias's only row; the row keeping the mention's actor; the row an
    # edit renamed (an actor no mention of that alias has yet); any row of the alias
    choices = [rows[n_rows == 1], rows.rename(columns={"r_actor": "actor"}).assign(r_actor=lambda r: r["actor"]),
               edited.drop_duplicates("key"), rows.drop_duplicates("key")]
    left = mentions[["key", "actor"]].reset_index(drop=True)
    chosen = None
    for choice in choices:
        on = ["key", "actor"] if "actor" in choice else ["key"]
        found = left.merge(choice, on=on, how="left")[["r_actor", "r_label", "r_ignored"]]
        chosen = found if chosen is None else chosen.combine_first(found)
    chosen.index = mentions.index
    has = chosen["r_actor"].notna()
    out.loc[has, "actor"] = chosen.loc[has, "r_actor"].where(chosen.loc[has, "r_actor"] != "", out.loc[has, "actor"])
    out.loc[has, "label"] = chosen.loc[has, "r_label"].where(chosen.loc[has, "r_label"] != "", out.loc[has, "label"])
    out.loc[has, "ignored"] = chosen.loc[has, "r_ignored"].astype(bool)
    return out


def _name_match(long: list[str], short: list[str]) -> bool:
    """Do the short name's words, in order and contiguous, appear in the longer one?
    A one-letter word is an initial: 'a montebourg' is in 'arnaud montebourg'."""
    n = len(short)
    if not short or n > len(long) or short == long:
        return False
    for i in range(len(long) - n + 1):
        if all(s == w or (len(s) == 1 and w.startswith(s)) for s, w in zip(short, long[i:i + n])):
            return True
    return False


def _one_inserted(long: list[str], short: list[str]) -> bool:
    """Is ``long`` the ``short`` name with one word inserted after its first?"""
    return len(long) == len(short) + 1 and any(long[:i] + long[i + 1:] == short for i in range(1, len(short)))


@dataclass
class _Form:
    """One surface key as seen in a scope (an article or the corpus)."""

    labels: Counter = field(default_factory=Counter)
    surfaces: Counter = field(default_factory=Counter)

    @property
    def label(self) -> str:
        return self.labels.most_common(1)[0][0]

    @property
    def surface(self) -> str:
        return self.surfaces.most_common(1)[0][0]


def _after_landform(key: str) -> tuple[str, ...]:
    """The name's words after a leading landform or place noun and its "de": "plateau du golan" -> (golan,)."""
    words = key.split()
    if len(words) < 2 or words[0] not in _PLACE_HEADS:
        return ()
    rest = words[1:]
    while rest and rest[0] in FUNCTION_WORDS:
        rest = rest[1:]
    return tuple(rest)


def _merges(forms: dict[str, _Form], known: set[str],
            across_articles: bool = False) -> tuple[dict[str, str], set[str]]:
    """Short key -> the one longer key it stands for, within one scope (article or corpus),
    and the short keys that stand for several people there (not guessed). Across articles a single name joins a
    person only as the surname: a first name alone ("Thierry", the tagger having split "Thierry et Véronique
    Roy") is no one in particular outside its article.
    Candidates come from word indexes, so a corpus of thousands of names stays fast."""
    people_by_word: dict[str, set[str]] = defaultdict(set)
    by_first_word: dict[str, set[str]] = defaultdict(set)
    by_later_word: dict[str, set[str]] = defaultdict(set)  # organisations by their other words
    by_initials: dict[str, set[str]] = defaultdict(set)
    by_words: dict[tuple[str, ...], set[str]] = defaultdict(set)  # "golan" -> "plateau du golan"
    for k, f in forms.items():
        named = _after_landform(k)
        if named:
            by_words[named].add(k)
        words = k.split()
        if f.labels["PER"] and len(words) >= 2:
            for w in words:
                people_by_word[w].add(k)
        if len(words) > 1:
            by_first_word[words[0]].add(k)
            if f.label == "ORG":
                for w in words[1:]:
                    by_later_word[w].add(k)
            if f.label != "PER":
                for s in f.surfaces:
                    for letters in initials(s):
                        by_initials[letters].add(k)
    mapping: dict[str, str] = {}
    ambiguous: set[str] = set()
    for key, form in forms.items():
        if key in known:
            continue
        words = key.split()
        anchor = max(words, key=len)
        longer = [p for p in people_by_word.get(anchor, ()) if len(anchor) > 1 and _name_match(p.split(), words)
                  and not (across_articles and len(words) == 1 and p.split()[-1] != words[0])]
        if not longer and form.label != "PER":
            group = {"GPE", "LOC"} if form.label in {"GPE", "LOC"} else {form.label}
            longer = [k for k in by_first_word.get(words[0], ()) if k != key and forms[k].label in group
                      and len(k.split()) > len(words) and k.split()[:len(words)] == words
                      and whole_words(form.surface, forms[k].surface)
                      and not (group == {"GPE", "LOC"} and named_after_place(words, k.split()))]
            # the same name with one qualifier inserted: "armée irakienne" / "armée régulière irakienne",
            # "Ordre de Malte" / "Ordre souverain de Malte" (3 of the 42 actors left unmerged on the CV folds)
            longer = longer or [k for k in by_first_word.get(words[0], ()) if len(words) >= 2
                                and forms[k].label in group and _one_inserted(k.split(), words)]
        if not longer and form.label in {"GPE", "LOC"}:
            # a place beside its name with a landform or place noun before it: "Golan" / "plateau du
            # Golan", "Soulor" / "col du Soulor", "Méditerranée" / "mer Méditerranée"
            longer = [k for k in by_words.get(tuple(words), ()) if forms[k].label in {"GPE", "LOC"}]
        # an organisation named by the end of its name: "Disney" -> Walt Disney Company, "Air Force" ->
        # United States Air Force
        if not longer and form.labels["ORG"]:  # "Disney" was tagged a place more often than not
            longer = [k for k in by_later_word.get(words[0], ()) if _name_match(k.split(), words)]
        # three letters at least: "LR" spells "La République" as well as "Les Républicains"
        if not longer and len(key) >= 3 and any(is_acronym(s) for s in form.surfaces):
            longer = [k for k in by_initials.get(key.replace(" ", ""), ()) if k != key]
        # "Montebourg" is in "A. Montebourg" and "Arnaud Montebourg", which are one name
        longer = [c for c in longer if not any(o != c and _name_match(o.split(), c.split()) for o in longer)]
        if len(longer) > 1 and all(forms[c].labels["PER"] for c in longer):
            longer = _dominant(longer, forms)
        if len(longer) == 1:
            mapping[key] = longer[0]
        elif longer:
            ambiguous.add(key)
    return mapping, ambiguous


def _dominant(people: list[str], forms: dict[str, _Form]) -> list[str]:
    """A bare surname shared by two people goes to the one the text names at least three times as
    often ("Fillon" beside 12 "François Fillon" and 2 "Penelope Fillon"); when neither
    dominates (Marine and Jean-Marie Le Pen, named alike), it is not guessed."""
    counts = sorted(((sum(forms[p].surfaces.values()), p) for p in people), reverse=True)
    return [counts[0][1]] if counts[0][0] >= max(3, 3 * counts[1][0]) else people


def _by_gender(items: list[Mention], forms: dict[str, _Form]) -> dict[tuple[int, str], str]:
    """(start, gender) of a short form with an honorific -> the key of the one named person of that
    gender it can be: "Mme Fillon" beside "François Fillon" and "Mme Penelope Fillon" is Penelope;
    beside only men of that name, she is someone else (her own key)."""
    genders: dict[str, Counter] = defaultdict(Counter)
    for m in items:
        if m.person in {"Fem", "Masc"}:
            genders[name_key(m.text)][m.person] += 1
    sex = {k: c.most_common(1)[0][0] for k, c in genders.items() if len(c) == 1}
    people = [(k, k.split()) for k, f in forms.items() if f.labels["PER"] and len(k.split()) >= 2]
    named: dict[str, list[str]] = {}  # a surname -> the people it can be (an article repeats its surnames)

    def candidates_of(short: list[str]) -> list[str]:
        if short[0] not in named:
            named[short[0]] = [p for p, words in people if _name_match(words, short)]
        return named[short[0]]

    out = {}
    for m in items:
        short = name_key(m.text).split()
        if m.person not in {"Fem", "Masc"} or len(short) != 1:
            continue
        candidates = candidates_of(short)
        same = [p for p in candidates if sex.get(p) == m.person]
        unknown = [p for p in candidates if p not in sex]
        if len(same) == 1:
            out[(m.start, m.person)] = same[0]
        elif not same and len(unknown) == 1 and len(candidates) > 1:
            out[(m.start, m.person)] = unknown[0]  # the others are known to be of the other gender
        elif candidates and not same and not unknown:
            out[(m.start, m.person)] = f"{short[0]}#{m.person}"
    # a text that calls one of two Fillons "Mme Fillon" calls the other plain "Fillon" ("Fillon a
    # reçu 45 000 euros" beside "Mme Fillon" and "Penelope Fillon" is François); but not when the one
    # whose gender the text once gave is the person it names far more often ("le sénateur Fillon" once,
    # "François Fillon" 18 times beside 5 "Penelope Fillon": "Puis Fillon a lui-même été accusé" is François)
    titled = {(name_key(m.text), out[(m.start, m.person)]) for m in items if (m.start, m.person) in out}
    for m in items:
        short = name_key(m.text).split()
        if m.person or len(short) != 1:
            continue
        candidates = candidates_of(short)
        rest = [p for p in candidates if (short[0], p) not in titled]
        if len(candidates) > 1 and len(rest) == 1 and _dominant(candidates, forms) in (candidates, rest):
            out[(m.start, m.person)] = rest[0]
    return out


def _spelled_out(items: list[Mention]) -> dict[str, str]:
    """An acronym in brackets right after its spelled-out name, whatever its length:
    "Force ouvrière (FO)", "Korean Central News Agency (KCNA)". After an organisation's name the brackets
    say it even when the letters spell the name in another language ("Agence spatiale européenne (ESA)",
    "Fédération internationale de triathlon (ITU)": 3 of the 42 unmerged actors on the CV folds); after a
    person's name they give a party ("Marine Le Pen (RN)"), so there the letters must match. After an
    organisation's name, an acronym not in capitals only is one too: "Fédération française de triathlon
    (FFTri)", "Institut Argentino de Radioastronomía (IAR-CONICET)" (2 of the 38 actors left unmerged on the
    CV folds); not any name: the mentions do not say whether a bracket or a comma stands between the two,
    and a list of a group's companies ("21st Century Fox, Fox News, FX Productions") is several actors."""
    ordered = sorted(items, key=lambda m: m.start)
    pairs = {}
    for before, after in zip(ordered, ordered[1:]):
        if after.start != before.end + 2 or len(before.text.split()) < 2:
            continue
        if is_acronym(after.text) and (before.label == "ORG" or fold(after.text.replace(".", "")) in initials(before.text)) \
                or before.label == after.label == "ORG" and _acronym_shaped(after.text):
            pairs[name_key(after.text)] = name_key(before.text)
    return pairs


def _acronym_shaped(text: str) -> bool:
    """Written like an acronym but not in capitals only: "FFTri", "SoHO", "IAR-CONICET" (one word, letters and
    hyphens, two capitals at least)."""
    letters = text.replace("-", "")
    return " " not in text and letters.isalpha() and sum(c.isupper() for c in letters) >= 2


def _same_executive(forms: dict[str, _Form]) -> dict[str, str]:
    """One article's names of a state's executive by synonyms or by the state's adjective or name
    ("régime syrien", "pouvoir syrien"; "gouvernement burundais", "gouvernement du Burundi") -> the most
    used of them."""
    by_state: dict[Known, list[str]] = defaultdict(list)
    for key, form in forms.items():
        words = key.split()
        if len(words) < 2 or not form.labels["ORG"] or words[0] not in _EXECUTIVE:
            continue
        state = gazetteer().demonym(words[1]) if len(words) == 2 else None
        if state is None and words[1] in _OF:
            state = gazetteer().known.get(" ".join(w for w in words[2:] if w not in _ARTICLES))
        if state is not None and state.label == "GPE":
            by_state[state].append(key)
    out = {}
    for keys in by_state.values():
        main = max(keys, key=lambda k: (sum(forms[k].surfaces.values()), k))
        out.update({k: main for k in keys if k != main})
    return out


def _spelling_variants(forms: dict[str, _Form]) -> dict[str, str]:
    """A person's name spelled two ways in one article goes to its more frequent spelling: "Jodie
    Simpson" -> Jodie Stimpson, "Kristin Wilkins" -> Kristen Wilkins (one word off by one letter, the
    others equal), "Tim Reed" -> Timothy Reed, "Larry Lessig" -> Lawrence Lessig (a first name's short form:
    3 of the 42 actors left unmerged on the dev folds, while Marine and Marion Le Pen, of one length, stay two),
    and "Melissa Stewart" -> Melissa Owens Stewart (first and last name of a longer one)."""
    people = [k for k, f in forms.items() if f.labels["PER"] and len(k.split()) >= 2]
    weight = {k: sum(forms[k].surfaces.values()) for k in people}
    out = {}
    for key in people:
        words = key.split()
        same = [p for p in people if p != key and (
            len(p.split()) == len(words) and sum(a != b for a, b in zip(words, p.split())) == 1
            and all(a == b or min(len(a), len(b)) >= 4 and one_edit(a, b) for a, b in zip(words, p.split()))
            or len(p.split()) > len(words) == 2 and p.split()[0] == words[0] and p.split()[-1] == words[-1])]
        # a short first name goes to the full one, whichever the text writes more ("Tim Reed" -> Timothy Reed)
        short = [p for p in people if _first_name_variant(words, p.split())]
        if not same and len(short) == 1:
            out[key] = short[0]
        elif len(same) == 1 and (weight[same[0]] > weight[key] or len(same[0].split()) > len(words)
                                 or weight[same[0]] == weight[key] and same[0] < key):
            out[key] = same[0]
    # a lone surname one letter off the one person's it can be: "Mauer" beside "K.C. Maurer", "Water" beside
    # "Kathryn Waters" (2 of the 48 actors left unmerged on the CV folds); never beside that exact surname
    named = {w for p in people for w in p.split()}  # "Marine" beside "Marine Le Pen" is no "Jean-Marie"
    for key, form in forms.items():
        if form.labels["PER"] and len(key.split()) == 1 and len(key) >= 5 and key not in named:
            same = [p for p in people if one_edit(key, p.split()[-1])]
            if len(same) == 1:
                out[key] = same[0]
    return out


def _first_name_variant(words: list[str], other: list[str]) -> bool:
    """Is ``words`` a person's name with a short form of the first name in ``other``? "tim reed" of "timothy
    reed", "steve cummings" of "stephen cummings": the same first two letters, two letters shorter at least, the
    other words equal ("Marine" and "Marion" Le Pen, of one length, are two people)."""
    return words[1:] == other[1:] and words[0][:2] == other[0][:2] and len(other[0]) - len(words[0]) >= 2


def _follow(mapping: dict[str, str], key: str) -> str:
    seen = set()
    while key in mapping and key not in seen:
        seen.add(key)
        key = mapping[key]
    return key


@dataclass(frozen=True)
class ActorIndex:
    """Canonical actor per (article_id, start) mention, and per folded surface form."""

    by_mention: dict[tuple[str, int], str]
    by_key: dict[str, str]
    labels: dict[str, str]
    affiliations: dict[str, str] = field(default_factory=dict)
    # (gazetteer entry, language) -> the entry's canonical name in the articles of that language here
    known_names: dict[tuple[Known, str], str] = field(default_factory=dict)
    metonymy: bool = True
    ignored: frozenset[str] = frozenset()  # name keys the alias table ignores
    dropped: frozenset[tuple[str, int]] = frozenset()  # mentions the alias table ignores: no row anywhere

    def resolve(self, surface: str, lang: str = "fr") -> str:
        """Canonical actor for a free surface form (a speaker span such as "Peskov",
        "le Kremlin", "Moscou", "KCNA") in an article of language ``lang``, or ''."""
        kept = clean_span(surface, 0, sentence_start=False)  # "Le Pen" keeps its article
        cleaned = clean_span(surface, 0)  # "Le Kremlin" does not
        if cleaned is None or kept is None:
            return ""
        if name_key(kept[0]) in self.by_key:
            return self.by_key[name_key(kept[0])]
        key = " ".join(w for w in name_key(cleaned[0]).split() if w not in HONORIFICS) if len(
            cleaned[0].split()) > 1 else name_key(cleaned[0])  # "M. Fillon" is no "Marc Fillon"
        if not key or key in self.ignored:
            return ""
        places = gazetteer()
        capital = places.capital_of(key)
        if self.metonymy and capital is not None:  # a speaker acts: "Moscou a répondu"
            return self.known_names.get((capital, lang), capital.name(lang))
        if key in self.by_key:
            return self.by_key[key]
        known = places.lookup(key)
        if known is not None:
            return self.known_names.get((known, lang), known.name(lang))
        words = key.split()
        hits = {actor for k, actor in self.by_key.items() if _name_match(k.split(), words)}
        if len(hits) == 1:
            return hits.pop()
        if is_acronym(cleaned[0]):
            hits = {actor for k, actor in self.by_key.items() if key.replace(" ", "") in initials(k)}
            return hits.pop() if len(hits) == 1 else ""
        return ""

    def ignores(self, surface: str) -> bool:
        """Whether the analyst's alias table ignores this surface form."""
        return name_key(surface) in self.ignored

    def actors_frame(self) -> pd.DataFrame:
        """Label and affiliation per actor, for ``lib.corpus.frames.actor_table``."""
        return pd.DataFrame({"actor": list(self.labels), "label": list(self.labels.values()),
                             "affiliation": [self.affiliations.get(a, "") for a in self.labels]})


def _shouted(text: str) -> bool:
    """A dateline's capitals ("MOSCOU (AFP) -"), as lib/extract/mentions.py reads them: never acting."""
    return text.isupper() and len(text) > 3


def _main_country(items: list[Mention]) -> Known | None:
    """The state an article is about: its most mentioned country (a département is none)."""
    places = gazetteer()
    counts = Counter(k for m in items if (k := places.known.get(name_key(m.text))) is not None and k.label == "GPE"
                     and not k.affiliation)
    return counts.most_common(1)[0][0] if counts else None


def article_forms(items: list[Mention]) -> dict[str, Form]:
    """An article's name keys as the merge model sees them (families apart: they are no one's name)."""
    labels: dict[str, Counter] = defaultdict(Counter)
    surfaces: dict[str, Counter] = defaultdict(Counter)
    first: dict[str, int] = {}
    acts: set[str] = set()
    for m in items:
        base = name_key(m.text)
        if not base or m.person == "family":
            continue
        labels[base][m.label] += 1
        surfaces[base][m.text] += 1
        first.setdefault(base, m.start)
        if m.acts:
            acts.add(base)
    return {k: Form(k, c.most_common(1)[0][0], frozenset(c), tuple(surfaces[k]), sum(c.values()), first[k], k in acts)
            for k, c in labels.items()}


def _local_forms(items: list[Mention]) -> dict[str, _Form]:
    local: dict[str, _Form] = defaultdict(_Form)
    for m in items:
        base = name_key(m.text)
        if base and m.person != "family":
            local[base].labels[m.label] += 1
            local[base].surfaces[m.text] += 1
    return local


def _rule_merges(items: list[Mention], local: dict[str, _Form]) -> tuple[dict[str, str], set[str]]:
    """One article's merges by the rules (short key -> key), and the short keys they found several people for."""
    places = gazetteer()
    # a misspelling is one name with its right spelling, not a second candidate for "Wilkins"
    variants = _spelling_variants(local)
    merged, ambiguous = _merges({k: f for k, f in local.items() if k not in variants},
                                {b for b in local if places.lookup(b) is not None})
    merged.update(_spelled_out(items))
    merged.update({k: v for k, v in _same_executive(local).items() if k not in merged})
    merged.update({k: v for k, v in variants.items() if k not in merged})
    return merged, ambiguous


def _left_to_model(items: list[Mention], local: dict[str, _Form], merged: dict[str, str], ambiguous: set[str],
                   metonymy: bool) -> set[str]:
    """The keys of an article that the merge model decides: not merged by the rules, not a name the gazetteer
    resolves (a known actor, an acting capital, "l'État"), not a surname two of its people share (the rules
    and the other articles decide those)."""
    places = gazetteer()
    acting = {name_key(m.text) for m in items if m.acts}
    resolved = {b for b in local if places.known.get(b) is not None or b in STATE_WORDS
                or metonymy and b in acting and places.capitals.get(b) is not None}
    shared = {k for k in ambiguous if local[k].labels["PER"]}
    return set(local) - merged.keys() - resolved - shared


def _learned_merges(items: list[Mention], merged: dict[str, str], left: set[str], model: ActorMergeModel,
                    metonymy: bool) -> dict[str, str]:
    """Each form in ``left`` (what the rules did not merge) -> the form the model says it stands for."""
    forms = article_forms(items)
    index = index_forms(forms)
    out = {}
    for key in sorted(left & forms.keys(), key=lambda k: forms[k].first):
        target = model.choose(index, forms[key], capitals=metonymy)
        if target is not None and _follow({**merged, **out}, target) != key:
            out[key] = target
    return out


def resolve_actors(mentions: dict[str, list[Mention]], aliases: AliasTable | None = None, *,
                   langs: dict[str, str] | None = None, metonymy: bool = True,
                   merge_model: ActorMergeModel | None = None) -> ActorIndex:
    """Group mentions of the whole corpus into actors.

    ``langs`` (article -> language, French when missing) names the actors known in several languages: an
    article's actor bears its name in the article's language, as the annotation rules name actors
    (shared/eval/README.md), so a corpus of French and English articles has "États-Unis" and "United
    States". One actor across languages named in the majority language read .819 speaker accuracy and .504
    stance recall on the English articles of the 471-article cross-validation; named per language, .831 and .585.
    ``metonymy`` off keeps capitals as cities even where they act. ``merge_model`` decides what the
    rules leave apart within an article (lib/models/actor_merge.py; the shipped one by default).
    """
    places = gazetteer()
    merge_model = merge_model or shipped_model()
    langs = langs or {}
    identity: dict[tuple[str, int], str] = {}  # mention -> key after gazetteer and local merges
    known_of: dict[str, Known] = {}
    forms: dict[str, _Form] = defaultdict(_Form)
    base_of: dict[tuple[str, int], str] = {}
    surname_votes: dict[str, Counter] = defaultdict(Counter)  # a plain surname -> the people articles read it as
    undecided: list[tuple[tuple[str, int], Mention, str, list[str]]] = []
    for article_id, items in mentions.items():
        lang = langs.get(article_id, "fr")
        local = _local_forms(items)
        acting = {name_key(m.text) for m in items if m.acts}
        country = _main_country(items) if metonymy else None
        keyed = []
        for m in items:
            base = name_key(m.text)
            if not base:
                continue
            known = places.known.get(base)  # places.lookup(m.text), with the key already made
            capital = places.capitals.get(base)
            # one reading per article, as annotators list a form under one actor; but a dateline is a
            # place ("WASHINGTON, Jan 6 (Reuters) - … Washington warned…": the first is the city)
            if known is None and metonymy and capital is not None and base in acting and not _shouted(m.text):
                known = capital
            if known is None and base in STATE_WORDS and country is not None:
                known = country
            if known is None and base.split()[0] in STATE_WORDS and len(base.split()) == 2:
                known = places.demonym(base.split()[1])  # "l'État russe" -> Russie
            key = _known_key(known, lang) if known is not None else base
            if known is not None:
                known_of[key] = known
            if m.person == "family":  # "les Fillon", "le couple Fillon": the family, none of its members
                key = "famille:" + " ".join(w for w in base.split() if w not in FAMILY_NOUNS)
            keyed.append((m, base, key))
        merged, ambiguous = _rule_merges(items, local)
        gendered = _by_gender(items, local)
        if merge_model is not None:
            merged.update(_learned_merges(items, merged, _left_to_model(items, local, merged, ambiguous, metonymy),
                                          merge_model, metonymy))
        for m, base, key in keyed:
            if m.person == "family":
                pass
            elif (m.start, m.person) in gendered:
                key = gendered[(m.start, m.person)]
            elif base in merged:
                target = _follow(merged, base)
                known = places.lookup(target)
                key = _known_key(known, lang) if known is not None else target
                if known is not None:
                    known_of[key] = known
            elif base in ambiguous:
                key = "?" + base  # two people of this article: the other articles may decide (below)
                bearers = [k for k in local if local[k].labels["PER"] and _name_match(k.split(), base.split())]
                undecided.append(((article_id, m.start), m, base, bearers))
            if m.label == "PER" and len(base.split()) == 1 and key != base and not key.startswith("?"):
                surname_votes[base][key] += 1
            identity[(article_id, m.start)] = key
            base_of[(article_id, m.start)] = base
    # "Fillon" beside 4 "François Fillon" and 5 "Penelope Fillon", both titled ("M. Fillon", "Mme Fillon"):
    # the article does not decide; the corpus's other articles, where the plain surname was read as one of
    # them at least three times as often as the other, do (the series an analyst reads it in)
    for mid, m, base, bearers in undecided:
        votes = Counter({k: n for k, n in surname_votes[base].items() if k in bearers})
        ranked = votes.most_common(2)
        if ranked and ranked[0][1] >= max(3, 3 * (ranked[1][1] if len(ranked) > 1 else 0)):
            identity[mid] = ranked[0][0]
    for article_id, items in mentions.items():
        for m in items:
            key = identity.get((article_id, m.start))
            if key is not None:
                forms[key].labels[m.label] += 1
                forms[key].surfaces[m.text] += 1
    cross, _ = _merges({k: f for k, f in forms.items() if k not in known_of and not k.startswith("?")}, set(),
                       across_articles=True)
    final = {mid: _follow(cross, key) for mid, key in identity.items()}
    canonical = _canonical_names(final, base_of, forms, known_of, mentions, langs)
    actor_of = {mid: canonical[key] for mid, key in final.items()}
    flat = [(aid, m) for aid, items in mentions.items() for m in items if (aid, m.start) in actor_of]
    frame = pd.DataFrame({"key": [name_key(m.text) for _, m in flat],
                          "actor": [actor_of[(aid, m.start)] for aid, m in flat],
                          "label": [m.label for _, m in flat]})
    applied = _apply_rows(frame, aliases)
    by_mention, labels_votes, affiliation_votes = {}, defaultdict(Counter), defaultdict(Counter)
    by_key_votes: dict[str, Counter] = defaultdict(Counter)
    forced_labels: dict[str, str] = {}
    ignored, dropped = set(), set()
    for (aid, m), actor, label, is_ignored, key in zip(flat, applied["actor"], applied["label"], applied["ignored"],
                                                       frame["key"]):
        if is_ignored:
            ignored.add(key)
            dropped.add((aid, m.start))
            continue
        by_mention[(aid, m.start)] = actor
        labels_votes[actor][label] += 1
        by_key_votes[key][actor] += 1
        if label != m.label:
            forced_labels[actor] = label
        if m.affiliation:
            affiliation_votes[actor][m.affiliation] += 1
    known_names = {(known_of[k], lang): canonical[k] for k in known_of if k in canonical
                   for lang in ("fr", "en") if k == _known_key(known_of[k], lang)}
    known_by_name = {name: kn for (kn, _), name in known_names.items()}
    labels = {}
    for actor, votes in labels_votes.items():
        known = known_by_name.get(actor)
        labels[actor] = forced_labels.get(actor) or (known.label if known else votes.most_common(1)[0][0])
    by_key = {key: votes.most_common(1)[0][0] for key, votes in by_key_votes.items()}
    index = ActorIndex(by_mention, by_key, labels, {}, known_names, metonymy, frozenset(ignored), frozenset(dropped))
    actor_langs: dict[str, Counter] = defaultdict(Counter)  # an actor's state is named in its articles' language
    for (aid, _), actor in by_mention.items():
        actor_langs[actor][langs.get(aid, "fr")] += 1
    affiliations = {}
    for actor in labels:
        known = known_by_name.get(actor)
        lang = _majority_lang(actor_langs[actor])
        if known is not None and known.affiliation:
            affiliations[actor] = index.resolve(known.affiliation, lang) or known.affiliation
        elif affiliation_votes[actor]:
            resolved = index.resolve(affiliation_votes[actor].most_common(1)[0][0], lang)
            if resolved and resolved != actor:
                affiliations[actor] = resolved
    return replace(index, affiliations=affiliations)


def _known_key(known: Known, lang: str) -> str:
    """The actor key of a gazetteer entry in the articles of one language: one key per name it bears."""
    return f"={known.name(lang)}"


def _majority_lang(votes: Counter) -> str:
    """The language of most of the articles counted, French on a tie."""
    return "en" if votes["en"] > votes["fr"] else "fr"


def _canonical_names(final: dict[tuple[str, int], str], base_of: dict[tuple[str, int], str],
                     forms: dict[str, _Form], known_of: dict[str, Known], mentions: dict[str, list[Mention]],
                     langs: dict[str, str]) -> dict[str, str]:
    """One display name per actor key: a known actor's name in its key's language (in the language of most
    articles naming it when the two languages share the name); otherwise the most used spelling of its fullest
    form (accented first)."""
    article_langs: dict[str, Counter] = defaultdict(Counter)
    for aid, key in {(aid, key) for (aid, _), key in final.items()}:
        article_langs[key][langs.get(aid, "fr")] += 1
    surfaces: dict[str, Counter] = defaultdict(Counter)
    by_lang: dict[tuple[str, str], Counter] = defaultdict(Counter)  # (key, language) -> surfaces
    for aid, items in mentions.items():
        for m in items:
            key = final.get((aid, m.start))
            if key is not None and name_key(m.text) == base_of[(aid, m.start)]:
                surfaces[key][m.text] += 1
                by_lang[(key, langs.get(aid, "fr"))][m.text] += 1
    names = {}
    places = gazetteer()
    for key in set(final.values()):
        if key in known_of:
            votes = article_langs[key]
            known = known_of[key]
            lang = _majority_lang(votes)
            # its own names (not its capital's, not "l'État"): anywhere, and in the articles of that language
            own = [Counter({s: n for s, n in found.items() if places.known.get(name_key(s)) == known})
                   for found in (surfaces[key], by_lang[(key, lang)])]
            names[key] = _known_name(known.name(lang), *own)
            continue
        root = [s for s in surfaces[key] if name_key(s) == key] or list(surfaces[key]) or list(forms[key].surfaces)
        counts = surfaces[key]
        # a dateline shouts its city ("LONDON, Nov 16 (Reuters) -"): the name is "London", however
        # many datelines there are; an acronym has no other case
        shouted = {s for s in root if s.isupper() and len(s) > 3 and any(not r.isupper() for r in root)}
        name = max(root, key=lambda s: (s not in shouted, counts[s], sum(not ch.isascii() for ch in s), len(s)))
        if name.isupper() and forms[key].label in {"GPE", "LOC"} and (
                len(name.replace(" ", "")) > 4 or gazetteer().capital_of(name) is not None):
            name = name.title()  # a city named only in its dateline: "WASHINGTON, Jan 6 (Reuters) -"
        names[key] = name
    return names


def _known_name(listed: str, anywhere: Counter, in_lang: Counter) -> str:
    """A known actor's display name. The gazetteer decides who is one actor, not what the corpus calls it
    ("En Marche" in 2016-2018 news is not shown under the party's 2022 name, Renaissance): its name
    ``listed`` is kept when the corpus writes it ``anywhere``, else the most used full form of the actor's
    names in the articles of the name's language (``in_lang``; all of them when none); a corpus writing only
    acronyms shows the gazetteer's name when they spell it ("RDC"), else the acronym ("LREM")."""
    bare = clean_span(listed, 0)  # mentions are written without their article: "Les Républicains"
    keys = {name_key(s) for s in anywhere}
    if not anywhere or name_key(listed) in keys or bare is not None and name_key(bare[0]) in keys:
        return listed
    written = in_lang or anywhere
    full = [s for s in written if not is_acronym(s)]
    if full:
        return max(full, key=lambda s: (written[s], sum(not ch.isascii() for ch in s), len(s)))
    letters = {fold(s.replace(".", "")) for s in written}
    return listed if letters & set(initials(listed)) else max(written, key=written.get)


def build_alias_table(corpus: Corpus, previous: AliasTable | None = None) -> pd.DataFrame:
    """The editable alias table of a corpus: one row per (alias, actor) with the actor's
    label, ``ignored`` False, and how many mentions it covers; ignored rows of
    ``previous`` are kept so an ignored alias stays ignored."""
    mentions = corpus.mentions[corpus.mentions["actor"].fillna("") != ""]
    labels = dict(zip(corpus.actors["actor"], corpus.actors["label"]))
    rows = (mentions.groupby(["text", "actor"]).size().rename("n_mentions").reset_index()
            .rename(columns={"text": "alias"}))
    rows["key"] = rows["alias"].map(name_key)
    # one row per folded form: "Etats-Unis" and "États-Unis" are one alias, shown as written most
    rows = (rows.sort_values("n_mentions", ascending=False)
            .groupby(["key", "actor"], sort=False).agg(alias=("alias", "first"), n_mentions=("n_mentions", "sum"))
            .reset_index())
    rows["label"] = rows["actor"].map(labels).fillna("")
    rows["ignored"] = False
    if previous is not None and not previous.frame.empty:
        kept = previous.frame[previous.frame["ignored"].astype(bool)].assign(n_mentions=0)
        rows = pd.concat([rows, kept], ignore_index=True)
    return (rows[ALIAS_COLUMNS + ["n_mentions"]]
            .sort_values(["actor", "n_mentions"], ascending=[True, False], ignore_index=True))
