"""The analysis settings: the tone backend is chosen in the app and re-scores the corpus."""
from __future__ import annotations

import pytest
from apptest import assert_clean, charts, navigation_only, new_app, open_page  # noqa: F401


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


def test_large_text_scales_the_app_and_its_charts_on_every_page():
    at = open_page(new_app(), "actors")
    normal = {c["layout"]["title"]["text"]: c for c in charts(at)}
    assert not any("font-size" in h.proto.body for h in at.get("html"))
    at.sidebar.toggle(key="large_text").set_value(True).run()
    assert_clean(at)
    # the app's text: a larger root font, which Streamlit's rem-sized text follows
    assert any("html{font-size:20.8px}" in h.proto.body for h in at.get("html"))
    large = {c["layout"]["title"]["text"]: c for c in charts(at)}
    assert large.keys() == normal.keys()
    for title, figure in large.items():
        before = normal[title]["layout"].get("font", {}).get("size", 12)
        assert figure["layout"]["font"]["size"] == pytest.approx(before * 1.3), title
    names = [a["font"]["size"] for a in large["Who appears with whom (same sentence)"]["layout"]["annotations"]]
    assert names and all(size == pytest.approx(12 * 1.3) for size in names)
    # kept in the session: another page is large too, and switching it off brings the usual size back
    open_page(at, "timeline")
    assert at.sidebar.toggle(key="large_text").value
    assert charts(at)[0]["layout"]["font"]["size"] == pytest.approx(12 * 1.3)
    at.sidebar.toggle(key="large_text").set_value(False).run()
    assert charts(at)[0]["layout"].get("font", {}).get("size", 12) == 12
    assert not any("font-size" in h.proto.body for h in at.get("html"))
