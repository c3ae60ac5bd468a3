"""Pronouns and role descriptions of speakers resolved to a named actor.

A light centering model, enough for news attribution: a subject pronoun refers
to the topic of the sentences before it (the speaker they quote, else their
subject); "selon lui" refers to the last speaker; a role description ("le
ministre", "la direction", "un journal espagnol") refers to the actor introduced
with that noun, else to the nearest actor of its kind. A pronoun whose topic is
a thing ("Le dossier a été publié … il dit que …") stays unattributed.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from spacy.tokens import Doc

from lib.lexicons import word_list
from lib.nlp import doc_text, tokens_where
from lib.extract.quote_marks import Marked, inside
from lib.extract.speakers import SUBJECT_DEPS, Cues, Speaker, describe, is_cue_verb, lemma, parsed, starting_in
from lib.textkeys import fold, words
from lib.types import Mention, Span

_PERSONAL = {"he", "she", "him", "her"}
_NOT_PERSON = {"it"}
_GENDER = {"il": "Masc", "ils": "Masc", "elle": "Fem", "elles": "Fem", "lui": "Masc", "eux": "Masc"}
# Roles that lead a party or a movement: "La candidate du RN" after a quote of Marine Le Pen is Le Pen. Not
# "le ministre de la Culture" or "le porte-parole du Kremlin": someone else, usually new to the story.
_LEADS = {"candidat", "candidate", "leader", "chef", "cheffe", "dirigeant", "dirigeante", "patron", "patronne"}
_SINGULAR_GENDER = {"il": "Masc", "lui": "Masc", "he": "Masc", "him": "Masc", "elle": "Fem", "she": "Fem", "her": "Fem"}
_LOOK_BACK = 3  # sentences
_SPEAKER_MEMORY = 1500  # characters: "selon lui" two paragraphs after the last speaker is too far


@dataclass
class Resolver:
    doc: Doc
    mentions: list[Mention]
    marks: tuple[Marked, ...]
    cues: Cues
    sentence_starts: list[int]
    # (cue position, resolved name, whether the speaker is the sentence's topic)
    history: list[tuple[int, Span | None, bool]] = field(default_factory=list)

    def record(self, position: int, name: Span | None, topical: bool = True) -> None:
        # in order of position, a tie after the earlier records: inserted, not the whole history sorted again
        insort(self.history, (position, name, topical), key=lambda item: item[0])

    def sentence(self, position: int) -> int:
        return bisect_right(self.sentence_starts, position) - 1

    @cached_property
    def _exact(self) -> dict[tuple[int, int], int]:
        out: dict[tuple[int, int], int] = {}
        for i, m in enumerate(self.mentions):
            out.setdefault((m.start, m.end), i)
        return out

    @cached_property
    def _by_start(self) -> tuple[list[int], list[int], int]:
        """Mention starts in order, the mentions' indexes in that order, and the longest mention's length:
        the mentions overlapping a span are found by bisection, not by a scan of the article's mentions."""
        order = sorted(range(len(self.mentions)), key=lambda i: self.mentions[i].start)
        return ([self.mentions[i].start for i in order], order,
                max((m.end - m.start for m in self.mentions), default=0))

    def _mention_of(self, name: Span) -> int | None:
        # the mention the name is, else the first one it overlaps ("Tarbes" inside "tribunal de commerce de Tarbes")
        exact = self._exact.get((name.start, name.end))
        if exact is not None:
            return exact
        starts, order, longest = self._by_start
        overlapping = [order[k] for k in range(bisect_left(starts, name.start - longest + 1),
                                                bisect_left(starts, name.end))
                       if self.mentions[order[k]].end > name.start]
        return min(overlapping) if overlapping else None

    def label(self, name: Span) -> str:
        i = self._mention_of(name)
        return self.mentions[i].label if i is not None else ""

    def gender(self, name: Span) -> str:
        """"Fem"/"Masc" as the article tells it of the person named, else ""."""
        i = self._mention_of(name)
        return self._genders[i] if i is not None else ""

    @cached_property
    def _genders(self) -> list[str]:
        return person_genders(self.mentions)

    def _recorded(self, position: int) -> int:
        """How many records come before ``position``: the history is in order of position."""
        return bisect_left(self.history, position, key=lambda item: item[0])

    def last_speaker(self, position: int, pronoun: str = "") -> Span | None:
        for k in range(self._recorded(position) - 1, -1, -1):
            pos, name, _ = self.history[k]
            if position - pos >= _SPEAKER_MEMORY:  # the rest is older still
                return None
            if name is not None and self._fits(pronoun, name):
                return name
        return None

    def _kind(self, name: Span, kinds: tuple[str, ...]) -> bool:
        return not kinds or self.label(name) in kinds + ("",)

    def _fits(self, pronoun: str, name: Span) -> bool:
        label = self.label(name)
        wanted = _SINGULAR_GENDER.get(pronoun)
        if wanted and label == "PER" and self.gender(name) not in (wanted, ""):
            return False  # "elle est saluée par Donald Trump : « … Mme Bush … », a-t-il écrit": not Mme Bush
        if pronoun in _PERSONAL:
            return label in ("PER", "")
        if pronoun in _NOT_PERSON:
            return label != "PER"
        return True

    def resolve(self, speaker: Speaker | None, position: int, after_source: bool = False) -> Span | None:
        """The name a speaker phrase stands for, or None for an unnamed or impersonal source."""
        if speaker is None:
            return None
        if speaker.kind == "name":
            return speaker.name
        position = min(position, speaker.words.start)
        if speaker.kind == "pronoun":
            pronoun = speaker.words.text.lower()
            if after_source:  # "selon lui": the source just quoted, else the person the text is about
                return self.last_speaker(position, pronoun) or self._topic_before(position, pronoun)
            return self._topic_before(position, pronoun)
        if speaker.kind == "role":
            return self._role(speaker, position) or _described(speaker)
        if speaker.kind == "latter":
            return self._last_person_named(speaker.words.start)
        # "Wilkins observed that …": a capitalised one-word subject the tagger read as a common noun is the
        # surname of a person the article names elsewhere
        if speaker.words.text in self._surnames:
            return speaker.words
        return self._body_by_own_noun(speaker.words)

    def _body_by_own_noun(self, words: Span) -> Span | None:
        """"L'autorité avait demandé …" after "l'Autorité de régulation professionnelle de la publicité": a
        definite singular noun the role lexicon does not list names the last body whose name opens with it."""
        span = self.doc.char_span(words.start, words.end, alignment_mode="expand") if parsed(self.doc) else None
        if span is None or not len(span) or span.root.pos_ != "NOUN" or "Plur" in span.root.morph.get("Number"):
            return None
        head = span.root
        if not any(c.dep_ == "det" and c.lower_ in _DEFINITE_WORDS for c in head.children):
            return None
        for m in reversed(starting_in(self.mentions, words.start - _DESCRIPTION_REACH, words.start)):
            own = m.text.split(maxsplit=1)
            if m.label == "ORG" and m.end <= words.start and len(own) > 1 and fold(own[0]) == fold(head.text):
                return Span(m.start, m.end, m.text)
        # "Un bombardement effectué par la coalition internationale anti-EI … La coalition a confirmé": the body
        # the article described before with that noun and its adjectives, when no name opens with the noun
        earlier = [d for d in self._descriptions.get(fold(head.lemma_), ())
                   if words.start - _DESCRIPTION_REACH <= d.start and d.end <= words.start]
        return earlier[-1] if earlier else None

    @cached_property
    def _descriptions(self) -> dict[str, list[Span]]:
        """Each singular common noun's occurrences qualified by adjectives ("la coalition internationale anti-EI"),
        by the noun's lemma, in text order: read once per article."""
        text, out = doc_text(self.doc), {}
        for noun in tokens_where(self.doc, "POS", {"NOUN"}):
            if not noun.is_lower or "Plur" in noun.morph.get("Number"):
                continue
            end = noun.i + 1
            while end < len(self.doc) and self.doc[end].dep_ == "amod" and self.doc[end].head.i == noun.i \
                    and self.doc[end].text[:1].islower():
                end += 1
            if end > noun.i + 1:
                last = self.doc[end - 1]
                out.setdefault(fold(noun.lemma_), []).append(
                    Span(noun.idx, last.idx + len(last.text), text[noun.idx:last.idx + len(last.text)]))
        return out

    @cached_property
    def _surnames(self) -> frozenset[str]:
        return frozenset(m.text.split()[-1] for m in self.mentions if m.label == "PER" and " " in m.text)

    def _last_person_named(self, position: int) -> Span | None:
        """"Rachida Dati ou Christian Estrosi le critiquent, ce dernier expliquant …" is Estrosi:
        the last person the reporter named, in this sentence or the one before."""
        first = self.sentence_starts[max(self.sentence(position) - 1, 0)]
        named = [m for m in self.mentions if m.label == "PER" and first <= m.start and m.end <= position
                 and not inside(self.marks, m.start)]
        return Span(named[-1].start, named[-1].end, named[-1].text) if named else None

    def _head_of(self, speaker: Speaker, position: int) -> Span | None:
        """"« Il faut arrêter de mentir », a lancé Marine Le Pen. La candidate du RN a ajouté …": a definite
        description of an organisation's leader right after a person's sentence is that person, unless that
        person was introduced with the same noun for something else ("le chef de l'opposition Keir Starmer"
        is not "le chef du Labour")."""
        if speaker.head not in _LEADS or not speaker.definite or self.label(speaker.name) != "ORG":
            return None
        topic = self._topic_before(position, "", kinds=("PER",), look_back=1)
        if topic is None:
            return None
        first = next((m for m in self.mentions if words(m.text) and words(m.text)[-1:] == words(topic.text)[-1:]),
                     None)
        return None if first is not None and self._introduced_as(first, speaker.head) else topic

    def _holder(self, speaker: Speaker) -> Span | None:
        """"Guillaume Pepy, président de la SNCF, … le PDG de la SNCF a annoncé": a body has one head, so the
        head of a body is the one person the article introduced as heading it."""
        if speaker.head not in _heads() or not speaker.definite or speaker.name is None:
            return None
        body = fold(speaker.name.text)
        heads = [m for m in starting_in(self.mentions, speaker.words.start - _DESCRIPTION_REACH, speaker.words.start)
                 if m.label == "PER" and m.affiliation and fold(m.affiliation) == body
                 and any(self._introduced_as(m, noun) for noun in _heads())]
        if len({words(m.text)[-1:] and words(m.text)[-1] for m in heads}) != 1:
            return None  # nobody, or several people: "the" head is not known
        return Span(heads[-1].start, heads[-1].end, heads[-1].text)

    def _last_named(self, position: int, label: str) -> Span | None:
        """The last actor of that kind the reporter named in this sentence or the two before."""
        first = self.sentence_starts[max(self.sentence(position) - 2, 0)]
        named = [m for m in self.mentions if m.label == label and first <= m.start and m.end <= position
                 and not inside(self.marks, m.start)]
        return Span(named[-1].start, named[-1].end, named[-1].text) if named else None

    def previous_person(self, position: int) -> Span | None:
        """The person the previous sentence is about, for a quote standing alone after it."""
        s = self.sentence(position)
        if s == 0 or not parsed(self.doc):
            return None
        found, topic = self._subject_topic(self.sentence_starts[s - 1], self.sentence_starts[s], "", 0)
        return topic if found and topic is not None and self.label(topic) == "PER" else None

    def _topic_before(self, position: int, pronoun: str, depth: int = 0,
                      kinds: tuple[str, ...] = (), look_back: int = _LOOK_BACK) -> Span | None:
        s = self.sentence(position)
        for back in range(s, max(s - 1 - look_back, -1), -1):
            start = self.sentence_starts[back]
            end = self.sentence_starts[back + 1] if back + 1 < len(self.sentence_starts) else len(doc_text(self.doc))
            end = min(end, position)  # "Europe Écologie Les Verts faisait part … ; le parti écologiste pense"
            spoken = [name for _, name, topical in self.history[self._recorded(start):self._recorded(end)]
                      if topical]
            if spoken:
                if spoken[-1] is not None and self._fits(pronoun, spoken[-1]) and self._kind(spoken[-1], kinds):
                    return spoken[-1]
                if spoken[-1] is not None:
                    continue
            found, topic = self._subject_topic(start, end, pronoun, depth, kinds)
            if found:
                return topic
        # nothing decided nearby: the last voice ("Il a ajouté …" two sentences after a quote of his)
        return self.last_speaker(position, pronoun) if pronoun and not kinds else None

    def _subject_topic(self, start: int, end: int, pronoun: str, depth: int,
                       kinds: tuple[str, ...] = ()) -> tuple[bool, Span | None]:
        """(decided, name) from the first subject of a sentence that is not inside quote marks."""
        if not parsed(self.doc):
            return False, None
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return False, None
        for tok in span:
            if tok.dep_ not in SUBJECT_DEPS or inside(self.marks, tok.idx) or inside(self.marks, tok.head.idx):
                continue
            described = describe(tok, self.mentions, self.cues)
            if described.kind == "pronoun":
                if depth >= 2 or described.words.text.lower() not in _GENDER | {p: "" for p in _PERSONAL}:
                    return False, None
                if {_SINGULAR_GENDER.get(described.words.text.lower()), _SINGULAR_GENDER.get(pronoun)} == {"Masc", "Fem"}:
                    # "elle est saluée par Donald Trump : « … », a-t-il écrit": "il" is someone else, the agent
                    agent = self._agent(tok, pronoun, kinds)
                    if agent is not None:
                        return True, agent
                    continue
                # "…, alors qu'il était sénateur, selon l'hebdomadaire": a person pronoun is no newspaper
                found = self._topic_before(tok.idx, described.words.text.lower(), depth + 1)
                if found is not None and not self._kind(found, kinds):
                    return False, None
                return True, found
            if described.kind == "name":
                if self._fits(pronoun, described.name) and self._kind(described.name, kinds):
                    return True, described.name
                continue  # "SAN FRANCISCO (Reuters) - Acme Corp will cut …": the next subject
            if described.kind == "role":  # an unresolved role ("le candidat") leaves the topic open
                resolved = self._role(described, tok.idx)
                return resolved is not None, resolved
            if tok.pos_ == "NOUN" and self.cues.roles.get(tok.lemma_.lower()) == "DOC":
                gender = tok.morph.get("Gender")
                wanted = _GENDER.get(pronoun)
                if wanted and gender and gender[0] != wanted or kinds:
                    return False, None  # "Le document recense … L'organisation demande": not the document
                return True, None  # a document is talking: "Le dossier a été publié … il dit que"
            agent = self._agent(tok, pronoun, kinds)  # "L'attaque a été revendiquée par X : « … », a-t-il écrit"
            return (True, agent) if agent is not None else (False, None)
        return self._opening_name(span, pronoun, kinds)

    def _agent(self, subject, pronoun: str, kinds: tuple[str, ...]) -> Span | None:
        """The named agent of a passive verb whose subject cannot be the pronoun: the one acting in the sentence."""
        agent = next((t for t in subject.head.children if t.dep_ in ("obl:agent", "agent")
                      and not inside(self.marks, t.idx)), None)
        if agent is None:
            return None
        agent = next((t for t in agent.children if t.dep_ == "pobj"), agent)  # English "by" heads the agent
        described = describe(agent, self.mentions, self.cues)
        if described.kind != "name" or not self._fits(pronoun, described.name) or not self._kind(described.name, kinds):
            return None
        return described.name

    def _opening_name(self, span, pronoun: str, kinds: tuple[str, ...]) -> tuple[bool, Span | None]:
        """A sentence the parser gave no subject, opened by a name ("Zach Manoun, arrivé de Genève, a été témoin
        …"): the name is what the sentence is about."""
        first = next((t for t in span if not t.is_space and not t.is_punct), None)
        opening = next((m for m in self.mentions if first is not None and m.start == first.idx), None)
        text = doc_text(self.doc)
        if opening is None or inside(self.marks, opening.start) or not text[opening.end:].startswith(","):
            return False, None  # only "Name, apposition, verb …": not a headline's "Fillon et Juppé en campagne"
        name = Span(opening.start, opening.end, opening.text)
        return (True, name) if self._fits(pronoun, name) and self._kind(name, kinds) else (False, None)

    def _role(self, speaker: Speaker, position: int) -> Span | None:
        """"le porte-parole du président russe" is the actor introduced with that noun, else the recent topic.

        Only the topic of the last sentences is trusted: "Le président de la Commission
        européenne a déclaré" is not the last person named three paragraphs earlier.
        """
        kinds = ("PER",) if speaker.role == "PER" else ("ORG",)
        reach = starting_in(self.mentions, speaker.words.start - _DESCRIPTION_REACH, speaker.words.start)
        wanted = _description_words(speaker)
        for m in reversed(reach):  # "au journal espagnol El Pais" … "un journal espagnol a déclaré"
            if m.label in kinds and m.end <= speaker.words.start and self._same_description(m, speaker, wanted):
                return Span(m.start, m.end, m.text)
        if speaker.name is not None:  # "le président de la Commission européenne": the body it names
            return self._head_of(speaker, position) or self._holder(speaker) or speaker.name
        if not speaker.definite:
            return None
        if speaker.role == "MEDIA":  # "les révélations du Canard enchaîné … selon l'hebdomadaire satirique"
            return self._last_named(position, "ORG")
        # an organisation stays the topic for a while ("la direction", "the company"); a person role only
        # for the next sentence: "The president said" is not the governor quoted two sentences earlier
        topic = self._topic_before(position, "", kinds=kinds, look_back=_LOOK_BACK if kinds == ("ORG",) else 1)
        if topic is None:  # "Tesla will cut 10% of its workforce, the company said": the sentence's own subject
            topic = self._topic_before(speaker.words.start, "", kinds=kinds, look_back=0)
        if topic is not None and _another_body(topic, speaker):
            topic = None  # "le tribunal de commerce a prononcé … La compagnie annonce": not the tribunal
        if topic is None and kinds == ("ORG",):
            topic = self._salient(speaker.words.start, "ORG")
        if topic is None and kinds == ("PER",) and self.sentence(position) == 1:
            topic = self._headline_person()
        if topic is None and kinds == ("PER",):
            topic = self._named_next(speaker.words.start)
        return topic

    def _salient(self, position: int, label: str) -> Span | None:
        """The actor of that kind the article has named most so far, when named more than once: "Air
        Méditerranée placée en liquidation … La compagnie annonce qu'elle rembourserait …"."""
        named = [m for m in starting_in(self.mentions, position - _DESCRIPTION_REACH, position)
                 if m.label == label and m.end <= position and not inside(self.marks, m.start)]
        counts: Counter = Counter()
        last: dict[str, Mention] = {}
        for m in named:  # one pass: how often each form was named, and where last
            counts[fold(m.text)] += 1
            last[fold(m.text)] = m
        if not counts:
            return None
        key, count = max(counts.items(), key=lambda kv: (kv[1], last[kv[0]].start))
        if count < 2:
            return None
        return Span(last[key].start, last[key].end, last[key].text)

    def _named_next(self, position: int) -> Span | None:
        """"Le ministre de l'Économie a déclaré que « … ». Bruno Le Maire s'exprimait à Paris.": a role
        named in the next sentence, when that sentence's subject says nothing (a new speaker would)."""
        s = self.sentence(position) + 1
        if s >= len(self.sentence_starts) or not parsed(self.doc):
            return None
        end = self.sentence_starts[s + 1] if s + 1 < len(self.sentence_starts) else len(doc_text(self.doc))
        span = self.doc.char_span(self.sentence_starts[s], end, alignment_mode="contract")
        subject = next((t for t in span or [] if t.dep_ in SUBJECT_DEPS and not inside(self.marks, t.idx)), None)
        says = is_cue_verb(subject.head, self.cues) if subject is not None else False
        says = says and lemma(subject.head, self.cues) not in self.cues.framing  # "X s'exprimait à Paris" says nothing
        if subject is None or says or any(t.dep_ == "conj" for t in subject.children):
            return None  # a new speaker, or several people ("François Fillon et Alain Juppé tiennent meeting")
        described = describe(subject, self.mentions, self.cues)
        return described.name if described.kind == "name" and self.label(described.name) == "PER" else None

    def _headline_person(self) -> Span | None:
        """The one person the headline names, whom the lede describes by role:
        "France : pour Montebourg, le nucléaire …" / "Le ministre du Redressement productif a déclaré …"."""
        title_end = self.sentence_starts[1] if len(self.sentence_starts) > 1 else 0
        # a headline surname the tagger misreads ("Montebourg" as a place) is a person when the body
        # names that person in full ("Arnaud Montebourg")
        surnames = {words(m.text)[-1] for m in self.mentions if m.label == "PER" and words(m.text)}
        named = [m for m in self.mentions if m.end <= title_end and (m.label == "PER" or m.label != "ORG"
                 and len(words(m.text)) == 1 and words(m.text)[0] in surnames)]
        if len({fold(m.text) for m in named}) != 1:
            return None
        return Span(named[0].start, named[0].end, named[0].text)

    def _introduced_as(self, mention: Mention, head: str) -> bool:
        """The text introduced the actor with that noun: around its name ("le roi Mswati III"), or as the
        noun its name opens with ("l'autorité" for "Autorité de régulation professionnelle de la publicité")."""
        if not head:
            return False
        own = mention.text.split(maxsplit=1)
        if mention.label != "PER" and len(own) > 1 and fold(own[0]) == fold(head):
            return True
        before = doc_text(self.doc)[max(0, mention.start - 45):mention.start].lower().split()
        after = doc_text(self.doc)[mention.end:mention.end + 30].lower().split()
        return head in before[-4:] or head in after[:3]

    def _same_description(self, mention: Mention, speaker: Speaker, wanted: set[str]) -> bool:
        """"un journal espagnol" matches "au journal espagnol El Pais", while "le président de la
        Commission européenne" does not match "le président américain Donald Trump"."""
        if not self._introduced_as(mention, speaker.head):
            return False
        return wanted <= set(words(doc_text(self.doc)[max(0, mention.start - 70):mention.end + 50]))


_DEFINITE = re.compile(r"^(?:le|la|l'|l’|the)\s*", re.I)
_DEFINITE_WORDS = {"le", "la", "l'", "l’", "the"}


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    """Nouns of the one person heading a body (lib/data/speaker_heads.txt)."""
    return word_list("speaker_heads.txt")


_DESCRIPTION_REACH = 20_000  # characters looked back for the actor a description introduced (several articles' worth)


def person_genders(mentions: list[Mention]) -> list[str]:
    """Each mention's gender as the whole article tells it ("Fem"/"Masc", else ""): "Mme Bush" and "Barbara
    Bush est décédée" make every "Barbara Bush" and "Bush" of the article feminine. The full name's own
    mentions decide, else those of its surname, when they agree; a surname two people share stays open."""
    votes: dict[str, set[str]] = {}
    for m in mentions:
        if m.label == "PER" and m.person in ("Fem", "Masc"):
            for key in _gender_keys(m):
                votes.setdefault(key, set()).add(m.person)
    out = []
    for m in mentions:
        known = [votes[k] for k in _gender_keys(m) if k in votes] if m.label == "PER" else []
        told = m.person if m.label == "PER" and m.person in ("Fem", "Masc") else ""  # its own honorific first
        out.append(told or (next(iter(known[0])) if known and len(known[0]) == 1 else ""))
    return out


def _gender_keys(m: Mention) -> list[str]:
    """The full name, then the surname."""
    folded = fold(m.text).split()
    return [" ".join(folded), folded[-1]] if len(folded) > 1 else folded


def _description_words(speaker: Speaker) -> set[str]:
    """The content words of a speaker's description; "le ministre en marge d'un déplacement": the circumstance
    is no part of it."""
    described = re.split(r"\s(?:en|à|au|aux|lors|pendant|dans|sur|in|at|on|during|after)\s", speaker.words.text)[0]
    return {w for w in words(described) if len(w) > 3}


def _another_body(name: Span, speaker: Speaker) -> bool:
    """A body named by its own common noun ("tribunal de commerce de Tarbes", "parquet d'Évry") that is not
    the role noun the speaker is called by ("la compagnie"): the noun tells them apart."""
    first = name.text.split(maxsplit=1)[0] if name.text.strip() else ""
    return first[:1].islower() and fold(first) != fold(speaker.head)


def _described(speaker: Speaker) -> Span | None:
    """An actor the article never names, known by its definite description ("le rapporteur public", "selon
    le ministère du Transport"): the annotation rules list that description as the actor, so it is the speaker."""
    found = _DEFINITE.match(speaker.words.text)
    if not speaker.definite or found is None:
        return None
    start = speaker.words.start + found.end()
    return Span(start, speaker.words.end, speaker.words.text[found.end():])
