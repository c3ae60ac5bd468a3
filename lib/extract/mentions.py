"""Entity mentions from spaCy NER: spans repaired, junk dropped, places retyped.

What the annotation rules call an actor (shared/eval/README.md) is a person,
organisation, GPE or named region; spaCy also tags weekdays, titles, common
nouns at a sentence start and partial spans. Each rule below names the
sentence that needs it. What the rules cannot tell (a MISC span that is a name, a name the tagger left
out, an English header word tagged like one) a model learned from the corpus decides
(lib/models/mention_keep.py), when the analysis is given one.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import ENT_IOB, POS
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span, Token

from lib import nlp as nlp_loader
from lib.nlp import doc_text, entity_starting_at, tokens_where
from lib.extract.date_grammar import detect
from lib.lexicons.gazetteer import STATE_WORDS, gazetteer, name_key, name_words
from lib.lexicons import has, rows, word_list
from lib.models.mention_keep import MentionModel
from lib.textkeys import cached_for_short_text, fold, words
from lib.types import Mention

# spaCy labels (French WikiNER and English OntoNotes) to Revue's five labels.
LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "NORP": "", "LOC": "LOC", "GPE": "GPE",
          "FAC": "", "MISC": "MISC", "EVENT": "", "PRODUCT": "", "WORK_OF_ART": "", "LAW": "",
          "LANGUAGE": ""}

# Leading words that are not part of a name ("l'OTAN", "le Kremlin", "the Pentagon", "ex-UMP").
# Capitalised, they are part of it ("Jean-Marie Le Pen", "selon Le Monde") unless a sentence starts there.
_LEADING = re.compile(r"^(?:(?:l'|d'|de la |de l'|du |des |le |la |les |the |a |an |ex-|anti-|pro-)\s*)+", re.I)
_LEADING_LOWER = re.compile(r"^(?:(?:l'|d'|de la |de l'|du |des |le |la |les |the |a |an |ex-|anti-|pro-)\s*)+")
HONORIFICS = name_words("title")
_GENDER_TITLES = {**{w: "Fem" for w in name_words("female_title")}, **{w: "Masc" for w in name_words("male_title")}}
FAMILY_NOUNS = name_words("family_noun")
_PARTICLES = name_words("particle")
_KIN_NOUNS = name_words("kin_noun")
_TRAILING = re.compile(r"[\s,.;:!?»«\"'()\[\]\-–—]+$")  # "KYIV, June 5 (AP) — Ukrainian…": no dash
_INITIAL_END = re.compile(r"(?:^|[\s.])[A-Z]$")  # "Mohamed R", "U.S": a point follows
_NOT_NAMES = frozenset(fold(w) for w in name_words("not_name"))  # "Fevrier" is "février"
_PLACE_NOUNS = name_words("place_noun")
_BUILDING_NOUNS = name_words("building")
_LANDFORMS = frozenset(fold(w) for w in name_words("landform"))
_ORG_NOUNS = name_words("org_noun")
_WORK_NOUNS = name_words("work_noun")
_INSTITUTIONS = name_words("institution")
_BARE_BODIES = name_words("bare_body")
# a body's fixed names of several words by their first word, longest first ("forces" -> "forces de l'ordre")
_FIXED_BODIES = {first: tuple(sorted((n for n in map(fold, _BARE_BODIES) if n.startswith(first + " ")),
                                     key=len, reverse=True))
                 for first in {fold(n).split()[0] for n in _BARE_BODIES if " " in n}}
_BODY_NOUNS = _INSTITUTIONS | {n for n in _BARE_BODIES if " " not in n}  # heads of "le gouvernement turc", "la police"
_BODY_WORDS = _BODY_NOUNS | {n.split()[0] for n in _BARE_BODIES}  # and the first words of the fixed names
_QUOTE_PAIRS = {"«": "»", "“": "”", '"': '"'}
_OPENERS = {"«", "“", '"', "'", "(", ":", "—", "–", "-", "‘"}  # "22 août 2016. – Enfariné à…"
_DE = {"de", "d'", "du", "des", "of"}


@lru_cache(maxsize=None)
def _common_words(lang: str, pos: str = "noun") -> frozenset[str]:
    """Common nouns (or adjectives) of the language, from the spaCy lemmatizer's own index."""
    nlp = nlp_loader.load(lang)
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    tables = nlp.get_pipe("lemmatizer").lookups
    if "lemma_index" not in tables.tables:
        return frozenset()
    index = tables.get_table("lemma_index")
    return frozenset(index[pos]) if pos in index else frozenset()


@lru_cache(maxsize=None)
def _roles(lang: str, kind: str) -> frozenset[str]:
    """Role nouns of one person ("ministre", "porte-parole": a span they head is a description)
    or of an organisation ("ministère", "agence": a span they head is an organisation)."""
    name = f"speaker_roles_{lang}.txt"
    if not has(name):
        return frozenset()
    return frozenset(w for w, k in (line.rsplit(None, 1) for line in word_list(name)) if k == kind)


def _person_roles(lang: str) -> frozenset[str]:
    return _roles(lang, "PER")


@lru_cache(maxsize=None)
def _metonym_cues(lang: str) -> dict[str, frozenset[str]]:
    table = rows("metonym_cues.tsv")
    return {kind: frozenset(w for l, k, w in table if l == lang and k == kind) for kind in ("prep", "noun", "verb")}


def clean_span(text: str, start: int, sentence_start: bool = True) -> tuple[str, int] | None:
    """The name inside an entity span and its new start, or None for junk. Inside a
    sentence, a capitalised article belongs to the name ("Le Pen", "Le Monde")."""
    cleaned = _clean(text, sentence_start)
    return None if cleaned is None else (cleaned[0], start + cleaned[1])


@cached_for_short_text  # the same names are cleaned for every span that holds them
def _clean(text: str, sentence_start: bool) -> tuple[str, int] | None:
    """The name inside ``text`` and its offset in it, or None for junk."""
    stripped = (_LEADING if sentence_start else _LEADING_LOWER).sub("", text)
    offset = len(text) - len(stripped)
    stripped = _kept_tail(stripped, _TRAILING.sub("", stripped))
    # names carry a capital ("président de la" does not); the costlier tests come last
    if len(stripped) < 2 or not any(ch.isupper() for ch in stripped):
        return None
    if re.fullmatch(r"[\W\d_]+", stripped) or fold(stripped) in _NOT_NAMES:
        return None
    return stripped, offset


def _kept_tail(text: str, stripped: str) -> str:
    """``stripped`` with the end mark that belongs to the name given back: the point of an initial or an
    abbreviation ("Mohamed R.", "Karabatic L.", "U.S."), the "!" the tagger took into a name ("Yahoo!")."""
    mark = text[len(stripped):len(stripped) + 1]
    if mark == "." and _INITIAL_END.search(stripped) or mark == "!" and stripped[-1:].isalpha():
        return stripped + mark
    return stripped


def _is_common_word(token: Token, lang: str, pos: str = "noun") -> bool:
    words = _common_words(lang, pos)
    return token.text.lower() in words or token.lemma_.lower() in words


def _opens_sentence(token: Token, brackets: bool = True) -> bool:
    """First word of a sentence, a quotation or a title: where common nouns get a capital. A bracket
    opens a title ("(Photo) …") more rarely than it holds a place: "à Hirson (Aisne)" (``brackets`` off)."""
    before = token.doc[token.i - 1] if token.i else None
    if before is not None and before.text == "(" and not brackets:
        return False
    if token.is_sent_start:
        return True
    return before is not None and before.text in _OPENERS


def _in_title_phrase(token: Token, lang: str) -> bool:
    """'secrétaire d'État', 'président du Conseil': a capitalised noun completing a title."""
    i = token.i
    doc = token.doc
    # "U.S. Secretary of State Antony Blinken": an English role is capitalised before a name
    role_cap = doc[i - 2].is_title and doc[i - 2].lemma_.lower() in _person_roles(lang) if i >= 2 else False
    if i >= 2 and doc[i - 1].lower_ in _DE and (doc[i - 2].pos_ == "NOUN" and doc[i - 2].is_lower or role_cap):
        bare = doc[i - 1].lower_ in {"d'", "de"}  # no article: a compound noun ("coup d'État")
        return bare or doc[i - 2].lemma_.lower() in _person_roles(lang)
    # "l'ancien chef de l'État": a role's complement with its article ("un prêt par l'État" names the state)
    if i >= 3 and doc[i - 1].lower_ in {"l'", "la", "le", "les", "the"} and doc[i - 2].lower_ in _DE:
        return doc[i - 3].lemma_.lower() in _person_roles(lang)
    return False


def _opening_participle(token: Token, lang: str) -> bool:
    """A French participle phrase opening a sentence gets a capital and a NER tag:
    "Enfariné à Strasbourg le 22 décembre dernier, giflé ce mardi à Lamballe, Valls…",
    "Interrogé par France Info, …"."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (lang == "fr" and _opens_sentence(token) and after is not None and after.pos_ == "ADP"
            and token.lower_.endswith(("é", "ée", "és", "ées")))


def _after_org_noun(span: Span) -> bool:
    """A name right after a company, shop or medium noun names that body, not a person:
    "l'assureur Axa", "la boutique Arnys", "the insurer Axa" (adjectives may come between:
    "le manufacturier suisse Rebellion")."""
    i = span.start - 1
    while i >= 0 and span.doc[i].pos_ == "ADJ" and span.doc[i].is_lower:
        i -= 1
    return i >= 0 and span.doc[i].is_lower and span.doc[i].lemma_.lower() in _ORG_NOUNS


def _is_work_title(span: Span) -> bool:
    """A whole quoted title after a work noun: 'le livre « Bienvenue Place Beauvau »'."""
    doc = span.doc
    opener = doc[span.start - 1] if span.start else None
    closer = doc[span.end] if span.end < len(doc) else None
    if opener is None or closer is None or _QUOTE_PAIRS.get(opener.text) != closer.text or opener.i == 0:
        return False
    noun = doc[opener.i - 1]
    return noun.is_lower and noun.lemma_.lower() in _WORK_NOUNS


def _is_date(text: str) -> bool:
    """A span the date grammar reads whole, with a number in it ("Mi-2022, la croissance…"), is a time."""
    return any(c.isdigit() for c in text) and any(h.start == 0 and h.end == len(text) for h in detect(text))


def _named_subject(token: Token) -> bool:
    """A proper noun the parse makes the subject: "Adobe rachète Magento" names a company where
    "Documents fournis par l'OTAN" opens with a common noun."""
    return token.pos_ == "PROPN" and token.dep_.startswith("nsubj")


def _is_junk(span: Span, label: str, lang: str, name_heads: set[str], person_words: set[str]) -> bool:
    tokens = [t for t in span if not t.is_punct]
    if _is_date(span.text) or _is_work_title(span):
        return True
    places = gazetteer()
    if places.lookup(span.text) is None and all(places.demonym(t.lemma_) or places.demonym(t.text)
                                                for t in tokens):
        return True  # "les Français", "the Russians": demonyms are not actors ("la Suisse" is a country)
    if tokens and tokens[0].lower_ in _BUILDING_NOUNS and places.lookup(span.text) is None:
        return True  # "l'avenue des Champs-Élysées", "le stade de France": streets and buildings are not actors
    if len(tokens) == 1:
        token = tokens[0]
        if gazetteer().lookup(token.text) is None and _opening_participle(token, lang):
            return True
        # rating codes read as places: "est passée de A3 à Baa2"
        if label != "ORG" and re.search(r"\d", token.text) and re.search(r"[^\W\d_]", token.text):
            return True
        known = gazetteer().lookup(token.text) or gazetteer().capital_of(token.text)
        # English capitalises names only, and its lemmatizer index holds WordNet's proper names
        # ("putin", "clinton", "johnson"): there a proper-noun tag is the model's word against it. The French
        # index holds place and company names too ("guéret", "mâcon", "catalogne", "intermarché"): a proper-noun
        # tag inside a sentence is the model's word there (demonyms were set aside above); on the CV folds it
        # finds 24 more actors for 14 more predicted that are none ("Internet", "Titan")
        proper = token.tag_ in {"NNP", "NNPS"} if lang == "en" else (
            token.pos_ == "PROPN" and not token.is_upper and not _opens_sentence(token, brackets=False))
        if label == "PER" and known is None and token.lower_ not in person_words and not proper and (
                _is_common_word(token, lang) or _is_common_word(token, lang, "adj")):
            return True  # "Rival", "Pacsé": a lone common word is a person only beside a full name ("Marine")
        if label != "PER" and known is None and _is_common_word(token, lang):
            # « Documents fournis par l'OTAN… » (a title's first word); "le président du Conseil des
            # ministres"; "la Constitution", "la Justice": a capitalised common noun alone is no name,
            # unless a longer name opens with it here ("l'Assemblée" beside "l'Assemblée nationale")
            # or it is "l'État", which names the article's state (lib/corpus/actors.py)
            if _in_title_phrase(token, lang):
                return True
            if proper:
                return False  # "NASA", "Czechoslovakia, it was": the tagger's proper noun, even opening a sentence
            if _opens_sentence(token) and not (lang == "fr" and _named_subject(token)):
                return True
            if _named_subject(token) and not token.is_upper:
                return False  # "Apple said", "Parliament voted", "Adobe rachète": a capitalised subject is a name
            return token.lower_ not in name_heads and fold(token.text) not in STATE_WORDS
    return False


def _repair(doc: Doc, start: int, end: int, lang: str) -> tuple[int, int]:
    """Character bounds of the name proper."""
    text = doc_text(doc)
    cut = re.search(r"\s*[«»“”\"\n]", text[start:end])
    if cut and cut.start() > 0:  # a name never runs over a quote mark: 'TMC « Quotidien'
        end = start + cut.start()
    if lang == "en" and text[start:end].endswith("'s"):  # "North Korea's main news agency"
        return start, end - 2
    if lang == "fr":  # French has no possessive 's: "L'agence Moody's" is one name
        for tail in ("s", "'s"):
            after = end + len(tail)
            if text[end:after] == tail and (text[start:end] + tail).endswith("'s") and not text[after:after + 1].isalpha():
                return start, after
    return start, end


def _strip_description(span: Span, lang: str) -> Span | None:
    """'votre château de Saint-Cloud' -> 'Saint-Cloud'; 'ministre de l'Intérieur' -> None."""
    first = span[0]
    lemma = first.lemma_.lower()
    # a compound role is one too: "Haut-Commissaire des Nations unies", "Vice-présidente du Conseil"
    if lemma in _person_roles(lang) or first.lower_.rsplit("-", 1)[-1] in _person_roles(lang):
        # a role, not a name ("Secrétaire d'État chargé du Commerce"): the person is a mention of its own; but
        # the known state or body whose role it is is one ("la première ministre de l'Angleterre", "Président
        # des États-Unis d'Amérique" tagged whole)
        return _known_complement(span)
    if not first.is_lower or not first.is_alpha:
        return span
    if lemma in _PLACE_NOUNS or first.lower_ in _PLACE_NOUNS:
        named = [t for t in span if t.is_title or t.is_upper]
        return span.doc[named[0].i:span.end] if named else None
    return span


def _known_complement(span: Span) -> Span | None:
    """The gazetteer's actor after a role's "de": "Président des États-Unis d'Amérique" -> "États-Unis…"."""
    for token in span[1:]:
        if token.lower_ in _DE:
            tail = span.doc[token.i + 1:span.end]
            while len(tail) > 1 and tail[0].pos_ == "DET":
                tail = tail[1:]
            return tail if len(tail) and gazetteer().lookup(tail.text) is not None else None
    return None


def _is_nationality(token: Token) -> bool:
    """French capitalises a demonym only as a noun, a person of that nation: "l'Italienne Fiamingo",
    "l'Espagnole Caroline Routier" (tagged places) name a person after it."""
    return token.is_title and gazetteer().demonym(token.text) is not None and gazetteer().lookup(token.text) is None


def _strip_person_prefix(span: Span, lang: str) -> Span | None:
    """'Soutenir François Fillon', 'Premier Manuel Valls', 'escroc Miguet', 'Mme Penelope Fillon':
    a person's name starts at a capitalised proper word, after titles, verbs and honorifics."""
    start = span.start
    while start < span.end:
        token = span.doc[start]
        word = token.lower_.rstrip(".")
        if (token.is_punct or token.is_lower or word in HONORIFICS or "Inf" in token.morph.get("VerbForm")
                or token.lemma_.lower() in _person_roles(lang)):
            start += 1
            continue
        break
    return span.doc[start:span.end] if start < span.end else None


def _with_particle(span: Span) -> Span:
    """'Tour de France 2016 : De Gendt remporte…' came out as the person 'Gendt': a capitalised surname
    particle right before a person's name is part of it, but for a sentence's first word ("De Nicolas
    Sarkozy à Emmanuel Macron, …"; the parser starts one after a title's colon too, which is no such word)."""
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    if before is None or before.text not in _PARTICLES or not before.whitespace_:
        return span
    opens = before.is_sent_start and (before.i == 0 or doc[before.i - 1].text != ":")
    return span if opens else doc[before.i:span.end]


def _strip_common_tail(span: Span) -> Span:
    """English names are title-cased: 'Yonhap news agency' names Yonhap."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].is_lower and span.doc[end - 2].whitespace_:  # not "Jong-un"
        end -= 1
    return span.doc[span.start:end]


def _person_after_portfolio(span: Span, lang: str) -> Span | None:
    """'le ministre de l'Économie Bruno Le Maire' came out as one organisation 'Économie Bruno Le Maire',
    'le ministre de la Justice Éric Dupond-Moretti' as MISC: after a role's "de" phrase, the portfolio
    is common nouns and the person's name starts at the first capitalised word that is none."""
    doc, i = span.doc, span.start - 1
    while i >= 0 and doc[i].is_lower and doc[i].lower_ in _DE | {"l'", "la", "le", "les"}:
        i -= 1
    if i < 0 or i == span.start - 1 or doc[i].lemma_.lower() not in _person_roles(lang):
        return None
    for j in range(span.start + 1, span.end - 1):
        tail = doc[j:span.end]
        if not (_is_common_word(doc[j], lang) or _is_common_word(doc[j], lang, "adj")) and tail[0].is_title \
                and all(t.is_title or t.is_stop or t.text == "-" for t in tail) and tail[-1].is_title:
            return tail
    return None


def _conjuncts(span: Span, label: str) -> list[Span]:
    """'North and South Korea' -> 'North', 'South Korea' (each a name of its own). An organisation's
    name often holds its conjunction ("Procter & Gamble", "la marque Instruments et Mesures du Temps"):
    it is cut only into known names or before an article ("Les Républicains et l'UDI")."""
    cuts = [t.i for t in span if t.pos_ == "CCONJ" or t.lower_ in {"et", "and"}]
    if not cuts or gazetteer().lookup(span.text) is not None:  # "Trinidad and Tobago" is one state
        return [span]
    pieces, begin = [], span.start
    for cut in cuts + [span.end]:
        if cut > begin:
            pieces.append(span.doc[begin:cut])
        begin = cut + 1
    if label == "ORG" and not all(gazetteer().lookup(p.text) or p[0].pos_ == "DET" for p in pieces[1:]):
        return [span]
    return pieces


def _split_known_head(span: Span, label: str) -> list[tuple[Span, str]]:
    """'la Commission européenne de Bruxelles': a known actor, then where it sits;
    'le Rassemblement national de Marine Le Pen': a known organisation, then its leader."""
    places = gazetteer()
    if places.lookup(span.text) is not None:  # "Europe de l'Est" is one region
        return [(span, label)]
    for token in span:
        if token.lower_ in {"de", "d'", "of"} and token.i > span.start:
            head, tail = span.doc[span.start:token.i], span.doc[token.i + 1:span.end]
            head_known, tail_known = places.lookup(head.text), places.lookup(tail.text)
            if head_known is not None and (
                    places.capital_of(tail.text) is not None or tail_known is not None and tail_known.label == "GPE"):
                return [(head, label), (tail, label)]
            if head_known is not None and head_known.label == "ORG" and tail_known is None and len(tail) >= 2 \
                    and tail[0].is_title and tail[-1].is_title and all(t.is_title or t.is_stop for t in tail):
                return [(head, "ORG"), (tail, "PER")]
    return [(span, label)]


_CAPITALISED_GAP = re.compile(r"(?: [A-ZÀ-Ý][\w'-]*)* ")


def _extend_to_known(doc: Doc, start: int, end: int) -> int:
    """'La France insoumise' came out as 'La France': a known name goes on in lower case."""
    text = doc_text(doc)
    if not _opens_known_name(text[start:end], end < len(text) and not text[end].isspace()):
        return end
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return end
    for extra in (3, 2, 1):
        last = doc[min(len(doc), span.end + extra) - 1]
        longer_end = last.idx + len(last)
        if longer_end <= end:  # nothing after the name (the Doc ends): no longer name either
            break
        longer = doc_text(doc)[span.start_char:longer_end]  # a slice, where Span.text joins its tokens again
        # "La République en marche" is known with its article; a name without one is looked up once
        for cleaned in {clean_span(longer, 0), clean_span(longer, 0, sentence_start=False)} - {None}:
            # "(AP) —" cleans back to "AP": only a longer name extends the span
            if span.start_char + cleaned[1] + len(cleaned[0]) > end and gazetteer().lookup(cleaned[0]) is not None:
                return longer_end
    return end


def _opens_known_name(name: str, glued: bool) -> bool:
    """Do the words of ``name`` start a longer known name? (When the next word is ``glued`` to it, "Fox" in
    "Fox21", it may complete the last one.) Most names start none, and are not looked up longer three times."""
    for cleaned in {_clean(name, True), _clean(name, False)}:
        if cleaned is None:
            return True  # the longer span may clean to a name where this one cleans to nothing
        key = name_key(cleaned[0]).split()
        if glued and len(key) < 2 or " ".join(key[:-1] if glued else key) in gazetteer().openings:
            return True
    return False


def _merge_title_runs(doc: Doc, ents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One run of capitalised words is one name: "Europe Écologie Les Verts faisait part…"
    came out as 'Europe' (LOC) + 'Les Verts' (ORG). Only spaces and capitalised words may
    separate the two, so a sentence end never does. Not for persons."""
    merged: list[tuple[int, int, str]] = []
    for start, end, label in ents:
        if merged and "PER" not in (label, merged[-1][2]) and _CAPITALISED_GAP.fullmatch(doc_text(doc)[merged[-1][1]:start]):
            p_start, p_end, p_label = merged[-1]
            merged[-1] = (p_start, end, "ORG" if "ORG" in (label, p_label) else label)
            continue
        merged.append((start, end, label))
    return merged


def _is_natural_region(text: str) -> bool:
    return bool(set(words(text)) & _LANDFORMS)


def _acts(span: Span, lang: str) -> bool:
    """Does the text make this name act, as a state acts? ("Moscou exige", "avec Moscou",
    "les propositions de Moscou", "renvoyant la question à Washington", "anti-Pyongyang")."""
    doc, root = span.doc, span.root
    if doc_text(doc)[max(0, span.start_char - 5):span.start_char].lower().endswith(("anti-", "pro-")):
        return True
    if span.text.isupper() and len(span.text) > 3:
        return False  # a dateline: "MOSCOU (AFP) -"
    cues = _metonym_cues(lang)
    first = root
    # the first of coordinated names carries the role: "Washington et l'Alliance … ne sont pas prêts"
    while first.dep_ == "conj" and first.head != first and (first.head.ent_type_ or first.head.pos_ == "PROPN"):
        first = first.head
    passive = any(c.dep_ in {"aux:pass", "auxpass"} for c in first.head.children)
    if first.dep_ in {"nsubj", "csubj"} and first.head.pos_ in {"VERB", "AUX", "ADJ"} and not passive:
        return True  # "Moscou exige", not "Paris et Marseille ont été traversés par des cortèges"
    for other in [first, *first.conjuncts]:
        if other.i not in range(span.start, span.end) and other.ent_type_ in {"ORG"}:
            return True  # "Washington et l'Alliance de l'Atlantique Nord ne sont pas prêts"
        if other.i not in range(span.start, span.end) and other.ent_type_ and gazetteer().lookup(other.text) \
                and gazetteer().lookup(other.text).label == "GPE" and gazetteer().capital_of(other.text) is None \
                and not gazetteer().lookup(other.text).affiliation:  # "entre la Normandie et Paris": a city
            return True  # coordinated with a state: "les États-Unis et Moscou"
    preps = [c for c in first.children if c.dep_ == "case"]
    if lang == "en" and first.dep_ == "pobj":
        preps = [first.head]
    prep_words = {fold(p.text) for p in preps} | {fold(p.lemma_) for p in preps}
    if prep_words & {fold(w) for w in cues["prep"]}:
        return True
    governor = first.head.head if lang == "en" and first.dep_ == "pobj" else first.head
    if first.dep_ == "poss" or prep_words & {"de", "d'", "of"}:
        return governor.pos_ == "NOUN" and governor.lemma_.lower() in cues["noun"]
    if prep_words & {"a", "au", "to"} and governor.pos_ == "NOUN":  # "leur ambassadeur à Moscou"
        return governor.lemma_.lower() in cues["noun"]
    if prep_words & {"a", "au", "to"} or first.dep_ in {"iobj", "dative", "obj", "dobj"}:
        return governor.pos_ == "VERB" and governor.lemma_.lower() in cues["verb"]
    return False


def _adjacent_role(span: Span, lang: str) -> list[Token]:
    """The role phrase right before or after a name, whatever the parse made of it:
    "Le Premier ministre britannique Rishi Sunak", "Dmitri Peskov, porte-parole de la présidence russe,"."""
    doc = span.doc  # not bounded by the parser's sentences: it may cut between a role and its name
    before = []
    # "PDG de Total et ami de Fillon": a name after "de" completes another phrase
    if span.start and doc[span.start - 1].pos_ not in {"ADP", "DET", "CCONJ"}:
        for token in reversed(doc[max(0, span.start - 8):span.start]):
            if token.is_punct or token.pos_ in {"VERB", "AUX", "PRON", "CCONJ"}:
                break
            before.insert(0, token)
    after = []
    if span.end < len(doc) and doc[span.end].text == ",":
        for token in doc[span.end + 1:span.end + 11]:
            if token.is_punct or token.pos_ in {"VERB", "AUX"}:
                break
            after.append(token)
        after = after if after and next((t for t in after if t.pos_ != "DET"), after[0]).lemma_.lower() \
            in _person_roles(lang) else []
    return [t for t in before + after if any(r.lemma_.lower() in _person_roles(lang) for r in before + after)]


def _apposed_to_person_role(span: Span, lang: str) -> bool:
    """The name follows a comma after a phrase headed by a person's role: "la nouvelle maire de la ville,
    Virginia Raggi, a", "Le porte-parole de l'armée de l'air, Pongsak Semachai, a déclaré"."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != ",":
        return False
    for token in reversed(doc[max(0, span.start - 9):span.start - 1]):
        if token.is_punct or token.pos_ in {"VERB", "AUX", "PRON"}:
            return False
        if token.pos_ == "NOUN" and token.lemma_.lower() in _person_roles(lang):
            return True
    return False


def _affiliation(span: Span, label: str, lang: str) -> str:
    """The state or organisation in the role phrase next to a name ("le porte-parole du
    président russe Dmitri Peskov" -> Russie, "Nadine Morano, ex-députée UMP" -> UMP)."""
    doc, root = span.doc, span.root
    inside = range(span.start, span.end)
    if label == "PER":
        roles = [root.head] if root.dep_ in {"appos", "nmod", "flat:name", "compound"} else []
        roles += [c for c in root.children if c.dep_ in {"appos", "compound"}]
        window: list[Token] = []
        for role in roles:
            if role.pos_ != "NOUN" or role.lemma_.lower() not in _person_roles(lang):
                continue
            between = doc[min(role.i, span.start):max(role.i, span.end)]
            if any(t.ent_type_ in {"PER", "PERSON"} and t.pos_ == "PROPN" and t.i not in inside for t in between):
                continue  # "Vladimir Poutine et Patrick Pouyanné, PDG de Total": the role is Pouyanné's
            # the role phrase: from the role to the name before it, or a few words after it
            phrase = doc[role.i:span.start] if role.i < span.start else doc[role.i:min(role.right_edge.i, role.i + 8) + 1]
            window += [t for t in phrase if t.i not in inside]
        window += _adjacent_role(span, lang)
    elif label == "ORG":
        window = [t for t in doc[span.start:span.end]] + [c for c in root.children if c.dep_ == "amod"]
    else:
        return ""
    for token in window:
        if token.pos_ == "ADJ":
            known = gazetteer().demonym(token.lemma_) or gazetteer().demonym(token.text)
            if known:
                return known.fr
    for ent in filter(None, (entity_starting_at(t) for t in sorted(set(window), key=lambda t: t.i))):
        if ent.label_ in {"ORG", "GPE", "LOC"} and ent.start not in inside:
            cleaned = clean_span(ent.text, ent.start_char)
            if cleaned:
                known = gazetteer().lookup(cleaned[0])
                return known.fr if known is not None else cleaned[0]
    return ""


def _known_label(text: str) -> str:
    cleaned = clean_span(text, 0)
    known = gazetteer().lookup(cleaned[0]) if cleaned else None
    return known.label if known is not None else ""


def _is_demonym(token: Token) -> bool:
    return token.pos_ in {"ADJ", "PROPN"} and bool(gazetteer().demonym(token.lemma_) or gazetteer().demonym(token.text))


def _institution_span(noun: Token) -> Span | None:
    """A body named by its lower-case head and whose it is: "le gouvernement turc", "l'armée
    régulière irakienne", "le parquet d'Évry", "le ministère des affaires étrangères du Burundi",
    "le gouvernement Assad", "the Indian government". None for a bare "le gouvernement": which
    government it is, the resolution cannot tell; but a bare "la police", "les gendarmes" is listed
    by the annotators as the country's force, and joins a qualified one the article names."""
    doc = noun.doc
    if doc.lang_ == "en":  # "the Indian government", "the New Zealand government", "the Bush administration"
        ent = next((e for e in doc.ents if e.end == noun.i), None)
        if ent is None or ent.label_ not in {"NORP", "GPE", "PERSON"}:
            return None
        return doc[ent.start:noun.i + 1] if ent[0].lower_ != "the" else doc[ent.start + 1:noun.i + 1]
    end, qualified = noun.i + 1, False
    while end < len(doc) and _adjective_of(doc[end], noun):  # "fédéral", "régulière irakienne"
        qualified |= _is_demonym(doc[end])
        end += 1
    if end < len(doc) and doc[end].ent_type_ in {"PER", "PERSON"} and not doc[end].is_lower:
        ent = next(e for e in doc.ents if e.start <= end < e.end)
        return doc[noun.i:ent.end]  # "le gouvernement Assad", "le gouvernement Édouard Philippe"
    # "de commerce de Tarbes", "des lois de l'Assemblée nationale", "de sécurité syriens": complements
    # with a common noun may come before the named one
    for _ in range(3):
        if end >= len(doc) or doc[end].lower_ not in _DE:
            break
        i = end + 1
        while i < len(doc) and doc[i].pos_ == "DET":
            i += 1
        if i < len(doc) and doc[i].ent_type_ and not doc[i].is_lower:
            ent = next((e for e in doc.ents if e.start <= i < e.end), None)
            if ent is not None and LABELS.get(ent.label_) in {"GPE", "LOC", "ORG", "PER"}:
                return doc[noun.i:ent.end]
        if i < len(doc) and doc[i].pos_ == "NOUN" and doc[i].is_lower:
            end = i + 1
            while end < len(doc) and _adjective_of(doc[end], doc[i]):
                qualified |= _is_demonym(doc[end])
                end += 1
            continue
        break
    if qualified:
        return doc[noun.i:end]
    bare = end == noun.i + 1 and noun.i and doc[noun.i - 1].lower_ in {"la", "le", "l'", "les"}
    return doc[noun.i:end] if bare and noun.lower_ in _BARE_BODIES else None


def _adjective_of(token: Token, noun: Token) -> bool:
    """A lower-case adjective of the noun, by its tag or its dependency: "les services météorologiques malgaches"
    came out with "malgaches" a proper noun."""
    return token.is_lower and (token.pos_ == "ADJ" or token.dep_ == "amod" and token.head.i == noun.i and token.is_alpha)


def _fixed_body(token: Token) -> Span | None:
    """A body's fixed name of several words starting at ``token``, which the annotators list in whatever case
    and with whatever article: "les forces de l'ordre", "la police nationale", "des Gilets jaunes"."""
    text = doc_text(token.doc)
    for name in _FIXED_BODIES.get(fold(token.text), ()):
        end = token.idx + len(name)
        if fold(text[token.idx:end]) == name and not text[end:end + 1].isalnum():
            return token.doc.char_span(token.idx, end)
    return None


def _institutions(doc: Doc) -> list[Mention]:
    out = []
    for token in tokens_where(doc, "LOWER", _BODY_WORDS):
        if token.is_lower or token.is_title:
            heads = token.is_lower and token.pos_ == "NOUN" and token.lower_ in _BODY_NOUNS
            span = (_institution_span(token) if heads else None) or _fixed_body(token)
            if span is not None:
                text = doc_text(doc)[span.start_char:span.end_char]
                out.append(Mention(span.start_char, span.end_char, text, "ORG", False,
                                   _affiliation(span, "ORG", doc.lang_)))
    return out


# Where the rules' names are judged too: the English model tags capitalised words of interview headers,
# book lists and talk about fiction ("Background", "Pride and Prejudice", "Bruce Wayne"); on the dev folds
# .71 of the English actors predicted are annotated, .87 of the French.
JUDGED_KEPT = frozenset({"en"})


@dataclass(frozen=True)
class Candidate:
    """A name the rules drop (a MISC span, a run of proper nouns in no entity, a known place ending a
    dropped name) or, in English, one they keep but for a known actor or a person's full name, with its
    features for the model that keeps or drops it (lib/models/mention_keep.py)."""

    mention: Mention
    features: tuple[str, ...]
    kept: bool


def extract_mentions(doc: Doc, model: MentionModel | None = None) -> list[Mention]:
    """The article's actor mentions: the rules' and the candidates ``model`` keeps, less those it drops
    (None: the rules alone)."""
    found = _one_name_per_article(_rule_spans(doc) + (_untagged_names(doc) if model is not None else []))
    chosen = [m for m, _, kept, _ in found if kept]
    if model is not None:
        judged = _candidates(doc, found)
        dropped = {c.mention.start for c in judged if c.kept and not model.keeps(c.features, kept=True)}
        chosen = [m for m in chosen if m.start not in dropped]
        rescued = [c.mention for c in judged if not c.kept and model.keeps(c.features, kept=False)]
        chosen += _as_kept(rescued, chosen)
    bodies = _institutions(doc)
    # "the New Zealand government": the body, not its country; "the Biden administration": Biden stays a person
    starts = {m.start for m in bodies}
    chosen = [m for m in chosen if m.start not in starts or m.label == "PER"]
    taken = {m.start for m in chosen}
    return sorted(chosen + [m for m in bodies if m.start not in taken], key=lambda m: m.start)


def mention_candidates(doc: Doc) -> list[Candidate]:
    """The names the model judges, with their features (the training examples of lib/models/mention_keep.py)."""
    return _candidates(doc, _one_name_per_article(_rule_spans(doc) + _untagged_names(doc)))


def _rule_spans(doc: Doc) -> list[tuple[Mention, Span, bool, str]]:
    """(mention, its span, kept by the rules, the tagger's label) for each name in an entity span."""
    lang = doc.lang_
    # a label outside the five is kept for a known actor: "the White House" comes out as a building (FAC)
    entities = doc.ents  # a new Span per entity on every access: read once
    ents = [(e.start_char, e.end_char, LABELS.get(e.label_) or _known_label(e.text)) for e in entities]
    ents = [e for e in ents if e[2]]
    if lang == "fr":
        ents = _merge_title_runs(doc, ents)
    name_heads = {e[0].lower_ for e in entities if len(e) > 1} | {e[1].lower_ for e in entities
                                                                   if len(e) > 2 and e[0].is_stop}
    person_words = {t.lower_ for e in entities if len(e) > 1 and e.label_ in {"PER", "PERSON"} for t in e}
    found: list[tuple[Mention, Span, bool, str]] = []
    covered = 0
    for start, end, label in ents:
        if start < covered:  # inside the known name an entity before it was extended to ("Trinidad and Tobago")
            continue
        start, end = _repair(doc, start, _extend_to_known(doc, start, end), lang)
        covered = end
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        if lang == "fr" and len(span) > 1 and span[1].is_title and _opens_with_preposition(span):
            # "plusieurs endroits à Caen", "À Concarneau (Bretagne), une trentaine…", "En Bretagne, les…"
            # came out as MISC, "l'ambassade de France" as one place: a place after its preposition
            span, label = span[1:], "LOC" if label == "MISC" else label
        person = _person_after_portfolio(span, lang) if label != "PER" else None
        if person is not None:
            span, label = person, "PER"
        for piece in _conjuncts(span, label):
            piece_label = label
            if lang == "fr" and len(piece) > 1 and all(t.is_title for t in piece[1:]) and _is_nationality(piece[0]):
                piece, piece_label = piece[1:], "PER"
            piece = _strip_description(piece, lang)
            if piece is not None and piece_label == "PER":
                piece = _strip_person_prefix(piece, lang)
                piece = piece and _with_particle(piece)
            if piece is None:
                continue
            if lang == "en":
                piece = _strip_common_tail(piece)
            for part, part_label in _split_known_head(piece, piece_label):
                made = _mention(doc, part, part_label, lang, name_heads, person_words)
                if made is not None:
                    found.append((*made, label))
                    if not made[2]:
                        found += _place_inside(made[1])
    return found


def _place_inside(span: Span) -> list[tuple[Mention, Span, bool, str]]:
    """The known state or city that ends a dropped name after its "de" ("Grand Prix de Helsinki"): a
    candidate of the mention model, which reads it as such."""
    for token in span[1:-1]:
        if token.lower_ in _DE:
            tail = span.doc[token.i + 1:span.end]
            while len(tail) > 1 and tail[0].pos_ == "DET":
                tail = tail[1:]
            known = gazetteer().lookup(tail.text)
            if known is not None and known.label == "GPE" or gazetteer().capital_of(tail.text) is not None:
                text = doc_text(span.doc)[tail.start_char:tail.end_char]
                return [(Mention(tail.start_char, tail.end_char, text, "GPE"), tail, False, "inside")]
    return []


def _untagged_names(doc: Doc) -> list[tuple[Mention, Span, bool, str]]:
    """Runs of proper nouns the tagger left out of every entity ("Wikinews interviews…", "Gilets jaunes :"):
    candidates of the mention model only."""
    # one array read, not a Token object per word: this runs over every word of the article
    pos, iob = doc.to_array([POS, ENT_IOB]).T
    outside = (pos == PROPN) & ((iob == 0) | (iob == 2))  # a proper noun in no entity (IOB unset or O)
    runs, start, end = [], None, -1
    for i in outside.nonzero()[0].tolist():
        if start is None or i != end:
            if start is not None:
                runs.append(doc[start:end])
            start = i
        end = i + 1
    if start is not None:
        runs.append(doc[start:end])
    text = doc_text(doc)
    return [(Mention(r.start_char, r.end_char, text[r.start_char:r.end_char], "ORG"), r, False, "") for r in runs
            if r[0].is_alpha and any(c.isupper() for c in r.text) and len(r.text) > 1
            and fold(r.text) not in _NOT_NAMES]


def _surnames(found: list[tuple[Mention, Span, bool, str]]) -> set[str]:
    return {fold(m.text.split()[-1]) for m, _, kept, _ in found if kept and m.label == "PER" and " " in m.text}


def _one_name_per_article(found: list[tuple[Mention, Span, bool, str]]) -> list[tuple[Mention, Span, bool, str]]:
    """A name alone that ends a person's full name in the article is that person, whatever the tagger said:
    "Grivko" (MISC, made an organisation) beside "Andriy Grivko"."""
    surnames = _surnames(found)
    return [(Mention(m.start, m.end, m.text, "PER", m.acts, m.affiliation, m.person) if m.label == "ORG" and
             fold(m.text) in surnames else m, span, kept, tagged) for m, span, kept, tagged in found]


def _as_kept(rescued: list[Mention], kept_names: list[Mention]) -> list[Mention]:
    """Names the model keeps, with the label the rules give the same name elsewhere in the article
    ("Froome" after "Le Britannique Froome" is a person)."""
    labels: dict[str, str] = {}
    for m in kept_names:
        labels.setdefault(fold(m.text), m.label)
    return [m if labels.get(fold(m.text), m.label) == m.label else
            Mention(m.start, m.end, m.text, labels[fold(m.text)], m.acts, m.affiliation, m.person) for m in rescued]


def _candidates(doc: Doc, found: list[tuple[Mention, Span, bool, str]]) -> list[Candidate]:
    """The names to judge with their features, some of which need the whole article: how often it names
    the form, whether the rules keep it elsewhere, whether it ends a person's full name."""
    text = doc_text(doc)
    times = Counter(fold(m.text) for m, _, _, _ in found)
    kept_forms = {fold(m.text) for m, _, kept, _ in found if kept}
    surnames = _surnames(found)
    out = []
    for m, span, kept, tagged in found:
        if kept and (doc.lang_ not in JUDGED_KEPT or m.label == "PER" and len(span) > 1
                     or gazetteer().lookup(m.text) is not None or gazetteer().capital_of(m.text) is not None):
            continue  # a full name, or a state, body or capital the gazetteer knows, stays
        key = fold(m.text)
        context = ["rep=" + str(min(times[key], 3))]
        if key in surnames:
            context.append("surname_of_person")
        if not kept and key in kept_forms:
            context.append("kept_elsewhere")
        context.append("rule=kept" if kept else "rule=dropped")
        out.append(Candidate(m, _span_features(text, span, tagged, m.label) + tuple(context), kept))
    return out


def _span_features(text: str, span: Span, tagged: str, label: str) -> tuple[str, ...]:
    """What the span and the parse around it say: the tagger's label, shape, common words, its line, the
    words before and after it, its syntactic role."""
    doc, lang = span.doc, span.doc.lang_
    tokens = [t for t in span if not t.is_punct] or list(span)
    name = text[span.start_char:span.end_char]
    shape = ("upper" if name.isupper() else "lower_start" if name[:1].islower() else
             "digit" if any(c.isdigit() for c in name) else
             "camel" if any(c.isupper() for c in name[1:]) and len(tokens) == 1 else "title")
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    line_words = text.count(" ", line_start, line_end if line_end >= 0 else len(text)) + 1
    before = doc[span.start - 1] if span.start else None
    after = doc[span.end] if span.end < len(doc) else None
    root = span.root
    feats = [f"tagged={tagged or 'none'}", f"label={label}", f"words={min(len(tokens), 4)}", f"shape={shape}",
             f"dep={root.dep_.split(':')[0]}", f"head={root.head.pos_ if root.head is not root else 'ROOT'}",
             f"line={'alone' if line_words <= len(tokens) + 1 else 'short' if line_words <= 6 else 'long'}",
             f"before={_word_class(before, lang)}", f"after={_word_class(after, lang)}"]
    if all(t.pos_ == "PROPN" for t in tokens):
        feats.append("all_propn")
    if any(_is_common_word(t, lang) or _is_common_word(t, lang, "adj") for t in tokens if not t.is_stop):
        feats.append("common_word" if len(tokens) > 1 else "common_word_alone")
        if len(tokens) == 1 and line_words == 1:
            feats.append("header_word")  # a common word alone on its line heads a section ("Background")
    if _opens_sentence(span[0]):
        feats.append("opens_sentence")
    if span.start_char == line_start:
        feats.append("opens_line")
    if before is not None and after is not None and _QUOTE_PAIRS.get(before.text) == after.text:
        feats.append("quoted")
    if before is not None and before.is_lower and before.pos_ not in {"ADP", "DET", "PUNCT"}:
        feats.append(f"before_lemma={before.lemma_.lower()}")
    # every feature reads differently in each language
    return tuple(feats + [f"{lang}:{f}" for f in feats])


def _word_class(token: Token | None, lang: str) -> str:
    if token is None:
        return "none"
    lemma = token.lemma_.lower()
    if lemma in _person_roles(lang) or token.lower_.rstrip(".") in HONORIFICS:
        return "role"
    if lemma in _ORG_NOUNS or lemma in _roles(lang, "ORG"):
        return "org_noun"
    if token.pos_ == "ADP":
        return "prep=" + token.lower_
    return token.pos_ if not token.is_punct else "punct=" + token.text


def _opens_with_preposition(span: Span) -> bool:
    """A French span that opens with a preposition before a name: "à Caen", "En Bretagne" (but "En Marche !"
    is a known name), or a lower-case "de" that no name starts with ("de France", "de Cambridge")."""
    first = span[0]
    if first.lower_ in {"à", "au", "aux", "en"}:
        return gazetteer().lookup(span.text) is None
    return first.text in {"de", "d'"}


def _person(span: Span, lang: str) -> str:
    """"Fem"/"Masc" when the text tells a person's gender, "family" for a family or a couple.

    "Mme Fillon", "Mr Johnson": the honorific; "les Fillon", "le couple Fillon": a family;
    French agreement with être or an apposed noun: "Penelope Fillon est convoquée",
    "sa femme Penelope Fillon", "Penelope Fillon, l'épouse de…" (an "avoir" participle
    agrees with nobody: "Penelope Fillon aurait touché")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    if before is not None:
        word = before.lower_.rstrip(".")
        if word in _GENDER_TITLES and not before.is_lower:
            return _GENDER_TITLES[word]
        if before.lower_ in FAMILY_NOUNS or lang == "fr" and before.lower_ in {"les", "des"} and len(span) == 1:
            return "family"
    if lang != "fr":
        return ""
    root = span.root
    votes = []
    if root.dep_ in {"nsubj", "nsubj:pass"}:
        head = root.head
        if any(c.dep_ in {"aux:pass", "cop"} or c.dep_ == "aux" and c.lemma_ == "être" for c in head.children):
            votes += head.morph.get("Gender")
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ in {"appos", "nmod", "flat:name"} and root.head.pos_ == "NOUN" and \
            not any(c.dep_ == "case" for c in root.children):
        nouns.append(root.head)  # "sa femme Penelope Fillon"
    for noun in nouns:  # a person's noun only: "l'« enquête Fillon »" says nothing of Fillon
        if noun.lemma_.lower() in _KIN_NOUNS | _person_roles(lang):
            determiners = [c for c in noun.children if c.dep_ == "det" and c.morph.get("Gender")]
            votes += (determiners[0] if determiners else noun).morph.get("Gender")  # "la ministre"
    return votes[0] if len(set(votes)) == 1 else ""


def _mention(doc: Doc, span: Span, label: str, lang: str, name_heads: set[str],
             person_words: set[str]) -> tuple[Mention, Span, bool] | None:
    """The mention a span makes, its span and whether the rules keep it (a MISC span they drop, made an
    organisation, is a candidate of the mention model), or None for junk."""
    start, end = span.start_char, span.end_char
    # the tokenizer may cut "Moody's" before the s; keep the repaired characters
    cleaned = clean_span(doc_text(doc)[start:end], start, sentence_start=label != "PER" and _opens_sentence(span[0]))
    if cleaned is None:
        return None
    text, start = cleaned
    span = doc.char_span(start, start + len(text), alignment_mode="expand") or span
    if _is_junk(span, label, lang, name_heads, person_words):
        return None
    person = _person(span, lang) if label == "PER" else ""
    if person == "family" and span.start and doc[span.start - 1].lower_ in FAMILY_NOUNS:
        # the annotation rules name a family with its noun: "famille Dassault"
        text, start = doc_text(doc)[doc[span.start - 1].idx:start + len(text)], doc[span.start - 1].idx
    known = gazetteer().lookup(text)
    if known is not None:
        label = known.label
    elif gazetteer().capital_of(text) is not None:
        label = "GPE"
    elif label == "PER" and _after_org_noun(span):
        label = "ORG"
    elif label == "MISC" and (_after_org_noun(span) or len(span) == 1 and span[0].pos_ == "PROPN"
                              and not span[0].is_upper):
        # the French model tags platforms and companies MISC ("sur Twitter", "la plateforme Kickstarter");
        # on the annotated corpus a lone proper noun tagged MISC is an actor two times in three, but
        # not a lone acronym: products ("un TGV", "sur PC")
        label = "ORG"
    elif label == "MISC":  # events, works, nationalities: not actors (shared/eval/README.md)
        return Mention(start, start + len(text), text, "ORG"), span, False
    elif (span[0].is_lower or label in {"GPE", "LOC"} and len(span) > 1) and (
            span[0].lemma_.lower() in _roles(lang, "ORG") | _ORG_NOUNS):
        # "Le ministère russe des Affaires étrangères", "la Confédération française démocratique
        # du travail", "le conseil général des Landes" were tagged LOC
        label = "ORG"
    elif label in {"GPE", "LOC"} and len(span) > 1 and _apposed_to_person_role(span, lang):
        label = "PER"  # "selon le gouverneur de la province, Güngör Azim Tuna, cité par …" came out a place
    elif label == "LOC" and lang == "fr" and not _is_natural_region(text):
        label = "GPE"  # the French model has no GPE: "Rennes", "les Hauts-de-Seine", "la Bretagne" are GPE
    acts = label in {"GPE", "LOC"} and _acts(span, lang)
    return Mention(start, start + len(text), text, label, acts, _affiliation(span, label, lang),
                   person if label == "PER" else ""), span, True
