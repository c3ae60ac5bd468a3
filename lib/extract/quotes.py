"""Quotations and their speakers: direct and partial quotes in marks, indirect speech.

Kinds follow the annotation rules (shared/eval/README.md): a *direct* quote is a
complete utterance in marks; a *partial* one is a fragment built into the
reporter's sentence, kept only when someone says it (titles and scare quotes are
not quotes); *indirect* speech is the clause a cue governs ("a déclaré que …",
"selon X, …", "said …"), with its marks kept and each quoted fragment also
given as a partial. Records carry the speaker's words and the name they resolve
to; the pipeline turns that name into a canonical actor.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Doc, Token

from lib.nlp import doc_text, token_table, tokens_where
from lib.extract.coref import Resolver
from lib.extract.quote_marks import Marked, Ranges, inside, quoted_spans, sentence_starts
from lib.extract.speakers import (INVERTED, PRONOUNS, Attribution, Cues, Speaker, cue_span, cues, describe, incise,
                          is_cue_verb, is_finite, lemma, parsed, starting_in, subject_of)
from lib.models.fragments import FragmentModel
from lib.textkeys import fold
from lib.types import Mention, Quote, Span

_CARRY_OVER = 700  # characters: consecutive quotes of one voice ("…», a-t-il dit. « … »)
_COMPLEMENTIZERS = {"que", "qu'", "that"}
_QUESTION_WORDS = {"si", "s'", "whether", "if", "pourquoi", "comment", "quand", "why", "how", "when", "what",
                   "who", "where"}
_FIRST_PERSON = {"je", "j'", "nous", "i", "we"}
# Who never reports outside quote marks: the writer, the reader or interviewee addressed ("Do you think …?"),
# a demonstrative ("That said, we are …")
_IMPERSONAL = {"on", "il", "it", "one"}
_NO_REPORT = _FIRST_PERSON | {"you", "vous", "tu", "that", "this", "cela", "ça"}
# A fragment modifying a noun is a term, not words someone said: "le principe de la « porte ouverte »".
_TERM_DEPS = {"nmod", "appos", "compound", "flat", "flat:name", "nmod:poss", "acl"}


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: str
    attribution: Attribution | None
    after_source: bool = False  # the speaker follows "selon"/"pour": "selon lui" is the last speaker
    carry: bool = False  # a direct quote with no cue of its own takes the previous voice
    said: bool | None = None  # a fragment the classifier read as someone's words (True) or a term (False)


@dataclass(frozen=True)
class SourceClause:
    """The content a source preposition governs: "selon X, <content>", "<content>, selon X"."""

    start: int
    end: int
    attribution: Attribution
    prep: int  # position of "selon" / "according to"
    relay: Attribution | None = None  # "According to Yonhap, quoting KCNA, …": the quoted words are KCNA's


LONG_SENTENCE = 2000  # characters: past this, a "sentence" is unpunctuated text, cut where the parser cut it


def _bounded(starts: list[int], parser_starts: list[int], length: int) -> list[int]:
    """The reporter's sentence starts, with the parser's added inside any run longer than LONG_SENTENCE, so
    that per-sentence work stays linear on a text without punctuation."""
    out, k = [], 0
    for a, b in zip(starts, starts[1:] + [length]):
        out.append(a)
        if b - a > LONG_SENTENCE:
            while k < len(parser_starts) and parser_starts[k] <= a:
                k += 1
            while k < len(parser_starts) and parser_starts[k] < b:
                out.append(parser_starts[k])
                k += 1
    return out


class _Article:
    """One document's text, tokens, quote marks and reporter sentences."""

    def __init__(self, doc: Doc, lang: str, mentions: list[Mention]) -> None:
        self.doc, self.text, self.mentions, self.lang = doc, doc_text(doc), mentions, lang
        self.cues: Cues = cues(lang)
        self.marks = quoted_spans(self.text)
        self.starts = _bounded(sentence_starts(self.text, self.marks), [s.start_char for s in doc.sents], len(self.text))
        self.token_starts = token_table(doc).starts
        self.marked_texts = Counter(fold(self.text[m.start:m.end]) for m in self.marks)
        # marks and mentions are looked up by position, never scanned whole: a text of thousands of quotes (or
        # mentions) stays linear (issue #14: 200k characters of "Il a déclaré : « Non »." spent 15 of 35 s in scans)
        self.mark_opens = [m.open for m in self.marks]  # the marks do not overlap: sorted by opening and closing
        self.by_start = sorted(mentions, key=lambda x: x.start)
        self.mention_starts = [x.start for x in self.by_start]

    def tokens(self, start: int, end: int) -> list[Token]:
        return list(self.doc[bisect_left(self.token_starts, start):bisect_left(self.token_starts, end)])

    def next_opening(self, position: int) -> int:
        """Where the first quote after ``position`` opens (the text's end if none does)."""
        k = bisect_right(self.mark_opens, position)
        return self.mark_opens[k] if k < len(self.mark_opens) else len(self.text)

    def marks_opening(self, first: int, last: int) -> list[Marked]:
        """The quotes whose opening mark lies in [first, last]."""
        return self.marks[bisect_left(self.mark_opens, first):bisect_right(self.mark_opens, last)]

    def mentions_starting(self, first: int, last: int) -> list[Mention]:
        """The mentions that start in [first, last], in text order."""
        return self.by_start[bisect_left(self.mention_starts, first):bisect_right(self.mention_starts, last)]

    def sentence_bounds(self, position: int) -> tuple[int, int]:
        i = bisect_left(self.starts, position + 1) - 1
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], end

    def outside(self, tok: Token) -> bool:
        return inside(self.marks, tok.idx) is None

    def said_by(self, verb: Token) -> Attribution:
        """The cue verb's speaker; a subject inside quote marks belongs to the quote, not the report."""
        found = subject_of(verb, self.mentions, self.cues, quoted=lambda t: not self.outside(t))
        s_start, s_end = self.sentence_bounds(verb.idx)
        if found.speaker is not None and not s_start <= found.speaker.words.start < s_end:
            return Attribution(None, found.cue)  # the parser ran a headline into the sentence
        return found


def _has_clause(tokens: list[Token], is_parsed: bool) -> bool:
    if not is_parsed:  # no morphology: a few words, or a capitalised sentence ('"Never." he said')
        return sum(t.is_alpha for t in tokens) >= 3 or (bool(tokens) and tokens[0].text[:1].isupper()
                                                       and tokens[-1].text in ".!?…")
    return any("Fin" in t.morph.get("VerbForm") for t in tokens)


def _direct(a: _Article, m: Marked, after: Attribution | None) -> bool:
    """A complete utterance in marks rather than a fragment of the reporter's sentence."""
    content = a.text[m.start:m.end]
    s_start, s_end = a.sentence_bounds(m.open)
    before = re.sub(r"^[\s\-–—]+", "", a.text[s_start:m.open]).rstrip()
    if not _has_clause(a.tokens(m.start, m.end), parsed(a.doc)):
        # "« Pourquoi pas ? », s'interroge Marie Curie": a whole utterance without a verb
        return not before and after is not None and content[-1] in ".!?…"
    rest = a.text[m.close + 1:s_end].strip(" \n.;!?…")
    upper = content[:1].isupper()
    if not before and (after is not None or not rest or m.reopened or rest.startswith(("»", "”"))):
        return True
    if before.endswith(":"):
        return True
    if upper and (re.search(r"[.!?…]\s+[(\[]?[A-ZÀ-Ý«“\"(\[]", content) or content[-1] in ".!?…"):
        return True  # "Moody's explique … que « L'Italie a … . […] Le risque … »"
    last = a.tokens(s_start, m.open)[-1:] if before else []
    return upper and bool(last) and is_cue_verb(last[0], a.cues)  # "avant de poursuivre « Vous êtes … »"


def _is_term(a: _Article, m: Marked) -> bool:
    tokens = [t for t in a.tokens(m.start, m.end) if not t.is_punct]
    if not tokens or not parsed(a.doc) or len(tokens) > 4:
        return False
    roots = [t for t in tokens if not (m.start <= t.head.idx < m.end) or t.head == t]
    root = roots[0] if roots else tokens[0]
    if _naming_participle(root.head) and 0 < tokens[0].i - root.head.i <= 3:  # right before the marks
        return True
    before = a.tokens(max(0, m.open - 30), m.open)[-1:]
    # "la « dédiabolisation » du Front national", "les données initiales « Kiev et Madrid »";
    # not "qualifier sa fille de « petite fille bourgeoise »"
    named_thing = bool(before) and before[0].pos_ in ("DET", "NOUN", "ADJ")
    # a name complementing a noun: "a contesté les chiffres du « Canard »", "les révélations du « Monde »"
    named_thing |= bool(before) and before[0].pos_ == "ADP" and all(t.pos_ == "PROPN" for t in tokens)
    if before and before[0].pos_ == "NOUN" and tokens[0].text[:1].isupper() and not _has_clause(tokens, True):
        return True  # a title after its noun: "l'émission « Quotidien »", "sous le titre « Documents … »"
    return named_thing and root.pos_ in ("NOUN", "PROPN", "VERB") and root.head.pos_ in ("NOUN", "PROPN") \
        and root.dep_ in _TERM_DEPS


def _naming_participle(verb: Token) -> bool:
    """A participle naming the noun it modifies, with nobody said to say it: "le logiciel appelé « WannaCry »",
    "les accords dits de « Minsk II »", 'a print called "Cowboys and Indians"'; not "qualifiée de « nécessaire »
    par le gouvernement", whose agent speaks."""
    return verb.dep_ in ("acl", "acl:relcl") and "Part" in verb.morph.get("VerbForm") \
        and not any(c.dep_ in ("obl:agent", "agent") for c in verb.children)


def _governing(a: _Article, m: Marked) -> Attribution | None:
    """The cue verb the fragment depends on, else the nearest cue verb before it in the sentence."""
    s_start, s_end = a.sentence_bounds(m.open)
    inner = a.tokens(m.start, m.end)
    if parsed(a.doc) and inner:
        tok = next((t for t in inner if not (m.start <= t.head.idx < m.end)), inner[0])
        found: Token | None = None
        for _ in range(8):
            if tok.head == tok:
                break
            tok = tok.head
            if is_cue_verb(tok, a.cues) and a.outside(tok) and s_start <= tok.idx < s_end:
                # "Scholz a assuré que l'Allemagne continuerait à soutenir l'Ukraine « aussi longtemps … »":
                # an infinitive with no subject of its own is inside someone's report, look higher
                if found is None and "Inf" in tok.morph.get("VerbForm") and not any(
                        c.dep_ in ("nsubj", "nsubj:pass") for c in tok.children):
                    found = tok
                    continue
                said = a.said_by(tok)
                if found is None or said.speaker is not None:
                    return said
                break  # the verb above names nobody: "…, affirmant qu'il avait pu observer « … »"
        if found is not None:
            return a.said_by(found)
    for tok in reversed(a.tokens(s_start, m.open)):
        if is_cue_verb(tok, a.cues) and a.outside(tok):
            return a.said_by(tok)
    return None


_BLANKS = re.compile(r"\s*")


def _next_word(text: str, position: int) -> int:
    """The first character at or after ``position`` that is not blank."""
    return _BLANKS.match(text, position).end()


def _colon_source(a: _Article, m: Marked) -> Attribution | None:
    """'Peskov : « … »' or 'X a déclaré : « … »' (the colon may end the previous paragraph)."""
    colon = m.open - 1
    while colon >= 0 and a.text[colon].isspace():
        colon -= 1
    if colon < 0 or a.text[colon] != ":":
        return None
    s_start, _ = a.sentence_bounds(colon)
    tokens = [t for t in a.tokens(s_start, colon) if a.outside(t)]
    for tok in reversed(tokens):
        if is_cue_verb(tok, a.cues):
            return a.said_by(tok)
    named = [x for x in a.mentions_starting(s_start, colon) if x.end <= colon]
    if named and len(tokens) <= 8:
        return Attribution(describe(a.doc.char_span(named[-1].start, named[-1].end, alignment_mode="expand").root,
                                    a.mentions, a.cues), Span(colon, colon + 1, ":"))
    return None


def _incise_after(a: _Article, m: Marked) -> Attribution | None:
    _, s_end = a.sentence_bounds(m.close)
    # "Le Kremlin : « Aucune décision n'a été prise. » Dmitri Peskov a souligné que …": a quote closed by
    # a full stop and followed by a capital starts a new sentence, not an incise (", a-t-il dit", "! he said")
    follows = a.text[m.close + 1:m.close + 3].lstrip()
    if a.text[m.start:m.end].endswith(".") and follows[:1].isupper():
        return None
    return incise(a.tokens(m.close + 1, min(s_end, a.next_opening(m.close))), a.mentions, a.cues)


def _incise_inside(a: _Article, m: Marked) -> Attribution | None:
    """"« Je ne sais pas, a-t-il ajouté, ce qu'il veut »"."""
    tokens = a.tokens(m.start, m.end)
    for k, tok in enumerate(tokens[:-2]):
        if tok.text != ",":
            continue
        window = tokens[k + 1:k + 9]
        closing = next((i for i, t in enumerate(window) if t.text in (",", ".")), None)
        if closing is None:
            continue
        inverted = any(t.lower_ in INVERTED for t in window[:closing])
        # "« J'entretiens avec lui …, confiait d'ailleurs Hamon en 2010. J'écoute ses conseils. »": a cue verb
        # right after the comma with a named subject after it
        verb_first = is_cue_verb(window[0], a.cues) or window[0].dep_.startswith("aux") and len(window) > 1 \
            and is_cue_verb(window[1], a.cues)
        if not (inverted or verb_first and window[closing].text == "." or inverted and window[closing].text == ","):
            continue
        found = incise(window[:closing], a.mentions, a.cues)
        if found is not None and (inverted or found.speaker is not None and found.speaker.kind == "name"
                                  and found.speaker.words.start > window[0].idx):
            return found
    return None


class _Sources:
    """The article's source clauses in the order found, asked by position which one holds a quote (``Ranges``: a
    text of thousands of "selon X" does not scan them all for each of its quotes)."""

    def __init__(self, clauses: list[SourceClause]) -> None:
        self.clauses = clauses
        self._ranges = Ranges((c.start, c.end, i) for i, c in enumerate(clauses))

    def __iter__(self) -> Iterator[SourceClause]:
        return iter(self.clauses)

    def enclosing(self, m: Marked) -> SourceClause | None:
        """The first clause found whose content holds the quote's marks ("selon X, « … »")."""
        # a clause holds the marks when it starts at or before the opening one and ends at most one character before
        # the closing one: it overlaps [m.close - 2, m.open + 1)
        first = min(self._ranges.overlapping(m.close - 2, m.open + 1), default=None)
        return None if first is None else self.clauses[first]


def _source_clauses(a: _Article) -> _Sources:
    """Clauses governed by "selon X, …", "pour X, …", "d'après X", "according to X, …"."""
    out: list[SourceClause] = []
    pattern = "|".join(re.escape(s) for s in a.cues.sources)
    if not pattern:
        return _Sources(out)
    for match in re.finditer(rf"(?<![\w'])({pattern})\s+", a.text, re.I):
        prep = match.group(1).lower()
        if inside(a.marks, match.start()) is not None:
            continue
        s_start, s_end = a.sentence_bounds(match.start())
        relative = _RELATIVE.match(a.text, match.end())
        if relative and prep != "pour":
            # "un scandale, selon lequel il aurait …", "des spéculations selon lesquelles …": what follows the
            # pronoun is the report, its source the noun it stands for, which names nobody
            bounds = _content(a, relative.end(), s_end)
            if bounds is not None:
                cue = Span(match.start(1), match.end(1), match.group(1))
                out.append(SourceClause(*bounds, Attribution(None, cue), match.start()))
            continue
        comma = a.text.find(",", match.end(), s_end)
        np_end = comma if 0 <= comma - match.end() <= 90 else -1
        if np_end < 0 and prep != "pour" and not a.text[s_start:match.start()].strip(" -–—"):
            np_end = _source_phrase_end(a, match.start(), s_end)
        apposed = next((x for x in a.mentions_starting(np_end + 1, _next_word(a.text, np_end + 1))
                        if x.label == "PER" and np_end >= 0 and a.text[x.end:x.end + 2].strip()[:1] == ","), None)
        if apposed is not None:  # "Selon le président du comité, Christophe Borgel, « … »"
            np_end = a.text.find(",", apposed.end)
        elif np_end >= 0:  # "Pour Laurent Berger, secrétaire général de la CFDT, le texte …"
            nxt = a.text.find(",", np_end + 1, s_end)
            segment = a.tokens(np_end + 1, nxt) if nxt > 0 else []
            if segment and segment[0].text[:1].islower() and len(segment) <= 10 and \
                    not any(t.pos_ in ("VERB", "AUX") for t in segment) and not any(inside(a.marks, t.idx) for t in segment):
                np_end = nxt
        np_tokens = a.tokens(match.end(), np_end if np_end >= 0 else s_end)[:12]
        np_tokens = [t for t in np_tokens if not t.is_punct]
        if not np_tokens:
            continue
        speaker = _source_speaker(a, np_tokens)
        lead = a.text[s_start:match.start()].strip(" -–—")
        if prep == "pour":  # "pour Montebourg, le nucléaire …" but not "pour la première fois, …"
            if np_end < 0 or speaker.kind not in ("name", "pronoun") or (lead and not lead.endswith((":", ","))):
                continue
            if np_tokens[0].pos_ in ("VERB", "AUX") or np_tokens[0].lower_ in ("ce", "c'"):
                continue  # a purpose, not a source: "Pour donner du temps à X, …", "Pour ce qui est du parti, …"
        cue = Span(match.start(1), match.end(1), match.group(1))
        # "Le président a démissionné, selon Le Monde, ce qui …" reports what comes before
        postposed = lead.endswith(",") and any(t.pos_ in ("VERB", "AUX") or not parsed(a.doc) and len(lead) > 40
                                               for t in a.tokens(s_start, match.start()))
        # "…, et, selon Paul Ryan, la difficulté …", "destinée, selon eux, à casser …": a source interrupting a
        # clause (after a conjunction, or before the complement it leaves open) reports what follows it
        postposed &= not _interrupts(a, s_start, match.start(), np_end)
        relay = None
        if np_end >= 0 and lead.endswith(",") and _left_open(a, s_start, match.start(), np_end):
            start, end = s_start, s_end  # the report runs across its source, which the gold text keeps inside
        elif np_end >= 0 and (not lead or lead.endswith((":", ","))) and np_end + 1 < s_end and not postposed:
            start, end = np_end + 1, s_end
            # "According to Yonhap, quoting KCNA, the military …": the relay is not the content
            found = re.match(r"\s*(quoting|citing|citant)\s+([^,]{2,90}),", a.text[start:end])
            if found:
                relay_tokens = [t for t in a.tokens(start + found.start(2), start + found.end(2)) if not t.is_punct]
                if relay_tokens:
                    relay = Attribution(_source_speaker(a, relay_tokens),
                                        Span(start + found.start(1), start + found.end(1), found.group(1)))
                start += found.end()
        elif a.text[s_start:match.start()].rstrip().endswith(",") or _clause_before(a, s_start, match, np_end, s_end):
            start, end = s_start, match.start()  # "…, selon le Kremlin.", "… ont été tuées selon un bilan provisoire."
            colon = a.text.rfind(": ", start, end)
            start = colon + 2 if colon >= 0 and inside(a.marks, colon) is None else start  # "Retraites : …"
        else:
            continue
        bounds = _content(a, start, end)
        if bounds is not None:
            out.append(SourceClause(*bounds, Attribution(speaker, cue), match.start(), relay))
    return _Sources(out)


def _word_before(a: _Article, s_start: int, at: int) -> Token | None:
    """The last word of the sentence before a source's preposition."""
    return next((t for t in reversed(a.tokens(s_start, at)) if not t.is_punct), None)


def _interrupts(a: _Article, s_start: int, at: int, np_end: int) -> bool:
    before = _word_before(a, s_start, at)
    after = [t for t in a.tokens(np_end + 1, np_end + 40) if not t.is_punct][:1] if np_end >= 0 else []
    return before is not None and before.pos_ in ("CCONJ", "SCONJ") or bool(after) and after[0].pos_ == "ADP" \
        and after[0].dep_ in ("mark", "case") and "Inf" in after[0].head.morph.get("VerbForm")


def _left_open(a: _Article, s_start: int, at: int, np_end: int) -> bool:
    """A source inserted inside its clause: the words before it end on an auxiliary or copula ("Pascal Troadec
    aurait, d'après Le Parisien, découvert cet or", "One child was, according to the fire service, among the
    dead") or in a subject whose verb follows ("Les chiffres corrects, selon le Métro, sont …"). 8 of the 10
    reports of the annotated corpus that run across their source are such; the rules took the words before it
    for the report ("Pascal Troadec aurait")."""
    last = _word_before(a, s_start, at)
    if last is None or not parsed(a.doc):
        return False
    return last.pos_ == "AUX" or any(t.dep_.startswith("nsubj") and t.head.idx > np_end
                                     for t in (last, *last.ancestors))


def _source_phrase_end(a: _Article, at: int, s_end: int) -> int:
    """End of the source a sentence-initial preposition names with no comma after it ("According to the Saudi
    Interior Ministry over 345 pilgrims have been killed …"): the phrase it heads in the parse; -1 if none."""
    prep = a.tokens(at, at + 1)
    if not prep or not parsed(a.doc):
        return -1
    phrase = prep[0].head if prep[0].dep_ == "case" else prep[0]
    end = phrase.right_edge.idx + len(phrase.right_edge.text)
    return end if end < s_end and inside(a.marks, end - 1) is None and any(
        "Fin" in t.morph.get("VerbForm") for t in a.tokens(end, s_end)) else -1


_RELATIVE = re.compile(r"(?:lequel|laquelle|lesquels|lesquelles|qui|que|quoi|which|whom)\b", re.I)


def _clause_before(a: _Article, s_start: int, match: re.Match, np_end: int, s_end: int) -> bool:
    """"Deux situations y font obstacle selon le sénateur.": a source closing its sentence (or its clause, up to
    a comma) without a comma before it reports the finite clause before it; "des spéculations selon
    lesquelles …" is a relative, not a source."""
    if match.group(1).lower() == "pour" or _RELATIVE.match(a.text, match.end()):
        return False
    if np_end < 0 and s_end - match.end() > 90:
        return False  # a long stretch with no comma: the source starts a clause ("according to X the …")
    return any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in a.tokens(s_start, match.start()))


def _source_speaker(a: _Article, tokens: list[Token]) -> Speaker:
    """The source a preposition names; a name inside the phrase wins ("d'après le quotidien Le Monde")."""
    speaker = describe(_np_head(tokens), a.mentions, a.cues)
    end = tokens[-1].idx + len(tokens[-1].text)
    named = [x for x in starting_in(a.mentions, tokens[0].idx, end) if x.end <= end and x.label in ("PER", "ORG", "GPE")]
    if speaker.kind != "name" and named:
        best = min(named, key=lambda x: ("PER", "ORG", "GPE").index(x.label))
        speaker = describe(a.doc.char_span(best.start, best.end, alignment_mode="expand").root, a.mentions, a.cues)
    return speaker


def _np_head(tokens: list[Token]) -> Token:
    if parsed(tokens[0].doc):
        ids = {t.i for t in tokens}
        heads = [t for t in tokens if t.head.i not in ids or t.head == t]
        if heads:
            return heads[0]
    return next((t for t in tokens if t.text[:1].isupper() or t.lower_ in PRONOUNS), tokens[0])


def _content(a: _Article, start: int, end: int) -> tuple[int, int] | None:
    """Reported content trimmed: "que" dropped, end punctuation and a trailing comma dropped."""
    text = a.text
    while start < end and text[start].isspace():
        start += 1
    low = text[start:end].lower()
    for word in ("qu'", "que ", "that ", "de ", "d'"):
        if low.startswith(word):
            start += len(word)
            break
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    if len(text[start:end].split()) < 2:
        return None
    return start, end


def _clause_end(a: _Article, verb: Token, first: Token, s_end: int, own: Token | None = None) -> int:
    """Where reported content stops: the sentence end, a semicolon, "…, ajoutant que", the cue verb's next
    predicate (not ``own``, the report's own predicate when the parser hung it on the cue verb), an aside in
    parentheses closing the sentence, or the end of the subordinate clause the cue verb sits in."""
    if verb.dep_ == "advcl" and verb.head.i > verb.i and any(c.dep_ == "mark" for c in verb.lefts):
        # "Même si les autorités ont annoncé qu'elles …, la région dispose …": the main clause after it is the
        # writer's (on the development folds: 2 spans mended, 2 reports gained, none lost)
        edge = verb.right_edge
        s_end = min(s_end, max(edge.idx + len(edge.text), first.idx + len(first.text)))
    for tok in a.tokens(first.idx, s_end):
        if not a.outside(tok) or tok == own:
            continue
        if tok.text in (";", ":"):
            return tok.idx
        if tok.text == "(" and _aside_closes(a, tok, s_end):
            return tok.idx  # "l'accuse d'être corrompue (alors même qu'aucune charge n'a été retenue …)."
        if tok.dep_ == "conj" and tok.head.i < first.i and (is_cue_verb(tok, a.cues) or tok.head == verb
                                                                   and is_finite(tok)):
            # "confirme que …, et précise que …": a second report of the same speaker ends the first, and so
            # does a next finite predicate ("estime que le jugement « doit être annulé » et compte demander …"),
            # not a participle clause ("avoir agi intentionnellement, une voix lui ayant donné l'ordre …")
            return min((t.idx for t in tok.children if t.dep_ in ("cc", "punct") and t.i < tok.i), default=tok.idx)
        after_comma = tok.i > first.i and tok.doc[tok.i - 1].text == ","
        # ", adding that …" ends the report; "sanctions were being prepared" does not
        gerund = "Ger" in tok.morph.get("VerbForm") or tok.tag_ == "VBG"
        if after_comma and (gerund or _reporter_clause(a, tok)) or (
                tok.lower_ in ("en", "an") and tok.i + 1 < len(tok.doc) and "Part" in tok.doc[tok.i + 1].morph.get(
                    "VerbForm") and tok.doc[tok.i + 1].morph.get("Tense") == ["Pres"]):
            return tok.idx
    return s_end


def _reporter_clause(a: _Article, tok: Token) -> bool:
    """A clause after a comma that is the reporter's, not the report's: the speaker's next report as a present
    participle ("…, ajoutant que …", "…, arguant du fait que …"; not "…, tuant environ 50 civils"), or a relative
    on the whole report ("…, ce qu'il juge inévitable", "…, ce qui …")."""
    if tok.lower_ == "ce" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in ("qui", "que", "qu'"):
        return True
    return "Part" in tok.morph.get("VerbForm") and tok.morph.get("Tense") == ["Pres"] and is_cue_verb(tok, a.cues)


def _aside_closes(a: _Article, paren: Token, s_end: int) -> bool:
    close = a.text.find(")", paren.idx, s_end)
    return close >= 0 and not a.text[close + 1:s_end].strip(" .;!?…\n")


def _indirect(a: _Article, sources: _Sources) -> list[Candidate]:
    """Clause complements of cue verbs: "a déclaré que …", "a déclaré avoir reçu …", "said …"."""
    if not parsed(a.doc):
        return []
    out: list[Candidate] = []
    # "Selon lui, il y a …, la réponse souligne que …": the source clause is the one report
    taken = Ranges((s.start, s.end, 0) for s in sources)
    verbs = tokens_where(a.doc, "POS", ["VERB", "AUX"]) if a.doc.has_annotation("POS") else a.doc  # is_cue_verb's first test
    for verb in verbs:
        if not is_cue_verb(verb, a.cues) or not a.outside(verb):
            continue
        verb_lemma = lemma(verb, a.cues)
        if verb_lemma in a.cues.framing:
            continue  # "souhaite que …": a stance verb frames marked words only
        if taken.overlap(verb.idx, verb.idx + 1):
            continue  # reported speech inside reported speech stays one entry
        attribution = a.said_by(verb)
        if attribution.cue is None:
            if verb_lemma not in a.cues.directives:
                continue  # a passive with a nominal subject reports nobody's words
            # "est accusé d'avoir provoqué …", "ont été exhortés à rester …": a directive or accusation in the
            # passive reports its infinitive, said by someone unnamed
            attribution = Attribution(None, cue_span(verb))
        if verb_lemma in a.cues.observations and (
                attribution.speaker is None or fold(attribution.speaker.words.text) in _IMPERSONAL):
            continue  # "On notera que …", "À noter que …", "Note that …": the writer's own remark
        if _writers_aside(a, verb):
            continue
        if attribution.speaker is not None and fold(attribution.speaker.words.text) in _NO_REPORT:
            # the writer's own voice outside quote marks ("I think that…" in an interview answer), or a question
            # to the interviewee: not a report (on the corpus's development folds 32 of 33 first-person clauses,
            # and 16 of 16 second-person or demonstrative ones, were not annotated quotes)
            continue
        s_start, s_end = a.sentence_bounds(verb.idx)
        as_said = _as_said(verb)
        stolen = _object_as_subject(verb, s_end)
        first = None if as_said is not None else _complement_start(a, verb, s_end, stolen)
        if as_said is not None:
            attribution, bounds = _as_said_report(a, verb, as_said, attribution, (s_start, s_end))
        elif first is not None:
            bounds = _content(a, first.idx, _clause_end(a, verb, first, s_end, stolen[1] if stolen else None))
        else:
            bounds = _small_clause(a, verb, s_end)
            if bounds is None:
                attribution = _inverted_incise(a, verb, attribution, s_end)
                bounds = _preposed_content(a, verb, attribution, s_start)
        if bounds is None:
            continue
        start, end = bounds
        taken.add(start, end)
        m = inside(a.marks, start, end)
        whole = next((x for x in a.marks_opening(start - 1, end) if x.close <= end and
                      not a.text[start:x.open].strip() and not a.text[x.close + 1:end].strip()), None)
        if m is None and whole is None:
            out.append(Candidate(start, end, "indirect", attribution))
    return out


def _writers_aside(a: _Article, verb: Token) -> bool:
    """The writer addressing the reader, with nobody reported: a verb opening its sentence with no subject, an
    imperative ("Rappelons que …", "Notons aussi que …"), or an infinitive under an impersonal verb ("Il faut dire
    que …", "Il convient de rappeler que …"). The corpus has 10 such clauses, none of them an annotated quote."""
    if verb.dep_ == "xcomp" and "Inf" in verb.morph.get("VerbForm"):
        return any(c.dep_ == "expl:subj" for c in verb.head.children)
    if any(c.dep_.startswith(("nsubj", "aux", "expl")) for c in verb.children) or not verb.morph.get("Mood"):
        return False
    s_start, _ = a.sentence_bounds(verb.idx)
    return not a.text[s_start:verb.idx].strip(" -–—\n")


# "SAN FRANCISCO (Reuters) - ", "PARIS, 12 janvier (AFP) – ", or the dash left after "27 août 2012. - "
_DATELINE = re.compile(r"[\s\-–—]*(?:[A-ZÀ-Ý][A-ZÀ-Ý .,'0-9-]*(?:\([^)]{1,40}\))?\s*[-–—]\s+)?")


def _after_dateline(text: str, start: int) -> int:
    return start + len(_DATELINE.match(text, start).group())


_AS = {"comme", "as"}
_CLITIC_OBJECTS = {"le", "l'", "it"}


def _as_said(verb: Token) -> Token | None:
    """"comme le rapporte X", "comme l'a rappelé X", "as X reported": the "comme"/"as" that makes the cue verb's
    clause an aside on a report around it (its object, if any, the clitic standing for that report)."""
    mark = next((c for c in verb.children if c.i < verb.i and c.lower_ in _AS and c.dep_ in ("mark", "case")), None)
    if mark is None or any(c.dep_ in ("ccomp", "xcomp") or c.dep_ in _OBJECTS and c.lower_ not in _CLITIC_OBJECTS
                           for c in verb.children):
        return None
    return mark


def _as_said_report(a: _Article, verb: Token, mark: Token, attribution: Attribution,
                    sentence: tuple[int, int]) -> tuple[Attribution, tuple[int, int] | None]:
    """Who an "as said" aside names ("…, comme le rapporte France Bleu.", with the subject inverted) and the report
    it attributes: the clause before it, or, when it opens its sentence (or follows a colon), what follows the
    comma after it ("Comme le montrent les données de l'INSEE, depuis 1946, …")."""
    s_start, s_end = sentence
    attribution = _inverted_incise(a, verb, attribution, s_end, force=True)
    edge = verb.right_edge
    if attribution.speaker is None or not mark.idx < attribution.speaker.words.start < edge.idx + len(edge.text):
        return attribution, None  # its own speaker starts inside its clause: "as predicted" names nobody
    start = _after_dateline(a.text, s_start)
    colon = a.text.rfind(": ", start, mark.idx)
    start = colon + 2 if colon >= 0 and inside(a.marks, colon) is None else start
    if a.text[start:mark.idx].strip(" ,"):
        end = mark.idx
    else:
        start = next((t.idx + 1 for t in a.tokens(verb.idx, s_end) if t.text == "," and a.outside(t)), s_end)
        end = s_end
    if any(is_cue_verb(t, a.cues) and t.dep_ != "acl" for t in a.tokens(start, end) if a.outside(t)):
        return attribution, None  # "Comme le rapporte X, Y a déclaré que …": the report's own verb reports it
    return attribution, _content(a, start, end)


def _after_participle(tok: Token) -> bool:
    """"deux suspects identifiés comme étant …", "vu comme …": the participle right before heads the "comme"."""
    return tok.i > 0 and "Part" in tok.doc[tok.i - 1].morph.get("VerbForm")


def _small_clause(a: _Article, verb: Token, s_end: int) -> tuple[int, int] | None:
    """"jugeaient le texte trop proche de …", "considèrent Taïwan comme une partie …", "described the policy as
    addressing …": a cue verb's object and the predicate it gives that object."""
    objects = [c for c in verb.children if c.i > verb.i and c.dep_ in ("obj", "dobj")]
    if not objects:
        return None
    obj = objects[0]
    predicate = next((c for c in verb.children if c.i > obj.i and c.idx < s_end and (
        c.dep_ in ("xcomp", "oprd") and c.pos_ in ("ADJ", "NOUN")
        or c.pos_ in ("ADJ", "NOUN", "PROPN") and any(t.lower_ in _AS and t.dep_ == "case" and not _after_participle(t)
                                                      for t in c.lefts)
        or c.dep_ == "prep" and c.lower_ == "as")), None)
    if predicate is None or not a.outside(predicate):
        return None  # "estimant cette révolte comme « mineure »": the quoted predicate is a partial quote
    edge = predicate.right_edge
    return _content(a, obj.left_edge.idx, min(edge.idx + len(edge.text), s_end))


def _inverted_incise(a: _Article, verb: Token, attribution: Attribution, s_end: int,
                     force: bool = False) -> Attribution:
    """"… va fermer ses portes, a annoncé aujourd'hui la direction.": the parser reads the inverted subject as an
    object, so the unmarked report's incise is read as the incises after quote marks are; ``force``: the verb
    opens an aside with no comma before it ("comme le rapporte France Bleu")."""
    # a subject the parser took from the clause the verb hangs on ("… évoquant la présence d'une bombe a alerté
    # …, a confié une source") is not the verb's own
    borrowed = attribution.speaker is not None and attribution.speaker.words.end <= verb.idx and not any(
        c.dep_.startswith("nsubj") for c in verb.children)
    if attribution.speaker is not None and not borrowed or not parsed(a.doc):
        return attribution
    i = verb.i - 1
    while i >= 0 and a.doc[i].dep_.startswith("aux"):
        i -= 1
    if not force and (i < 0 or a.doc[i].text != ","):
        return attribution
    found = incise(a.tokens(verb.idx if force else a.doc[i].idx + 1, s_end), a.mentions, a.cues)
    return found if found is not None and found.speaker is not None else attribution


def _preposed_content(a: _Article, verb: Token, attribution: Attribution, s_start: int) -> tuple[int, int] | None:
    """"Acme will cut 5,000 jobs, the company said", "Le texte sera retiré, a affirmé le ministre"."""
    if attribution.speaker is None or attribution.cue is None:
        return None
    # the report before the verb: its clausal complement, or a finite clause the parser hung on it as an adverbial,
    # or the clause the parser hung the verb on when its subject follows it ("…, a précisé un de ses avocats")
    reported = any(c.i < verb.i and (c.dep_ == "ccomp" or c.dep_ == "advcl" and is_finite(c)) for c in verb.children) \
        or (verb.dep_ == "parataxis" and verb.head.i < verb.i) \
        or (verb.dep_ in ("ccomp", "conj") and verb.head.i < verb.i and attribution.speaker.words.start > verb.idx)
    before = a.text[s_start:attribution.cue.start]
    if attribution.speaker.words.end <= attribution.cue.start:  # "…, the company said"
        before = a.text[s_start:attribution.speaker.words.start]
    if not reported or not before.rstrip().endswith(","):
        return None
    start = _after_dateline(a.text, s_start)
    end = s_start + len(before.rstrip())
    if any(is_cue_verb(t, a.cues) and t.dep_ != "acl" for t in a.tokens(start, end) if a.outside(t)):
        return None  # "X a déclaré que …, a-t-il ajouté" (not "un appel évoquant …"): the earlier verb reports it
    return _content(a, start, end)


_OBJECTS = {"obj", "iobj", "obl:arg", "dobj", "dative"}


def _object_infinitive(a: _Article, verb: Token, s_end: int) -> Token | None:
    """"demande aux habitants de rester …", "invite les usagers à utiliser …": a directive verb's report is the
    infinitive its object governs (the parser hangs it on the object); its first word, the mark left out."""
    if lemma(verb, a.cues) not in a.cues.directives:
        return None
    for obj in verb.children:
        if obj.i < verb.i or obj.dep_ not in _OBJECTS:
            continue
        for inf in obj.children:
            if inf.i > obj.i and inf.idx < s_end and inf.dep_ in ("acl", "nmod", "xcomp") and \
                    any("Inf" in t.morph.get("VerbForm") for t in (inf, *inf.lefts)) and \
                    any(t.dep_ == "mark" for t in inf.lefts):
                return min((t for t in (inf, *inf.lefts) if t.dep_ != "mark"), key=lambda t: t.i)
    return None


def _complementizer(tok: Token) -> bool:
    """"que"/"that" opening a clause; the parser also reads it as a pronoun after "ce" ("a demandé à ce que soit
    retiré …"), or as a relative's object after a noun although the clause has its own subject and object after it
    ("annonce dans un communiqué qu'elle rembourserait les billets"; not "la presse que connaît la France")."""
    if tok.lower_ not in _COMPLEMENTIZERS:
        return False
    if tok.dep_ == "mark":
        return tok.pos_ in ("SCONJ", "") or tok.pos_ == "PRON" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "ce"
    deps = {c.dep_ for c in tok.head.children if c.i > tok.i}
    return tok.dep_ == "obj" and tok.head.i > tok.i and {"obj", "nsubj"} <= deps


def _complement_start(a: _Article, verb: Token, s_end: int, stolen: tuple[Token, Token] | None) -> Token | None:
    """First word of the clause a cue verb reports: after "que"/"that", an infinitive, the subject the parser took
    for the verb's object (``stolen``, from _object_as_subject), or a ccomp."""
    doc = verb.doc
    directed = _object_infinitive(a, verb, s_end)
    if directed is not None:
        return directed
    # up to the next predicate, through the adverbials of the cue verb's own phrase ("a annoncé aujourd'hui dans une
    # interview à la radio publique allemande qu'il …"; not "l'absence remarquée des champions …, les plus grands
    # noms, tant chez les hommes que …")
    for tok in doc[verb.i + 1:]:
        if tok.idx >= s_end or (tok.is_punct and tok.text in ".;!?«“\""):
            break
        if _complementizer(tok):
            return tok
        if tok.i - verb.i >= 10 and not (tok.is_punct or verb.is_ancestor(tok)):
            break
        if tok.lower_ in _QUESTION_WORDS and tok.dep_ in ("mark", "advmod") and tok.head.dep_ == "ccomp":
            return tok
        if tok.pos_ in ("VERB", "AUX") and tok != verb and not tok.dep_.startswith("aux"):
            break
    if stolen is not None:
        return stolen[0]
    for child in verb.children:
        if child.i > verb.i and child.dep_ in ("ccomp", "xcomp") and child.idx < s_end:
            infinitive = [t for t in [child, *child.children] if "Inf" in t.morph.get("VerbForm")]
            if child.dep_ == "xcomp" and not infinitive:  # "a déclaré avoir reçu", not "qualifié de grossier"
                continue
            first = child.left_edge if child.left_edge.i > verb.i else child
            # "said Monday the government would …": the day dates the saying, not the content
            while first.i < child.i and (first.ent_type_ == "DATE" and first.dep_ in ("npadvmod", "obl:tmod")
                                         or first.dep_ == "prep" and any(t.ent_type_ == "DATE" for t in first.children)):
                first = doc[first.right_edge.i + 1]  # "said on Friday he would …"
            return first
    return None


def _object_as_subject(verb: Token, s_end: int) -> tuple[Token, Token] | None:
    """The first word and the predicate of a clause reported without "that" whose subject the parser took for the
    cue verb's object: "has repeatedly maintained [an impeachment inquiry] is what …", "reported [Hurricane Dorian]
    … had strengthened": the object is followed by a finite verb of the cue's that has no subject."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i > verb.i), None)
    if obj is None:
        return None
    predicate = next((c for c in verb.children if c.i > obj.i and c.idx < s_end and c.dep_ in ("ccomp", "conj", "advcl")
                      and c.pos_ in ("VERB", "AUX") and is_finite(c)
                      and not any(k.dep_.startswith("nsubj") for k in c.children)), None)
    if predicate is None or any(k.dep_ in ("cc", "punct") and obj.i < k.i < predicate.i
                                for k in (*verb.children, *predicate.children)):
        return None  # "announced the schedule … and followed it up …": the cue verb's own second predicate
    return obj.left_edge, predicate


def _colon_headline(a: _Article) -> list[Candidate]:
    """"Le Kremlin n'a pas commenté … : nous n'avons rien publié." (a statement with no marks)."""
    out = []
    if not parsed(a.doc):
        return out
    for tok in tokens_where(a.doc, "ORTH", [":"]):
        if not a.outside(tok):
            continue
        s_start, s_end = a.sentence_bounds(tok.idx)
        after = a.tokens(tok.idx + 1, s_end)
        if not after or any(not a.outside(t) for t in after):
            continue
        if not any(t.lower_ in _FIRST_PERSON and t.dep_.startswith("nsubj") for t in after):
            continue
        subjects = [t for t in a.tokens(s_start, tok.idx) if t.dep_.startswith("nsubj")]
        if not subjects:
            continue
        speaker = describe(subjects[0], a.mentions, a.cues)
        bounds = _content(a, tok.idx + 1, s_end)
        if bounds and speaker.kind in ("name", "role"):
            out.append(Candidate(*bounds, "direct", Attribution(speaker, Span(tok.idx, tok.idx + 1, ":"))))
    return out


def _fragment_source(a: _Article, m: Marked, sources: _Sources,
                     after: Attribution | None) -> tuple[Attribution | None, bool]:
    """Who says a fragment, and whether that is a "selon X" source: the cue verb it depends on, else the
    source clause it sits in, the incise after it, a colon before it, the incise closing its sentence."""
    attribution, after_source = _governing(a, m), False
    source = sources.enclosing(m)
    if source is not None and (attribution is None or attribution.speaker is None or attribution.cue is None
                               or attribution.speaker.kind == "unnamed"
                               or not source.prep < attribution.cue.start < m.open):
        attribution, after_source = source.relay or source.attribution, True
    return attribution or after or _colon_source(a, m) or _sentence_incise(a, m), after_source


def _marked(a: _Article, sources: _Sources, fragments: FragmentModel | None) -> list[Candidate]:
    out: list[Candidate] = []
    for m in a.marks:
        after = _incise_after(a, m)
        if _direct(a, m, after):
            source = sources.enclosing(m)
            said = None if source is None else source.relay or source.attribution
            attribution = after or _incise_inside(a, m) or _colon_source(a, m) or _governing(a, m) or said
            out.append(Candidate(m.start, m.end, "direct", attribution, after_source=attribution is not None
                                 and attribution is said, carry=attribution is None))
            continue
        if _is_term(a, m):
            continue
        attribution, after_source = _fragment_source(a, m, sources, after)
        words = None if fragments is None else fragments.is_quote(fragment_features(a, m, attribution))
        out.append(Candidate(m.start, m.end, "partial", attribution, after_source, said=words))
        if attribution is not None and attribution is after:
            mixed = _mixed_sentence(a, m)
            if mixed is not None:
                out.append(Candidate(*mixed, "indirect", attribution))
    return out


def _word(tok: Token) -> str:
    return tok.lower_ if tok.pos_ in ("ADP", "DET", "SCONJ", "CCONJ", "PRON", "AUX", "PUNCT") else tok.lemma_.lower()


def _length(n: int) -> str:
    return "1" if n == 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8+"


def fragment_features(a: _Article, m: Marked, attribution: Attribution | None) -> tuple[str, ...]:
    """What the fragment classifier (lib/models/fragments.py) reads of a fragment: its parse context."""
    s_start, s_end = a.sentence_bounds(m.open)
    inner = [t for t in a.tokens(m.start, m.end) if not t.is_space]
    before = [t for t in a.tokens(s_start, m.open) if not t.is_space][-2:]
    after = [t for t in a.tokens(m.close + 1, s_end) if not t.is_space and t.text not in "»”\"'"][:1]
    speaker = attribution.speaker if attribution is not None else None
    feats = [f"lang:{a.lang}", f"mark:{a.text[m.open]}", f"len:{_length(sum(t.is_alpha for t in inner))}",
             f"speaker:{speaker.kind if speaker is not None else '-'}",
             f"cue:{int(attribution is not None and attribution.cue is not None)}",
             f"repeated:{int(a.marked_texts[fold(a.text[m.start:m.end])] > 1)}",
             f"upper:{int(a.text[m.start:m.start + 1].isupper())}",
             f"title:{int(m.open < a.text.find(chr(10)))}",
             f"sentence_cue:{int(any(is_cue_verb(t, a.cues) and a.outside(t) for t in a.tokens(s_start, s_end)))}"]
    feats += [f"before:{_word(t)}" for t in before[-1:]] + [f"before_pos:{t.pos_}" for t in before[-1:]]
    feats += [f"before2:{_word(before[0])}"] if len(before) == 2 else ["before2:-"]
    feats += [f"after:{_word(t)}" for t in after] or ["after:-"]
    if parsed(a.doc) and inner:
        feats.append(f"finite:{int(_has_clause(inner, True))}")
        root = next((t for t in inner if not (m.start <= t.head.idx < m.end)), inner[0])
        feats += [f"dep:{root.dep_}", f"pos:{root.pos_}", f"head:{_word(root.head)}", f"head_pos:{root.head.pos_}"]
    return tuple(feats)


def fragment_examples(doc: Doc, lang: str, mentions: list[Mention]) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, features) of every fragment the classifier decides on (neither a direct quote nor a term
    the parse shows: "la « dédiabolisation » du Front national"): training examples."""
    a = _Article(doc, lang, mentions)
    sources = _source_clauses(a)
    out = []
    for m in a.marks:
        after = _incise_after(a, m)
        if not _direct(a, m, after) and not _is_term(a, m):
            attribution, _ = _fragment_source(a, m, sources, after)
            out.append((m.start, m.end, fragment_features(a, m, attribution)))
    return out


def _sentence_incise(a: _Article, m: Marked) -> Attribution | None:
    """The incise closing the sentence: "« Avec … », la question est de savoir « si … » affirme-t-il"."""
    _, s_end = a.sentence_bounds(m.open)
    last = [x for x in a.marks_opening(m.close + 1, s_end) if x.close < s_end]
    return _incise_after(a, last[-1]) if last else None


def _mixed_sentence(a: _Article, m: Marked) -> tuple[int, int] | None:
    """"« Avec … », la question est de savoir « si … » affirme-t-il": the whole report is indirect."""
    s_start, _ = a.sentence_bounds(m.open)
    # up to the sentence's end: the incise after the quote that called this holds a word there (its cue verb)
    _, s_end = a.sentence_bounds(m.close)
    incise_at = next((t.idx for t in a.tokens(m.close + 1, s_end) if not t.is_punct), None)
    if incise_at is None:
        return None
    start = _after_dateline(a.text, s_start)
    words = [t for t in a.tokens(start, incise_at) if a.outside(t) and t.is_alpha]
    if not words or any(is_cue_verb(t, a.cues) for t in words):
        return None
    return _content(a, start, incise_at)


def extract_quotes(doc: Doc, lang: str, mentions: list[Mention], fragments: FragmentModel | None = None) -> list[Quote]:
    """The article's quotes; ``fragments`` decides which quoted fragments are someone's words (else: those the
    rules find a speaker for)."""
    a = _Article(doc, lang, mentions)
    sources = _source_clauses(a)
    candidates = _marked(a, sources, fragments) + _indirect(a, sources) + _colon_headline(a)
    candidates += [Candidate(s.start, s.end, "indirect", s.attribution, after_source=True) for s in sources
                   if inside(a.marks, s.start, s.end) is None and not _all_marked(a, s.start, s.end)]
    candidates = _dedupe(candidates)
    resolver = Resolver(doc, mentions, a.marks, a.cues, a.starts)
    quotes: list[Quote] = []
    previous: Quote | None = None
    previous_name: Span | None = None  # the resolved name of ``previous``
    unattributed: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start, c.end)):
        att = cand.attribution
        if cand.carry:
            voice = previous if previous is not None and cand.start - previous.end < _CARRY_OVER else None
            # "Fillon ne s'est pas laissé perturber. « Plus ils manifesteront, … »": the person just named
            topic = None if voice else resolver.previous_person(cand.start)
            quotes.append(Quote(cand.start, cand.end, doc_text(doc)[cand.start:cand.end], cand.kind,
                                voice.speaker if voice else None, None,
                                voice.speaker_name if voice else topic.text if topic else ""))
            previous = quotes[-1] if voice or topic else previous
            if voice or topic:  # "“Il n'y aura pas de recul.” / Le chef du gouvernement a affirmé …": still Attal
                previous_name = previous_name if voice else topic
                resolver.record(cand.start, previous_name)
            continue
        if cand.kind == "partial" and (cand.said is False or cand.said is None and (att is None or att.speaker is None)):
            unattributed.append(cand)  # a term, title or slogan in marks, unless said elsewhere
            continue
        if att is not None and att.speaker is not None and inside(a.marks, att.speaker.words.start) is not None \
                and inside(a.marks, cand.start) is None:
            att = Attribution(None, att.cue)  # a subject inside someone's quote does not speak the report
        position = att.cue.start if att and att.cue else cand.start
        name = resolver.resolve(att.speaker if att else None, min(position, cand.start), cand.after_source)
        if att and att.speaker is not None:
            # "Fillon est accusé …, selon l'hebdomadaire satirique": a source named after the content is not
            # what the next "il" refers to
            resolver.record(position, name, topical=not (cand.after_source and cand.start < position))
        quote = Quote(cand.start, cand.end, doc_text(doc)[cand.start:cand.end], cand.kind,
                      att.speaker.words if att and att.speaker else None, att.cue if att else None,
                      name.text if name else "")
        quotes.append(quote)
        if quote.speaker_name:
            previous, previous_name = quote, name
    quotes += _repeated(unattributed, quotes, doc_text(doc))
    return sorted(_forward_carry(quotes, a), key=lambda q: (q.start, q.end))


def _repeated(fragments: list[Candidate], quotes: list[Quote], text: str) -> list[Quote]:
    """A headline fragment repeating words quoted in the body takes their speaker ('quasi-state of war')."""
    first_said: dict[str, Quote] = {}  # the first quote of each wording that has a speaker
    for q in quotes:
        if q.speaker_name and q.kind != "indirect":
            first_said.setdefault(fold(q.text), q)
    out = []
    for cand in fragments:
        said = first_said.get(fold(text[cand.start:cand.end]))
        if said is not None:
            out.append(Quote(cand.start, cand.end, text[cand.start:cand.end], "partial", None, None,
                             said.speaker_name))
    return out


def _forward_carry(quotes: list[Quote], a: _Article) -> list[Quote]:
    """A quote with no cue takes the voice of the quote right after it.

    A paragraph of a reopened quote takes the voice named at its last paragraph, and
    in "« Bien entendu, … » « Moi, je me souviens … », a répondu le ministre" both
    quotes are the minister's.
    """
    out = sorted(quotes, key=lambda q: (q.start, q.end))
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        if q.kind != "direct" or q.cue is not None or not nxt.speaker_name or nxt.kind != "direct":
            continue
        m, n = inside(a.marks, q.start, q.end), inside(a.marks, nxt.start, nxt.end)
        adjacent = m is not None and n is not None and not a.text[m.close + 1:n.open].strip(" .,;»”\"")
        if m is not None and (m.reopened or adjacent):
            out[i] = Quote(q.start, q.end, q.text, q.kind, nxt.speaker, nxt.cue, nxt.speaker_name)
    return out


_NOTES = re.compile(r"(?:\s*\[[^\]]{0,20}\])*\s*(?:,|$)")


def _all_marked(a: _Article, start: int, end: int) -> bool:
    """The source's content is a quote in marks, with at most notes ("[1]") or the writer's own clause after a
    comma following it: "Selon X, « … », alors que c'était jusqu'à présent illégal"."""
    return any(m.close < end + 1 and (m.close >= end - 1 or _NOTES.match(a.text[m.close + 1:end]))
               for m in a.marks_opening(start - 1, start + 1))


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    """One entry per stretch and kind: a source clause and a cue verb may report the same content. The first
    candidate kept stays unless it has no speaker and a later one overlapping it does (``Ranges``: a text of
    thousands of quotes does not compare each with all the others)."""
    out: list[Candidate] = []
    kept: dict[str, Ranges] = defaultdict(Ranges)  # by kind: the stretches kept, numbered by their place in ``out``
    for cand in candidates:
        same = kept[cand.kind]
        clash = min(same.overlapping(cand.start, cand.end), default=None)
        if clash is None:
            out.append(cand)
            same.add(cand.start, cand.end, len(out) - 1)
        elif out[clash].attribution is None or out[clash].attribution.speaker is None:
            same.remove(out[clash].start, out[clash].end, clash)
            out[clash] = cand
            same.add(cand.start, cand.end, clash)
    return out


