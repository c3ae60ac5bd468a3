"""Analyst corrections driven like an analyst: a sentence's tone (Article), a quote's speaker (Quotes), a stance's
sign (Stances), the corrections CSV (Export). They survive a rerun and a new session on the same store folder
($REVUE_CACHE_DIR), and only the sample corpus's go to that shared store.

Assertions are on the session's frames and on what the analyst sees (tables, badges, messages).
"""
from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from apptest import LYON, AppTest, assert_clean, navigation_only, new_app, open_page, upload  # noqa: F401
from test_app_actors import downloaded, media_files  # noqa: F401  (fixture used by name)

from lib.corpus.corrections import Corrections, text_key
from lib.store import read_corrections

__all__ = ["navigation_only", "media_files"]  # fixtures used by name
NOTE = "=looks neutral, is not"  # formula-like: stored and shown as written


@pytest.fixture()
def store(tmp_path: Path, monkeypatch) -> Path:
    """A store folder of its own: every session opened in the test shares it, as a server's sessions do."""
    folder = tmp_path / "store"
    monkeypatch.setenv("REVUE_CACHE_DIR", str(folder))
    return folder


def corpus(at: AppTest):
    return at.session_state["_corpus"]


def widget(at: AppTest, kind: str, prefix: str):
    """The correction control of the item on screen (its key names the item)."""
    return next(w for w in at.get(kind) if (w.key or "").startswith(prefix))


def badges(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if "-badge[" in m.value]


def sentence_table(at: AppTest) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if list(df.value.columns) == ["sentence", "tone", "corrected"])


def quote_list(at: AppTest) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if {"title", "speaker", "corrected"} <= set(df.value.columns))


def correct_a_tone(at: AppTest) -> tuple[str, int, int, int]:
    """On the Article page: a neutral sentence of the first article made negative. Returns its key and tone."""
    open_page(at, "article")
    aid = at.selectbox(key="article_pick").value
    sentences = corpus(at).sentences.query("article_id == @aid").sort_values("start").reset_index(drop=True)
    i = int(sentences.index[sentences["tone_label"] == 0][1])  # not the headline
    at.selectbox(key=f"tone_pick_{aid}").set_value(i).run()
    start, end = int(sentences.at[i, "start"]), int(sentences.at[i, "end"])
    at.selectbox(key=f"tone_value_{aid}_{start}_{end}").set_value(-1)
    at.text_input(key=f"tone_note_{aid}_{start}_{end}").set_value(NOTE)
    at.button(key="tone_apply").click().run()
    assert_clean(at)
    return aid, start, end, i


def assert_tone_corrected(at: AppTest, aid: str, start: int, end: int, i: int) -> None:
    rows = corpus(at).sentences.query("article_id == @aid")
    fixed = rows[rows["corrected"]]
    assert fixed[["start", "end", "tone_label", "tone"]].values.tolist() == [[start, end, -1, -1.0]]
    open_page(at, "article")
    at.selectbox(key=f"tone_pick_{aid}").set_value(i).run()
    assert_clean(at)
    table = sentence_table(at)
    assert table["corrected"].tolist().count(True) == 1 and table.at[i, "corrected"]
    assert table.at[i, "tone"] == "negative"
    assert any("corrected" in b for b in badges(at))
    # when (as a reader writes it, not ISO's 2026-12-07T08:53:35+00:00; ":" escaped for Markdown) and why
    assert any(re.fullmatch(rf"Corrected \d{{4}}-\d\d-\d\d \d\d\\?:\d\d UTC: {re.escape(NOTE)}", c.value)
               for c in at.caption), [c.value for c in at.caption]


def correct_a_speaker(at: AppTest) -> tuple[str, int, int, str]:
    """On the Quotes page: the quote shown as evidence gets another speaker (one of its article's actors)."""
    open_page(at, "quotes")
    pick = widget(at, "selectbox", "speaker_value_")
    aid, start, end = pick.key.removeprefix("speaker_value_").rsplit("_", 2)
    start, end = int(start), int(end)
    before = corpus(at).quotes.query("article_id == @aid and start == @start")["speaker"].iloc[0]
    new = next(o for o in pick.options if o not in (before, "(no speaker)"))
    pick.set_value(new)
    at.button(key="speaker_apply").click().run()
    assert_clean(at)
    return aid, start, end, new


def assert_speaker_corrected(at: AppTest, aid: str, start: int, end: int, speaker: str) -> None:
    quotes = corpus(at).quotes
    fixed = quotes[quotes["corrected"]]
    assert fixed[["article_id", "start", "end", "speaker", "speaker_confidence"]].values.tolist() == \
        [[aid, start, end, speaker, 1.0]]
    open_page(at, "quotes")
    assert_clean(at)
    listed = quote_list(at)
    assert listed.loc[listed["corrected"], "speaker"].tolist() == [speaker]
    assert widget(at, "selectbox", f"speaker_value_{aid}_{start}_{end}").value == speaker
    assert any("speaker corrected" in b for b in badges(at))


def test_tone_and_speaker_corrections_survive_a_rerun_and_a_new_session(store: Path) -> None:
    at = new_app()
    assert_clean(at)
    tone = correct_a_tone(at)
    assert any("tone corrected" in s.value for s in at.success)
    speaker = correct_a_speaker(at)
    assert any("Speaker corrected" in s.value for s in at.success)

    at.run()  # a rerun of the same session
    assert_clean(at)
    assert_tone_corrected(at, *tone)
    assert_speaker_corrected(at, *speaker)

    # both are in the store, keyed by the article's text
    text = corpus(at).articles.set_index("article_id").at[tone[0], "text"]
    saved = read_corrections(store / "corrections.json")
    assert {(c.kind, c.start, c.value) for c in saved.entries} == {("tone", tone[1], -1),
                                                                   ("speaker", speaker[1], speaker[3])}
    assert saved.entries[0].text_sha1 == text_key(text) and saved.entries[0].note == NOTE

    fresh = new_app()  # a new visitor (or a restarted server) on the same store
    assert_clean(fresh)
    assert_tone_corrected(fresh, *tone)
    assert_speaker_corrected(fresh, *speaker)

    # back to the computed tone: gone from this session and from the store
    open_page(fresh, "article")
    fresh.selectbox(key=f"tone_pick_{tone[0]}").set_value(tone[3]).run()
    fresh.button(key="tone_reset").click().run()
    assert_clean(fresh)
    assert not corpus(fresh).sentences["corrected"].any()
    assert [c.kind for c in read_corrections(store / "corrections.json").entries] == ["speaker"]


def test_a_session_on_another_store_has_none_of_them(store: Path, monkeypatch, tmp_path: Path) -> None:
    at = new_app()
    correct_a_tone(at)
    assert corpus(at).sentences["corrected"].any()
    monkeypatch.setenv("REVUE_CACHE_DIR", str(tmp_path / "elsewhere"))
    other = new_app()
    assert_clean(other)
    assert not corpus(other).sentences["corrected"].any()


def test_a_stance_sign_correction_holds_in_a_new_session(store: Path) -> None:
    at = open_page(new_app(), "stances")
    assert_clean(at)
    pair = at.selectbox(key="stance_pair").value
    evidence = corpus(at).stances.query("source_actor == @pair[0] and target_actor == @pair[1]")
    sign = widget(at, "selectbox", "stance_value_")
    new = next(s for s in (-1, 1) if s != sign.value)
    sign.set_value(new)
    at.button(key="stance_apply").click().run()
    assert_clean(at)
    for session in (at, open_page(new_app(), "stances")):
        stances = corpus(session).stances
        fixed = stances[stances["corrected"]]
        assert len(fixed) == 1 and fixed["score"].iloc[0] == float(new) and fixed["confidence"].iloc[0] == 1.0
        assert (fixed[["source_actor", "target_actor"]].values.tolist() == [list(pair)])
        assert fixed["start"].iloc[0] in set(evidence["start"])
        table = next(df.value for df in session.dataframe if {"evidence", "corrected"} <= set(df.value.columns))
        assert table["corrected"].sum() == 1
        assert any(":violet-badge[corrected]" in c.value for c in session.caption)  # marked in context too


def test_an_uploaded_articles_correction_stays_in_its_session(store: Path) -> None:
    at = new_app()
    upload(at, ("lyon.txt", LYON.encode("utf-8")))
    at.session_state["quote_articles"] = ["lyon"]
    open_page(at, "quotes")
    assert_clean(at)
    pick = widget(at, "selectbox", "speaker_value_lyon_")
    assert pick.value == "Grégory Doucet"
    pick.set_value("")  # (no speaker)
    at.button(key="speaker_apply").click().run()
    assert_clean(at)
    quotes = corpus(at).quotes
    assert quotes.loc[quotes["corrected"], ["article_id", "speaker"]].values.tolist() == [["lyon", ""]]
    assert len(at.session_state["corrections"]) == 1
    assert not (store / "corrections.json").exists()  # an upload's text never reaches the shared store


def test_corrections_csv_downloads_and_imports_into_another_store(store: Path, monkeypatch, tmp_path: Path,
                                                                    media_files) -> None:
    at = new_app()
    tone = correct_a_tone(at)
    open_page(at, "export")
    assert_clean(at)
    exported = downloaded(at, media_files, "dl_corrections")
    assert Corrections.from_csv(io.BytesIO(exported)) == at.session_state["corrections"]
    assert b"'=looks neutral" in exported  # spreadsheet-safe

    monkeypatch.setenv("REVUE_CACHE_DIR", str(tmp_path / "other_store"))
    other = open_page(new_app(), "export")
    assert not corpus(other).sentences["corrected"].any()
    other.file_uploader(key="corrections_upload").set_value([("revue_corrections.csv", exported, "text/csv")]).run()
    assert_clean(other)
    assert any(s.value.startswith("Imported 1 correction from") for s in other.success)
    assert_tone_corrected(other, *tone)
    assert len(read_corrections(tmp_path / "other_store" / "corrections.json")) == 1

    open_page(other, "export")
    other.file_uploader(key="corrections_upload").set_value([("notes.csv", b"name,comment\nx,y\n", "text/csv")]).run()
    assert_clean(other)
    assert any(w.value.startswith("notes.csv is not a corrections file") for w in other.warning)
    assert len(other.session_state["corrections"]) == 1  # a refused file changes nothing
