"""Who said it, decided by a ranker learned from the annotated corpus.

For each quote, the candidates are the actor mentions of its sentence and the three sentences before it (and
of the sentence after it, for a quote with no speaker words), plus "nobody" (an unnamed or impersonal source)
and, when none of those mentions is the rules' speaker, the rules' own words (an actor the article knows only
by a description: "le rapporteur public"). Each candidate is described by features of the parse and of the
story so far: is it the rules' choice (lib/quotes, lib/coref), the subject of the speech verb, in the quote's
sentence or how many sentences back, inside the quote or inside another quote's words, a person or an
organisation (a lone surname that the article also gives a person counts as a person), a news outlet, the
preposition that governs it and whether that phrase is an argument of the speech verb ("a déclaré sur BFM TV",
"told the BBC": a venue or an addressee, not the speaker), the same gender as the pronoun that introduces the
quote (the gender any mention of that person tells: "Mme Bush" makes "Barbara Bush" feminine), the previous
quote's speaker, how often the article has named that actor, and for a role noun
whether what it names (a person, a body, a medium, a document) is the candidate's type
(lib/models/speaker_fit.py), and for the clause subject whether its verb says, undergoes (a passive) or does
something else; "nobody" is described by the quote (its kind, its speaker words, whether it has a cue). A
conditional logit scores each candidate, fitted as a softmax over each quote's candidates, so that "nobody" is
learned as the option that beats the best actor, not as one more candidate judged alone; the best one is the
speaker, and its softmax share among the quote's candidates is the attribution's confidence. Weights are JSON
(no pickle).
"""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable

from spacy.tokens import Doc, Token

from lib.nlp import doc_text
from lib.extract.coref import person_genders
from lib.extract.quote_marks import Stretches
from lib.extract.speakers import SUBJECT_DEPS, Cues, cues, is_cue_verb, mention_tokens, news_outlets
from lib.models import DEFAULT_SPEAKERS
from lib.models.binary import BinaryModel, read_model
from lib.models.design import fit_choice
from lib.models.speaker_fit import actor_key, head_type, role_head
from lib.lexicons import DATA
from lib.textkeys import fold
from lib.types import Mention, Quote

MODEL_FILE = DATA / "speaker_model.json"
LOOK_BACK = 3  # sentences before the quote's own
MAX_CANDIDATES = 12  # the nearest mentions: a list of names stays linear
REGULARIZATION_C = 0.3  # of the conditional logit: over 327 CV articles, 0.1 / 0.3 / 1 / 3 gave 653 / 654 / 646 / 644 of 811
NOBODY = -1
OWN_WORDS = -2  # the rules' own speaker words when no candidate mention names it ("le rapporteur public")
_PRONOUNS = {"il": "Masc", "ils": "Masc", "lui": "Masc", "elle": "Fem", "elles": "Fem", "he": "Masc", "him": "Masc",
             "she": "Fem", "her": "Fem", "they": "", "on": "", "je": "", "nous": "", "we": "", "i": ""}


@dataclass(frozen=True)
class SpeakerCandidate:
    mention: int  # index into the article's mentions, or NOBODY
    features: tuple[str, ...]


def _span_kind(q: Quote, doc: Doc) -> str:
    if q.speaker is None:
        return "none"
    words = fold(q.speaker.text).split()
    if len(words) == 1 and words[0] in _PRONOUNS:
        return "pronoun"
    # a description heads on a lowercase word or a role noun, whatever capitals open the sentence or name its
    # body: "La compagnie", "le PDG de la SNCF", "Le ministre colombien de la Santé" are roles, not names
    span = doc.char_span(q.speaker.start, q.speaker.end, alignment_mode="expand")
    root = span.root if span is not None and len(span) else None
    if root is not None and (root.pos_ != "PROPN" and root.text.islower() or root.lower_ in cues(doc.lang_).roles):
        return "role"
    return "name" if any(w[:1].isupper() for w in q.speaker.text.split()) else "role"


def _subject_of_cue(root: Token, cue: Token | None) -> bool:
    if cue is None:
        return False
    head = root if root.dep_ in ("appos", "flat", "flat:name") and root.head != root else root
    head = head.head if head.dep_ in ("appos", "flat", "flat:name") else head
    return head.dep_.startswith("nsubj") and (head.head.i == cue.i or head.head.i == cue.head.i)


def _clause_subject(doc: Doc, q: Quote) -> Token | None:
    """The subject of the nearest verb above the quote and outside it, whatever that verb is: "Le ministère de
    l'Intérieur a décidé de « suspendre … »", "Laurent Berger a twitté que « … »" (no speech verb, so no cue)."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    t = span.root
    while t.head != t:
        t = t.head
        if q.start <= t.idx < q.end:
            continue
        subject = next((c for c in t.children if c.dep_ in SUBJECT_DEPS and not q.start <= c.idx < q.end), None)
        if subject is not None:
            return subject
    return None


def _verb_kind(subject: Token | None, c: Cues) -> str:
    """What the clause's subject does: says (a speech verb), undergoes (a passive: "décrits comme « … »") or
    anything else ("a participé à « un moment d'échange »")."""
    if subject is None:
        return "none"
    if subject.dep_ == "nsubj:pass":
        return "passive"
    return "speech" if is_cue_verb(subject.head, c) else "other"


def _is_subject(m: Mention, root: Token | None, subject: Token | None) -> bool:
    """The mention is that subject, or a name apposed to it ("la ministre de la Culture Miri Regev")."""
    if subject is None or root is None:
        return False
    return m.start <= subject.idx < m.end or root.head.i == subject.i and root.dep_ in ("appos", "flat:name", "flat")


def _governor(root: Token) -> int:
    """The word a prepositional phrase attaches to: the name's head, its preposition's head in English."""
    return root.head.head.i if root.dep_ == "pobj" else root.head.i


def _preposition(root: Token) -> str | None:
    """The preposition that governs a name ("sur BFM TV", "à l'AFP", "selon Reuters", "told the BBC")."""
    if root.dep_ == "pobj":  # English: the name is the object of its preposition
        return root.head.lower_
    return next((fold(c.text) for c in root.children if c.dep_ == "case"), None)


def _labels(mentions: list[Mention]) -> list[str]:
    """Each mention's label, a person's for a lone surname the article also gives a person ("pour Montebourg" read
    as a place in the title, "Arnaud Montebourg" a person in the body): the story, not one sentence's tagging."""
    surnames = {actor_key(m) for m in mentions if m.label == "PER"}
    return ["PER" if m.label != "PER" and len(m.text.split()) == 1 and actor_key(m) in surnames else m.label
            for m in mentions]


def candidates(doc: Doc, quotes: list[Quote], mentions: list[Mention]) -> list[list[SpeakerCandidate]]:
    """The candidates of every quote, in quote order; linear in the article (bounded windows)."""
    sent_starts = [s.start_char for s in doc.sents]
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    starts = [mentions[i].start for i in order]
    spans = [mention_tokens(doc, m) for m in mentions]
    outlets = news_outlets(doc, doc.lang_, mentions, spans)
    quoted = Stretches((q.start, q.end) for q in quotes)
    seen: Counter = Counter()
    salience: dict[int, int] = {}
    for i in order:  # how often the article named this actor (by surname or name) before this mention
        key = actor_key(mentions[i])
        salience[i] = seen[key]
        seen[key] += 1
    genders = person_genders(mentions)
    labels = _labels(mentions)
    title_end = doc_text(doc).find("\n")
    out = []
    previous = ""
    for q in quotes:
        q_sent = bisect_right(sent_starts, q.start) - 1
        span_kind, rule = _span_kind(q, doc), fold(q.speaker_name)
        # a quote with no speaker words may be claimed by the next sentence ("« Vive la France ! » Le consul
        # de France, Pierre Cochard, a ainsi conclu …"): its mentions are candidates too
        k = bisect_right(sent_starts, max(q.end - 1, q.start)) + (span_kind == "none")
        q_sent_end = sent_starts[k] if k < len(sent_starts) else len(doc_text(doc))
        window_start = sent_starts[max(q_sent - LOOK_BACK, 0)] if sent_starts else 0
        lo, hi = bisect_left(starts, window_start), bisect_left(starts, q_sent_end)
        near = sorted(order[lo:hi], key=lambda i: abs(mentions[i].start - q.start))[:MAX_CANDIDATES]
        cue_span = doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand") if q.cue else None
        cue = cue_span.root if cue_span is not None and len(cue_span) else None
        # the speech verb (not a source preposition: "according to X" names the speaker by a preposition)
        verb = cue if cue is not None and fold(q.cue.text) not in cues(doc.lang_).sources else None
        gender = _PRONOUNS.get(fold(q.speaker.text)) if span_kind == "pronoun" else None
        head = role_head(doc, q.speaker.start, q.speaker.end) if span_kind == "role" else None
        htype = head_type(head)
        clause_subject = _clause_subject(doc, q)
        clause_verb = _verb_kind(clause_subject, cues(doc.lang_))
        cands = []
        nearest_person = next((i for i in sorted(near, key=lambda i: -mentions[i].start)
                               if labels[i] == "PER" and mentions[i].end <= q.start), None)
        for i in near:
            m = mentions[i]
            root = spans[i].root if spans[i] is not None else None
            m_sent = bisect_right(sent_starts, m.start) - 1
            dist = q_sent - m_sent
            feats = [f"label={labels[i]}", f"sd={min(dist, 3) if dist >= 0 else -1}", f"span={span_kind}",
                     f"span={span_kind}&sd={min(dist, 3) if dist >= 0 else -1}", f"kind={q.kind}",
                     f"sal={min(salience[i], 3)}"]
            if rule and (fold(m.text) == rule or rule.endswith(fold(m.text)) or fold(m.text).endswith(rule)):
                feats.append("rule")
            if q.speaker is not None and q.speaker.start <= m.start < q.speaker.end:
                feats.append("in_speaker_words")
            if q.start <= m.start < q.end:
                feats.append(f"inside_quote&kind={q.kind}")
            elif quoted.overlap(m.start, m.start + 1):  # another quote's words: "« … des Fabius … », explique-t-il"
                feats.append("inside_other_quote")
            if m.start >= q.end:
                feats.append("after_quote")
            if i in outlets:  # a medium reports or hosts the speaker more often than it speaks
                feats.append("outlet")
            if root is not None:
                feats.append(f"dep={root.dep_}")
                if (prep := _preposition(root)) is not None:
                    feats.append(f"prep={prep}")
                    if verb is not None and _governor(root) == verb.i:  # "a déclaré sur BFM TV", "told the BBC"
                        feats.append("cue_oblique")
                if _subject_of_cue(root, cue):
                    feats.append("subject_of_cue")
                if _is_subject(m, root, clause_subject):
                    feats += [f"clause_subject&span={span_kind}", f"clause_subject&verb={clause_verb}"]
            if gender is not None and labels[i] == "PER":
                feats.append("gender=ok" if not gender or not genders[i] or genders[i] == gender else "gender=clash")
            if gender is not None and labels[i] != "PER":
                feats.append("pronoun_to_nonperson")
            if previous and fold(m.text) == previous:
                feats.append("previous_speaker")
            if i == nearest_person:
                feats.append("nearest_person")
            if m.start < title_end:
                feats.append("in_title")
            if head is not None:  # type fit: "le PDG de la SNCF" is a person, "la direction" a body
                feats.append(f"htype={htype}&label={labels[i]}")
            cands.append(SpeakerCandidate(i, tuple(feats)))
        # how likely "nobody" is depends on what the role noun names (a document, a body, a person)
        cands.insert(0, SpeakerCandidate(NOBODY, ("nobody", f"nobody&span={span_kind}", f"nobody&kind={q.kind}",
                                                  f"nobody&cue={q.cue is not None}&kind={q.kind}",
                                                  f"nobody&rule={'none' if not rule else 'some'}",
                                                  f"nobody&htype={htype}")))
        if rule and not any("rule" in c.features for c in cands):
            cands.append(SpeakerCandidate(OWN_WORDS, ("rule", "own", f"own&span={span_kind}", f"own&kind={q.kind}")))
        out.append(cands)
        previous = rule or previous
    return out


@dataclass(frozen=True)
class SpeakerModel(BinaryModel):
    def choose(self, cands: list[SpeakerCandidate]) -> tuple[int, float]:
        """(mention index or NOBODY, softmax share of the winner among the quote's candidates)."""
        scores = [self.score(c.features) for c in cands]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        best = max(range(len(cands)), key=scores.__getitem__)
        return cands[best].mention, round(exp[best] / sum(exp), 3)

    def confidence_of_rules(self, cands: list[SpeakerCandidate]) -> float:
        """The model's share for the candidate the rules chose (nobody when they named no one)."""
        scores = [self.score(c.features) for c in cands]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        picked = next((k for k, c in enumerate(cands) if "rule" in c.features),
                      next(k for k, c in enumerate(cands) if c.mention == NOBODY))
        return round(exp[picked] / sum(exp), 3)


@lru_cache(maxsize=1)
def shipped_model() -> SpeakerModel | None:
    return read_model(SpeakerModel, MODEL_FILE)


# "model": the ranker picks among the mentions before the quote, "nobody" and the rules' own words (a speaker
# known only by its description); "pronouns": it decides only quotes introduced by a pronoun, and its
# "nobody" leaves the rules' guess; "rules": the parse alone. Over 198 CV articles: .819, .816, .816.
SPEAKER_MODES = ("rules", "model", "pronouns")


def attribute(doc: Doc, quotes: list[Quote], mentions: list[Mention], model: SpeakerModel | None,
              mode: str = DEFAULT_SPEAKERS) -> list[Quote]:
    """The quotes with a confidence for their speaker: the rules' speaker kept ("rules"), the model's choice
    ("model"), or the model's choice of an actor for pronoun speakers only ("pronouns")."""
    if model is None:
        return quotes
    out = []
    for q, cands in zip(quotes, candidates(doc, quotes, mentions)):
        if mode == "rules" or mode == "pronouns" and _span_kind(q, doc) != "pronoun":
            out.append(replace(q, confidence=model.confidence_of_rules(cands)))
            continue
        chosen, confidence = model.choose(cands)
        if chosen == OWN_WORDS or chosen == NOBODY and mode == "pronouns" and q.speaker_name:
            out.append(replace(q, confidence=model.confidence_of_rules(cands)))
        elif chosen == NOBODY:
            out.append(replace(q, speaker_name="", speaker_mention=-1, confidence=confidence))
        else:
            m = mentions[chosen]
            out.append(replace(q, speaker_name=m.text, speaker_mention=m.start, confidence=confidence))
    return out


def train(quotes: Iterable[list[tuple[tuple[str, ...], bool]]], c: float = REGULARIZATION_C) -> SpeakerModel:
    """Fits the candidate scorer from each quote's candidates as (features, is the speaker) pairs."""
    return SpeakerModel(*fit_choice(list(quotes), c))
