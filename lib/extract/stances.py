"""Stance candidates read from the parse: who (a quote's speaker, or a clause's subject) may evaluate or act
on whom (another actor named in the quote or governed by the clause's verb), with the features that decide.

Whether a candidate is a stance, and its sign, is decided by ``lib.models.stances`` (learned on the annotated
corpus) once actors are resolved; this module only reads the sentence. A candidate keeps the words that can
decide it: the governing verb with its negation and its frame weight (lib/data/stance_frames_*.tsv), the
target's syntactic role, and the tone-lexicon words of its clause or quote.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from lib.extract.coref import Resolver
from lib.extract.quote_marks import inside as quoted, quoted_spans
from lib.extract.speakers import cues, describe
from lib.lexicons import has, weighted_list
from lib.nlp import doc_text, tokens_where
from lib.textkeys import fold
from lib.extract.tone import NEGATORS, LexiconTone
from lib.types import Mention, Quote, Span as TextSpan, StanceCandidate


@lru_cache(maxsize=None)
def frames(lang: str) -> dict[str, float]:
    name = f"stance_frames_{lang}.tsv"
    return {fold(k): v for k, v in weighted_list(name).items()} if has(name) else {}


class _Negation:
    """Whether a word is negated by one of its dependents, read once per word of a Doc: the pairs of a
    sentence share their verbs, and folding every dependent again for each pair was most of the work."""

    def __init__(self) -> None:
        self._found: dict[int, bool] = {}

    def __call__(self, word: Token) -> bool:
        found = self._found.get(word.i)
        if found is None:
            found = self._found[word.i] = any(fold(c.text) in NEGATORS or fold(c.lemma_) in NEGATORS
                                              for c in word.children)
        return found


def _governor(token: Token) -> Token | None:
    """The nearest verb above a token (itself excluded): the predicate the target is an argument of."""
    head = token.head
    for _ in range(6):  # argument chains are short; a parse cycle cannot loop
        if head.pos_ in ("VERB", "AUX") or head.dep_ == "ROOT":
            return head
        if head.head is head:
            return head
        head = head.head
    return None


def _verb_features(verb: Token | None, lang: str, prefix: str, negated: _Negation) -> tuple[list[str], list[str]]:
    if verb is None:
        return [f"{prefix}verb=none"], []
    lemma, neg = fold(verb.lemma_ or verb.text), negated(verb)
    feats = [f"{prefix}verb={'NOT_' if neg else ''}{lemma}"]
    weight = frames(lang).get(lemma)
    if weight is not None:
        weight = -weight if neg else weight
        feats.append(f"{prefix}frame{'+' if weight > 0.2 else '-' if weight < -0.2 else '0'}")
    return feats, [("not " if neg else "") + verb.text]


def _lexicon_features(tokens: Span | list[Token], lang: str, lexicon: LexiconTone, prefix: str,
                      negated: _Negation) -> tuple[list[str], list[str]]:
    pos = neg = 0.0
    cues = []
    for t in tokens:
        w = lexicon.weight(fold(t.lemma_ or t.text), lang)
        if w:
            flipped = -w if t.head is not t and negated(t.head) else w
            pos, neg = pos + max(flipped, 0), neg + max(-flipped, 0)
            cues.append(t.text)
    feats = [f"{prefix}lex+" if pos > neg else f"{prefix}lex-" if neg > pos else f"{prefix}lex0"]
    if pos and neg:
        feats.append(f"{prefix}lexmixed")
    return feats, cues


def _root(doc: Doc, m: Mention) -> Token | None:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _role(token: Token) -> str:
    """The mention's syntactic role, through an apposition ("le chef du parti, X, a dit": X acts as subject)."""
    dep = token.dep_
    if dep in ("appos", "flat", "flat:name", "compound", "nmod") and token.head is not token:
        return f"{token.head.dep_}>{dep}"
    return dep


def _pair_features(src: Token, tgt: Token, lang: str, negated: _Negation) -> tuple[list[str], list[str]]:
    """How the parse links a source to a target: roles, shared predicate and that predicate's frame."""
    s_gov, t_gov = _governor(src), _governor(tgt)
    feats = [f"src={_role(src)}", f"tgt={_role(tgt)}", f"order={'st' if src.i < tgt.i else 'ts'}",
             f"dist={min(abs(src.i - tgt.i) // 5, 4)}"]
    same = s_gov is not None and t_gov is not None and s_gov.i == t_gov.i
    feats.append(f"same_pred={same}")
    vf, cues = _verb_features(s_gov, lang, "s_", negated)
    feats += vf
    if not same:
        tf, tcues = _verb_features(t_gov, lang, "t_", negated)
        feats += tf
        cues += tcues
    return feats, cues


def _referred_subjects(doc: Doc, lang: str, mentions: list[Mention], quotes: list[Quote],
                       roots: list[Token | None]) -> dict[int, list[tuple[Token, int, str]]]:
    """Clause subjects that name no actor themselves, a pronoun or a role ("il a dénoncé X", "la ministre a
    reçu X", "ce dernier a refusé"), by sentence start: (the subject, the mention of the actor it refers to,
    how it refers). Resolved as quotes resolve their speakers (lib.extract.coref), quoted speakers first."""
    starts = {m.start: i for i, m in enumerate(mentions)}
    covered = {t.i for i, m in enumerate(mentions) if roots[i] is not None
               for t in doc.char_span(m.start, m.end, alignment_mode="expand") or []}
    marks, lexicon = quoted_spans(doc_text(doc)), cues(lang)
    resolver = Resolver(doc, mentions, marks, lexicon, [s.start_char for s in doc.sents])
    for q in quotes:
        if q.speaker_mention in starts:
            m = mentions[starts[q.speaker_mention]]
            resolver.record(q.start, TextSpan(m.start, m.end, m.text))
    out: dict[int, list[tuple[Token, int, str]]] = {}
    for tok in tokens_where(doc, "DEP", ["nsubj"]):
        if tok.i in covered or quoted(marks, tok.idx):
            continue
        speaker = describe(tok, mentions, lexicon)
        if speaker.kind not in ("pronoun", "role", "latter"):
            continue
        name = resolver.resolve(speaker, tok.idx)
        j = starts.get(name.start) if name is not None else None
        if j is not None:
            out.setdefault(tok.sent.start, []).append((tok, j, speaker.kind))
    return out


MAX_PARTNERS = 6  # each mention is paired with its nearest others only: a list of 70 names stays linear


def stance_candidates(doc: Doc, lang: str, mentions: list[Mention], quotes: list[Quote],
                      lexicon: LexiconTone) -> list[StanceCandidate]:
    """Every (source, target) pair that one sentence or quote links, with the features that decide it.

    Sentence pairs: any two mentions of a sentence outside quotes (the nearest MAX_PARTNERS each way).
    Quote pairs: a quote's speaker toward each mention of the quote or of its sentence. Linear in the Doc.
    """
    out: list[StanceCandidate] = []
    negated = _Negation()
    roots = [_root(doc, m) for m in mentions]
    quoted = sorted((q.start, q.end) for q in quotes)
    by_sentence: dict[int, list[int]] = {}
    for i, r in enumerate(roots):
        if r is not None:
            by_sentence.setdefault(r.sent.start, []).append(i)
    for qi, q in enumerate(quotes):  # the speaker toward each actor named in the quote or its sentence
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        lex, lex_cues = _lexicon_features(span, lang, lexicon, "q_", negated)
        sents = {span[0].sent.start, span[-1].sent.start}
        for i in sorted({i for st in sents for i in by_sentence.get(st, [])}):
            m = mentions[i]
            if q.speaker is not None and q.speaker.start <= m.start < q.speaker.end:
                continue
            inside = q.start <= m.start and m.end <= q.end
            vf, vc = _verb_features(_governor(roots[i]), lang, "", negated)
            feats = ["basis=quote", f"kind={q.kind}", f"inside={inside}", f"tgt={_role(roots[i])}", *vf, *lex]
            out.append(StanceCandidate("quote", q.start, q.end, i, qi, tuple(feats), tuple(vc + lex_cues[:3])))
    referred = _referred_subjects(doc, lang, mentions, quotes, roots) if mentions else {}
    for sent_start, idx in by_sentence.items():  # one actor, named or referred to, acting on or speaking of another
        sent = doc[sent_start].sent
        outside = [i for i in idx if not any(qs <= mentions[i].start < qe for qs, qe in quoted)]
        subjects = referred.get(sent_start, [])
        if len(outside) < 2 and not (outside and subjects):
            continue
        lex, lex_cues = _lexicon_features(sent, lang, lexicon, "s_", negated)
        has_quote = any(qs < sent.end_char and sent.start_char < qe for qs, qe in quoted)
        pairs = [(roots[s], s, t, "name") for k, s in enumerate(outside)
                 for t in outside[max(0, k - MAX_PARTNERS):k + MAX_PARTNERS + 1]]
        pairs += [(tok, s, t, how) for tok, s, how in subjects for t in outside]
        for src, s, t, how in pairs:
            ms, mt = mentions[s], mentions[t]
            if t == s or ms.start < mt.end and mt.start < ms.end:
                continue
            pf, pc = _pair_features(src, roots[t], lang, negated)
            feats = ["basis=sentence", f"has_quote={has_quote}", f"src_by={how}", *pf, *lex]
            out.append(StanceCandidate("sentence", sent.start_char, sent.end_char, t, s, tuple(feats),
                                       tuple(pc + lex_cues[:3])))
    return out
