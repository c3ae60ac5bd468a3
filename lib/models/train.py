"""Fit Revue's learned components on an annotated corpus: ``python -m lib train [CORPUS_DIR]``.

Five models, shipped as JSON in lib/data: sentence tone (lib/models/tone.py) and stance (lib/models/stances.py),
trained on the corpus's tone/NN.json coding (TONE.md); the speaker ranker (lib/models/speakers.py), the
actor merge classifier (lib/models/actor_merge.py) and the dropped-mention classifier
(lib/models/mention_keep.py), trained on its gold/NN.json quotes and actors. Cross-validation
(``python -m lib evaluate --cv``) fits the same ``Trainer`` on training folds only.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from lib.corpus.actors import article_forms, resolve_actors
from lib.evaluate.gold import GoldArticle
from lib.evaluate.scoring import speaker_right
from lib.evaluate.scoring import match
from lib.corpus.build import resolved_candidates, speaker_actor
from lib.extract.mentions import mention_candidates
from lib.extract.registry import MENTIONS, QUOTES
from lib.models import Models
from lib.pipeline import Options, Parsed, analyze_parsed, parse
from lib.textkeys import fold
from lib.types import ArticleAnalysis, Mention, Quote
from lib.models.mention_keep import MODEL_FILE as MENTION_FILE, MentionModel, train as train_mention
from lib.models.actor_merge import MODEL_FILE as MERGE_FILE, RULES_ONLY, ActorMergeModel, examples as merge_examples, gold_forms, \
    train as train_merge
from lib.extract.quotes import extract_quotes, fragment_examples
from lib.models.fragments import MODEL_FILE as FRAGMENT_FILE, FragmentModel, train as train_fragments
from lib.models.speakers import MODEL_FILE as SPEAKER_FILE, NOBODY, OWN_WORDS, SpeakerModel, candidates, train as train_speaker
from lib.models.stances import MODEL_FILE as STANCE_FILE, StanceModel, article_features, train as train_stance
from lib.extract.tone import LexiconTone
from lib.models.tone import MODEL_FILE as TONE_FILE, LearnedTone, ToneExample, examples as tone_examples, \
    train as train_tone

StanceExample = tuple[tuple[str, ...], str]  # (candidate features, "none" or the coded stance)


SpeakerExample = tuple[tuple[str, ...], bool]  # (candidate features, is the gold speaker)
FragmentExample = tuple[tuple[str, ...], bool]  # (quoted fragment's features, is a gold direct or partial quote)


@dataclass(frozen=True)
class Fitted:
    tone: LearnedTone
    stance: StanceModel
    speaker: SpeakerModel
    actor_merge: ActorMergeModel
    fragments: FragmentModel | None
    mention: MentionModel


class Trainer:
    """Parses the corpus once and reads every training example; then fits on any subset of its articles."""

    def __init__(self, items: Sequence[GoldArticle], options: Options = Options()) -> None:
        coded = [g for g in items if g.tone]
        self.parsed: dict[str, Parsed] = {p.article.article_id: p for p in parse([g.article for g in items], options)}
        rules_only = Models(LexiconTone(), None)  # examples describe what the rules found, as the models will see it
        base = {g.article.article_id: analyze_parsed(self.parsed[g.article.article_id], rules_only) for g in items}
        self.tone_examples = {g.article.article_id: _coded_sentences(g, self.parsed[g.article.article_id])
                              for g in coded}
        self.stance_examples = _stance_examples(coded, base)
        self.speaker_examples = {g.article.article_id: _speaker_examples(g, base[g.article.article_id],
                                                                         self.parsed[g.article.article_id])
                                 for g in items}
        self.merge_examples = {g.article.article_id: _merge_examples(g, base[g.article.article_id].of(MENTIONS))
                               for g in items}
        self.fragment_examples = {g.article.article_id: _fragment_examples(g, base[g.article.article_id],
                                                                           self.parsed[g.article.article_id])
                                  for g in items}
        self.mention_examples = {g.article.article_id: _mention_examples(g, self.parsed[g.article.article_id])
                                 for g in items}

    def __call__(self, items: Sequence[GoldArticle]) -> Fitted:
        ids = [g.article.article_id for g in items]
        return Fitted(train_tone(ex for i in ids for ex in self.tone_examples.get(i, [])),
                      train_stance(ex for i in ids for ex in self.stance_examples.get(i, [])),
                      train_speaker(group for i in ids for group in self.speaker_examples.get(i, [])),
                      train_merge(ex for i in ids for ex in self.merge_examples.get(i, [])),
                      train_fragments(ex for i in ids for ex in self.fragment_examples.get(i, [])),
                      train_mention(ex for i in ids for ex in self.mention_examples.get(i, [])))


def _coded_sentences(g: GoldArticle, parsed: Parsed) -> list[ToneExample]:
    """The title and every coded sentence, located in order in the article text, as tone examples."""
    if parsed.doc is None:
        return []
    text, pos, coded = g.article.text, 0, []
    for sentence in [g.tone["title"], *g.tone["sentences"]]:
        at = text.find(sentence["text"], pos)
        if at < 0:
            continue
        pos = at + len(sentence["text"])
        coded.append((at, pos, int(sentence["tone"])))
    return tone_examples(parsed.doc, coded, parsed.lang)


def _stance_examples(coded: Sequence[GoldArticle], base: dict[str, ArticleAnalysis]) -> dict[str, list[StanceExample]]:
    """Each candidate labelled with the coded stance of the same source, target and evidence, else 'none'."""
    analyses = list(base.values())
    # merged by the rules alone: the shipped merge model was fitted on every article, a held-out fold's included
    index = resolve_actors({a.article.article_id: a.of(MENTIONS) for a in analyses},
                           langs={a.article.article_id: a.article.lang for a in analyses}, merge_model=RULES_ONLY)
    out: dict[str, list[StanceExample]] = {}
    for g in coded:
        a, aid, text = base[g.article.article_id], g.article.article_id, g.article.text
        speakers = [speaker_actor(q, a.of(MENTIONS), index, aid, a.article.lang) for q in a.of(QUOTES)]
        spans = []
        for st in g.tone["stances"]:
            at = text.find(st["evidence"])
            spans.append((at, at + len(st["evidence"])) if at >= 0 else None)
        rows = []
        resolved = list(resolved_candidates(a, index, speakers))
        features = article_features([(c.features, source, target) for c, source, target in resolved])
        for (c, source, target), feats in zip(resolved, features):
            label = "none"
            for st, span in zip(g.tone["stances"], spans):
                if (span and span[0] < c.end and c.start < span[1] and speaker_right(st["source"], source, g.gold["actors"])
                        and speaker_right(st["target"], target, g.gold["actors"])):
                    label = str(st["stance"])
                    break
            rows.append((feats, label))
        out[aid] = rows
    return out


# Every quoted fragment read as someone's words: the speaker examples cover the fragments that a fold's
# fragment model will keep (quotes with no cue among them), which the rules alone drop
_EVERY_FRAGMENT = FragmentModel({}, [], 1.0)


def _speaker_examples(g: GoldArticle, a: ArticleAnalysis, parsed: Parsed) -> list[list[SpeakerExample]]:
    """The candidates of each predicted quote that matches a gold quote, labelled by the gold speaker."""
    if parsed.doc is None:
        return []
    mentions = a.of(MENTIONS)
    quotes = extract_quotes(parsed.doc, parsed.lang, mentions, _EVERY_FRAGMENT)
    if not quotes:
        return []
    gold = g.gold["quotes"]
    out: list[list[SpeakerExample]] = []
    cands = candidates(parsed.doc, quotes, mentions)
    for i, j in match([q["text"] for q in gold], [q.text for q in quotes]):
        speaker = gold[i]["speaker"]
        labels = [(c.features, speaker_right(speaker, _candidate_name(c.mention, quotes[j], mentions), g.gold["actors"]))
                  for c in cands[j]]
        if any(y for _, y in labels):  # a speaker no candidate names teaches nothing about ranking
            out.append(labels)
    return out


def _merge_examples(g: GoldArticle, mentions: list[Mention]) -> list[tuple[tuple[str, ...], bool]]:
    """Pairs of the article's names that may be one actor, labelled by the gold actors."""
    return merge_examples(article_forms(mentions), gold_forms(g.gold["actors"]))
def _fragment_examples(g: GoldArticle, a: ArticleAnalysis, parsed: Parsed) -> list[FragmentExample]:
    """Every quoted fragment the rules do not read as a direct quote, labelled by whether the gold has it as a
    direct or partial quote (a term, title or scare quote is in its not_quotes, or nowhere)."""
    if parsed.doc is None:
        return []
    quoted = [q["text"] for q in g.gold["quotes"] if q["kind"] != "indirect"]
    found = fragment_examples(parsed.doc, parsed.lang, a.of(MENTIONS))
    said = {j for _, j in match(quoted, [g.article.text[s:e] for s, e, _ in found])}
    return [(features, j in said) for j, (_, _, features) in enumerate(found)]


def _mention_examples(g: GoldArticle, parsed: Parsed) -> list[tuple[tuple[str, ...], bool]]:
    """The names the rules drop in the article, labelled by whether a gold actor lists their text."""
    if parsed.doc is None:
        return []
    forms = gold_forms(g.gold["actors"])
    return [(c.features, fold(c.mention.text) in forms) for c in mention_candidates(parsed.doc)]


def _candidate_name(mention: int, quote: Quote, mentions: list[Mention]) -> str:
    """The speaker a candidate names: nobody, the rules' own words ("le rapporteur public"), or an actor."""
    return "" if mention == NOBODY else quote.speaker_name if mention == OWN_WORDS else mentions[mention].text


MODEL_FILES = {"tone": TONE_FILE, "stance": STANCE_FILE, "speaker": SPEAKER_FILE, "actor_merge": MERGE_FILE,
               "fragments": FRAGMENT_FILE,
               "mention": MENTION_FILE}


def train_all(items: Sequence[GoldArticle], folder: Path | None = None) -> Fitted:
    """Fits every model on all of ``items`` and writes them to lib/data (or ``folder``)."""
    fitted = Trainer(items)(items)
    if folder:
        folder.mkdir(parents=True, exist_ok=True)
    for name, path in MODEL_FILES.items():
        target = folder / path.name if folder else path
        target.write_text(getattr(fitted, name).to_json() + "\n", encoding="utf-8")
    return fitted
