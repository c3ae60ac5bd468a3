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


def test_event_words_reach_sentence_tone_but_not_stance_features(tone):
    # a layoff or a flood sets a sentence's tone, but is no actor's stance toward another
    assert tone.weight("layoff", "en") == 0 and tone.sentence_weight("layoff", "en") < 0
    assert tone.weight("inondation", "fr") == 0 and tone.sentence_weight("inondation", "fr") < 0
    assert tone.sentence_weight("hire", "en") > 0
    assert tone.sentence_weight("war", "en") == tone.weight("war", "en") == -1.0  # the reviewed list still answers
    for lang in ("fr", "en"):
        events = weighted_list(f"tone_events_{lang}.tsv")
        assert len(events) > 40 and all(-1 <= w <= 1 for w in events.values())
        assert not set(events) & set(weighted_list(f"tone_{lang}.tsv"))  # one weight per word


@pytest.mark.parametrize("lemmas, lang, first", [
    ("hundred of people be injure in the explosion", "en", "injure"),
    ("le gouvernement ne être pas prêt à céder , dénoncer le syndicat", "fr", "denoncer"),
    ("600 000 euro de amende être infliger", "fr", "amende"),  # the numbers weigh in the model, yet show nothing
])
def test_learned_tone_shows_listed_words_first_and_never_function_words(lemmas, lang, first):
    """A score keeps the words that drove it: words an analyst can point at, not "be", "the", "le" or "000"."""
    import spacy

    from lib.models.tone import LearnedTone

    tone = LearnedTone.load().score_tokens(lemmas.split(), lang)
    stop = spacy.util.get_lang_class(lang).Defaults.stop_words
    assert tone.label == -1 and tone.cues[0] == first
    assert not set(tone.cues) & stop
    assert all(any(ch.isalpha() for ch in cue) for cue in tone.cues)
