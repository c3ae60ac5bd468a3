"""Quotations and their speakers: direct and partial quotes in marks, indirect speech.

Records carry the speaker's words (a name, a pronoun or a role); the pipeline
turns them into canonical actors.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span as SpacySpan

from lib.lexicons import speech_verbs
from lib.types import Mention, Quote, Span

OPENERS = {"«": "»", "“": "”", "‹": "›", '"': '"', "„": "“"}
PRONOUNS = {"il", "elle", "lui", "he", "she", "it", "they", "ils", "elles"}


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the content between matching quote marks.

    A French quote closed by a second « (the seed closes a title this way) is
    accepted when that mark is followed by punctuation or the line end.
    """
    spans, i = [], 0
    while i < len(text):
        ch = text[i]
        closer = OPENERS.get(ch)
        if closer is None:
            i += 1
            continue
        j = i + 1
        end = -1
        while j < len(text):
            if text[j] == closer:
                end = j
                break
            if ch == "«" and text[j] == "«" and (j + 1 == len(text) or text[j + 1] in ".,;:!?\n"):
                end = j
                break
            if text[j] == "\n" and ch != '"' and text[j - 1] == "\n":  # paragraph ends an unclosed quote
                break
            j += 1
        if end < 0:
            i += 1
            continue
        inner_start, inner_end = i + 1, end
        while inner_start < inner_end and text[inner_start].isspace():
            inner_start += 1
        while inner_end > inner_start and (text[inner_end - 1].isspace() or text[inner_end - 1] == ","):
            inner_end -= 1
        if inner_end > inner_start:
            spans.append((inner_start, inner_end))
        i = end + 1
    return spans


def _is_direct(content: str, doc: Doc, start: int) -> bool:
    """A complete utterance: starts with a capital and has several words."""
    before = doc.text[:start - 1].rstrip()
    at_boundary = not before or before[-1] in ".!?:\n"
    return content[:1].isupper() and len(content.split()) >= 4 and (at_boundary or content[-1:] in ".!?")


def _speech_verb(token, verbs: frozenset[str]) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in verbs


def _subject(verb) -> SpacySpan | None:
    for child in verb.children:
        if child.dep_.startswith("nsubj"):
            if child.pos_ == "PROPN":
                left = child.left_edge.i
                right = child.i + 1
                while right < len(child.doc) and child.doc[right].dep_ == "flat:name":
                    right += 1
                return child.doc[max(left, child.i - 3):right] if left < child.i else child.doc[child.i:right]
            return child.doc[child.i:child.i + 1] if child.pos_ == "PRON" else child.doc[child.left_edge.i:child.right_edge.i + 1]
    return None


def _verb_span(verb) -> Span:
    doc = verb.doc
    start = verb.i
    while start > 0 and doc[start - 1].dep_.startswith("aux"):
        start -= 1
    return Span(doc[start].idx, verb.idx + len(verb.text), doc.text[doc[start].idx:verb.idx + len(verb.text)])


def _incise(doc: Doc, end: int, verbs: frozenset[str]) -> tuple[Span | None, Span | None]:
    """Speaker and cue of an incise after the closing mark: '», a déclaré Peskov'."""
    tokens = [t for t in doc if t.idx > end][:12]
    for k, tok in enumerate(tokens):
        if tok.is_sent_start and k > 0 or tok.text in ".!?":
            break
        if _speech_verb(tok, verbs):
            subj = _subject(tok)
            if subj is None:
                names = [t for t in tokens[k + 1:] if t.pos_ in ("PROPN", "PRON")]
                if names:
                    first = names[0]
                    last = first
                    while last.i + 1 < len(doc) and doc[last.i + 1].pos_ == "PROPN":
                        last = doc[last.i + 1]
                    subj = doc[first.i:last.i + 1]
            if subj is not None:
                return Span(subj.start_char, subj.end_char, subj.text), _verb_span(tok)
    return None, None


def _governing_verb(doc: Doc, start: int, end: int, verbs: frozenset[str]) -> tuple[Span | None, Span | None]:
    """Speaker and cue from a speech verb earlier in the quote's sentence."""
    sent = doc.char_span(start, end, alignment_mode="expand")
    if sent is None:
        return None, None
    for tok in reversed([t for t in sent.sent if t.idx < start]):
        if _speech_verb(tok, verbs):
            subj = _subject(tok)
            if subj is not None:
                return Span(subj.start_char, subj.end_char, subj.text), _verb_span(tok)
    return None, None


def _indirect(doc: Doc, verbs: frozenset[str]) -> list[Quote]:
    """'X a déclaré que …', 'X said that …', 'selon X, …', 'according to X, …'."""
    quotes = []
    for tok in doc:
        if _speech_verb(tok, verbs):
            comp = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp") and c.i > tok.i]
            if not comp:
                continue
            clause = comp[0]
            first = clause.left_edge
            if first.lower_ in ("que", "qu'", "that"):
                first = doc[first.i + 1]
            last = clause.right_edge
            while last.i > first.i and last.is_punct:
                last = doc[last.i - 1]
            if last.i - first.i < 3:
                continue
            subj = _subject(tok)
            quotes.append(Quote(first.idx, last.idx + len(last.text), doc.text[first.idx:last.idx + len(last.text)],
                                "indirect", Span(subj.start_char, subj.end_char, subj.text) if subj else None,
                                _verb_span(tok)))
    for m in re.finditer(r"\b(selon|d'après|according to)\s+([^,]{2,60}?),\s*", doc.text, re.I):
        sent = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if sent is None:
            continue
        end = sent.sent.end_char
        content = doc.text[m.end():end].rstrip(" .")
        if len(content.split()) >= 3:
            quotes.append(Quote(m.end(), m.end() + len(content), content, "indirect",
                                Span(m.start(2), m.end(2), m.group(2)), Span(m.start(1), m.end(1), m.group(1))))
    return quotes


def resolve_pronoun(speaker: Span, mentions: list[Mention]) -> str:
    """The nearest person (or organisation) named before a pronoun speaker."""
    wanted = ("PER",) if speaker.text.lower() in ("il", "lui", "he", "she") else ("PER", "ORG")
    before = [m for m in mentions if m.end <= speaker.start and m.label in wanted]
    return before[-1].text if before else ""


def extract_quotes(doc: Doc, lang: str, mentions: list[Mention]) -> list[Quote]:
    verbs = speech_verbs(lang)
    quotes: list[Quote] = []
    previous: Quote | None = None
    for start, end in quoted_spans(doc.text):
        content = doc.text[start:end]
        direct = _is_direct(content, doc, start)
        speaker, cue = _incise(doc, end, verbs)
        if speaker is None:
            speaker, cue = _governing_verb(doc, start, end, verbs)
        if speaker is None and direct and previous is not None and start - previous.end < 400:
            speaker, name = previous.speaker, previous.speaker_name  # consecutive quotes, same voice
        else:
            name = ""
        if speaker is None and not direct:
            continue  # a term or title in marks with no one saying it
        if speaker is not None and not name:
            name = resolve_pronoun(speaker, mentions) if speaker.text.lower() in PRONOUNS else speaker.text
        quote = Quote(start, end, content, "direct" if direct else "partial", speaker, cue, name)
        quotes.append(quote)
        previous = quote
    for quote in _indirect(doc, verbs):
        name = ""
        if quote.speaker is not None:
            name = (resolve_pronoun(quote.speaker, mentions) if quote.speaker.text.lower() in PRONOUNS
                    else quote.speaker.text)
        quotes.append(Quote(quote.start, quote.end, quote.text, quote.kind, quote.speaker, quote.cue, name))
    return sorted(quotes, key=lambda q: q.start)
