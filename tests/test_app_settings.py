"""The analysis settings: the tone backend is chosen in the app and re-scores the corpus."""
from __future__ import annotations

from apptest import assert_clean, new_app, open_page


def test_tone_backend_switch_rescores_sentences_and_back():
    at = open_page(new_app(), "overview")
    trained = at.session_state["_corpus"].sentences[["start", "tone_label", "tone_cues"]].copy()
    at.selectbox(key="tone_backend").set_value("lexicon").run()
    assert_clean(at)
    lexicon = at.session_state["_corpus"].sentences
    assert len(lexicon) == len(trained)  # the same sentences, scored by the word list alone
    assert (lexicon["tone_cues"].values != trained["tone_cues"].values).any()
    at.selectbox(key="tone_backend").set_value("model").run()
    assert_clean(at)
    back = at.session_state["_corpus"].sentences
    assert (back["tone_cues"].values == trained["tone_cues"].values).all()
