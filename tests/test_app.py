"""The Streamlit app driven like a user with AppTest: every page, uploads, hostile text, empty selections.

The sample corpus is analyzed once per pytest process (``st.cache_data`` in
ui/state.py survives between AppTest instances), so only the first run is slow.
Assertions are on what an analyst sees (titles, metrics, non-empty tables and
charts, messages), not on widget order, so pages can gain widgets.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from apptest import (EVAL_ARTICLE, HOSTILE, HOSTILE_TITLE, JUNK, LYON, LYON_TITLE, PAGE_FILES, PAGES,
                     SAMPLE_ARTICLES, CHART_PAGES, CONTRACT_FRAMES, AppTest, article_options, assert_clean,
                     assert_no_exception, charts, has_points, html_markdown, metric, navigation_only, new_app,
                     open_page, sample_app, upload)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def french_article() -> tuple[str, bytes, str]:
    """(file name, bytes, title): a real Wikinews article when the dev set is present, else LYON."""
    if EVAL_ARTICLE.is_file():
        data = EVAL_ARTICLE.read_bytes()
        return "montebourg.txt", data, data.decode("utf-8").split("\n", 1)[0].strip()
    return "lyon.txt", LYON.encode("utf-8"), LYON_TITLE


def test_navigation_lists_every_page_of_the_product() -> None:
    assert set(PAGE_FILES) == set(PAGES)
    assert all((ROOT / path).is_file() for path in PAGE_FILES.values())


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_renders_real_content_on_the_sample(sample_app: AppTest, page: str) -> None:
    at = open_page(sample_app, page)
    assert_clean(at)
    assert [t.value for t in at.title] == [PAGES[page]]
    if page in CHART_PAGES:
        figures = charts(at)
        assert figures, f"no plotly chart on {page}"
        for figure in figures:
            assert figure["data"] and all(has_points(trace) for trace in figure["data"]), figure["layout"].get("title")
    if page in CHART_PAGES - {"overview"}:
        # overview's table is covered below; every analysis page lists its rows
        assert any(len(df.value) for df in at.dataframe), f"only empty tables on {page}"


def test_overview_counts_the_sample_corpus(sample_app: AppTest) -> None:
    at = open_page(sample_app, "overview")
    assert metric(at, "Articles") == SAMPLE_ARTICLES
    assert metric(at, "Words") > 10_000
    assert min(metric(at, name) for name in ("Actors", "Quotes", "Dated expressions")) > 0
    assert len(at.dataframe[0].value) == SAMPLE_ARTICLES
    assert any("Every file was read" in s.value for s in at.success)
    # the articles table speaks an analyst's words, and its tone says its scale and where it comes from
    columns = json.loads(at.dataframe[0].proto.columns)
    assert {name: columns[name]["label"] for name in ("article_id", "n_words", "lang")} == {
        "article_id": "id", "n_words": "words", "lang": "language"}
    assert columns["tone"]["label"] == "tone (−1 to +1)" and "Article page" in columns["tone"]["help"]


def test_article_page_highlights_the_text(sample_app: AppTest) -> None:
    at = open_page(sample_app, "article")
    assert len(article_options(at)) == SAMPLE_ARTICLES
    bodies = [b for b in html_markdown(at) if 'class="rv-text"' in b]
    assert len(bodies) == 1
    assert '<mark class="rv-quote">' in bodies[0] or '<mark class="rv-PER">' in bodies[0]
    # the file is named as the analyst knows it, without the server's folders
    captions = " ".join(c.value for c in at.caption)
    assert ".txt" in captions or ".jsonl" in captions
    assert str(ROOT) not in captions


def test_quotes_page_shows_the_selected_quote_in_context(sample_app: AppTest) -> None:
    at = open_page(sample_app, "quotes")
    table = next(df.value for df in at.dataframe if "speaker" in df.value.columns)
    assert (table["speaker"].fillna("") != "").any(), "no quote of the sample has a speaker"
    evidence = [b for b in html_markdown(at) if 'class="rv-text"' in b]
    assert evidence and '<mark class="rv-quote">' in evidence[0]


def test_export_page_offers_every_frame(sample_app: AppTest) -> None:
    at = open_page(sample_app, "export")
    labels = [b.label for b in at.get("download_button")]
    prepare = [b.label for b in at.button]
    assert "Prepare the HTML report" in prepare and "Prepare the Excel workbook" in prepare
    assert "Alias table (CSV)" in labels
    assert labels.count("CSV") == labels.count("Parquet") >= len(CONTRACT_FRAMES)
    listed = " ".join(m.value for m in at.markdown)
    assert all(f"**{name}**" in listed for name in CONTRACT_FRAMES)


def test_upload_adds_an_article_and_names_the_unreadable_file(french_article) -> None:
    name, data, title = french_article
    at = new_app()
    upload(at, (name, data), ("broken.txt", JUNK))
    assert_no_exception(at)
    assert any("Added 1 article" in s.value for s in at.sidebar.success), [s.value for s in at.sidebar.success]
    assert any(e.value.startswith("broken.txt") for e in at.sidebar.error), [e.value for e in at.sidebar.error]
    assert metric(at, "Articles") == 1  # in a workspace of its own (tests/test_app_workspaces.py)
    # the overview's processing status lists the file that failed, and only that one
    status = next(df.value for df in at.dataframe if "error" in df.value.columns)
    assert status["file"].tolist() == ["broken.txt"]

    open_page(at, "article")
    assert_clean(at)
    assert any(option.endswith(title) for option in article_options(at))
    assert not any("broken.txt" in option for option in article_options(at))

    open_page(at, "quotes")
    assert_clean(at)
    table = next(df.value for df in at.dataframe if "title" in df.value.columns)
    assert (table["title"] == title).any(), "no quote of the uploaded article on the Quotes page"


def test_uploaded_html_is_shown_escaped() -> None:
    at = new_app()
    upload(at, ("piege.txt", HOSTILE.encode("utf-8")))
    assert_clean(at)

    articles = at.dataframe[0].value  # the overview's article table
    # chosen through session state: AppTest cannot apply the page's format_func to a selectbox choice
    at.session_state["article_pick"] = articles.loc[articles["title"] == HOSTILE_TITLE, "article_id"].item()
    open_page(at, "article")
    assert at.selectbox(key="article_pick").value == at.session_state["article_pick"]
    # with highlights the markup sits inside <mark> spans; without, it goes through the plain-text path
    for layers in (None, []):
        if layers is not None:
            at.multiselect(key="article_layers").set_value(layers).run()
        assert_clean(at)
        bodies = html_markdown(at)
        assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in b for b in bodies)
        assert any("&lt;img src=x onerror=alert(1)&gt;" in b for b in bodies)
        assert not any("<script" in b or "<img" in b for b in bodies)

    # the quote's evidence paragraph on the Quotes page goes through the same escaping
    open_page(at, "quotes")
    at.text_input(key="quote_search").set_value("alert(1)")
    at.run()
    assert_clean(at)
    bodies = html_markdown(at)
    assert any("&lt;script&gt;" in b for b in bodies)
    assert not any("<script" in b or "<img" in b for b in bodies)


def assert_every_page_says_empty(at: AppTest) -> None:
    for page in PAGES:
        open_page(at, page)
        assert_clean(at)
        assert [t.value for t in at.title] == [PAGES[page]]
        assert at.info, f"{page}: an empty selection shows no explanation"


def test_an_empty_workspace_is_explained_on_every_page() -> None:
    at = new_app()
    # a corpus whose columns need the analyst's word opens its workspace; skipped, it leaves it empty
    upload(at, ("export.csv", "Headline;Story\nLe budget voté;Le conseil municipal a voté le budget de la ville "
                              "après un long débat sur les transports.\n".encode("utf-8")))
    at.button(key="map_skip_export.csv").click().run()
    assert at.sidebar.radio(key="workspace_pick").value == "My articles"
    assert metric(at, "Articles") == 0
    assert_every_page_says_empty(at)


def test_filters_that_exclude_everything_leave_every_page_explained() -> None:
    at = new_app()
    dates = at.sidebar.slider(key="filter_dates")
    first_day = dates.value[0]
    dates.set_value((first_day, first_day))
    open_page(at, "actors")
    types = at.multiselect(key="actor_types")
    types.set_value(types.options).run()
    on_first_day = set(next(df.value for df in at.dataframe if "actor" in df.value.columns)["actor"])
    # an actor of the corpus named in none of the articles of the first day: together they select nothing
    elsewhere = [a for a in at.sidebar.multiselect(key="filter_actors").options if a not in on_first_day]
    assert on_first_day and elsewhere
    at.sidebar.multiselect(key="filter_actors").set_value(elsewhere[:1])
    open_page(at, "overview")
    assert metric(at, "Articles") == 0
    assert_every_page_says_empty(at)


def test_undated_articles_are_named_on_the_overview(sample_app: AppTest) -> None:
    """An upload with no publication date drops out of every chart over time: the Overview says so, and where
    to set the date, instead of letting the Timeline count fewer articles than the Overview."""
    assert not any("no publication date" in i.value for i in open_page(sample_app, "overview").info)  # all dated
    at = new_app()
    upload(at, ("lyon.txt", LYON.encode("utf-8")))  # "mardi", and no date in the text or its name
    assert_clean(at)
    assert metric(at, "Articles") == 1
    notes = [i.value for i in at.info if "no publication date" in i.value]
    assert notes == ["1 of 1 article has no publication date: it is left out of the charts over time, and "
                     "relative dates such as « hier » or « mardi » in it are not resolved. Set a date in the "
                     "table at the bottom of this page."]
