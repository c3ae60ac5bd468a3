"""The Timeline page driven like an analyst: events by resolved date, short lanes, period, click-through.

The page's reference is the session's own corpus (``_corpus`` in session
state): what the chart draws is checked against the events and articles the
pipeline produced, and against dates read in the sample articles themselves.
"""
from __future__ import annotations

import html
import json
import re
from datetime import date

import pandas as pd
import pytest
from apptest import (AppTest, assert_clean, charts, html_markdown, navigation_only, new_app,
                     open_page, sample_app, upload)

from lib.output.markup import plain_html

MAX_LABEL = 40
SEED_TITLE = "Le Kremlin n’a pas commenté"  # sample_data/seed.txt, published 2022-02-02


def event_traces(figure: dict) -> list[dict]:
    """Traces drawing events (each mark carries its event row in customdata); not the volume bars."""
    return [t for t in figure["data"] if t.get("customdata")]


def lane_labels(figure: dict) -> set[str]:
    return {y for t in event_traces(figure) for y in t["y"]}


def marker_dates(figure: dict) -> set[str]:
    return {x[:10] for t in event_traces(figure) if t["type"] == "scatter" for x in t["x"]}


def evidence(at: AppTest) -> str:
    """The evidence sentence as the analyst reads it (marks removed, entities decoded)."""
    bodies = [b for b in html_markdown(at) if 'class="rv-text"' in b]
    assert len(bodies) == 1
    inner = bodies[0].split('<div class="rv-text">', 1)[1].rsplit("</div>", 1)[0]
    return html.unescape(re.sub(r"</?mark[^>]*>", "", inner).replace("<br>", "\n")).strip()


def corpus(at: AppTest):
    return at.session_state["_corpus"]


@pytest.fixture(scope="module")
def timeline(sample_app: AppTest) -> AppTest:
    at = open_page(sample_app, "timeline")
    assert_clean(at)
    return at


def test_events_sit_at_their_resolved_dates_not_at_publication(timeline: AppTest):
    figure = charts(timeline)[0]
    events, articles = corpus(timeline).events, corpus(timeline).articles
    drawn = marker_dates(figure)
    assert drawn <= set(events.loc[events["date_basis"] == "text", "date_start"])
    # the seed (published 2022-02-02) tells of 26 January: "Le 26 janvier, les États-Unis et l'OTAN ..."
    assert "2022-01-26" in drawn
    assert len(drawn - set(articles["published"])) > len(drawn) / 2
    hovers = " ".join(h for t in event_traces(figure) for h in t["hovertext"])
    assert "Le 26 janvier" in hovers


def test_lanes_have_short_labels(timeline: AppTest):
    labels = lane_labels(charts(timeline)[0])
    assert len(labels) >= 5
    assert max(len(label) for label in labels) <= MAX_LABEL
    assert "(no named actor)" in labels


def test_default_period_surrounds_the_publications_and_widens_to_history(timeline: AppTest):
    figure = charts(timeline)[0]
    lo, hi = (pd.Timestamp(x) for x in figure["layout"]["xaxis"]["range"])
    # demo articles appeared from 2016-08-22, the seed on 2022-02-02; the 1977-1998 background stays out of view
    assert pd.Timestamp("2015-06-01") < lo < pd.Timestamp("2016-08-22")
    assert pd.Timestamp("2022-02-02") < hi < pd.Timestamp("2023-01-01")
    assert min(marker_dates(figure)) >= "2016"
    assert timeline.dataframe[0].value["date"].min() >= "2016"
    # the volume row shares the date axis
    assert figure["layout"]["xaxis"].get("matches") == "x2"
    assert any(t["type"] == "bar" and not t.get("customdata") for t in figure["data"])

    at = timeline.select_slider(key="timeline_period").set_value("all dates").run()
    assert_clean(at)
    wide = charts(at)[0]
    # "né le 31 décembre 1977" (the Champs-Élysées attacker) is back, in chart and table
    assert "1977-12-31" in marker_dates(wide)
    assert (at.dataframe[0].value["date"] < "1990").any()
    at.select_slider(key="timeline_period").set_value("± 3 months").run()


def test_lanes_by_article_are_short_titles_coloured_by_article(timeline: AppTest):
    at = timeline.segmented_control(key="timeline_lanes").set_value("article").run()
    assert_clean(at)
    figure = charts(at)[0]
    articles = corpus(at).articles
    titles = dict(zip(articles["article_id"], articles["title"]))
    traces = event_traces(figure)
    assert {t["name"] for t in traces} <= set(titles) | {"(other articles)"}
    labels = lane_labels(figure)
    assert max(len(label) for label in labels) <= MAX_LABEL
    assert any(label.startswith(SEED_TITLE) for label in labels)
    assert any(len(title) > MAX_LABEL for title in titles.values())  # real titles would not have fitted
    for trace in traces:
        title = titles.get(trace["name"])
        if title:  # the lane label begins the article's own title (a repeated one gets " (2)"); the hover has it all
            stem = re.sub(r"(…| \(\d+\))+$", "", trace["y"][0])
            assert len(set(trace["y"])) == 1 and title.startswith(stem)
            if len(title) < 90:  # longer titles are wrapped over lines
                assert all(plain_html(title) in h for h in trace["hovertext"])
    at.segmented_control(key="timeline_lanes").set_value("actor").run()


def test_selected_event_opens_its_article(timeline: AppTest):
    table = timeline.dataframe[0].value
    first_article = corpus(timeline).articles["article_id"].iat[0]  # what the Article page opens on
    events = corpus(timeline).events
    listed = [events.loc[(events["sentence"] == s) & (events["date"] == d), "article_id"].iat[0]
              for s, d in zip(table["sentence"], table["date"])]
    # an event halfway down the list, from an article the Article page would not open on by itself
    row = next(i for i in range(len(listed) // 2, len(listed)) if listed[i] != first_article)
    article_id = listed[row]
    timeline.session_state[timeline.dataframe[0].key] = {"selection": {"rows": [row], "columns": []}}
    at = timeline.run()
    assert_clean(at)
    assert evidence(at) == table["sentence"].iat[row]
    assert any('<mark class="rv-date">' in b for b in html_markdown(at))
    at = at.button(key="timeline_open").click().run()
    assert_clean(at)
    assert [t.value for t in at.title] == ["Article"]
    assert at.selectbox(key="article_pick").value == article_id


def test_marks_picked_in_the_chart_narrow_the_table(sample_app: AppTest):
    at = open_page(sample_app, "timeline")
    at.session_state[at.dataframe[0].key] = {"selection": {"rows": [3], "columns": []}}  # a row read first
    at.run()
    figure = charts(at)[0]
    trace = max((t for t in event_traces(figure) if t["type"] == "scatter"), key=lambda t: len(t["x"]))
    labels = [row[0] for row in trace["customdata"][:5]]  # a box drawn around five marks of the busiest lane
    at.session_state["timeline_chart"] = {"selection": {"points": [{"customdata": [label]} for label in labels],
                                                        "point_indices": [], "box": [], "lasso": []}}
    at.run()
    assert_clean(at)
    table = at.dataframe[0].value
    events = corpus(at).events.loc[labels].sort_values("date_start", kind="stable")
    assert table["sentence"].tolist() == events["sentence"].tolist()
    assert table["date"].tolist() == events["date"].tolist()
    # the first event picked, not the fourth row, where the row read before used to be
    assert evidence(at) == events["sentence"].iat[0]
    at.session_state["timeline_chart"] = {"selection": {"points": [], "point_indices": [], "box": [], "lasso": []}}


def test_no_dated_events_is_a_notice_not_an_error():
    at = open_page(new_app(), "timeline")
    # an upload opens a workspace of its own: this one article, and no date in it
    at = upload(at, ("note.txt", "Une note de service\n\nLe conseil a adopté le budget de la ville.\n".encode()))
    assert_clean(at)
    assert [t.value for t in at.title] == ["Timeline"]
    assert any("No " in i.value and "events" in i.value for i in at.info) and not charts(at)
    # an absolute date needs no publication date; with none known the period cannot centre on them
    at = upload(at, ("vote.txt", "Budget voté\n\nLe conseil municipal a voté le budget le 12 mars 2019 après "
                                 "un long débat.\n".encode()))
    assert_clean(at)
    assert marker_dates(charts(at)[0]) == {"2019-03-12"}
    assert any("every resolved date is shown" in c.value for c in at.caption)


def test_a_corrected_publication_date_moves_relative_dates_only():
    at = open_page(new_app(), "article")
    at.selectbox(key="article_pick").set_value("seed").run()
    at.date_input(key="published_seed").set_value(date(2022, 3, 2)).run()
    assert_clean(at)
    at = open_page(at, "timeline")
    assert_clean(at)
    drawn = marker_dates(charts(at)[0])
    # « Hier » now means 1 March; « Le 26 janvier » stays put
    assert {"2022-03-01", "2022-01-26"} <= drawn and "2022-02-01" not in drawn


def test_every_choice_of_the_controls_has_room(timeline: AppTest):
    """A segmented control or a row of pills does not wrap: in a narrow column its last options were cut
    ("ye…" for year). Each sits on a row of its own or in one of two columns at most."""
    groups = {g.key for g in timeline.get("button_group")}
    assert {"timeline_lanes", "timeline_volume", "timeline_precisions"} <= groups
    in_columns = {w.key: column.weight for column in timeline.columns for w in column.get("button_group")}
    assert all(weight >= 0.5 for weight in in_columns.values()), in_columns
    assert "timeline_precisions" not in in_columns  # nine pills: the page's full width


def test_the_words_a_date_was_read_from_are_shown_whole(timeline: AppTest):
    """« l'année dernière » cut to « l'année de… » hides what the date 2016 was resolved from."""
    grid = next(df for df in timeline.dataframe if "date text" in df.value.columns)
    longest = max(grid.value["date text"].str.len())
    assert longest > 12  # the sample has date texts longer than a default narrow column shows
    assert json.loads(grid.proto.columns)["date text"]["width"] >= longest * 7
