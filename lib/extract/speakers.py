"""Who is speaking: cue words, speaker phrases, and the name they stand for.

A cue is a speech verb ("a déclaré", "explique-t-il", "said"), a source
preposition ("selon", "according to") or a colon. A speaker phrase is what the
text says about the speaker: a name, a description ("le porte-parole du
président russe Dmitri Peskov") or a pronoun. Rules read the dependency parse
when there is one and fall back to word shapes on blank pipelines, so English
quotes in marks are still attributed without an English model.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span as SpacySpan, Token

from lib.extract.date_grammar import words_of
from lib.nlp import doc_text, token_table
from lib.lexicons import word_list
from lib.lexicons.gazetteer import gazetteer
from lib.textkeys import fold
from lib.types import Mention, Span

# Subject pronouns that can stand for a speaker; "lui"/"elle"/"eux" after "selon".
PRONOUNS = {"il", "elle", "ils", "elles", "lui", "eux", "he", "she", "it", "they", "him", "her", "them"}
# Pronouns that never name a source: the reporter, the reader, "on".
NO_SOURCE = {"je", "j'", "nous", "vous", "on", "i", "we", "you", "ce", "c'", "cela", "ça", "this", "that"}
# French inverted subject clitics of an incise: "explique-t-il", "a-t-elle ajouté".
INVERTED = {"-il", "-elle", "-ils", "-elles", "-on", "-t-il", "-t-elle", "-t-on"}
RELATIVE = {"qui", "who", "which", "that"}
# "ce dernier" / "the latter": the person named last ("Dati ou Estrosi le critiquent, ce dernier expliquant …").
# Not "cette dernière": names carry no gender here, and the last person named may be a man.
_LATTER = {"dernier", "latter"}
SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj")
# Clause parts that end a speaker phrase: "Dmitri Peskov, interrogé par des journalistes sur …".
_CUT_DEPS = {"acl", "acl:relcl", "relcl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "cc", "dislocated"}
_OBJECT_CLITICS = {"lui", "leur", "me", "m'", "te", "t'", "nous", "vous", "l'", "le", "la", "les", "y", "en",
                   "se", "s'", "ne", "n'"}


@dataclass(frozen=True)
class Cues:
    """A language's cue lexicon: verb lemmas, their forms for lemma-less pipelines, source prepositions."""

    verbs: frozenset[str]
    forms: dict[str, str]  # inflected form -> lemma
    sources: tuple[str, ...]  # "selon", "d'après", "according to"
    roles: dict[str, str]  # role noun -> PER / ORG
    directives: frozenset[str] = frozenset()  # verbs that also report their object's infinitive ("invite X à …")
    observations: frozenset[str] = frozenset()  # verbs that report nobody without a subject ("On notera que …")
    framing: frozenset[str] = frozenset()  # verbs that frame marked words only ("condamne un « … »")


def _english_forms(lemma: str) -> set[str]:
    if lemma.endswith("e"):
        return {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    plural = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")
    return {plural, lemma + "ed", lemma + "ing"}


def _french_forms(lemma: str) -> set[str]:
    """Regular -er forms: the French lemmatizer reads "traite" as traire and "affirmant" varies."""
    if not lemma.endswith("er"):
        return set()
    stem = lemma[:-2]
    return {stem + end for end in ("e", "ent", "é", "ée", "és", "ées", "ant", "ait", "aient", "a", "èrent",
                                   "era", "eront")}


@lru_cache(maxsize=None)
def cues(lang: str) -> Cues:
    try:
        entries = word_list(f"speech_verbs_{lang}.txt")
    except FileNotFoundError:
        entries = frozenset()
    try:
        roles = dict(line.rsplit(None, 1) for line in word_list(f"speaker_roles_{lang}.txt"))
    except FileNotFoundError:
        roles = {}
    verbs, forms, sources = set(), {}, []
    marked: dict[str, set[str]] = {"+": set(), "=": set(), "~": set()}  # directives, observations, framing
    inflect = _english_forms if lang == "en" else _french_forms
    for entry in entries:
        if entry.startswith("@"):
            sources.append(entry[1:])
            continue
        if entry[:1] in marked:
            marked[entry[0]].add(fold(entry[1:].split()[0]))
            entry = entry[1:]
        lemma, *irregular = entry.split()
        verbs.add(fold(lemma))
        for form in inflect(lemma) | set(irregular) | {lemma}:
            forms[fold(form)] = fold(lemma)
    return Cues(frozenset(verbs), forms, tuple(sorted(sources, key=len, reverse=True)), roles, frozenset(marked["+"]),
                frozenset(marked["="]), frozenset(marked["~"]))


def parsed(doc: Doc) -> bool:
    return doc.has_annotation("DEP")


# What is_cue_verb and lemma read of a word, by the ids they depend on (the word's form, lemma, part of speech,
# dependency), per cue lexicon: they are asked about every verb of every clause many times (46,000 calls per 421
# articles), and reading a Token's strings and folding them each time was most of their cost
_READ: dict[int, tuple[Cues, dict[tuple, object]]] = {}  # id of the cues -> (the cues, answers)


def remembered(c: Cues, key: tuple, read: Callable[[], object]) -> object:
    """An answer about a word, read once per cue lexicon (the memo holds the lexicon, so that its id names no
    other) and kept for every later occurrence of the word."""
    held = _READ.get(id(c))
    if held is None or held[0] is not c or len(held[1]) > 1 << 16:
        held = _READ[id(c)] = (c, {})
    memo = held[1]
    found = memo.get(key)
    if found is None:
        found = memo[key] = read()
    return found


def lemma(tok: Token, c: Cues) -> str:
    """Accent-folded lemma: "reconnait" (1990 spelling) is "reconnaître"."""
    return remembered(c, (tok.orth, tok.lemma), lambda: _lemma(tok, c))


def _lemma(tok: Token, c: Cues) -> str:
    low = fold(tok.text.lstrip("-"))
    if low in c.forms:
        return c.forms[low]
    return fold(tok.lemma_) if tok.lemma_ else low


# "a fait savoir que …", "fait valoir que …": the infinitive after "faire" reports speech
_AFTER_FAIRE = {"savoir", "valoir", "remarquer", "observer"}


_VERBAL = frozenset({VERB, AUX})


def is_cue_verb(tok: Token, c: Cues) -> bool:
    if tok.pos and tok.pos not in _VERBAL:  # most words: no need to look further
        return False
    verdict, after_faire = remembered(c, (tok.orth, tok.lemma, tok.pos, tok.dep), lambda: _cue_verb_word(tok, c))
    if after_faire and tok.i > 0 and tok.doc[tok.i - 1].lemma_ == "faire":
        return True
    return verdict


def _cue_verb_word(tok: Token, c: Cues) -> tuple[bool, bool]:
    """(whether the word is a cue verb, whether it is one after "faire") by the word alone (a verb or untagged)."""
    if tok.dep_ == "amod":  # 'the so-called "Barbenheimer"'
        return False, False
    return lemma(tok, c) in c.verbs, tok.lower_ in _AFTER_FAIRE


def is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") if tok.pos_ else False


def span_of(tokens: list[Token] | SpacySpan) -> Span:
    tokens = list(tokens)
    doc = tokens[0].doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return Span(start, end, doc_text(doc)[start:end])


def cue_span(verb: Token) -> Span:
    """The verb with its contiguous auxiliaries and inverted pronoun: "a-t-il précisé", "explique-t-il"."""
    doc = verb.doc
    first = verb.i
    if verb.lower_ in _AFTER_FAIRE and first > 0:
        first -= 1  # "a fait savoir"
    # auxiliaries, inverted pronouns and the reflexive of "s'interroge", "s'est défendu"
    while first > 0 and (doc[first - 1].dep_.startswith("aux") or doc[first - 1].lower_ in INVERTED
                         or doc[first - 1].lower_ in ("s'", "se")
                         or doc[first - 1].lower_ == "-t" or (not doc[first - 1].dep_ and _is_aux_word(doc[first - 1]))):
        first -= 1
    last = verb.i
    while last + 1 < len(doc) and (doc[last + 1].lower_ in INVERTED or doc[last + 1].lower_ == "-t"):
        last += 1
    return span_of(doc[first:last + 1])


def _is_aux_word(tok: Token) -> bool:
    return tok.lower_ in {"a", "avait", "ont", "avaient", "aura", "has", "had", "have", "was", "is", "will",
                          "would", "did", "does"}


@dataclass(frozen=True)
class Speaker:
    """The words naming a speaker and how to read them."""

    words: Span  # the name if the phrase has one, else the description or pronoun
    name: Span | None  # a name the words carry
    kind: str  # name / pronoun / role / latter / unnamed / impersonal
    role: str = ""  # PER or ORG, for role descriptions ("le porte-parole", "la direction")
    head: str = ""  # the role noun, to find an actor introduced with it ("le journal espagnol El Pais")
    definite: bool = True


@dataclass(frozen=True)
class Attribution:
    speaker: Speaker | None
    cue: Span | None



LONGEST_MENTION = 300  # characters: no name is longer, so a range query looks that far back and no further


def starting_in(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The mentions (sorted by start, as extract_mentions gives them) that start in [start, end): a
    bisection, where a scan of every mention for every speaker made long articles quadratic."""
    return mentions[bisect_left(mentions, start, key=_start):bisect_left(mentions, end, key=_start)]


def _start(m: Mention) -> int:
    return m.start


def _mention_over(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in starting_in(mentions, start - LONGEST_MENTION, end) if start < m.end]


def phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without clauses hanging off it: the contiguous stretch around the head of the
    words it governs, less those under a clause (or a preposition before it: not "selon" in "selon X")."""
    doc, table = head.doc, token_table(head.doc)
    cut = {child.i for child in head.children if child.dep_ in _CUT_DEPS or child.dep_ == "case" and child.i < head.i}

    def kept(i: int) -> bool:  # up the heads from i: under the head, and not through a cut child
        below = None
        for _ in range(len(doc)):
            if i == head.i:
                return below not in cut
            if table.heads[i] == i:
                return False  # a root reached without meeting the head
            below, i = i, table.heads[i]
        return False
    # read from the words next to the head outwards, not from its whole subtree (a subject's can be the sentence)
    lo = hi = head.i
    while lo > 0 and kept(lo - 1):
        lo -= 1
    while hi + 1 < len(doc) and kept(hi + 1):
        hi += 1
    while hi > lo and table.punct[hi]:
        hi -= 1
    while lo < hi and table.punct[lo]:
        lo += 1
    return list(doc[lo:hi + 1])


def _bare(lower: str) -> str:
    return lower.lstrip("-").replace("t-", "")  # "-t-il" -> "il"


def _role_of(lemma: str, low: str, c: Cues) -> str:
    role = c.roles.get(lemma.lower() or low) or c.roles.get(low, "")
    return "" if role == "DOC" else role  # a document speaks for nobody in particular


def may_refer(lower: str, pos: str, lemma: str, c: Cues) -> bool:
    """Whether ``describe`` may read a word, given by its lower-case form, part of speech and lemma, as a pronoun,
    a role or "the latter" (the readings that refer to someone named elsewhere): False leaves only a name or an
    unnamed source, known without reading the phrase, which spares a scan of every clause argument of an
    article (lib/extract/stances.py)."""
    low = _bare(lower)
    return low in _LATTER or pos == "PRON" or low in PRONOUNS or low in NO_SOURCE or lower in INVERTED or \
        bool(_role_of(lemma, low, c))


_DESCRIBED = "revue_described"


def describe(head: Token, mentions: list[Mention], c: Cues) -> Speaker:
    """Read a speaker phrase headed by ``head``: name, pronoun, role or unnamed source.

    Read once per word and mention list: the quotes' speakers, the coreference look-back (each pronoun
    describes the subjects of the sentences before it) and the stance candidates ask about the same words."""
    memo = head.doc.user_data.get(_DESCRIBED)
    if memo is None or memo[0] is not mentions or memo[1] is not c:
        memo = head.doc.user_data[_DESCRIBED] = (mentions, c, {})
    found = memo[2].get(head.i)
    if found is None:
        found = memo[2][head.i] = _describe(head, mentions, c)
    return found


def _describe(head: Token, mentions: list[Mention], c: Cues) -> Speaker:
    low = _bare(head.lower_)
    if low in _LATTER and any(t.lower_ in ("ce", "the") for t in head.children):
        return Speaker(span_of(sorted([head, *head.children], key=lambda t: t.i)), None, "latter")
    # "Adobe explique que …": a name the tagger reads as a pronoun is still a name
    tagged_pronoun = head.pos_ == "PRON" and not _mention_over(mentions, head.idx, head.idx + len(head.text))
    if tagged_pronoun or low in PRONOUNS or low in NO_SOURCE or head.lower_ in INVERTED:
        return _pronoun(head, low, mentions, c)
    tokens = phrase_tokens(head) if parsed(head.doc) else _capitalised_run(head)
    words = span_of(tokens)
    role = _role_of(head.lemma_, low, c)
    named = _name_in_phrase(head, words, role, mentions, c)
    if named is not None:
        return named
    if role:
        det = next((t for t in tokens if t.dep_ == "det" or t.lower_ in _ARTICLES), None)
        plural = "Plur" in head.morph.get("Number") or (head.lang_ == "en" and head.lower_.endswith("s"))
        definite = det is None or det.lower_ not in {"un", "une", "a", "an"}
        if not plural:
            return Speaker(words, None, "role", role, head.lemma_.lower() or low, definite)
    return Speaker(words, None, "unnamed")


_ARTICLES = {"le", "la", "l'", "les", "un", "une", "the", "a", "an"}
_PLACES = {"LOC", "GPE"}


def _pronoun(head: Token, low: str, mentions: list[Mention], c: Cues) -> Speaker:
    doc = head.doc
    if low in RELATIVE and head.dep_ in SUBJECT_DEPS:  # "Arnaud Montebourg, …, qui a déclaré que"
        target = head.head.head if head.head.dep_.endswith("relcl") else None
        # "le chef de mission de MSF pour la Syrie qui considère": a place in a complement says nothing,
        # the noun it completes does
        while target is not None and target.dep_ == "nmod" and target.ent_type_ in _PLACES and \
                any(t.dep_ == "case" for t in target.children):
            target = target.head
        if target is not None and target.pos_ in ("NOUN", "PROPN"):
            return describe(target, mentions, c)
    if low in PRONOUNS:  # "-t-il" -> "il"
        start = head.idx + (len(head.text) - len(head.text.lstrip("-t")) if head.text.startswith("-") else 0)
        end = head.idx + len(head.text)
        return Speaker(Span(start, end, doc_text(doc)[start:end]), None, "pronoun")
    return Speaker(span_of([head]), None, "unnamed")


def _name_in_phrase(head: Token, words: Span, role: str, mentions: list[Mention], c: Cues) -> Speaker | None:
    """The name a speaker phrase carries: its head, an apposed person, else a named body."""
    doc = head.doc
    apposed = _apposed_person(head, words, mentions)
    if apposed is not None:
        return Speaker(apposed, apposed, "name")
    # "le ministre du Redressement productif" tagged as a name is still a description of a person, while
    # "le parquet d'Évry", "le gouvernement espagnol" name the body that speaks (not Évry, not Spain)
    inside = [m for m in _mention_over(mentions, words.start, words.end)
              if not (role == "PER" and m.text[:1].islower() and fold(m.text).startswith(fold(head.text)))]
    named = [m for m in inside if m.start <= head.idx < m.end]
    if not named and head.pos_ == "NOUN":  # "Jean-Luc Mélenchon, le candidat du Front de gauche, …"
        named = [m for m in _mention_over(mentions, words.start - 3, words.start) if m.label == "PER"
                 and 0 < words.start - m.end <= 3 and doc_text(doc)[m.end:words.start].strip() == ","]
    if not named and role == "PER":  # "Le ministre du Travail, Olivier Dussopt, estime …"
        named = [m for m in starting_in(mentions, words.end + 1, words.end + 4) if m.label == "PER"
                 and doc_text(doc)[words.end:m.start].strip() == "," and doc_text(doc)[m.end:m.end + 2].strip()[:1] == ","]
    # "Ce proche d'Emmanuel Macron", "Sunak's spokesman": a person role's complement is someone else
    # (while "l'entourage de Fillon", "une citation de François Fillon" speak for that person)
    named = named or [m for m in inside if m.label == "PER" and not (role == "PER" and _complement_of(head, m))][:1]
    # "The iPhone maker said": what a company makes is not who speaks
    body = [m for m in inside if m.label in ("ORG", "GPE") and not (role == "ORG" and _compound_of(head, m))][:1]
    if not named and body and role:
        # "un porte-parole de la Maison Blanche": the body speaks unless the person is known
        org = Span(body[0].start, body[0].end, body[0].text)
        return Speaker(words, org, "role", role, head.lemma_.lower() or head.lower_)
    named = named or body
    if named and named[0].label in ("ORG", "GPE"):
        named = [_titled_person(doc, named[0], mentions, c) or named[0]]
    if named:
        name = Span(named[0].start, named[0].end, named[0].text)
        return Speaker(name, name, "name")
    unlisted = _unlisted_name(head)
    if unlisted is not None:
        return Speaker(unlisted, unlisted, "name")
    acronym = len(head.text) > 1 and head.text.isupper() and head.is_alpha  # "le PNF" tagged as a noun
    if head.pos_ == "PROPN" or (not head.pos_ and head.text[:1].isupper()) or acronym:
        run = _capitalised_run(head)
        if not role and (not parsed(doc) or all(t.pos_ == "PROPN" or t.text.isupper() for t in run)):
            name = span_of(run)
            return Speaker(name, name, "name")
    written = _written_as_name(head, words) if not role and head.pos_ == "NOUN" else None
    if written is not None:
        return Speaker(written, written, "name")
    return None


_TITLE_WORD = re.compile(r"[^\W\d_][\w.'’-]*")


def _titled_person(doc: Doc, body: Mention, mentions: list[Mention], c: Cues) -> Mention | None:
    """The person a body's title introduces in one noun phrase, English style: "African Export–Import Bank president
    Okey Oramah said", "Caloundra coach Geoff Ingram said", "NASA's administrator Jim Bridenstine": the person speaks,
    the body is who they speak for (the gold names the person). Only title words stand between the two names, one
    of them a person role of the role list; the small English parser reads the body as the phrase's head."""
    person = next((m for m in starting_in(mentions, body.end + 1, body.end + 60) if m.label == "PER"), None)
    if person is None:
        return None
    between = doc_text(doc)[body.end:person.start].replace("'s ", " ").replace("’s ", " ").split()
    titled = 0 < len(between) <= 3 and all(_TITLE_WORD.fullmatch(w) for w in between) and \
        any(c.roles.get(w.lower()) == "PER" for w in between)
    return person if titled else None


def _written_as_name(head: Token, words: Span) -> Span | None:
    """A phrase the tagger read as common nouns but written as a name that the entity recognizer missed: a
    capital inside the word ("La FFtri annonce"), or every word capitalised ("Presse Océan précise")."""
    span = head.doc.char_span(words.start, words.end, alignment_mode="expand")
    named = [t for t in span or [] if t.is_alpha and t.lower_ not in _ARTICLES]
    if not named or not all(t.text[:1].isupper() for t in named):
        return None
    if len(named) > 1 or any(ch.isupper() for ch in head.text[1:]):
        return span_of(named)
    return None


def _unlisted_name(head: Token) -> Span | None:
    """A proper name apposed to a role noun that the entity recognizer missed: "Le patineur artistique
    Yuzuru Hanyū a annoncé", "a indiqué l'agence de presse officielle syrienne Sana"."""
    if head.pos_ != "NOUN" or not parsed(head.doc):
        return None
    for t in head.children:
        if t.i > head.i and t.pos_ == "PROPN" and t.dep_ in ("appos", "flat:name", "flat", "nmod") \
                and not any(c.dep_ == "case" for c in t.children):
            return span_of([x for x in _capitalised_run(t) if x.i > head.i])
    return None


def _complement_of(head: Token, mention: Mention) -> bool:
    """The mention is a "de"/"of"/possessive complement of a common-noun head."""
    if head.pos_ != "NOUN" or not parsed(head.doc):
        return False
    span = head.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or head in span:
        return False
    root = span[0]  # "d'Emmanuel Macron": the parser may hang the surname elsewhere
    return root.dep_ in ("nmod", "nmod:poss", "poss", "pobj") and any(
        t.dep_ == "case" and t.lower_ in ("de", "d'", "du", "des", "of", "'s", "’s") for t in root.children) \
        or root.dep_ == "pobj" and root.head.lower_ == "of"


def _compound_of(head: Token, mention: Mention) -> bool:
    return any(t.dep_ == "compound" and t.head.i == head.i and mention.start <= t.idx < mention.end
               for t in head.children)


def _apposed_person(head: Token, words: Span, mentions: list[Mention]) -> Span | None:
    """The person a description introduces after a comma, which names the speaker rather than a name
    inside the description: "a déclaré le porte-parole de la présidence russe, Dmitri Peskov" (parsed as
    a conjunct), "L'avocat de Claude Guéant, Philippe Bouchez El Ghozi, a dénoncé" (apposed to Guéant)."""
    if head.pos_ != "NOUN" or not parsed(head.doc):
        return None
    doc = head.doc
    clauses = {t.i for child in head.children if child.dep_ in _CUT_DEPS - {"conj"} for t in child.subtree}
    if any(t.dep_ == "cc" for child in head.children if child.dep_ == "conj" for t in child.children):
        return None  # "le ministre, Paul Durand et Anne Roy": several people, no one speaker
    end = head.right_edge.idx + len(head.right_edge.text)
    for m in starting_in(mentions, words.start + 1, end + 1):
        if m.label != "PER" or not doc_text(doc)[max(0, m.start - 40):m.start].rstrip().endswith(","):
            continue
        first = doc.char_span(m.start, m.end, alignment_mode="expand")
        if first is not None and first[0].i not in clauses and head.i < first[0].i:
            return Span(m.start, m.end, m.text)
    return None


def _capitalised_run(head: Token) -> list[Token]:
    """A name written as capitalised words, for pipelines without a parser: "said Dmitri Peskov"."""
    doc = head.doc
    lo = hi = head.i
    while lo > 0 and doc[lo - 1].text[:1].isupper() and doc[lo - 1].is_alpha:
        lo -= 1
    while hi + 1 < len(doc) and (doc[hi + 1].text[:1].isupper() or doc[hi + 1].text in ("-", "'s")) \
            and not doc[hi + 1].is_punct:
        hi += 1
    return list(doc[lo:hi + 1])


def subject_of(verb: Token, mentions: list[Mention], c: Cues, depth: int = 0,
               quoted: Callable[[Token], bool] = lambda t: False) -> Attribution:
    """The speaker of a cue verb: its subject, or the subject of the verb it depends on.

    "Philippe Varin a précisé que … en ajoutant : « … »": "ajoutant" has no subject
    of its own and takes Varin from "a précisé".
    """
    cue = cue_span(verb)
    if not parsed(verb.doc):
        return Attribution(_subject_by_shape(verb, mentions, c), cue)
    subjects = [t for t in verb.children if t.dep_ in SUBJECT_DEPS and t.lower_ != "-t" and not quoted(t)]
    agents = [t for t in verb.children if t.dep_ in ("obl:agent", "agent")]
    # "…, accusée par Nicolas Sarkozy de prendre …": a participle with an agent is passive without its auxiliary
    passive = any(t.dep_ == "aux:pass" or t.dep_ == "auxpass" for t in verb.children) or \
        bool(agents) and "Part" in verb.morph.get("VerbForm") and not any(t.dep_.startswith("aux") for t in verb.children)
    if passive and agents:  # "qualifiée de « nécessaire » par le gouvernement"; English "by" heads the agent
        agent = next((t for t in agents[0].children if t.dep_ == "pobj"), agents[0])
        return Attribution(describe(agent, mentions, c), cue)
    if passive:
        if all(t.lower_ in ("il", "it") for t in subjects):
            return Attribution(None, _impersonal_cue(verb, cue))  # "Il a été signalé que …"
        return Attribution(None, None)  # "Ce revirement a été critiqué": no speech is reported
    # "lui avait dit Christian Jacob": the clitic "lui" is the addressee, not the subject
    rank = {"PROPN": 0, "NOUN": 1, "PRON": 2}  # "Ému, il déclare": not the adjective
    subjects = [_past_dateline(t) for t in subjects]
    # "KYIV, Ukraine (AP) — Ukrainian President Volodymyr Zelenskyy … urged": the dateline is no subject
    subjects.sort(key=lambda t: (_dateline(t), t.lower_ in ("lui", "leur"), rank.get(t.pos_, 3)))
    if subjects:
        return Attribution(describe(subjects[0], mentions, c), cue)
    lost = _fronted_subject(verb, cue, mentions) or _inverted_subject(verb, cue)
    if lost is not None:
        return Attribution(describe(lost, mentions, c), cue)
    controller = _object_controller(verb, c)
    if controller is not None:
        return Attribution(describe(controller, mentions, c), cue)
    if depth < 3 and verb.head != verb:
        # "Connor said the cuts would affect sales, adding that …": a participle speaks with the
        # speech verb above it, not with the verb of the reported clause it hangs from
        above = [t for t in verb.ancestors if is_cue_verb(t, c)][:1]
        participle = "Part" in verb.morph.get("VerbForm") or "Ger" in verb.morph.get("VerbForm")
        head = above[0] if participle and above else verb.head
        inherited = subject_of(head, mentions, c, depth + 1, quoted)
        return Attribution(inherited.speaker, cue)
    return Attribution(None, cue)


def _object_controller(verb: Token, c: Cues) -> Token | None:
    """The object that is the subject of an infinitive: "… ont conduit le Conseil de sécurité à exprimer sa
    « profonde préoccupation »" is the Council's concern, not that of whoever led it there. Not when the verb
    above reports speech itself ("invite X à …", "accuse X de …": the inviter, the accuser speak)."""
    if "Inf" not in verb.morph.get("VerbForm") or verb.dep_ not in ("xcomp", "advcl") or is_cue_verb(verb.head, c):
        return None
    if not any(t.dep_ == "mark" and t.lower_ in ("à", "de", "d'") for t in verb.children):
        return None
    objects = [t for t in verb.head.children if t.dep_ == "obj" and t.pos_ in ("NOUN", "PROPN") and t.i < verb.i]
    return objects[-1] if objects else None


def is_finite(verb: Token) -> bool:
    """A conjugated verb or a compound tense ("affirme", "a rappelé"), not "ajoutant" or "avoir dit"."""
    forms = verb.morph.get("VerbForm")
    return "Fin" in forms or any(t.dep_.startswith("aux") and "Fin" in t.morph.get("VerbForm") for t in verb.children)


# what may stand before a clause's subject: "…, et François Hollande a confié", "Vers 8h00, Arnaud Benedetti, …"
_CLAUSE_OPENERS = {",", ";", "et", "mais", "puis", "and", "but"}


def _fronted_subject(verb: Token, cue: Span, mentions: list[Mention]) -> Token | None:
    """The subject the parser lost: a name right before the finite cue verb, or before one apposition between
    commas that has no verb of its own ("Arnaud Benedetti, professeur associé en histoire de la communication,
    affirme que …", parsed as an apposition of "Vers 8h00"; "… et François Hollande a confié …, que", parsed as
    a conjunct of the first clause's subject). The name must open its clause: in "le rapport de Paul Durand,
    publié hier, affirme", Durand is no subject."""
    if not is_finite(verb):
        return None
    doc, sent = verb.doc, verb.sent
    at = _cue_start(verb, cue)
    j = at - 1
    if j > sent.start and doc[j].text == ",":  # an apposition: back to the comma that opens it
        j -= 1
        while j > sent.start and doc[j].text != ",":
            if is_finite(doc[j]) and doc[j].pos_ in ("VERB", "AUX"):
                return None  # a clause, not an apposition: "Paul, qui a vu Anne, affirme" is the parser's to read
            j -= 1
        if j <= sent.start or j == at - 2:
            return None
        j -= 1
    if j < sent.start:
        return None
    name_end = doc[j].idx + len(doc[j].text)
    named = [m for m in _mention_over(mentions, name_end - 1, name_end) if m.end == name_end]
    first = doc.char_span(named[0].start, named[0].end, alignment_mode="expand") if named else None
    if first is None or first.start < sent.start:
        return None
    opens = first.start - (first.start > sent.start and doc[first.start - 1].pos_ == "DET")  # "et la préfecture de …"
    if opens > sent.start and doc[opens - 1].lower_ not in _CLAUSE_OPENERS:
        return None
    return first[0]


def _cue_start(verb: Token, cue: Span) -> int:
    """The cue's first word: "a" of "a rappelé"."""
    at, first = verb.i, verb.sent.start
    while at > first and verb.doc[at - 1].idx >= cue.start:
        at -= 1
    return at


_CLOSING_MARKS = {"»", "”"}  # not the straight '"', which opens as often as it closes


def _inverted_subject(verb: Token, cue: Span) -> Token | None:
    """The subject after the cue verb right after a quote, which the parser reads as its object: "« … », a
    précisé le Conseil d'État", "« … » a expliqué l'entraîneur Patrice Canayer, estimant que …"."""
    if not is_finite(verb):
        return None
    doc = verb.doc
    k = _cue_start(verb, cue) - 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
    if k < 0 or doc[k].text not in _CLOSING_MARKS:
        return None
    window = []
    for t in doc[verb.i + 1:verb.i + 15]:
        if t.pos_ == "SCONJ" or t.lower_ in ("que", "qu'", "qu’"):
            break  # "a ajouté que les Français …": what follows is the content, not the speaker
        window.append(t)
    return _first_noun_after(verb, window)


def _past_dateline(subject: Token) -> Token:
    """"LONDON (AP) — Britain's Prime Minister Rishi Sunak said": the parser may make the dateline
    the subject and the speaker its apposition."""
    if not _dateline(subject):
        return subject
    apposed = [t for t in subject.children if t.dep_ == "appos" and not t.text.isupper()
               and t.ent_type_ not in ("GPE", "LOC", "ORG")]  # not "KYIV, Ukraine (AP)"
    return apposed[-1] if apposed else subject


def _dateline(tok: Token) -> bool:
    return tok.text.isupper() and len(tok.text) > 2 and tok.is_sent_start


def _impersonal_cue(verb: Token, cue: Span) -> Span:
    expl = [t for t in verb.children if t.dep_ in SUBJECT_DEPS and t.i < verb.i]
    if expl:
        doc = verb.doc
        return Span(expl[0].idx, cue.end, doc_text(doc)[expl[0].idx:cue.end])
    return cue


def _subject_by_shape(verb: Token, mentions: list[Mention], c: Cues) -> Speaker | None:
    """Without a parser: the pronoun or capitalised name right before (or after) the verb."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and _is_aux_word(doc[i]):
        i -= 1
    if i >= 0 and (doc[i].lower_ in PRONOUNS or doc[i].text[:1].isupper() and doc[i].is_alpha
                   or i > 0 and doc[i - 1].lower_ == "the"):  # "the minister said"
        return describe(doc[i], mentions, c)
    j = verb.i + 1
    if j < len(doc) and doc[j].lower_ in ("the", "le", "la"):
        j += 1
    if j < len(doc) and (doc[j].text[:1].isupper() or doc[j].lower_ in PRONOUNS) and doc[j].is_alpha:
        return describe(doc[j], mentions, c)
    return None


def incise(tokens: list[Token], mentions: list[Mention], c: Cues) -> Attribution | None:
    """An incise at the start of ``tokens``: ", a déclaré Peskov", "explique-t-il", "he said", "said KCNA"."""
    k = 0
    while k < len(tokens) and tokens[k].is_punct and tokens[k].text in ",;–—-()":
        k += 1
    window = tokens[k:k + 14]
    if not window:
        return None
    # verb first (French incise, English "said KCNA"), with clitics and auxiliaries before it
    j = adverbs = 0
    while j < len(window) - 1:
        # "a-t-elle encore ajouté", "avait-il ensuite précisé": an adverb after the inverted subject stands
        # between the auxiliary and its participle
        if window[j].pos_ == "ADV" and any(t.lower_ in INVERTED for t in window[:j]):
            adverbs += 1
        elif not (window[j].lower_ in _OBJECT_CLITICS or window[j].lower_ in INVERTED or window[j].lower_ == "-t"
                  or window[j].dep_.startswith("aux") or (not window[j].dep_ and _is_aux_word(window[j]))):
            break
        j += 1
    verb = window[j]
    inverted = [t for t in window[:j + 3] if t.lower_ in INVERTED]
    # "», s'est défendu Bruno Le Roux": any verb with its subject after it is an incise
    named_after = [t for t in verb.children if t.dep_ in SUBJECT_DEPS and t.i > verb.i and t.pos_ == "PROPN"] \
        if parsed(verb.doc) else []  # spaCy crashes on .children of an unparsed doc
    # "a-t-il martelé": the tagger may read an incise's participle as a noun; the inversion makes it a verb
    lexical = inverted and fold(verb.text) in c.forms
    if j - adverbs < 4 and (is_cue_verb(verb, c) or (inverted and is_verb(verb)) or named_after and is_verb(verb) or lexical):
        if inverted:
            return Attribution(describe(inverted[-1], mentions, c), cue_span(_main_verb(verb, window, c)))
        found = subject_of(verb, mentions, c)
        if found.speaker is not None and found.speaker.words.start > verb.idx:
            return found
        head = _first_noun_after(verb, window[j + 1:])
        if head is not None:
            return Attribution(describe(head, mentions, c), cue_span(verb))
        return None
    # subject first: "he said", "the minister said", "Peskov a ajouté"
    for t in window[:8]:
        if t.is_punct and t.text in ".;:!?":
            break
        if is_cue_verb(t, c):
            found = subject_of(t, mentions, c)
            if found.speaker is not None and found.speaker.words.start >= window[0].idx:
                return found
            break
    return None


def _main_verb(verb: Token, window: list[Token], c: Cues) -> Token:
    """"tente-t-il de corriger": the speech verb after the inverted one when there is one."""
    after = [t for t in window if t.i > verb.i][:3]
    return next((t for t in after if is_cue_verb(t, c)), verb)


def _first_noun_after(verb: Token, window: list[Token]) -> Token | None:
    """The inverted subject: "a déclaré mercredi le porte-parole …", skipping "à l'AFP"."""
    skip_until = -1
    for t in window:
        if t.is_punct and t.text in ".;:!?,":
            if t.text == "," and t.i <= skip_until:
                continue
            return None
        if t.i <= skip_until:
            continue
        if t.pos_ == "ADP" or t.lower_ in ("à", "au", "aux", "to", "sur", "dans", "lors"):
            # "déclare à l'AFP Jean-Philippe Magnen": skip the prepositional phrase's noun only
            skip_until = t.head.i if parsed(t.doc) and t.head.i > t.i else t.i + 2
            continue
        if t.pos_ in ("PROPN", "NOUN", "PRON") or (not t.pos_ and (t.text[:1].isupper() or t.lower_ in PRONOUNS)):
            if t.pos_ == "NOUN" and t.dep_ in ("obl:mod", "obl", "nmod") and t.head.i == verb.i and \
                    "Number" not in t.morph:  # "mercredi"
                continue
            if t.ent_type_ == "DATE" or t.lower_ in _TIME_WORDS:
                continue
            return _phrase_head(t)
    return None


# weekdays, "hier", "soir", "today"... (lib/data/date_words.tsv) and adverbs between a verb and its subject
_TIME_WORDS = (frozenset(w for kind in ("weekday", "dayword", "part") for w in words_of(kind) if " " not in w)
               | {"later", "earlier", "also"})


def _phrase_head(t: Token) -> Token:
    """Climb from a word to the head of its noun phrase ("le" -> "porte-parole")."""
    if not parsed(t.doc):
        return t
    while t.dep_ in ("det", "amod", "flat:name", "flat", "compound", "case") and t.head != t:
        t = t.head
    return t


def mention_tokens(doc: Doc, m: Mention) -> SpacySpan | None:
    """A mention's tokens, None when its characters cover no token."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


_NAMING_DEPS = ("appos", "nmod", "flat", "flat:name", "compound")  # "le journal Le Monde", "The Guardian newspaper"


def news_outlets(doc: Doc, lang: str, mentions: list[Mention], spans: list[SpacySpan | None]) -> set[int]:
    """The mentions (indices; ``spans`` are their tokens) of news outlets: names the gazetteer lists as MEDIA, and
    names the article calls by a media noun of the speaker roles, next to the name or joined to it by the parse
    ("l'hebdomadaire La Vie", "le journal satirique Le Canard enchaîné", "The Guardian newspaper", "Le Monde, le
    quotidien du soir"), every mention of such a name included. An outlet reports or hosts more often than it
    speaks or acts, but it may ("Canal+ a décidé de couper le signal …"): the speaker ranker and the stance model's
    sentence rows weigh it as a feature, not a rule; what an outlet reports is narration, no stance of its own
    (TONE.md), so its quotes give no quote rows."""
    places, roles, table = gazetteer(), cues(lang).roles, token_table(doc)

    def media(i: int) -> bool:
        return 0 <= i < len(table.words) and \
            roles.get(table.words[i].lower(), roles.get(table.forms[i].lower())) == "MEDIA"

    children: dict[int, list[int]] = {}
    for i, head in enumerate(table.heads):
        if table.deps[i] in _NAMING_DEPS and head != i:
            children.setdefault(head, []).append(i)

    def called(span: SpacySpan) -> bool:
        a, r = span.start, span.root.i
        return media(a - 1) or a >= 2 and table.pos[a - 1] == "ADJ" and media(a - 2) or media(span.end) or \
            table.deps[r] in _NAMING_DEPS and media(table.heads[r]) or any(media(c) for c in children.get(r, ()))
    named = {fold(m.text) for m, span in zip(mentions, spans) if span is not None and called(span)}
    return {i for i, m in enumerate(mentions)
            if fold(m.text) in named or (known := places.lookup(m.text)) is not None and known.kind == "MEDIA"}
