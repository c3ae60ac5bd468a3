"""Stance candidates read from the parse: who (a quote's speaker, or a clause's subject) may evaluate or act
on whom (another actor named in the quote or governed by the clause's verb), with the features that decide.

Whether a candidate is a stance, and its sign, is decided by ``lib.models.stances`` (learned on the annotated
corpus) once actors are resolved; this module only reads the sentence. A candidate keeps the words that can
decide it: the governing verb with its negation and its frame weight (lib/data/stance_frames_*.tsv), the frame
noun that the source or target holds or undergoes ("l'appui de la Russie", lib/data/stance_frames_nouns_*.tsv), the
target's syntactic role, whether an "against" phrase governs the target, what the words of the dependency path
joining source and target say ("X est un allié de Y"), and the tone-lexicon words of its clause or quote.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from lib.extract.coref import Resolver
from lib.extract.quote_marks import Stretches, inside as quoted, quoted_spans
from lib.extract.speakers import Cues, Speaker, cues, describe, may_refer, mention_tokens, news_outlets, remembered
from lib.lexicons import has, weighted_list
from lib.lexicons.gazetteer import gazetteer
from lib.nlp import doc_text, token_table
from lib.textkeys import ShortTextMemo, fold
from lib.extract.tone import NEGATORS, LexiconTone
from lib.types import Mention, Quote, Span as TextSpan, StanceCandidate


def frames(lang: str) -> dict[str, float]:
    """Frame verbs (folded lemma -> conflict/cooperation weight)."""
    return _folded_weights(f"stance_frames_{lang}.tsv")


def noun_frames(lang: str) -> dict[str, float]:
    """Frame nouns, the nominal predicates of the same frames ("l'aide", "le blocus")."""
    return _folded_weights(f"stance_frames_nouns_{lang}.tsv")


@lru_cache(maxsize=None)
def _folded_weights(name: str) -> dict[str, float]:
    return {fold(k): v for k, v in weighted_list(name).items()} if has(name) else {}


# Prepositions that mark the side a predicate opposes (the French and English "against").
AGAINST = frozenset({"contre", "against"})
PATH_STEPS = 8  # heads climbed from a source and a target to the word that joins them
NOUN_STEPS = 3  # heads climbed from a name to the frame noun it holds or undergoes ("l'appui résolu de la Russie")


@lru_cache(maxsize=None)
def _lemma_reads(lang: str, lexicon: LexiconTone) -> ShortTextMemo:
    """What the candidates read of each lemma, looked up once per language rather than once per article: whether it
    is a negator, its tone-list weight, its frame weight as a verb and as a noun."""
    verbs, nouns = frames(lang), noun_frames(lang)

    def read(lemma: str) -> tuple[bool, float, float | None, float | None]:
        key = fold(lemma)
        return key in NEGATORS, lexicon.weight(key, lang), verbs.get(key), nouns.get(key)
    return ShortTextMemo(read)


_NEGATOR_FORMS = ShortTextMemo(lambda form: fold(form) in NEGATORS)  # a word form that is a negator ("n'", "pas")


class _Words:
    """A Doc's words as the candidates read them, each read once from the attribute arrays: the pairs of a sentence
    share their verbs and a quote overlaps its sentence, and reading a Token object's head, dependency, lemma and
    negation anew for every pair was most of the work. Positions stand for tokens throughout."""

    def __init__(self, doc: Doc, lang: str, lexicon: LexiconTone) -> None:
        table = token_table(doc)
        self.doc, self.lang, self.words, self.pos, self.starts = doc, lang, table.words, table.pos, table.starts
        self.text, self.dep, self.head = table.forms, table.deps, table.heads
        read = _lemma_reads(lang, lexicon)
        reads = [read[word] for word in table.words]
        # negated: a word one of whose dependents is a negator by its form or its lemma ("n'a pas accepté")
        self.negated = {head for i, (text, (negator, _, _, _), head) in enumerate(zip(self.text, reads, self.head))
                        if (negator or _NEGATOR_FORMS[text]) and head != i}
        self.tone = [tone for _, tone, _, _ in reads]
        self.frame = [frame if pos in ("VERB", "AUX") else None for (_, _, frame, _), pos in zip(reads, table.pos)]
        self.noun_frame = [noun if pos == "NOUN" else None for (_, _, _, noun), pos in zip(reads, table.pos)]
        # the words an "against" phrase governs ("ses forces contre Daech", "protest against X"): the opposed side
        self.opposed = {self.head[i] for i, text in enumerate(self.text)
                        if self.dep[i] == "case" and fold(text) in AGAINST} | \
            {i for i, head in enumerate(self.head) if self.dep[i] == "pobj" and fold(self.text[head]) in AGAINST}
        self.sentences = list(doc.sents)
        self._sentence_starts = [sent.start for sent in self.sentences]
        self._governors: dict[int, int | None] = {}
        self._ancestors: dict[int, list[int]] = {}

    def sentence(self, i: int) -> Span:
        return self.sentences[bisect_right(self._sentence_starts, i) - 1]

    def governor(self, i: int) -> int | None:
        """The nearest verb above a token (itself excluded): the predicate the target is an argument of."""
        if i not in self._governors:
            self._governors[i] = self._governor(i)
        return self._governors[i]

    def _governor(self, i: int) -> int | None:
        head = self.head[i]
        for _ in range(6):  # argument chains are short; a parse cycle cannot loop
            if self.pos[head] in ("VERB", "AUX") or self.dep[head] == "ROOT" or self.head[head] == head:
                return head
            head = self.head[head]
        return None

    def frame_noun(self, i: int) -> int | None:
        """The nearest frame noun above a word, below its governing verb: a nominal predicate of the word."""
        head = self.head[i]
        for _ in range(NOUN_STEPS):
            if self.noun_frame[head] is not None:
                return head
            if self.pos[head] in ("VERB", "AUX") or self.head[head] == head:
                return None
            head = self.head[head]
        return None

    def ancestors(self, i: int) -> list[int]:
        """The heads above a token, nearest first, at most PATH_STEPS (a parse cycle cannot loop); read once per
        token, as a token is paired with each of its sentence's others."""
        if i not in self._ancestors:
            out, k, head = [], i, self.head[i]
            while head != k and len(out) < PATH_STEPS and head not in out:
                out.append(head)
                k, head = head, self.head[head]
            self._ancestors[i] = out
        return self._ancestors[i]

    def polarity(self, i: int) -> float:
        """A word's own evaluative weight: its frame as a verb or a noun, else its tone-list weight, negation
        flipping it."""
        frame = self.frame[i] if self.frame[i] is not None else self.noun_frame[i]
        w = frame if frame is not None else self.tone[i]
        return -w if i in self.negated else w

    def role(self, i: int) -> str:
        """The token's syntactic role, through an apposition ("le chef du parti, X, a dit": X acts as subject)."""
        dep, head = self.dep[i], self.head[i]
        if dep in ("appos", "flat", "flat:name", "compound", "nmod") and head != i:
            return f"{self.dep[head]}>{dep}"
        return dep


def _sign(weight: float) -> str:
    """A frame weight on the conflict-cooperation scale as the models read it: +, - or 0 (within 0.2 of zero)."""
    return "+" if weight > 0.2 else "-" if weight < -0.2 else "0"


def _verb_features(words: _Words, verb: int | None, prefix: str) -> tuple[list[str], list[str]]:
    if verb is None:
        return [f"{prefix}verb=none"], []
    lemma, neg = fold(words.words[verb]), verb in words.negated
    feats = [f"{prefix}verb={'NOT_' if neg else ''}{lemma}"]
    weight = frames(words.lang).get(lemma)
    if weight is None:  # a predicate with no frame decides no sign, so it is no deciding word ("a", "000", "dit")
        return feats, []
    feats.append(f"{prefix}frame{_sign(-weight if neg else weight)}")
    return feats, [("not " if neg else "") + words.text[verb]]


def _lexicon_features(words: _Words, start: int, end: int, prefix: str) -> tuple[list[str], list[str]]:
    pos = neg = 0.0
    cues = []
    for i in range(start, end):
        w = words.tone[i]
        if w:
            head = words.head[i]
            flipped = -w if head != i and head in words.negated else w
            pos, neg = pos + max(flipped, 0), neg + max(-flipped, 0)
            cues.append(words.text[i])
    feats = [f"{prefix}lex+" if pos > neg else f"{prefix}lex-" if neg > pos else f"{prefix}lex0"]
    if pos and neg:
        feats.append(f"{prefix}lexmixed")
    return feats, cues


def _frame_features(words: _Words, start: int, end: int, prefix: str) -> tuple[list[str], list[str]]:
    """The frame verbs anywhere in the evidence, negation flipping them: the sign when the pair's own predicate
    is not a frame ("X a réagi en dénonçant Y", "the Museum … deserves"), summed over the span."""
    total, cues = 0.0, []
    for i in range(start, end):
        w = words.frame[i]
        if w:
            total += -w if i in words.negated else w
            cues.append(words.text[i])
    return [f"{prefix}frames{_sign(total) if cues else 'none'}"], cues


def _evidence_features(words: _Words, tokens: Span, prefix: str) -> tuple[list[str], list[str]]:
    """What the whole evidence says: its tone-list words and its frame verbs (the frames' words first)."""
    lex, lex_cues = _lexicon_features(words, tokens.start, tokens.end, prefix)
    frame, frame_cues = _frame_features(words, tokens.start, tokens.end, prefix)
    return lex + frame, frame_cues + lex_cues


# A clause argument's part in its predicate: who acts (subject, passive agent) and who undergoes or is addressed.
_ACTORS = {"nsubj", "expl:subj", "obl:agent", "agent"}
_UNDERGOERS = {"obj", "dobj", "iobj", "dative", "nsubj:pass", "nsubjpass", "obl:arg"}


def _argument(words: _Words, i: int) -> str:
    """agent / patient / oblique / other, read through an apposition ("le chef du parti, X": X's head decides)
    and through an English preposition ("by X" is the passive's agent)."""
    dep, head = words.dep[i], words.head[i]
    if dep in ("appos", "flat", "flat:name", "compound") and head != i:
        dep, head = words.dep[head], words.head[head]
    if dep == "pobj":
        dep = "agent" if words.dep[head] == "agent" else "obl"
    return "agent" if dep in _ACTORS else "patient" if dep in _UNDERGOERS else \
        "oblique" if dep.startswith(("obl", "nmod", "prep")) else "other"


def _frame_sign(words: _Words, verb: int | None) -> str:
    """The frame weight of a verb as a sign (+, -, 0), its negation flipping it; "none" without a frame."""
    weight = words.frame[verb] if verb is not None else None
    if weight is None:
        return "none"
    return _sign(-weight if verb in words.negated else weight)


def _path_features(words: _Words, path: list[int]) -> tuple[list[str], list[str]]:
    """What the words linking the pair say (frame verbs and nouns, tone-list words, negation flipping each): "X est
    un allié de Y", "Y intervient avec le soutien de X" evaluate the target, whatever the sentence's tone says of
    the events around them (issue 13: a stance is the source's evaluation of the target)."""
    cues = [i for i in path if words.polarity(i)]
    return ([f"path{_sign(sum(words.polarity(i) for i in cues))}"] if cues else []), [words.text[i] for i in cues]


def _link(words: _Words, src: int, tgt: int) -> list[int]:
    """The words of the dependency path between two tokens, both excluded, empty when they do not meet within
    PATH_STEPS heads."""
    up_s, up_t = words.ancestors(src), words.ancestors(tgt)
    if tgt in up_s:
        return up_s[:up_s.index(tgt)]
    if src in up_t:
        return up_t[:up_t.index(src)]
    above_t = {i: k for k, i in enumerate(up_t)}
    common = next((k for k, i in enumerate(up_s) if i in above_t), None)
    return [] if common is None else up_s[:common + 1] + up_t[:above_t[up_s[common]]]


def _pair_features(words: _Words, src: int, tgt: int) -> tuple[list[str], list[str]]:
    """How the parse links a source to a target: roles, shared predicate and that predicate's frame, and what the
    words of the dependency path between them say."""
    s_gov, t_gov = words.governor(src), words.governor(tgt)
    feats = [f"src={words.role(src)}", f"tgt={words.role(tgt)}", f"order={'st' if src < tgt else 'ts'}",
             f"dist={min(abs(src - tgt) // 5, 4)}"]
    same = s_gov is not None and t_gov is not None and s_gov == t_gov
    feats.append(f"same_pred={same}")
    if tgt in words.opposed:  # "X a redirigé ses forces contre Y", "X protests against Y": X acts against Y
        feats.append("tgt_opposed")
    vf, cues = _verb_features(words, s_gov, "s_")
    feats += vf
    path, path_cues = _path_features(words, _link(words, src, tgt))
    feats += path
    cues += path_cues
    if same:  # who does what to whom under the pair's own predicate, and that predicate's frame
        feats.append(f"link={_argument(words, src)}>{_argument(words, tgt)}:{_frame_sign(words, s_gov)}")
    for prefix, noun in (("s_", words.frame_noun(src)), ("t_", words.frame_noun(tgt))):
        if noun is not None:
            weight = words.noun_frame[noun]
            feats.append(f"{prefix}nframe{_sign(weight)}")
            cues.append(words.text[noun])
    if not same:
        tf, tcues = _verb_features(words, t_gov, "t_")
        feats += tf
        cues += tcues
    return feats, cues


# Dependencies of a clause's arguments other than its subject: what a predicate acts on or speaks about.
# French (UD) and English (ClearNLP) labels; "poss" is "his use of the Presidency" (English pronouns only).
TARGET_DEPS = ("obj", "iobj", "obl", "obl:arg", "obl:mod", "nmod", "nsubj:pass", "dobj", "pobj", "dative",
               "nsubjpass", "poss")
# A clause's subject: the French parser labels many a referring subject pronoun of a copula or an adjective
# "expl:subj" ("Il a également été très actif pour défendre les Imbonerakure"); the resolver reads it as it reads
# "nsubj", and the source's role feature (src=expl:subj) lets the model weigh the true expletives ("il faut").
SUBJECTS = ("nsubj", "expl:subj")
# Object pronouns read as the subject pronoun of the same person, the form the resolver matches on.
_OBJECT_PRONOUNS = {"le": "il", "la": "elle", "les": "ils", "leur": "ils", "lui": "lui", "eux": "eux",
                    "him": "him", "her": "her", "them": "them", "his": "he", "their": "they"}


@dataclass(frozen=True)
class Referred:
    """A word that names no actor itself but refers to one: a pronoun or a role ("il a dénoncé X", "la ministre
    a reçu X", "Shorten lui a proposé", "X a critiqué le régime")."""

    token: int  # its position in the Doc
    mention: int  # the mention of the actor it refers to
    kind: str  # pronoun / role / latter
    subject: bool  # the clause's subject (a source); else one of its other arguments (a target)
    quoted: bool = False  # a role inside a quote ("la ministre fait comme si …"): a target of its speaker only


def _object_pronoun(tok: Token) -> Speaker | None:
    form = _OBJECT_PRONOUNS.get(tok.lower_)
    if form is None or tok.pos_ not in ("PRON", "DET") or tok.lower_ in ("la", "le", "les") and tok.pos_ == "DET":
        return None
    return Speaker(TextSpan(tok.idx, tok.idx + len(tok.text), form), None, "pronoun")


def _may_refer(strings: StringStore, word: list[int], lexicon: Cues) -> tuple[bool, bool]:
    """Whether a word, given by its ids [lower-case form, part of speech, lemma], may be an object pronoun, and
    whether ``describe`` may read it as one that refers (``speakers.may_refer``), decided once per distinct word:
    a Token object for every clause argument of an article, its attributes decoded anew, was most of
    ``_referred``'s time."""
    lower, pos, lemma = word

    def read() -> tuple[bool, bool]:
        low, tag = strings[lower], POS_NAMES[pos]
        return low in _OBJECT_PRONOUNS and tag in ("PRON", "DET"), may_refer(low, tag, strings[lemma], lexicon)
    return remembered(lexicon, ("may_refer", lower, pos, lemma), read)


def _referred(words: _Words, mentions: list[Mention], quotes: list[Quote], spans: list[Span | None],
              starts: dict[int, int]) -> dict[int, list[Referred]]:
    """Clause arguments that name no actor themselves, by sentence start, resolved as quotes resolve their
    speakers (lib.extract.coref), quoted speakers first. An object pronoun is resolved from the sentences
    before its own (it is not the clause's subject: "Bill Shorten lui a proposé" is someone else). ``starts``: each
    mention's index by its start."""
    doc = words.doc
    covered = {i for span in spans if span is not None for i in range(span.start, span.end)}  # the names' words
    marks, lexicon = quoted_spans(doc_text(doc)), cues(words.lang)
    resolver = Resolver(doc, mentions, marks, lexicon, [s.start_char for s in words.sentences])
    for q in quotes:
        if q.speaker_mention in starts:
            m = mentions[starts[q.speaker_mention]]
            resolver.record(q.start, TextSpan(m.start, m.end, m.text))
    out: dict[int, list[Referred]] = {}
    arguments = {*SUBJECTS, *TARGET_DEPS}
    strings, read = doc.vocab.strings, doc.to_array([LOWER, POS, LEMMA]).tolist()
    for i, dep in enumerate(words.dep):
        if dep not in arguments or i in covered:
            continue
        object_form, refers = _may_refer(strings, read[i], lexicon)
        if not (object_form or refers):
            continue  # a Token object only for an argument outside names that may refer to someone
        inside = quoted(marks, words.starts[i])
        tok, sentence = doc[i], words.sentence(i)
        subject = dep in SUBJECTS
        pronoun = None if subject or inside else _object_pronoun(tok)
        if pronoun is None and not refers:
            continue  # describe would read a name or an unnamed source: neither refers to anyone
        speaker = pronoun or describe(tok, mentions, lexicon)
        if speaker.kind not in ("pronoun", "role", "latter") or dep == "poss" and pronoun is None or \
                inside and speaker.kind != "role":  # in speech, "je", "nous", "il" are the speaker's to resolve
            continue
        name = resolver.resolve(speaker, sentence.start_char if pronoun else words.starts[i])
        j = starts.get(name.start) if name is not None else None
        if j is not None:
            out.setdefault(sentence.start, []).append(Referred(i, j, speaker.kind, subject, inside))
    return out


# A title naming an interview: its answers are the interviewee's speech ("Wikinews interviews Robert Sarvis").
_INTERVIEW_WORDS = ("interview", "entretien")


def _interviewee(doc: Doc, mentions: list[Mention]) -> int | None:
    """The first person the title names when the title announces an interview."""
    text = doc_text(doc)
    title_end = text.find("\n")
    title = fold(text[:title_end if title_end >= 0 else len(text)])
    if not any(w in title for w in _INTERVIEW_WORDS):
        return None
    return next((i for i, m in enumerate(mentions) if m.label == "PER" and m.end <= title_end), None)


def _answers(doc: Doc, sentences: list[Span]) -> set[int]:
    """Starts of the sentences that answer: after the first line that asks a question, every sentence of a
    line that does not (Wikinews interviews print question, answer, question …)."""
    text, out, asked, pos = doc_text(doc), set(), False, 0
    lines = []
    for line in text.split("\n"):
        lines.append((pos, pos + len(line), line.rstrip().endswith("?")))
        pos += len(line) + 1
    k = 0
    for sent in sentences:
        while k < len(lines) - 1 and lines[k][1] < sent.start_char:
            asked = asked or lines[k][2]
            k += 1
        if asked and not lines[k][2] and not sent.text.rstrip().endswith("?"):
            out.add(sent.start)
    return out


class _States:
    """The article's mentions of each state, so that a demonym ("le Royaume-Uni a expulsé 23 diplomates russes") can
    point at the state it names (TONE.md: nationality adjectives name their actor explicitly)."""

    def __init__(self, mentions: list[Mention]) -> None:
        places, self._at = gazetteer(), {}
        for i, m in enumerate(mentions):
            known = places.lookup(m.text) or places.capital_of(m.text)
            if known is not None:
                self._at.setdefault(known.fr, ([], []))
                self._at[known.fr][0].append(m.start)
                self._at[known.fr][1].append(i)
        self._mentioned = Stretches((m.start, m.end) for m in mentions)

    def named_by(self, words: _Words, tokens: Span) -> list[tuple[int, int]]:
        """(a demonym adjective's position, the nearest mention of its state, the last before it else the first
        after)."""
        if not self._at:
            return []
        places, out = gazetteer(), []
        for i in range(tokens.start, tokens.end):
            start = words.starts[i]
            if words.pos[i] != "ADJ" or self._mentioned.overlap(start, start + 1):
                continue
            known = places.demonym(words.words[i]) or places.demonym(words.text[i])
            found = self._at.get(known.fr) if known is not None else None
            if found:
                k = max(bisect_left(found[0], start) - 1, 0)
                out.append((i, found[1][k]))
        return out


MAX_TITLE = 3  # the title's first actors: a quote in the body may evaluate what the article is about
MAX_PARTNERS = 6  # each mention is paired with its nearest others only: a list of 70 names stays linear


def stance_candidates(doc: Doc, lang: str, mentions: list[Mention], quotes: list[Quote],
                      lexicon: LexiconTone) -> list[StanceCandidate]:
    """Every (source, target) pair that one sentence or quote links, with the features that decide it.

    Sentence pairs: any two mentions of a sentence outside its spoken quotes (the nearest MAX_PARTNERS each way),
    a referred subject or object, or the state a demonym names. Quote pairs: a quote's speaker toward each mention
    of the quote or of its sentence, of the sentence before it (the last MAX_PARTNERS) and of the title (the first
    MAX_TITLE), and each role inside the quote that refers to an actor. Linear in the Doc: every window is bounded
    and quote ranges are asked by bisection.
    """
    out: list[StanceCandidate] = []
    words = _Words(doc, lang, lexicon)
    spans = [mention_tokens(doc, m) for m in mentions]
    roots = [span.root.i if span is not None else None for span in spans]
    quoted = Stretches((q.start, q.end) for q in quotes)
    mention_at = {m.start: i for i, m in enumerate(mentions)}
    outlets = news_outlets(doc, lang, mentions, spans)
    voices = [mention_at.get(q.speaker_mention, mention_at.get(q.speaker.start) if q.speaker else None) for q in quotes]
    # quotes whose content is someone's speech: the relations it names are the speaker's (TONE.md); a quote nobody
    # speaks, one a source preposition reports ("selon La Croix, X avait exigé …") or one a news outlet reports
    # ("Le Canard enchaîné a révélé que …": outlets are no stance holders, TONE.md) is narration
    sources = cues(lang).sources
    narrated = [not q.speaker_name or voice in outlets or q.cue is not None and fold(q.cue.text) in sources
                for q, voice in zip(quotes, voices)]
    spoken = Stretches((q.start, q.end) for q, told in zip(quotes, narrated) if not told)
    by_sentence: dict[int, list[int]] = {}
    for i, r in enumerate(roots):
        if r is not None:
            by_sentence.setdefault(words.sentence(r).start, []).append(i)
    states = _States(mentions)
    title_end = doc_text(doc).find("\n")
    # the actors the title names (at most MAX_TITLE): a stance in the body often evaluates them without naming them
    title = [i for i, m in enumerate(mentions) if m.end <= title_end][:MAX_TITLE]
    referred = _referred(words, mentions, quotes, spans, mention_at) if mentions else {}
    for qi, q in enumerate(quotes):  # the speaker toward each actor named in the quote or its sentence
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not len(span) or voices[qi] in outlets:
            continue
        lex, lex_cues = _evidence_features(words, span, "q_")
        first = words.sentence(span.start)
        sents = {first.start, words.sentence(span.end - 1).start}
        # the sentence before the quote's names what the quote comments on ("X a réagi : « … »")
        before = words.sentence(first.start - 1).start if first.start > 0 else None
        named = sorted({i for st in sents for i in by_sentence.get(st, [])})
        if before is not None:
            named += by_sentence.get(before, [])[-MAX_PARTNERS:]
        named += [i for i in title if i not in named and q.start > title_end]  # what the article is about
        for i in named:
            m = mentions[i]
            if q.speaker is not None and q.speaker.start <= m.start < q.speaker.end:
                continue
            inside = q.start <= m.start and m.end <= q.end
            where = "title" if m.end <= title_end else "prev" if m.end <= first.start_char else \
                "inside" if inside else "sentence"
            vf, vc = _verb_features(words, words.governor(roots[i]), "")
            feats = ["basis=quote", f"kind={q.kind}", f"inside={inside}", f"where={where}", f"tgt={words.role(roots[i])}",
                     *vf, *lex]
            out.append(StanceCandidate("quote", q.start, q.end, i, qi, tuple(feats), tuple(vc + lex_cues[:3])))
        # a role the quote names ("la ministre fait comme si …", "les décisions du président"): its actor
        for r in (r for st in sorted(sents) for r in referred.get(st, []) if r.quoted):
            if span.start <= r.token < span.end and r.mention not in named:
                vf, vc = _verb_features(words, words.governor(r.token), "")
                feats = ["basis=quote", f"kind={q.kind}", "inside=True", "where=inside", "tgt_by=role",
                         f"tgt={words.role(r.token)}", *vf, *lex]
                out.append(StanceCandidate("quote", q.start, q.end, r.mention, qi, tuple(feats),
                                           tuple(vc + lex_cues[:3])))
    interviewee = _interviewee(doc, mentions)
    answers = _answers(doc, words.sentences) if interviewee is not None else set()
    for sent_start in sorted(set(by_sentence) | set(referred)):  # one actor, named or referred to, acting on another
        sent = words.sentence(sent_start)
        outside = [i for i in by_sentence.get(sent_start, [])
                   if not spoken.overlap(mentions[i].start, mentions[i].start + 1)]
        subjects = [r for r in referred.get(sent_start, []) if r.subject and not r.quoted]
        objects = [r for r in referred.get(sent_start, []) if not r.subject and not r.quoted]
        answered = sent_start in answers and interviewee is not None
        targets = [(roots[t], t, "name") for t in outside] + [(r.token, r.mention, r.kind) for r in objects] + \
                  [(i, t, "demonym") for i, t in states.named_by(words, sent)
                   if not spoken.overlap(words.starts[i], words.starts[i] + 1)]
        sources = [(roots[s], s, "name") for s in outside] + [(r.token, r.mention, r.kind) for r in subjects]
        if not targets or len({i for _, i, _ in sources + targets}) < 2 and not answered:
            continue
        lex, lex_cues = _evidence_features(words, sent, "s_")
        has_quote = quoted.overlap(sent.start_char, sent.end_char)
        pairs = [(src, s, how_s, tgt, t, how_t) for k, (src, s, how_s) in enumerate(sources)
                 for tgt, t, how_t in (targets if how_s != "name" else  # named: the nearest named, every referred
                                       targets[max(0, k - MAX_PARTNERS):min(k + MAX_PARTNERS + 1, len(outside))]
                                       + targets[len(outside):])]
        for src, s, how_s, tgt, t, how_t in pairs:
            ms, mt = mentions[s], mentions[t]
            if t == s or ms.start < mt.end and mt.start < ms.end or src == tgt:
                continue
            pf, pc = _pair_features(words, src, tgt)
            feats = ["basis=sentence", f"has_quote={has_quote}", f"src_by={how_s}", f"tgt_by={how_t}",
                     *(["src_outlet"] if s in outlets else []), *pf, *lex]
            out.append(StanceCandidate("sentence", sent.start_char, sent.end_char, t, s, tuple(feats),
                                       tuple(pc + lex_cues[:3])))
        for tgt, t, how_t in targets if answered else []:  # the interviewee answering about an actor
            if t == interviewee:
                continue
            vf, vc = _verb_features(words, words.governor(tgt), "t_")
            feats = ["basis=sentence", "src_by=interviewee", f"tgt_by={how_t}", f"tgt={words.role(tgt)}", *vf, *lex]
            out.append(StanceCandidate("sentence", sent.start_char, sent.end_char, t, interviewee, tuple(feats),
                                       tuple(vc + lex_cues[:3])))
    return out
