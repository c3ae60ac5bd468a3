"""The one pipeline behind the CLI and the app: articles in, frames out.

Per article, extractors read a spaCy ``Doc`` and return records
(``ArticleAnalysis``); ``assemble`` resolves actors over the whole corpus and
builds the frames. The split lets the CLI cache per-article work and resume.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator

from spacy.tokens import Doc

from lib import nlp as nlp_loader
from lib.nlp import doc_text, lemmas
from lib.corpus.actors import ActorIndex, AliasTable, resolve_actors
from lib.corpus.corrections import NO_FIXES, Corrections, text_key
from lib.extract.dateline import find_dateline
from lib.extract.dates import extract_dates
from lib.extract.mentions import extract_mentions
from lib.corpus.events import build_events
from lib.corpus.frames import Corpus, actor_table, frame
from lib.readers.langid import detect_language, foreign_script_paragraphs
from lib.readers.normalize import normalize
from lib.extract.quotes import extract_quotes
from lib.readers.dedup import cluster_column
from lib.models.speakers import SpeakerModel, attribute, shipped_model as speaker_model
from lib.models.stances import StanceModel, shipped_model
from lib.extract.stances import StanceCandidate, stance_candidates
from lib.extract.tone import LexiconTone
from lib.models.tone import tone_backend
from lib.types import Article, Mention, Quote, TimeExpr, Tone, ToneScorer

Progress = Callable[[int, int, str], None]  # (done, total, current article id)
LEXICON = LexiconTone()  # stance features read the reviewed word list, whatever the tone backend
LATIN_SCRIPT = {"fr", "en", "de", "es", "it", "pt", "nl"}  # languages whose paragraphs in another script are skipped


@dataclass(frozen=True)
class Options:
    aliases: AliasTable | None = None
    metonymy: bool = True  # capitals acting for their state ("Moscou exige" -> Russie); off keeps them cities
    models: dict[str, str] = field(default_factory=dict)  # lang -> spaCy pipeline name override
    tone: str = "model"  # tone backend (lib.models.tone.TONE_BACKENDS)
    speakers: str = "rules"  # who decides a quote's speaker (lib.models.speakers.SPEAKER_MODES)
    default_lang: str = "fr"
    batch_size: int = 16


@dataclass(frozen=True)
class SentenceRecord:
    start: int
    end: int
    tone: Tone


@dataclass(frozen=True)
class ArticleAnalysis:
    article: Article
    mentions: list[Mention]
    quotes: list[Quote]
    quote_tones: list[Tone]
    sentences: list[SentenceRecord]
    dates: list[TimeExpr]
    published_from: str = ""  # 'metadata', 'dateline' (read from the text's first lines) or '' when unknown
    dateline: tuple[int, int] | None = None  # the dateline's date span in the text
    stance_candidates: list[StanceCandidate] = field(default_factory=list)  # decided in assemble, once actors are known


@dataclass(frozen=True)
class Models:
    """The learned parts an analysis uses: the shipped ones, or those of a cross-validation fold."""

    tone: ToneScorer
    speaker: SpeakerModel | None  # scores every attribution; None: no confidence
    speakers: str = "rules"  # lib.models.speakers.SPEAKER_MODES: who decides the speaker


def analyze_doc(article: Article, doc: Doc, lang: str, models: Models) -> ArticleAnalysis:
    tone = models.tone
    mentions = extract_mentions(doc)
    quotes = attribute(doc, extract_quotes(doc, lang, mentions), mentions, models.speaker, models.speakers)
    found = find_dateline(doc_text(doc), lang=lang)
    published_from = "metadata" if article.published else "dateline" if found else ""
    if found and not article.published:
        article = Article(**{**article.__dict__, "published": found[0]})
    sentences = [SentenceRecord(s.start_char, s.end_char, tone.score_tokens(lemmas(doc, s.start_char, s.end_char), lang))
                 for s in doc.sents if s.text.strip()]
    return ArticleAnalysis(
        article=article,
        mentions=mentions,
        quotes=quotes,
        quote_tones=[tone.score_tokens(lemmas(doc, q.start, q.end), lang) for q in quotes],
        sentences=sentences,
        dates=extract_dates(doc_text(doc), article.published, doc, quotes, lang, found[1] if found else None),
        published_from=published_from,
        dateline=found[1] if found else None,
        stance_candidates=stance_candidates(doc, lang, mentions, quotes, LEXICON),
    )


@dataclass(frozen=True)
class Parsed:
    """An article with its language and spaCy Doc (None for an input that is not analyzed)."""

    article: Article
    lang: str = ""
    doc: Doc | None = None


def parse(articles: Iterable[Article], options: Options = Options(),
          progress: Progress | None = None) -> Iterator[Parsed]:
    """Articles through spaCy, batched by language; failed inputs and duplicates pass through unparsed."""
    items = list(articles)
    by_lang: dict[str, list[Article]] = defaultdict(list)
    done = 0
    for article in items:
        if article.error or article.duplicate_of or not article.text.strip():  # duplicates: analyzed once
            done += 1
            yield Parsed(article)
            continue
        lang = article.lang or detect_language(article.text) or options.default_lang
        by_lang[lang].append(article)
    for lang, group in by_lang.items():
        # A language without a pipeline gets a blank one (rules only) rather than the French parser.
        nlp = nlp_loader.load(lang, options.models.get(lang))
        skipped = [foreign_script_paragraphs(a.text) if lang in LATIN_SCRIPT else [] for a in group]
        texts = (_blank(normalize(a.text), spans) for a, spans in zip(group, skipped))
        for article, spans, doc in zip(group, skipped, nlp.pipe(texts, batch_size=options.batch_size)):
            done += 1
            if progress:
                progress(done, len(items), article.article_id)
            article = _with_lang(article, lang, nlp_loader.has_ner(nlp))
            if spans:
                article = replace(article, note="; ".join(filter(None, (
                    article.note, f"{len(spans)} paragraph(s) in another script left out of the analysis"))))
            yield Parsed(article, lang, doc)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with those spans turned to spaces: left out of the parse, every offset kept."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def analyze_parsed(parsed: Parsed, models: Models) -> ArticleAnalysis:
    if parsed.doc is None:
        return ArticleAnalysis(parsed.article, [], [], [], [], [])
    return analyze_doc(parsed.article, parsed.doc, parsed.lang, models)


def analyze_articles(articles: Iterable[Article], options: Options = Options(),
                     progress: Progress | None = None, tone: ToneScorer | None = None) -> Iterator[ArticleAnalysis]:
    """Per-article analysis; ``tone`` overrides the backend that ``options.tone`` names."""
    models = Models(tone or tone_backend(options.tone), speaker_model(), options.speakers)
    for parsed in parse(articles, options, progress):
        yield analyze_parsed(parsed, models)


def _with_lang(article: Article, lang: str, has_pipeline: bool = True) -> Article:
    note = "" if has_pipeline else (f"no spaCy pipeline for language '{lang}': no entities or actors; "
                                    "quotes, dates and tone by rules only")
    if article.lang == lang and not note:
        return article
    return Article(**{**article.__dict__, "lang": lang, "note": "; ".join(filter(None, (article.note, note)))})


def _actors_in(mentions: list[Mention], index: ActorIndex, article_id: str, start: int, end: int) -> list[str]:
    return [index.by_mention.get((article_id, m.start), "") for m in mentions if start <= m.start and m.end <= end]


def _speaker_actor(quote: Quote, mentions: list[Mention], index: ActorIndex, article_id: str) -> str:
    """lib.extract.quotes resolves pronouns and roles to a name (speaker_name); empty for unnamed sources."""
    if not quote.speaker_name:
        return ""
    if quote.speaker_mention >= 0 and (article_id, quote.speaker_mention) in index.by_mention:
        return index.by_mention[(article_id, quote.speaker_mention)]  # the mention the speaker model chose
    if quote.speaker is not None and quote.speaker.text == quote.speaker_name:
        named = [a for a in _actors_in(mentions, index, article_id, quote.speaker.start, quote.speaker.end) if a]
        if named:
            return named[-1]
    # without NER (blank pipeline) the name stays as written
    return index.resolve(quote.speaker_name) or quote.speaker_name


def resolved_candidates(a: ArticleAnalysis, index: ActorIndex,
                        speakers: list[str]) -> Iterator[tuple[StanceCandidate, str, str]]:
    """Each stance candidate with its source and target actors, when they are two different actors."""
    aid = a.article.article_id
    for c in a.stance_candidates:
        source = speakers[c.source] if c.basis == "quote" else index.by_mention.get((aid, a.mentions[c.source].start), "")
        target = index.by_mention.get((aid, a.mentions[c.target].start), "")
        if source and target and source != target and (aid, a.mentions[c.target].start) not in index.dropped:
            yield c, source, target


def decided_stances(a: ArticleAnalysis, index: ActorIndex, speakers: list[str],
                    model: StanceModel | None) -> list[dict]:
    """One row per (source, target, evidence) that the model calls a stance, its most confident reading."""
    best: dict[tuple[str, str, int, int], dict] = {}
    for c, source, target in resolved_candidates(a, index, speakers):
        decision = model.decide(c.features) if model else None
        if decision is None:
            continue
        key = (source, target, c.start, c.end)
        if key not in best or decision.confidence > best[key]["confidence"]:
            best[key] = {"source_actor": source, "target_actor": target, "score": decision.score,
                         "kind": c.basis, "start": c.start, "end": c.end, "confidence": decision.confidence,
                         "cues": ", ".join(c.cues)}
    return list(best.values())


def assemble(analyses: Iterable[ArticleAnalysis], aliases: AliasTable | None = None, metonymy: bool = True,
             stance_model: StanceModel | None = None, corrections: Corrections | None = None) -> Corpus:
    """Frames for the whole corpus: actors are resolved across articles here.

    ``stance_model`` defaults to the weights shipped in lib/data (a model being cross-validated replaces it).
    ``corrections`` (the analyst's, keyed by article text) win over the computed values: a sentence's tone
    (and so its article's), a stance's sign (its score, confidence 1), a quote's speaker (confidence 1; the
    stances of that quote follow it); each such row has ``corrected`` set.

    Every text cell is sliced from the article as stored, not from the
    normalized text the extractors saw, so it matches the analyst's source.
    """
    analyses = list(analyses)
    stance_model = stance_model or shipped_model()
    index = resolve_actors({a.article.article_id: a.mentions for a in analyses}, aliases,
                           langs={a.article.article_id: a.article.lang for a in analyses}, metonymy=metonymy)
    rows: dict[str, list[dict]] = defaultdict(list)
    fixes_by_text = corrections.by_text() if corrections else {}
    for a in analyses:
        art, aid, text = a.article, a.article.article_id, a.article.text
        fix = fixes_by_text.get(text_key(text), NO_FIXES) if fixes_by_text else NO_FIXES
        # (score, label, corrected) per sentence: a corrected tone scores its label
        tone_marks = [(s.tone.score, s.tone.label, False) if (c := fix.tone.get((s.start, s.end))) is None
                      else (float(c), c, True) for s in a.sentences]
        tones = [score for score, label, _ in tone_marks if label != 0]
        rows["articles"].append({
            "article_id": aid, "title": art.title, "source": art.source, "url": art.url,
            "published": art.published, "lang": art.lang, "n_words": len(text.split()),
            "tone": round(sum(tones) / len(tones), 3) if tones else 0.0, "error": art.error,
            "text": text, "file": art.file, "author": art.author, "duplicate_of": art.duplicate_of,
            "note": art.note, "published_from": a.published_from})
        for m in a.mentions:
            if (aid, m.start) in index.dropped:  # ignored in the analyst's alias table
                continue
            actor = index.by_mention.get((aid, m.start), "")
            rows["mentions"].append({"article_id": aid, "start": m.start, "end": m.end, "text": text[m.start:m.end],
                                     "label": index.labels.get(actor, m.label), "actor": actor})  # the actor's type
        for s, (score, label, corrected) in zip(a.sentences, tone_marks):
            rows["sentences"].append({"article_id": aid, "start": s.start, "end": s.end, "text": text[s.start:s.end],
                                      "tone": score, "tone_label": label, "tone_cues": ", ".join(s.tone.cues),
                                      "corrected": corrected})
        computed = [_speaker_actor(q, a.mentions, index, aid) for q in a.quotes]
        speakers = [fix.speaker.get((q.start, q.end), speaker) for q, speaker in zip(a.quotes, computed)]
        for q, t, speaker, was in zip(a.quotes, a.quote_tones, speakers, computed):
            corrected = (q.start, q.end) in fix.speaker
            named = q.speaker if speaker == was else None  # the words naming the computed speaker name no other
            rows["quotes"].append({
                "article_id": aid, "start": q.start, "end": q.end, "text": text[q.start:q.end], "kind": q.kind,
                "speaker": speaker, "cue": text[q.cue.start:q.cue.end] if q.cue else "", "tone": t.score,
                "tone_label": t.label, "speaker_text": text[named.start:named.end] if named else "",
                "speaker_start": named.start if named else -1, "speaker_end": named.end if named else -1,
                "cue_start": q.cue.start if q.cue else -1, "cue_end": q.cue.end if q.cue else -1,
                "speaker_confidence": 1.0 if corrected else q.confidence, "corrected": corrected})
        for row in decided_stances(a, index, speakers, stance_model):
            sign = fix.sign.get((row["start"], row["end"], row["source_actor"], row["target_actor"]))
            rows["stances"].append(row | {"article_id": aid, "evidence": text[row["start"]:row["end"]],
                                          "corrected": sign is not None}
                                   | ({} if sign is None else {"score": float(sign), "confidence": 1.0}))
        for d in a.dates:
            sentence = next((text[s.start:s.end] for s in a.sentences if s.start <= d.start < s.end), "")
            rows["dates"].append({"article_id": aid, "start": d.start, "end": d.end, "text": text[d.start:d.end],
                                  "value": d.value, "granularity": d.granularity, "sentence": sentence,
                                  "dateline": a.dateline is not None and d.start == a.dateline[0]})
    mentions, quotes = frame("mentions", rows["mentions"]), frame("quotes", rows["quotes"])
    articles = frame("articles", rows["articles"])
    articles["cluster"] = cluster_column(articles)
    return Corpus(articles=articles, mentions=mentions,
                  actors=actor_table(mentions, quotes, index.actors_frame()), quotes=quotes,
                  sentences=frame("sentences", rows["sentences"]), dates=frame("dates", rows["dates"]),
                  stances=frame("stances", rows["stances"]),
                  events=build_events(articles, frame("sentences", rows["sentences"]), frame("dates", rows["dates"]),
                                      mentions, quotes))


def analyze(articles: Iterable[Article], options: Options = Options(), progress: Progress | None = None) -> Corpus:
    return assemble(analyze_articles(articles, options, progress), options.aliases, options.metonymy)
