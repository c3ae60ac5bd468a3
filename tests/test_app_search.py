"""The Search page and shareable links, driven like a user with AppTest.

A link is the sidebar's filters and the search terms in the URL (``actor``, ``source``, ``lang``, ``from``,
``to``, ``q``); opening it must give the view an analyst gets by setting the same filters by hand, and
changing a filter must change the URL.
"""
from __future__ import annotations

import base64
import re
import unicodedata
from datetime import date

import numpy as np
import pandas as pd
import pytest
from apptest import (HOSTILE, LYON, ROOT, SAMPLE_ARTICLES, AppTest, assert_clean, charts, html_markdown, metric,
                     navigation_only, new_app, open_page, sample_app, upload)

from lib.filters import Choices, Filters

ACTOR = "Emmanuel Macron"
FROM = date(2017, 1, 1)


def linked_app(**params: str | list[str]) -> AppTest:
    """A new visitor arriving by a link with these query parameters."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params.update(params)
    return at.run()


def plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def values(array) -> list:
    """A plotly array from the chart's JSON spec: a list, or a typed buffer ({"dtype", "bdata"})."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if column in df.value.columns)


# --- search ----------------------------------------------------------------------------------------------

def test_a_query_lists_every_sentence_using_the_phrase_highlighted(sample_app: AppTest) -> None:
    at = open_page(sample_app, "search")
    at.text_input(key="search_q").set_value('"assemblee NATIONALE"').run()
    assert_clean(at)
    corpus = at.session_state["filtered_corpus"]
    # the same sentences found independently: accents and case removed, "\s+" between the words
    expected = [t.strip() for t in corpus.sentences["text"] if re.search(r"\bassemblee\s+nationale\b", plain(t))]
    found = table_with(at, "sentence")
    assert len(expected) > 3
    assert sorted(found["sentence"]) == sorted(expected)
    assert metric(at, "Sentences") == len(expected)
    # each with its article's date and source, in publication order
    arts = corpus.articles.set_index("article_id")
    assert found["published"].tolist() == sorted(found["published"])
    assert set(found["source"]) <= set(arts["source"])
    bodies = [b for b in html_markdown(at) if 'class="rv-text"' in b]
    assert len(bodies) == len(expected)  # fewer than the 30 shown in context
    assert all(re.search(r'<mark class="rv-hit">Assemblée nationale</mark>', b) for b in bodies)
    assert [b.label for b in at.button].count("Open the article") == len(expected)
    # the terms are in the URL
    assert at.query_params["q"] == '"assemblee NATIONALE"'


def test_every_term_or_any_term(sample_app: AppTest) -> None:
    at = open_page(sample_app, "search")
    at.text_input(key="search_q").set_value("Fillon Macron").run()
    any_term = table_with(at, "sentence")
    at.radio(key="search_mode").set_value("all").run()
    assert_clean(at)
    every_term = table_with(at, "sentence")
    assert 0 < len(every_term) < len(any_term)
    assert all("Fillon" in s and "Macron" in s for s in every_term["sentence"])
    assert set(every_term["sentence"]) < set(any_term["sentence"])
    at.radio(key="search_mode").set_value("any").run()


def test_open_the_article_from_a_sentence(sample_app: AppTest) -> None:
    at = open_page(sample_app, "search")
    at.text_input(key="search_q").set_value("Penelope").run()
    first = table_with(at, "sentence").iloc[0]
    at.button(key="search_open_0").click().run()
    assert_clean(at)
    assert [t.value for t in at.title] == ["Article"]
    assert at.session_state["article_id"] == at.selectbox(key="article_pick").value
    shown = at.session_state["filtered_corpus"].articles.set_index("article_id").loc[at.session_state["article_id"]]
    assert shown["title"] == first["title"] and first["sentence"] in shown["text"]


def test_search_text_is_escaped() -> None:
    at = new_app()
    upload(at, ("piege.txt", HOSTILE.encode("utf-8")))
    open_page(at, "search")
    at.text_input(key="search_q").set_value("<script>").run()
    assert_clean(at)
    bodies = html_markdown(at)
    assert any('<mark class="rv-hit">&lt;script&gt;</mark>alert(1)&lt;/script&gt;' in b for b in bodies)
    assert not any("<script" in b or "<img" in b for b in bodies)
    at.text_input(key="search_q").set_value("[lien](https://evil.example) <b>rien</b>").run()
    assert_clean(at)
    said = " ".join(i.value for i in at.info)
    assert "No sentence uses" in said and "[lien](" not in said and "<b>" not in said


def test_comparison_chart_gives_each_actor_its_share_of_each_months_articles(sample_app: AppTest) -> None:
    at = open_page(sample_app, "search")
    at.text_input(key="search_q").set_value("").run()
    compared = ["François Fillon", ACTOR]
    at.multiselect(key="search_actors").set_value(compared).run()
    assert_clean(at)
    corpus = at.session_state["filtered_corpus"]
    arts = corpus.articles[corpus.articles["duplicate_of"].fillna("") == ""]
    month = pd.to_datetime(arts["published"], errors="coerce").dt.to_period("M")
    published = month.value_counts()
    figure = next(f for f in charts(at) if "Share of the articles" in f["layout"]["title"]["text"])
    assert [trace["name"] for trace in figure["data"]] == compared
    for trace in figure["data"]:
        named = set(corpus.mentions.loc[corpus.mentions["actor"] == trace["name"], "article_id"])
        mentioning = month[arts["article_id"].isin(named)].value_counts()
        expected = (mentioning.reindex(published.index, fill_value=0) / published).sort_index()
        shares = values(trace["y"])
        points = [y for y in shares if y is not None and not np.isnan(y)]
        # one point per month with articles; every month in between (none published) is a gap, not a 0
        assert len(shares) == (month.max() - month.min()).n + 1 > len(points)
        assert points == pytest.approx(expected.tolist())
    table = table_with(at, "share")
    fillon = table[table["series"] == "François Fillon"].set_index("period")
    assert fillon.loc["2017-03", "share"] == pytest.approx(
        (month[arts["article_id"].isin(set(corpus.mentions.loc[corpus.mentions["actor"] == "François Fillon",
                                                                "article_id"]))] == pd.Period("2017-03", "M")).sum()
        / published[pd.Period("2017-03", "M")])
    # a search term joins the actors, and quarters hold the same articles
    at.text_input(key="search_q").set_value("Fillon").run()
    at.radio(key="search_period").set_value("quarter").run()
    figure = next(f for f in charts(at) if "Share of the articles" in f["layout"]["title"]["text"])
    assert [trace["name"] for trace in figure["data"]] == ["“Fillon”", *compared]
    quarters = pd.to_datetime(arts["published"], errors="coerce").dt.to_period("Q")
    assert len(values(figure["data"][0]["y"])) == (quarters.max() - quarters.min()).n + 1
    at.radio(key="search_period").set_value("month").run()
    at.text_input(key="search_q").set_value("").run()


# --- links -----------------------------------------------------------------------------------------------

def test_a_link_opens_the_view_an_analyst_sets_by_hand() -> None:
    by_hand = new_app()
    by_hand.sidebar.multiselect(key="filter_actors").set_value([ACTOR])
    by_hand.sidebar.slider(key="filter_dates").set_value((FROM, by_hand.sidebar.slider(key="filter_dates").value[1]))
    by_hand.run()
    # the page writes the changed filters back into the URL
    assert by_hand.query_params == {"actor": ACTOR, "from": "2017-01-01"}

    linked = linked_app(actor=ACTOR, **{"from": "2017-01-01"})
    assert_clean(linked)
    assert linked.sidebar.multiselect(key="filter_actors").value == [ACTOR]
    assert linked.sidebar.slider(key="filter_dates").value == by_hand.sidebar.slider(key="filter_dates").value
    assert 0 < metric(linked, "Articles") == metric(by_hand, "Articles") < SAMPLE_ARTICLES
    for page in ("quotes", "actors"):
        open_page(linked, page)
        open_page(by_hand, page)
        assert_clean(linked)
        assert table_with(linked, "title" if page == "quotes" else "actor").equals(
            table_with(by_hand, "title" if page == "quotes" else "actor"))
        assert linked.query_params == {"actor": ACTOR, "from": "2017-01-01"}  # a page change keeps the link
    assert linked.selectbox(key="actor_profile").value == ACTOR  # the link's actor is the profile shown

    # the analyst changes a filter: the URL follows, and opens that view in turn
    linked.sidebar.multiselect(key="filter_actors").set_value([ACTOR, "François Fillon"]).run()
    assert linked.query_params == {"actor": [ACTOR, "François Fillon"], "from": "2017-01-01"}
    linked.sidebar.multiselect(key="filter_langs").set_value(["fr"]).run()
    assert linked.query_params["lang"] == "fr"
    reopened = linked_app(**linked.query_params)
    open_page(reopened, "quotes")
    open_page(linked, "quotes")
    assert len(table_with(linked, "title")) > 0
    assert table_with(reopened, "title").equals(table_with(linked, "title"))


def test_a_link_with_search_terms_fills_the_search_box() -> None:
    at = linked_app(q="Penelope", source="Wikinews")
    open_page(at, "search")
    assert_clean(at)
    assert at.text_input(key="search_q").value == "Penelope"
    assert at.sidebar.multiselect(key="filter_sources").value == ["Wikinews"]
    assert metric(at, "Sentences") > 0 and set(table_with(at, "sentence")["source"]) == {"Wikinews"}


def test_open_the_article_keeps_the_view_and_its_link() -> None:
    at = linked_app(actor=ACTOR, q="Fillon")
    open_page(at, "search")
    at.button(key="search_open_0").click().run()
    assert_clean(at)
    assert [t.value for t in at.title] == ["Article"]
    # st.switch_page drops the URL's parameters and the sidebar's widget state: both come back
    assert at.sidebar.multiselect(key="filter_actors").value == [ACTOR]
    # and the link names the article opened, so a copied address reopens it
    assert at.query_params == {"actor": ACTOR, "q": "Fillon", "article": at.selectbox(key="article_pick").value}
    assert len(at.selectbox(key="article_pick").options) == metric(linked_app(actor=ACTOR), "Articles")


def test_a_link_to_what_the_corpus_lacks_is_ignored_with_a_note() -> None:
    hostile = "[x](https://evil.example) <img src=x onerror=alert(1)>"
    at = linked_app(actor=[ACTOR, "Nobody Known", hostile], source="Le Figaro", lang="xx",
                    **{"from": "2017-13-45", "to": "2018-01-01"})
    assert_clean(at)
    assert at.sidebar.multiselect(key="filter_actors").value == [ACTOR]
    assert at.sidebar.multiselect(key="filter_sources").value == []
    notes = [w.value for w in at.sidebar.warning]
    assert any("Nobody Known" in n and "actors" in n for n in notes)
    assert any("Le Figaro" in n for n in notes) and any("xx" in n and "languages" in n for n in notes)
    assert any("2017-13-45" in n and "not a date" in n for n in notes)
    # the link's text is shown as text: no link, no image
    assert not any(re.search(r"(?<!\\)(\[x\]\(|<img)", n) for n in notes)
    assert any(r"\[x\]\(https" in n for n in notes)
    # the valid part is kept and the URL cleaned
    assert at.sidebar.slider(key="filter_dates").value[1] == date(2018, 1, 1)
    assert at.query_params == {"actor": ACTOR, "to": "2018-01-01"}
    # the analyst moves on: the notes go
    at.sidebar.multiselect(key="filter_actors").set_value([]).run()
    assert not at.sidebar.warning
    assert at.query_params == {"to": "2018-01-01"}


def test_a_session_with_uploads_says_a_link_only_reopens_the_sample() -> None:
    at = new_app()
    assert not any("link" in c.value for c in at.sidebar.caption)
    upload(at, ("lyon.txt", LYON.encode("utf-8")))
    assert_clean(at)
    assert any("link only" in c.value or "sample corpus only" in c.value for c in at.sidebar.caption)


# --- the typed filter object, without the app ------------------------------------------------------------

CHOICES = Choices(date(2017, 1, 1), date(2017, 12, 31), ("Le Monde", "Wikinews"), ("en", "fr"),
                  ("Emmanuel Macron", "Élisabeth Borne"))


@pytest.mark.parametrize("params, expected, n_notes", [
    ({}, Filters(), 0),
    ({"actor": ["elisabeth BORNE", "Élisabeth Borne"]}, Filters(actors=("Élisabeth Borne",)), 0),
    ({"from": ["2017-03-01"], "to": ["2017-04-30"]}, Filters(date(2017, 3, 1), date(2017, 4, 30)), 0),
    # bounds at or beyond the corpus's publications are no bound
    ({"from": ["2016-01-01"], "to": ["2017-12-31"]}, Filters(), 0),
    ({"from": ["2017-05-01"], "to": ["2017-04-01"]}, Filters(), 1),
    ({"from": ["2019-01-01"]}, Filters(), 1),
    ({"from": ["yesterday"], "to": ["2017-06-30"]}, Filters(end=date(2017, 6, 30)), 1),
    ({"source": ["Wikinews", "Nowhere"], "lang": ["FR"], "q": ["", "la réforme"]},
     Filters(sources=("Wikinews",), langs=("fr",), query="la réforme"), 1),
])
def test_filters_from_a_link_are_checked_against_the_corpus(params, expected, n_notes) -> None:
    filters, notes = Filters.from_params(params, CHOICES)
    assert filters == expected
    assert len(notes) == n_notes


def test_filters_round_trip_through_the_url() -> None:
    filters = Filters(date(2017, 3, 1), None, ("Le Monde",), ("fr",), ("Emmanuel Macron", "Élisabeth Borne"), "x")
    params = filters.to_params()
    assert params == {"actor": ["Emmanuel Macron", "Élisabeth Borne"], "source": ["Le Monde"], "lang": ["fr"],
                      "from": ["2017-03-01"], "q": ["x"]}
    assert Filters.from_params(params, CHOICES) == (filters, [])
