"""The Quotes page driven like a user: each filter narrows the table, the speaker drill-down, Open the article.

Expected rows are computed from the sample corpus's frames (the session's
``_corpus``), not from the page's own helpers.
"""
from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from apptest import (AppTest, assert_clean, html_markdown, linked_page, metric,  # noqa: F401
                     navigation_only, new_app, open_page, sample_app)

import ui.render
from lib.output.markup import plain_html, plain_markdown

NO_SPEAKER = "(no speaker)"


@pytest.fixture()
def page() -> AppTest:
    """The Quotes page in a fresh session (filters are widgets: tests must not share them)."""
    at = open_page(new_app(), "quotes")
    assert_clean(at)
    return at


def quote_list(at: AppTest) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if "title" in df.value.columns and "speaker" in df.value.columns)


def frames(at: AppTest) -> tuple[pd.DataFrame, pd.DataFrame]:
    corpus = at.session_state["_corpus"]
    quotes = corpus.quotes.merge(corpus.articles[["article_id", "title", "published"]], on="article_id")
    return quotes, corpus.articles


def drill_metric(at: AppTest, label: str) -> int:
    """The drill-down's figure: the page-wide metrics of the same name come first."""
    return int([m for m in at.metric if m.label == label][-1].value.replace(",", ""))


def test_the_page_lists_every_quote_with_counts(page: AppTest):
    quotes, _ = frames(page)
    table = quote_list(page)
    assert len(table) == len(quotes)
    assert metric(page, "Quotes") == len(quotes)
    assert metric(page, "Articles") == quotes["article_id"].nunique()
    assert metric(page, "Words quoted") == sum(len(t.split()) for t in quotes["text"])
    # the drill-down opens on the most quoted named speaker, not on the unattributed quotes
    named = quotes.loc[quotes["speaker"].fillna("") != "", "speaker"]
    assert page.selectbox(key="quote_drill_speaker").value == named.value_counts().index[0]


def test_article_filter_keeps_only_that_articles_quotes(page: AppTest):
    quotes, articles = frames(page)
    busiest = quotes["article_id"].value_counts().index[0]
    page.multiselect(key="quote_articles").set_value([busiest]).run()
    assert_clean(page)
    table = quote_list(page)
    title = articles.set_index("article_id").at[busiest, "title"]
    assert len(table) == (quotes["article_id"] == busiest).sum() and (table["title"] == title).all()


def test_tone_filter_keeps_only_that_tone(page: AppTest):
    quotes, _ = frames(page)
    page.multiselect(key="quote_tones").set_value([-1]).run()
    assert_clean(page)
    table = quote_list(page)
    assert len(table) == (quotes["tone_label"] == -1).sum() > 0
    assert set(table["tone_name"]) == {"negative"}
    assert sorted(table["text"]) == sorted(quotes.loc[quotes["tone_label"] == -1, "text"])


def test_no_speaker_choice_finds_the_unattributed_quotes(page: AppTest):
    quotes, _ = frames(page)
    speakers = page.multiselect(key="quote_speakers")
    assert NO_SPEAKER in speakers.options
    speakers.set_value([NO_SPEAKER]).run()
    assert_clean(page)
    table = quote_list(page)
    assert len(table) == (quotes["speaker"].fillna("") == "").sum() > 0
    assert (table["speaker"] == NO_SPEAKER).all()  # named as the filter names them: a blank cell reads as missing


def test_publication_date_range_keeps_the_quotes_of_those_days(page: AppTest):
    quotes, _ = frames(page)
    published = pd.to_datetime(quotes["published"]).dt.date
    days = sorted(set(published))
    lo, hi = days[len(days) // 3], days[2 * len(days) // 3]  # the middle third of the publication days
    page.slider(key="quote_dates_published").set_value((lo, hi)).run()
    assert_clean(page)
    table = quote_list(page)
    expected = quotes[(published >= lo) & (published <= hi)]
    assert 0 < len(table) == len(expected) < len(quotes)
    assert pd.to_datetime(table["published"]).dt.date.between(lo, hi).all()


def test_mentioned_date_filter_keeps_quotes_whose_sentence_has_a_date(page: AppTest):
    quotes, _ = frames(page)
    page.radio(key="quote_date_basis").set_value("event").run()
    assert_clean(page)
    table = quote_list(page)
    assert 0 < len(table) < len(quotes)
    assert (table["event_dates"] != "").all()
    # narrowing to the seed's day (2022-02-02): every kept quote mentions a date of that day
    page.slider(key="quote_dates_event").set_value((pd.Timestamp("2022-02-01").date(),
                                                     pd.Timestamp("2022-02-02").date())).run()
    assert_clean(page)
    table = quote_list(page)
    assert len(table) and table["event_dates"].str.contains("2022-02-0[12]").all()


def test_speaker_drill_down_shows_that_speakers_quotes_only(page: AppTest):
    quotes, _ = frames(page)
    named = quotes[quotes["speaker"].fillna("") != ""]
    second = named["speaker"].value_counts().index[1]
    page.selectbox(key="quote_drill_speaker").set_value(second).run()
    assert_clean(page)
    theirs = named[named["speaker"] == second]
    drill = next(df.value for df in page.dataframe if "speaker" not in df.value.columns)
    assert sorted(drill["text"]) == sorted(theirs["text"])
    assert metric(page, "Their quotes") == len(theirs)
    assert drill_metric(page, "Words quoted") == sum(len(t.split()) for t in theirs["text"])
    assert drill_metric(page, "Articles") == theirs["article_id"].nunique()
    evidence = [b for b in html_markdown(page) if 'class="rv-text"' in b]
    # the selected quote's evidence, then each paragraph holding their quotes once, all of them marked
    drill = evidence[1:]
    paragraphs = [line for block in drill for line in block.split("<br>")]
    assert len(drill) < len(theirs) and len(set(drill)) == len(drill)
    assert len(set(paragraphs)) == len(paragraphs)
    assert sum(block.count('<mark class="rv-quote">') for block in drill) == len(theirs)


def test_a_much_quoted_speaker_reads_as_paragraphs_not_repeats(page: AppTest):
    """The issue's case: the most quoted speaker's 60-odd quotes repeated one paragraph per quote."""
    quotes, _ = frames(page)
    top = quotes.loc[quotes["speaker"].fillna("") != "", "speaker"].value_counts()
    assert page.selectbox(key="quote_drill_speaker").value == top.index[0] and top.iloc[0] > 40
    drill = [b for b in html_markdown(page) if 'class="rv-text"' in b][1:]
    assert len(drill) <= 20
    lines = [line for block in drill for line in block.split("<br>")]
    assert len(set(lines)) == len(lines)
    # several of their quotes share a passage, and the caption says how many
    assert max(block.count('<mark class="rv-quote">') for block in drill) > 1
    assert any(c.value.endswith(" quotes") and " · " in c.value for c in page.caption)


def test_unattributed_quotes_have_a_drill_down_too(page: AppTest):
    quotes, _ = frames(page)
    page.selectbox(key="quote_drill_speaker").set_value(NO_SPEAKER).run()
    assert_clean(page)
    drill = next(df.value for df in page.dataframe if "speaker" not in df.value.columns)
    assert len(drill) == (quotes["speaker"].fillna("") == "").sum()


def test_open_the_article_lands_on_the_article_page_with_it_chosen(page: AppTest):
    quotes, articles = frames(page)
    open_page(page, "article")  # the Article page already showed its default article in this session
    assert page.selectbox(key="article_pick").value == articles["article_id"].iloc[0]
    open_page(page, "quotes")
    # an article other than the Article page's default (the first one)
    wanted = quotes["article_id"].value_counts().index[0]
    assert wanted != articles["article_id"].iloc[0]
    page.multiselect(key="quote_articles").set_value([wanted]).run()
    page.button(key="quote_open_selected").click().run()
    assert_clean(page)
    assert [t.value for t in page.title] == ["Article"]
    assert page.selectbox(key="article_pick").value == wanted


def test_confidence_threshold_hides_doubtful_attributions_only(page: AppTest):
    quotes, _ = frames(page)
    named = quotes["speaker"].fillna("") != ""
    confidence = quotes["speaker_confidence"]
    cut = math.floor(float(confidence[named].median()) * 20) / 20  # a slider step with attributions on both sides
    page.slider(key="quote_confidence").set_value(cut).run()
    assert_clean(page)
    table = quote_list(page)
    assert len(table) == len(quotes)  # no quote disappears: only its speaker does
    doubtful = named & (confidence < cut)
    assert doubtful.any() and (named & ~doubtful).any()
    assert (table["speaker"] == NO_SPEAKER).sum() == (~named).sum() + doubtful.sum()
    assert "speaker_confidence" in table.columns


def attribution(at: AppTest) -> str:
    """The line above the quote in context that says who said it (ui: views/quotes.py)."""
    return next(m.value for m in at.markdown if m.value.startswith("Speaker: "))


def test_the_evidence_names_its_speaker_and_the_model_confidence(page: AppTest):
    """Issue 12 (4): every attribution shows its confidence with its evidence, not only in a table column."""
    quotes, _ = frames(page)
    first = quotes.iloc[0]  # the page opens on its first row in context
    assert first["speaker"] and first["text"] == quote_list(page)["text"].iloc[0]
    line = attribution(page)
    assert line.startswith(f"Speaker: **{first['speaker']}**")
    assert f"confidence {first['speaker_confidence']:.2f}" in line and f"{first['kind']} quote" in line


def test_an_unresolved_speaker_mention_is_named_as_such():
    """A quote whose speaker words (« il ») the model left unresolved: the highlighted words are explained."""
    at = open_page(new_app(), "quotes")
    quotes, articles = frames(at)
    texts = articles.set_index("article_id")["text"]
    unresolved = quotes[(quotes["speaker"].fillna("") == "") & (quotes["speaker_start"] >= 0)].iloc[0]
    words = texts[unresolved["article_id"]][unresolved["speaker_start"]:unresolved["speaker_end"]]
    at = linked_page("quotes", quote=f"{unresolved['article_id']}:{unresolved['start']}")
    assert_clean(at)
    line = attribution(at)
    assert line.startswith(f"Speaker: **{NO_SPEAKER}**: the text's « {plain_markdown(words)} » names no actor")
    assert f"confidence {unresolved['speaker_confidence']:.2f} that nobody is named" in line


def test_a_speaker_under_the_minimum_confidence_is_named_in_the_evidence(page: AppTest):
    quotes, _ = frames(page)
    first = quotes.iloc[0]
    page.slider(key="quote_confidence").set_value(1.0).run()
    assert_clean(page)
    assert quote_list(page)["speaker"].iloc[0] == NO_SPEAKER
    assert attribution(page).startswith(f"Speaker: **{NO_SPEAKER}**: the model's choice, {first['speaker']}, is "
                                        "under the minimum confidence")


def evidence_block(at: AppTest) -> str:
    return next(b for b in html_markdown(at) if 'class="rv-text"' in b)


def test_a_link_to_a_quote_opens_it_in_context():
    first = open_page(new_app(), "quotes")
    listed = quote_list(first)
    quotes, _ = frames(first)
    # a quote far down the list, and not one the first row's paragraph also shows
    wanted = quotes[(quotes["article_id"] != quotes["article_id"].iloc[0]) & (quotes["text"].str.len() > 30)].iloc[-1]
    assert wanted["text"] not in set(listed["text"].head(1))
    at = linked_page("quotes", quote=f"{wanted['article_id']}:{wanted['start']}")
    assert_clean(at)
    assert not at.warning
    assert f'<mark class="rv-quote">{plain_html(wanted["text"])}</mark>' in evidence_block(at)
    assert at.query_params["quote"] == f"{wanted['article_id']}:{wanted['start']}"  # the link stays copyable


def test_a_link_to_an_unknown_quote_is_ignored_with_a_note():
    at = linked_page("quotes", quote="[x](https://evil.example):12")
    assert_clean(at)
    notes = [w.value for w in at.warning]
    assert len(notes) == 1 and "not among those listed" in notes[0] and r"\[x\]\(https" in notes[0]
    assert "quote" not in at.query_params
    first = quote_list(at).iloc[0]
    assert f'<mark class="rv-quote">{plain_html(first["text"])}</mark>' in evidence_block(at)
    at.run()  # the note goes once the link's quote is gone
    assert not at.warning


def test_a_link_to_a_quote_on_a_later_page_opens_that_page(monkeypatch):
    """A long list is paged (100 rows here); a link's quote is found on whichever page holds it."""
    monkeypatch.setattr(ui.render, "PAGE_ROWS", 100)
    first = open_page(new_app(), "quotes")
    assert_clean(first)
    assert len(quote_list(first)) == 100 and first.number_input(key="quote_table_page").value == 1
    quotes, _ = frames(first)
    on_first = set(quote_list(first)["text"])
    wanted = quotes[~quotes["text"].isin(on_first) & (quotes["text"].str.len() > 30)].iloc[-1]
    at = linked_page("quotes", quote=f"{wanted['article_id']}:{wanted['start']}")
    assert_clean(at)
    assert not at.warning
    assert at.number_input(key="quote_table_page").value > 1
    assert wanted["text"] in set(quote_list(at)["text"])  # its page is listed
    assert f'<mark class="rv-quote">{plain_html(wanted["text"])}</mark>' in evidence_block(at)
    assert at.query_params["quote"] == f"{wanted['article_id']}:{wanted['start']}"
    at.number_input(key="quote_table_page").set_value(1).run()  # turning back the pages keeps the link's quote
    assert_clean(at)
    assert wanted["text"] not in set(quote_list(at)["text"])
    assert f'<mark class="rv-quote">{plain_html(wanted["text"])}</mark>' in evidence_block(at)


# the main column's width with the sidebar open at 1440 px (1024 px: 560), less the row-selection column
VISIBLE_AT_1440_PX = 940 - 40


def test_the_corrected_flag_is_on_screen_beside_the_speaker(page: AppTest):
    """A correction the analyst made must be visible without scrolling the table sideways at 1440 px."""
    grid = next(df for df in page.dataframe if "speaker" in df.value.columns and "title" in df.value.columns)
    widths = json.loads(grid.proto.columns)
    order = list(grid.value.columns)
    assert order.index("corrected") == order.index("speaker_confidence") + 1
    assert sum(widths[c]["width"] for c in order[:order.index("corrected") + 1]) <= VISIBLE_AT_1440_PX
