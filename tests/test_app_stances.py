"""The Stances page driven like a user: the minimum-evidence and confidence controls decide which pairs are
shown, choosing a pair lists its evidence with the deciding words highlighted, Open the article, tone over time.

The session's stances frame is replaced by a hand-made one over real sample articles (real ids, sentences
and offsets), so what the page must show is known whatever the shipped stance model decides; one source
is an actor name full of markup, which must reach the browser as text.
"""
from __future__ import annotations

import base64
import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from apptest import (AppTest, assert_clean, charts, html_markdown, linked_page,  # noqa: F401
                     navigation_only, new_app, open_page)

from lib.charts.common import plain_markdown

A, B = "Agence Alpha", "Bureau Beta"
HOSTILE = "<img src=x onerror=alert(1)> **Lobby** [x](javascript:alert(1))"
HOSTILE_CUES = "**gras**, <b>x</b>"
# (source, target, score, confidence): A -> B three times, B -> A once, HOSTILE -> A twice
ROWS = [(A, B, -0.8, 0.9), (A, B, -0.6, 0.7), (A, B, 0.4, 0.8), (B, A, 0.5, 0.9),
        (HOSTILE, A, -0.3, 0.55), (HOSTILE, A, -0.9, 0.95)]


def _cue(sentence: str) -> str:
    """A long word of the sentence, to stand as the word that decided the stance."""
    return max((w for w in sentence.split() if w.isalpha()), key=len)


def made_up_stances(corpus) -> pd.DataFrame:
    """One sentence from each of six dated articles (not the Article page's default one), in ROWS order."""
    arts = corpus.articles
    dated = arts[(arts["published"].fillna("") != "") & (arts["article_id"] != arts["article_id"].iloc[0])]
    sentences = corpus.sentences[corpus.sentences["article_id"].isin(set(dated["article_id"]))]
    sentences = sentences[sentences["text"].str.len().between(60, 250)
                          & sentences["text"].map(lambda t: any(len(w) >= 7 and w.isalpha() for w in t.split()))]
    picked = sentences.drop_duplicates("article_id").head(len(ROWS))
    assert len(picked) == len(ROWS)
    rows = []
    for (source, target, score, confidence), s in zip(ROWS, picked.itertuples()):
        rows.append({"article_id": s.article_id, "source_actor": source, "target_actor": target, "score": score,
                     "kind": "sentence", "evidence": s.text, "start": s.start, "end": s.end,
                     "confidence": confidence, "cues": HOSTILE_CUES if source == HOSTILE else _cue(s.text)})
    return pd.DataFrame(rows)


@pytest.fixture()
def page() -> AppTest:
    """The Stances page in a fresh session whose stances are ``made_up_stances``."""
    at = new_app()
    corpus = at.session_state["_corpus"]
    at.session_state["_corpus"] = replace(corpus, stances=made_up_stances(corpus))
    at.session_state["_filtered_key"] = None  # the sidebar's filtered corpus is computed again
    at = open_page(at, "stances")
    assert_clean(at)
    return at


def stances(at: AppTest) -> pd.DataFrame:
    return at.session_state["_corpus"].stances


def pair_options(at: AppTest) -> list[str]:
    return [o.split(" (")[0] for o in at.selectbox(key="stance_pair").options]


def heatmap(at: AppTest) -> dict:
    return next(t for fig in charts(at) for t in fig["data"] if t["type"] == "heatmap")


def values(array) -> list:
    """A plotly array as sent to the browser: a list, or a typed buffer."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def test_the_minimum_evidence_hides_thin_pairs_until_lowered(page: AppTest):
    assert page.slider(key="stance_min").value == 2
    assert pair_options(page) == [f"{A} → {B}", f"{HOSTILE} → {A}"]  # most evidenced first
    cells = heatmap(page)
    assert set(cells["y"]) == {A, HOSTILE.replace("<", "&lt;").replace(">", "&gt;")}
    assert set(cells["x"]) == {A, B}
    assert any("1 pair with fewer than 2 hidden" in c.value for c in page.caption)

    page.slider(key="stance_min").set_value(1).run()
    assert_clean(page)
    assert pair_options(page) == [f"{A} → {B}", f"{HOSTILE} → {A}", f"{B} → {A}"]
    assert B in heatmap(page)["y"]

    page.slider(key="stance_min").set_value(4).run()
    assert_clean(page)
    assert not [s for s in page.selectbox if s.key == "stance_pair"]
    assert not any(t["type"] == "heatmap" for fig in charts(page) for t in fig["data"])
    assert any("No source → target pair has 4" in i.value for i in page.info)


def test_the_minimum_confidence_drops_unsure_evidence(page: AppTest):
    page.slider(key="stance_confidence").set_value(0.6).run()
    assert_clean(page)
    assert pair_options(page) == [f"{A} → {B}"]  # HOSTILE -> A keeps one piece of evidence: below 2
    page.slider(key="stance_min").set_value(1).run()
    assert pair_options(page) == [f"{A} → {B}", f"{HOSTILE} → {A}", f"{B} → {A}"]  # ties: by source
    page.selectbox(key="stance_pair").set_value((HOSTILE, A)).run()
    assert_clean(page)
    assert table(page)["score"].tolist() == [-0.9]


def table(at: AppTest) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if "evidence" in df.value.columns)


def test_choosing_a_pair_lists_its_evidence_with_the_deciding_words(page: AppTest):
    page.selectbox(key="stance_pair").set_value((A, B)).run()
    assert_clean(page)
    expected = stances(page)
    expected = expected[(expected["source_actor"] == A) & (expected["target_actor"] == B)]
    listed = table(page)
    assert sorted(listed["evidence"]) == sorted(expected["evidence"])
    assert sorted(listed["score"]) == sorted(expected["score"])
    assert sorted(listed["confidence"]) == sorted(expected["confidence"])
    assert (listed["kind"] == "sentence").all()
    titles = page.session_state["_corpus"].articles.set_index("article_id")["title"]
    assert sorted(listed["title"]) == sorted(titles[expected["article_id"]])
    bodies = [b for b in html_markdown(page) if 'class="rv-text"' in b]
    assert len(bodies) == len(expected)
    for cue in expected["cues"]:
        assert sum(f'<mark class="rv-cue">{cue}</mark>' in b for b in bodies) >= 1, cue
    metrics = {m.label: m.value for m in page.metric}
    assert metrics["Pieces of evidence"] == "3" and metrics["Negative"] == "67%" and metrics["Positive"] == "33%"
    assert metrics["Mean score"] == f"{expected['score'].mean():+.2f}"


def test_open_the_article_lands_on_the_article_page_with_it_chosen(page: AppTest):
    page.selectbox(key="stance_pair").set_value((A, B)).run()
    listed = table(page)
    ids = page.session_state["_corpus"].articles.set_index("title")["article_id"]
    wanted = ids[listed["title"].iloc[0]]
    assert wanted != page.session_state["_corpus"].articles["article_id"].iloc[0]  # not the Article page's default
    page.button(key="stance_open_0").click().run()
    assert_clean(page)
    assert [t.value for t in page.title] == ["Article"]
    assert page.selectbox(key="article_pick").value == wanted


def test_markup_in_actor_names_and_cues_stays_text(page: AppTest):
    page.selectbox(key="stance_pair").set_value((HOSTILE, A)).run()
    assert_clean(page)
    specs = " ".join(str(fig) for fig in charts(page))
    assert "<img" not in specs and "&lt;img src=x onerror=alert(1)&gt;" in specs
    assert not any("<img" in b or "<b>x" in b for b in html_markdown(page))
    assert any(f"decided by {plain_markdown(HOSTILE_CUES)}" in c.value for c in page.caption)


def test_tone_over_time_follows_the_most_involved_actors(page: AppTest):
    assert page.multiselect(key="stance_actors").value == [A, B, HOSTILE]
    page.multiselect(key="stance_actors").set_value([A]).run()
    assert_clean(page)
    figure = next(fig for fig in charts(page) if "over time" in fig["layout"]["title"]["text"])
    traces = {t["name"]: t for t in figure["data"]}
    assert set(traces) == {f"{A} (received)", f"{A} (given)"}
    frame = stances(page).merge(page.session_state["_corpus"].articles[["article_id", "published"]], on="article_id")
    frame["month"] = pd.to_datetime(frame["published"]).dt.to_period("M").dt.to_timestamp()
    received = frame[frame["target_actor"] == A].groupby("month")["score"].mean()
    assert values(traces[f"{A} (received)"]["y"]) == pytest.approx(received.tolist())
    given = frame[frame["source_actor"] == A].groupby("month")["score"]
    assert values(traces[f"{A} (given)"]["customdata"]) == given.size().tolist()


def test_evidence_that_does_not_name_the_pair_says_so(page: AppTest):
    """Made-up actors are named nowhere in the sample articles: every piece rests on a reading the analyst
    cannot check in its sentence, and the page says so for the pair and for each piece."""
    captions = [c.value for c in page.caption]
    for actor in (A, B):
        assert any(f"{actor} is not named in the sentence of 3 of these 3 pieces of evidence" in c for c in captions)
    per_piece = [c for c in captions if c.startswith(":orange-badge[not named here]")]
    assert len(per_piece) == 6 and all(c.endswith("not named before this sentence") for c in per_piece)


def test_the_corrected_flag_is_on_screen_beside_the_score(page: AppTest):
    """A sign the analyst corrected must be visible without scrolling the table sideways at 1440 px (900 px
    of columns beside the sidebar)."""
    grid = next(df for df in page.dataframe if "evidence" in df.value.columns)
    widths = json.loads(grid.proto.columns)
    order = list(grid.value.columns)
    assert order.index("corrected") == order.index("score") + 1
    assert sum(widths[c]["width"] for c in order[:order.index("corrected") + 1]) <= 900


def test_a_link_to_a_pair_reopens_its_evidence():
    """A demo's "look at this pair" link opened the most evidenced pair instead."""
    first = linked_page("stances", pair="")
    assert_clean(first)
    source, target = first.selectbox(key="stance_pair").value
    assert first.query_params["pair"] == f"{source} → {target}"  # the page names the pair it lists
    wanted = first.selectbox(key="stance_pair").options[1].rsplit(" (", 1)[0]  # "Source → Target (n pieces, …)"
    at = linked_page("stances", pair=wanted)
    assert_clean(at)
    assert not at.warning
    assert " → ".join(at.selectbox(key="stance_pair").value) == wanted == at.query_params["pair"]
    unknown = linked_page("stances", pair="Nobody → <b>x</b>")
    notes = [w.value for w in unknown.warning]
    assert len(notes) == 1 and "does not show" in notes[0] and "<b>" not in notes[0]
    assert unknown.query_params["pair"] == unknown.selectbox(key="stance_pair").options[0].rsplit(" (", 1)[0]
