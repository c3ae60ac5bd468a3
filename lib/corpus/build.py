"""The corpus builder: the one place where per-article records become frames.

``build_corpus(analyses, settings)`` resolves actors over the whole corpus (the analyst's alias table and
the metonymy switch act here, on the records' mention references, before any row exists), decides the
stances, applies the analyst's corrections and makes the rows of every frame. The CLI, the app and the
evaluation call it the same way; it runs no NLP, so the app reruns it alone when aliases, metonymy or
corrections change.

Every text cell is sliced from the article as stored, not from the normalized text the extractors saw,
so it matches the analyst's source.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Iterator

from lib.corpus.actors import ActorIndex, AliasTable, resolve_actors
from lib.corpus.corrections import NO_FIXES, ArticleFixes, Corrections, text_key
from lib.corpus.events import build_events
from lib.corpus.frames import (ArticleRow, Corpus, DateRow, MentionRow, QuoteRow, SentenceRow, StanceRow,
                               actor_table, counted, frame)
from lib.corpus.headline import is_section, section_label
from lib.extract.registry import DATES, MENTIONS, QUOTE_TONES, QUOTES, SENTENCES, STANCES
from lib.models.actor_merge import ActorMergeModel
from lib.models.stances import StanceModel, article_features, shipped_model
from lib.readers.dedup import cluster_column
from lib.types import ArticleAnalysis, Mention, Quote, StanceCandidate, Tone


@dataclass(frozen=True)
class CorpusSettings:
    """Corpus-level settings: they change frames, never a per-article analysis (so no cache key has them)."""

    aliases: AliasTable | None = None  # the analyst's rename, merge, split, retype, ignore
    metonymy: bool = True  # capitals acting for their state ("Moscou exige" -> Russie); off keeps them cities
    corrections: Corrections | None = None  # the analyst's, keyed by article text: they win over computed values
    stance_model: StanceModel | None = None  # None: the shipped weights (a cross-validation fold passes its own)
    merge_model: ActorMergeModel | None = None  # None: the shipped actor-merge weights (likewise)


def speaker_actor(quote: Quote, mentions: list[Mention], index: ActorIndex, article_id: str, lang: str) -> str:
    """The canonical actor who speaks: the mention the speaker model chose, else the words naming the
    speaker, else the name lib.extract.quotes resolved from a pronoun or role; '' for unnamed sources."""
    if not quote.speaker_name or (article_id, quote.speaker_mention) in index.dropped:
        return ""  # an actor the analyst ignores speaks for nobody
    if quote.speaker_mention >= 0 and (article_id, quote.speaker_mention) in index.by_mention:
        return index.by_mention[(article_id, quote.speaker_mention)]
    if quote.speaker is not None and quote.speaker.text == quote.speaker_name:
        within = [m for m in mentions if quote.speaker.start <= m.start and m.end <= quote.speaker.end]
        # a name nested in a longer one is part of it ("Évry" in "le parquet d'Évry"): the longer one speaks
        inside = [(article_id, m.start) for m in within
                  if not any(o is not m and o.start <= m.start and m.end <= o.end for o in within)]
        named = [index.by_mention[k] for k in inside if index.by_mention.get(k)]
        if named:
            return named[-1]
        if any(k in index.dropped for k in inside):
            return ""
    # without NER (blank pipeline) the name stays as written
    return index.resolve(quote.speaker_name, lang) or ("" if index.ignores(quote.speaker_name) else quote.speaker_name)


def resolved_candidates(a: ArticleAnalysis, index: ActorIndex,
                        speakers: list[str]) -> Iterator[tuple[StanceCandidate, str, str]]:
    """Each stance candidate with its source and target actors, when they are two different actors that the body
    names (a quote's speaker speaks in it). An actor named only in the title (its section prefix, "France : ...",
    included) is not a stance holder or target: the coders never use the title (TONE.md), and of the 512 coded
    stances of the 272 development articles 2 have an actor named only there, against 65 of the 2,660 pairs the
    cross-validation predicted."""
    aid, mentions = a.article.article_id, a.of(MENTIONS)
    title_end = a.article.text.find("\n")
    in_body = {index.by_mention.get((aid, m.start)) for m in mentions if m.start > title_end}
    for c in a.of(STANCES):
        source = speakers[c.source] if c.basis == "quote" else index.by_mention.get((aid, mentions[c.source].start), "")
        target = index.by_mention.get((aid, mentions[c.target].start), "")
        if source and target and source != target and (aid, mentions[c.target].start) not in index.dropped and \
                target in in_body and (c.basis == "quote" or source in in_body):
            yield c, source, target


def _quotes_in_context(a: ArticleAnalysis) -> dict[tuple[int, int], Tone]:
    """Each quote's span with the tone of the sentence it overlaps most, scored with every feature of the tone model
    (its main predicate, often the attribution verb, quote marks, its neighbours, the title), as a stance's evidence
    reads: stance sign accuracy 247 -> 252 of 323 found stances on the 367 development articles' folds against the
    quote's words alone, every other figure the same. The quote's own tone stays that of its words (QUOTE_TONES)."""
    sentences = a.of(SENTENCES)
    starts = [s.start for s in sentences]
    out = {}
    for q in a.of(QUOTES):
        i = max(bisect_right(starts, q.start) - 1, 0)
        best, overlap = None, 0
        while i < len(sentences) and sentences[i].start < q.end:
            s = sentences[i]
            if (o := min(s.end, q.end) - max(s.start, q.start)) > overlap:
                best, overlap = s.tone, o
            i += 1
        if best is not None:  # none: a quote of blanks only
            out[(q.start, q.end)] = best
    return out


def decided_stances(a: ArticleAnalysis, index: ActorIndex, speakers: list[str], model: StanceModel | None,
                    fix: ArticleFixes = NO_FIXES) -> list[StanceRow]:
    """One row per (source, target, evidence) that the model calls a stance, its most confident reading;
    an analyst's sign wins (score the sign, confidence 1, ``corrected``). Its cues are the words that set the
    sign (the pair's frame verb, else the words that drove the evidence's tone), then the candidate's others."""
    best: dict[tuple[str, str, int, int], StanceRow] = {}
    text, aid = a.article.text, a.article.article_id
    # the evidence's tone (a candidate's evidence is a sentence or a quote): the sign
    tones = {(s.start, s.end): s.tone for s in a.of(SENTENCES)}
    tones.update(_quotes_in_context(a))
    resolved = list(resolved_candidates(a, index, speakers))
    features = article_features([(c.features, source, target) for c, source, target in resolved])
    for (c, source, target), feats in zip(resolved, features):
        decision = model.decide(feats, tones.get((c.start, c.end)), c.cues) if model else None
        if decision is None:
            continue
        key = (source, target, c.start, c.end)
        if key not in best or decision.confidence > best[key].confidence:
            best[key] = StanceRow(aid, source, target, decision.score, c.basis, text[c.start:c.end], c.start, c.end,
                                  decision.confidence, ", ".join(decision.cues), False)
    rows = []
    for (source, target, start, end), row in best.items():
        sign = fix.sign.get((start, end, source, target))
        rows.append(row if sign is None else StanceRow(**{**vars(row), "score": float(sign), "confidence": 1.0,
                                                           "corrected": True}))
    return rows


def _article_rows(a: ArticleAnalysis, index: ActorIndex, fix: ArticleFixes,
                  stance_model: StanceModel) -> dict[str, list]:
    art, aid, text = a.article, a.article.article_id, a.article.text
    out: dict[str, list] = defaultdict(list)
    mentions, quotes, sentences = a.of(MENTIONS), a.of(QUOTES), a.of(SENTENCES)
    # (score, label, corrected) per sentence: a corrected tone scores its label
    tone_marks = [(s.tone.score, s.tone.label, False) if (c := fix.tone.get((s.start, s.end))) is None
                  else (float(c), c, True) for s in sentences]
    tones = [score for score, label, _ in tone_marks if label != 0]
    out["articles"].append(ArticleRow(
        aid, art.title, art.source, art.url, art.published, art.lang, len(text.split()),
        round(sum(tones) / len(tones), 3) if tones else 0.0, art.error, text, art.file, art.author,
        art.duplicate_of, art.note, "", a.published_from))
    section = section_label(text)
    for m in mentions:
        if (aid, m.start) in index.dropped:  # ignored in the analyst's alias table
            continue
        actor = index.by_mention.get((aid, m.start), "")
        label = index.labels.get(actor, m.label)  # the actor's type
        out["mentions"].append(MentionRow(aid, m.start, m.end, text[m.start:m.end], label, actor,
                                          is_section(section, m.start, m.end, label)))
    for s, (score, label, corrected) in zip(sentences, tone_marks):
        out["sentences"].append(SentenceRow(aid, s.start, s.end, text[s.start:s.end], score, label,
                                            ", ".join(s.tone.cues), corrected))
    computed = [speaker_actor(q, mentions, index, aid, a.article.lang) for q in quotes]
    speakers = [fix.speaker.get((q.start, q.end), speaker) for q, speaker in zip(quotes, computed)]
    for q, t, speaker, was in zip(quotes, a.of(QUOTE_TONES), speakers, computed):
        corrected = (q.start, q.end) in fix.speaker
        named = q.speaker if speaker == was else None  # the words naming the computed speaker name no other
        out["quotes"].append(QuoteRow(
            aid, q.start, q.end, text[q.start:q.end], q.kind, speaker, text[q.cue.start:q.cue.end] if q.cue else "",
            t.score, t.label, text[named.start:named.end] if named else "", named.start if named else -1,
            named.end if named else -1, q.cue.start if q.cue else -1, q.cue.end if q.cue else -1,
            1.0 if corrected else q.confidence, corrected))
    out["stances"] = decided_stances(a, index, speakers, stance_model, fix)  # a quote's stances follow its speaker
    starts = [s.start for s in sentences]
    for d in a.of(DATES):
        i = bisect_right(starts, d.start) - 1
        inside = i >= 0 and d.start < sentences[i].end
        out["dates"].append(DateRow(aid, d.start, d.end, text[d.start:d.end], d.value, d.granularity,
                                    text[sentences[i].start:sentences[i].end] if inside else "",
                                    a.dateline is not None and d.start == a.dateline[0]))
    return out


def build_corpus(analyses: Iterable[ArticleAnalysis], settings: CorpusSettings = CorpusSettings()) -> Corpus:
    """Frames for the whole corpus from its per-article analyses."""
    analyses = list(analyses)
    index = resolve_actors({a.article.article_id: a.of(MENTIONS) for a in analyses}, settings.aliases,
                           langs={a.article.article_id: a.article.lang for a in analyses}, metonymy=settings.metonymy,
                           merge_model=settings.merge_model)
    stance_model = settings.stance_model or shipped_model()
    fixes = settings.corrections.by_text() if settings.corrections else {}
    rows: dict[str, list] = defaultdict(list)
    for a in analyses:
        fix = fixes.get(text_key(a.article.text), NO_FIXES) if fixes else NO_FIXES
        for name, found in _article_rows(a, index, fix, stance_model).items():
            rows[name] += found
    articles, mentions, quotes = frame("articles", rows["articles"]), frame("mentions", rows["mentions"]), \
        frame("quotes", rows["quotes"])
    articles["cluster"] = cluster_column(articles)
    sentences, dates = frame("sentences", rows["sentences"]), frame("dates", rows["dates"])
    return Corpus(articles=articles, mentions=mentions, actors=actor_table(mentions, quotes, index.actors_frame()),
                  quotes=quotes, sentences=sentences, dates=dates, stances=frame("stances", rows["stances"]),
                  events=build_events(articles, sentences, dates, counted(mentions), quotes))
