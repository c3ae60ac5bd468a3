"""Lexicon tone: conflict and criticism score negative, agreement positive, negation flips."""
from __future__ import annotations

import pytest

from lib.lexicons import weighted_list
from lib.extract.tone import LexiconTone


@pytest.fixture(scope="module")
def tone() -> LexiconTone:
    return LexiconTone()


@pytest.mark.parametrize("lemmas,lang,label", [
    ("le ministre dénoncer un scandale".split(), "fr", -1),
    ("les deux pays signer un accord de coopération".split(), "fr", 1),
    ("le gouvernement ne accepter pas le plan".split(), "fr", -1),
    ("la réunion avoir lieu mardi".split(), "fr", 0),
    ("the minister condemn the attack".split(), "en", -1),
    ("leaders welcome the agreement".split(), "en", 1),
    ("they do not support the plan".split(), "en", -1),
])
def test_news_tone_labels(tone, lemmas, lang, label):
    result = tone.score_tokens(lemmas, lang)
    assert result.label == label, result
    assert -1 <= result.score <= 1
    assert bool(result.cues) == (label != 0)


def test_negated_cue_is_reported_as_negated(tone):
    result = tone.score_tokens("il ne soutenir pas la réforme".split(), "fr")
    assert any(c.startswith("not ") for c in result.cues)


def test_unknown_language_falls_back_without_error(tone):
    assert tone.score_tokens(["crise"], "de").label in (-1, 0)


def test_lexicon_files_are_well_formed():
    for lang in ("fr", "en"):
        lexicon = weighted_list(f"tone_{lang}.tsv")
        assert len(lexicon) > 100
        assert all(-1 <= w <= 1 for w in lexicon.values())


def test_sentence_tone_on_a_real_article(seed_corpus):
    sentences = seed_corpus.sentences
    assert set(sentences["tone_label"]) <= {-1, 0, 1}
    negative = sentences[sentences["tone_label"] == -1]
    assert not negative.empty and (negative["tone_cues"] != "").all()
