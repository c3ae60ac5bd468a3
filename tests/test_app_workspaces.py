"""Workspaces, the uploaded articles' metadata table, and a big upload the analyst confirms and can stop.

What is asserted is what the analyst sees: the sidebar's switch and its counts, the Overview's figures and
tables, the Article page, the messages; the session's state only where a page cannot show it (a widget's
stored choice).
"""
from __future__ import annotations

import json
from contextlib import contextmanager

import pytest
import streamlit as st
from apptest import (JUNK, LYON, LYON_TITLE, PAGES, ROOT, SAMPLE_ARTICLES, AppTest, assert_clean,
                     assert_no_exception, metric, navigation_only, new_app, open_page, upload)
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1.element_tree import ElementTree

from lib.types import Article

__all__ = ["navigation_only"]  # the autouse fixture applies to this module

DEMO = (ROOT / "sample_data" / "demo_corpus.jsonl").read_bytes()  # 56 Wikinews articles: above the threshold
DEMO_ROWS = 56
MOSCOU = """Cyberattaques : Moscou rejette les accusations britanniques

Le gouvernement britannique a accusé mardi le renseignement militaire russe d'avoir piraté plusieurs ministères.
« Moscou a démenti ces accusations », a déclaré Maria Zakharova, porte-parole de la diplomatie russe.
"""
# a text file comes with neither source nor date: "hier" cannot be resolved until the analyst gives one
VELO = """Le plan vélo adopté

Le conseil municipal de Lyon a adopté hier le plan vélo présenté par Grégory Doucet.
« C'est une victoire pour tous les cyclistes », a déclaré Fabien Bagnon, vice-président de la Métropole.
"""


def switch(at: AppTest, name: str) -> AppTest:
    at.sidebar.radio(key="workspace_pick").set_value(name)
    return at.run()


def workspaces(at: AppTest) -> dict[str, str]:
    """The sidebar's switch: workspace -> its caption (the article count)."""
    pick = at.sidebar.radio(key="workspace_pick")
    return dict(zip(pick.options, (c for c in pick.proto.captions)))


def upload_into_open(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.sidebar.radio(key="upload_into").set_value("open")
    return upload(at, *files)


def article_table(at: AppTest):
    return next(df.value for df in at.dataframe if "duplicate_of" in df.value.columns)


@contextmanager
def edited(key: str, rows: dict[int, dict[str, str]]):
    """What the browser sends when the analyst edits cells of the st.data_editor ``key`` (row position ->
    column -> new text): AppTest cannot type in a table, so its next run carries this widget state."""
    original = ElementTree.get_widget_states

    def with_edits(tree: ElementTree):
        states = original(tree)
        editor = next(e for e in tree.get("dataframe") if e.proto.id.endswith(f"-{key}") or e.key == key)
        states.widgets.append(WidgetState(id=editor.proto.id, string_value=json.dumps(
            {"edited_rows": {str(i): cells for i, cells in rows.items()}, "added_rows": [], "deleted_rows": []})))
        return states

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ElementTree, "get_widget_states", with_edits)
        yield


def apply_metadata(at: AppTest, rows: dict[int, dict[str, str]]) -> AppTest:
    key = next(e.key for e in at.get("dataframe") if (e.key or "").startswith("metadata_")).removesuffix("_table")
    at.button(key=f"{key}_0").click()
    with edited(f"{key}_table", rows):
        return at.run()


def test_an_upload_opens_its_own_workspace_and_the_sample_stays_as_it_was() -> None:
    at = new_app()
    assert workspaces(at) == {"Sample corpus": f"{SAMPLE_ARTICLES} articles"}
    assert not any("link" in c.value for c in at.sidebar.caption)
    upload(at, ("lyon.txt", LYON.encode("utf-8")), ("broken.txt", JUNK))
    assert_no_exception(at)
    assert workspaces(at) == {"Sample corpus": f"{SAMPLE_ARTICLES} articles", "My articles": "1 article"}
    assert at.sidebar.radio(key="workspace_pick").value == "My articles"
    assert metric(at, "Articles") == 1
    assert article_table(at)["title"].tolist() == [LYON_TITLE]
    assert any(c.value.startswith("Workspace: My articles") for c in at.caption)
    assert any("sample corpus only" in c.value for c in at.sidebar.caption)  # a link cannot carry the upload

    switch(at, "Sample corpus")
    assert_clean(at)
    assert metric(at, "Articles") == SAMPLE_ARTICLES
    assert LYON_TITLE not in set(article_table(at)["title"])
    assert any("Every file was read" in s.value for s in at.success)  # broken.txt belongs to the other one
    assert not any("link" in c.value for c in at.sidebar.caption)
    for page in PAGES:  # every page follows the switch, whatever the last workspace left in its widgets
        open_page(at, page)
        assert_clean(at)
    switch(at, "My articles")
    open_page(at, "overview")
    assert metric(at, "Articles") == 1


def test_files_added_to_the_open_workspace_join_it_and_a_named_one_gets_its_name() -> None:
    at = new_app()
    upload(at, ("lyon.txt", LYON.encode("utf-8")))
    upload_into_open(at, ("velo.txt", VELO.encode("utf-8")), ("copie.txt", LYON.encode("utf-8")))
    assert_clean(at)
    assert list(workspaces(at)) == ["Sample corpus", "My articles"]
    assert metric(at, "Articles") == 2  # the copy of lyon.txt is counted once
    assert any("1 duplicate(s) analyzed once" in s.value for s in at.sidebar.success)

    at.sidebar.radio(key="upload_into").set_value("new").run()
    at.sidebar.text_input(key="workspace_name").set_value("  Vélo   à Lyon ")
    upload(at, ("encore.txt", LYON.encode("utf-8")))
    assert workspaces(at) == {"Sample corpus": f"{SAMPLE_ARTICLES} articles", "My articles": "2 articles",
                              "Vélo à Lyon": "1 article"}  # a new workspace: not a duplicate there
    assert metric(at, "Articles") == 1

    switch(at, "Sample corpus")
    upload_into_open(at, ("lyon.txt", LYON.encode("utf-8")))
    assert metric(at, "Articles") == SAMPLE_ARTICLES + 1
    assert any("sample corpus only" in c.value for c in at.sidebar.caption)


def test_filters_that_do_not_fit_the_workspace_opened_are_dropped_with_a_note() -> None:
    at = new_app()
    actors = at.sidebar.multiselect(key="filter_actors")
    actors.set_value(["Emmanuel Macron"]).run()
    assert 0 < metric(at, "Articles") < SAMPLE_ARTICLES
    upload(at, ("lyon.txt", LYON.encode("utf-8")))
    assert_no_exception(at)
    assert metric(at, "Articles") == 1  # not filtered away by an actor this corpus does not have
    assert at.sidebar.multiselect(key="filter_actors").value == []
    notes = [w.value for w in at.sidebar.warning]
    assert any("actors this corpus does not have" in note and "Emmanuel Macron" in note for note in notes), notes


def test_aliases_metonymy_and_corrections_stay_with_their_workspace() -> None:
    at = new_app()
    upload(at, ("moscou.txt", MOSCOU.encode("utf-8")))
    open_page(at, "actors")
    at.toggle(key="metonymy_toggle").set_value(False).run()
    mentions = at.session_state["_corpus"].mentions
    assert set(mentions.loc[mentions["text"] == "Moscou", "actor"]) == {"Moscou"}
    correction = correct_second_sentence(at, "moscou")
    assert corrected(at) == [correction]

    switch(at, "Sample corpus")
    open_page(at, "actors")
    assert at.toggle(key="metonymy_toggle").value is True  # the sample's own choice, on screen too
    assert not at.session_state["_corpus"].sentences["corrected"].any()
    at.toggle(key="metonymy_toggle").set_value(False).run()
    at.toggle(key="metonymy_toggle").set_value(True).run()

    switch(at, "My articles")
    open_page(at, "actors")
    assert at.toggle(key="metonymy_toggle").value is False
    corpus = at.session_state["_corpus"]
    assert set(corpus.mentions.loc[corpus.mentions["text"] == "Moscou", "actor"]) == {"Moscou"}
    assert corrected(at) == [correction]


def test_an_alias_edit_stays_in_its_workspace() -> None:
    at = new_app()
    open_page(at, "actors")
    pick = next(w for w in at.selectbox if (w.key or "").startswith("alias_actor_pick_"))
    pick.set_value("Penelope Fillon")
    next(w for w in at.checkbox if (w.key or "").startswith("alias_ignore_")).set_value(True)
    next(w for w in at.button if (w.key or "").startswith("alias_actor_apply_")).click()
    at.run()
    assert "Penelope Fillon" not in at.sidebar.multiselect(key="filter_actors").options
    upload(at, ("fillon.txt", "Penelope Fillon entendue\n\nPenelope Fillon a été entendue lundi par les "
                              "enquêteurs à Nanterre.\n".encode("utf-8")))
    assert "Penelope Fillon" in at.sidebar.multiselect(key="filter_actors").options  # its own, empty table
    switch(at, "Sample corpus")
    assert "Penelope Fillon" not in at.sidebar.multiselect(key="filter_actors").options


def correct_second_sentence(at: AppTest, article_id: str) -> tuple[str, int]:
    """On the Article page, the second sentence's tone set to another label: (its text, the label)."""
    open_page(at, "article")
    sentences = at.session_state["_corpus"].sentences.sort_values("start").reset_index(drop=True)
    start, end = int(sentences.at[1, "start"]), int(sentences.at[1, "end"])
    label = -1 if sentences.at[1, "tone_label"] != -1 else 1
    at.selectbox(key=f"tone_pick_{article_id}").set_value(1).run()
    at.selectbox(key=f"tone_value_{article_id}_{start}_{end}").set_value(label)
    at.button(key="tone_apply").click().run()
    assert_clean(at)
    return sentences.at[1, "text"], label


def corrected(at: AppTest) -> list[tuple[str, int]]:
    sentences = at.session_state["_corpus"].sentences
    return [(text, label) for text, label in sentences.loc[sentences["corrected"], ["text", "tone_label"]].values]


def test_metadata_edits_reach_the_overview_and_the_article_page() -> None:
    at = new_app()
    upload(at, ("velo.txt", VELO.encode("utf-8")))
    assert article_table(at)[["source", "published"]].values.tolist() == [["", ""]]
    dates = at.session_state["_corpus"].dates
    assert dates.loc[dates["text"] == "hier", "value"].tolist() == [""]
    correction = correct_second_sentence(at, "velo")
    open_page(at, "overview")

    apply_metadata(at, {0: {"source": "Le Progrès", "published": "15/03/2023"}})
    assert_no_exception(at)
    assert [e.value for e in at.error] == ["Row 1 (velo.txt): “15/03/2023” is not a date; write it YYYY-MM-DD, "
                                           "or leave it empty when unknown."]
    assert article_table(at)["source"].tolist() == [""]  # nothing applied half-way

    apply_metadata(at, {0: {"source": "Le Progrès", "published": "2023-03-15", "title": "Lyon adopte son plan vélo"}})
    assert_clean(at)
    assert any(s.value == "1 article(s) changed." for s in at.success)
    row = article_table(at).iloc[0]
    assert (row["title"], row["source"], row["published"]) == ("Lyon adopte son plan vélo", "Le Progrès",
                                                              "2023-03-15")
    dates = at.session_state["_corpus"].dates
    assert dates.loc[dates["text"] == "hier", "value"].tolist() == ["2023-03-14"]  # resolved against the new date
    open_page(at, "article")
    assert_clean(at)
    assert at.caption[0].value.startswith("Le Progrès · published 2023-03-15")
    text = at.session_state["_corpus"].articles["text"].iloc[0]
    assert text == "Lyon adopte son plan vélo\n\n" + VELO.split("\n\n", 1)[1].rstrip()  # the title replaced, once
    assert corrected(at) == [correction]  # the correction followed its sentence into the new text


def test_a_new_title_replaces_the_old_one_only_where_it_stands_alone() -> None:
    from ui.state import Metadata, with_metadata

    titled = Article("velo", title="Le plan vélo adopté", text=VELO)
    assert with_metadata(titled, Metadata("Lyon adopte son plan", "Le Progrès", "2023-03-15")) == Article(
        "velo", title="Lyon adopte son plan", text="Lyon adopte son plan\n\n" + VELO.split("\n\n", 1)[1],
        source="Le Progrès", published="2023-03-15")
    # a corpus row without a title: its first line stood for one, and stays in the text
    untitled = Article("row-1", title="Le conseil municipal a adopté hier le plan vélo.",
                       text="Le conseil municipal a adopté hier le plan vélo.\nLes travaux commencent en mai.")
    assert with_metadata(untitled, Metadata("Plan vélo", "", "")).text == "Plan vélo\n\n" + untitled.text
    assert with_metadata(untitled, Metadata(untitled.title, "Le Progrès", "")).text == untitled.text


def test_a_tone_backend_change_rescores_every_workspace() -> None:
    at = new_app()
    upload(at, ("lyon.txt", LYON.encode("utf-8")))
    trained = at.session_state["_corpus"].sentences[["start", "tone_cues"]].copy()
    switch(at, "Sample corpus")
    at.selectbox(key="tone_backend").set_value("lexicon").run()
    assert_clean(at)
    switch(at, "My articles")
    assert_clean(at)
    lexicon = at.session_state["_corpus"].sentences
    assert lexicon["start"].tolist() == trained["start"].tolist()
    assert (lexicon["tone_cues"].values != trained["tone_cues"].values).any()


def test_a_big_upload_waits_for_the_go_ahead_and_a_cancel_analyzes_nothing() -> None:
    at = new_app()
    upload(at, ("wikinews.jsonl", DEMO))
    assert_clean(at)
    asked = [h.value for h in at.subheader]
    assert f"Analyze {DEMO_ROWS} articles?" in asked, asked
    said = " ".join(c.value for c in at.caption)
    assert f"{DEMO_ROWS} article(s)" in said and "words, into My articles: about" in said
    assert metric(at, "Articles") == 0
    at.button(key="confirm_1_1").click().run()  # Cancel
    assert_clean(at)
    assert not any(h.value.startswith("Analyze") for h in at.subheader)
    assert metric(at, "Articles") == 0
    assert any(f"{DEMO_ROWS} article(s) left out" in w.value for w in at.sidebar.warning)


def test_a_stopped_analysis_keeps_what_was_done_and_says_what_is_left(monkeypatch) -> None:
    from ui import uploads

    at = new_app()
    upload(at, ("wikinews.jsonl", DEMO))
    next_chunk = uploads._next_chunk

    def stopped_after_one_chunk(queue) -> int:
        """The analyst clicks Stop while the first chunk is analyzed: the run ends at the next Streamlit call."""
        monkeypatch.setattr(uploads, "_next_chunk", next_chunk)
        next_chunk(queue)
        st.stop()

    monkeypatch.setattr(uploads, "_next_chunk", stopped_after_one_chunk)
    # the analyst sets a source before going ahead
    at.button(key="confirm_1_0").click()
    with edited("confirm_1_table", {0: {"source": "Wikinews FR"}}):
        at.run()
    assert_no_exception(at)
    assert any(h.value == f"Analyzing {DEMO_ROWS} articles into My articles" for h in at.subheader)
    at.button(key="analysis_stop").click().run()
    assert_clean(at)
    left = DEMO_ROWS - uploads.CHUNK_ARTICLES
    assert any(f"Added {uploads.CHUNK_ARTICLES} article(s)" in s.value for s in at.sidebar.success)
    assert any(f"{left} article(s) left out" in w.value for w in at.sidebar.warning)
    assert metric(at, "Articles") == uploads.CHUNK_ARTICLES
    assert article_table(at)["source"].iloc[0] == "Wikinews FR"
    assert not any(h.value.startswith("Analyzing") for h in at.subheader)
