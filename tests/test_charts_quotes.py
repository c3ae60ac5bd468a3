"""Quotes page builders on the dev set: the quote table, its filters, speaker summaries, evidence excerpts."""
from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from lib.charts import quotes as charts
from lib.charts.quotes import EVENT, NO_SPEAKER, QuoteFilter
from lib.extract.dates import period_bounds
from lib.corpus.frames import Corpus


@pytest.fixture(scope="module")
def table(eval_corpus: Corpus) -> pd.DataFrame:
    return charts.quote_table(eval_corpus.quotes, eval_corpus.articles, eval_corpus.events)


def _row(table: pd.DataFrame, article_id: str, text: str) -> pd.Series:
    return table[(table["article_id"] == article_id) & (table["text"] == text)].iloc[0]


def test_quote_table_has_one_row_per_quote_with_its_article(eval_corpus: Corpus, table: pd.DataFrame):
    assert len(table) == len(eval_corpus.quotes) > 0
    titles = eval_corpus.articles.set_index("article_id")["title"]
    assert (table["title"] == table["article_id"].map(titles)).all()
    assert (table["words"] == table["text"].map(lambda t: len(t.split()))).all()
    assert set(table["tone_name"]) <= {"negative", "neutral", "positive"}
    assert (table["tone_name"] == "negative").sum() == (eval_corpus.quotes["tone_label"] == -1).sum()


def test_dates_mentioned_in_a_quotes_sentence(table: pd.DataFrame):
    # 02: "Le ministre … a déclaré dimanche sur BFM TV que « le nucléaire est une filière d'avenir »",
    # published Monday 2012-08-27: gold resolves "dimanche" to 2012-08-26
    sunday = table[(table["article_id"] == "02") & (table["event_dates"] == "2012-08-26")]
    assert sunday["text"].str.contains("le nucléaire est une filière d'avenir").any()
    # 13: "… on Thursday afternoon" inside the KCNA quotation, Thursday = 2015-08-20 (gold)
    kcna = table[(table["article_id"] == "13") & table["text"].str.startswith("War maniacs")]
    assert "2015-08-20" in kcna["event_dates"].iat[0]
    # the article's publication date is not a date its sentences mention: 01's first quote has none
    assert table[table["article_id"] == "01"]["event_dates"].iat[0] == ""


@pytest.mark.parametrize("wanted", [
    QuoteFilter(article_ids=("02",)),
    QuoteFilter(tones=(-1,)),
    QuoteFilter(speakers=(NO_SPEAKER,)),
    QuoteFilter(speakers=("Dmitri Peskov", NO_SPEAKER)),
    QuoteFilter(kinds=("partial",), article_ids=("01", "13")),
    QuoteFilter(search="FILIÈRE D'AVENIR"),
    QuoteFilter(dates=(date(2012, 7, 10), date(2012, 7, 31))),
    QuoteFilter(date_basis=EVENT, dates=(date(2015, 8, 1), date(2015, 8, 31))),
])
def test_each_filter_keeps_exactly_the_quotes_it_describes(table: pd.DataFrame, wanted: QuoteFilter):
    shown = wanted.apply(table)
    assert not shown.empty and len(shown) < len(table)
    expected = []
    for _, q in table.iterrows():
        speaker = q["speaker"] or NO_SPEAKER
        published = date.fromisoformat(q["published"])
        ok = ((not wanted.article_ids or q["article_id"] in wanted.article_ids)
              and (not wanted.tones or q["tone_label"] in wanted.tones)
              and (not wanted.speakers or speaker in wanted.speakers)
              and (not wanted.kinds or q["kind"] in wanted.kinds)
              and (not wanted.search or wanted.search.lower() in (q["text"] + " " + q["speaker"]).lower()))
        if wanted.dates and wanted.date_basis == EVENT:
            periods = [period_bounds(d) for d in q["event_dates"].split(" · ") if d]
            ok &= any(first <= wanted.dates[1] and last >= wanted.dates[0] for first, last in periods)
        elif wanted.dates:
            ok &= wanted.dates[0] <= published <= wanted.dates[1]
        expected.append(ok)
    assert shown.index.tolist() == table.index[expected].tolist()


def test_the_mentioned_date_filter_uses_the_sentence_dates_not_publication(table: pd.DataFrame):
    # 02's "horizon 2025" is in a quote published in 2012: only the mentioned date finds it in 2025
    in_2025 = QuoteFilter(date_basis=EVENT, dates=(date(2025, 1, 1), date(2025, 12, 31))).apply(table)
    assert set(in_2025["article_id"]) == {"02"}
    assert QuoteFilter(dates=(date(2025, 1, 1), date(2025, 12, 31))).apply(table).empty
    # a mentioned-date filter without a range keeps the quotes whose sentence has any date
    dated = QuoteFilter(date_basis=EVENT).apply(table)
    assert (dated["event_dates"] != "").all() and len(dated) == (table["event_dates"] != "").sum()


def test_speaker_summary_counts_match_the_quotes_frame(eval_corpus: Corpus, table: pd.DataFrame):
    summary = charts.speaker_summary(table).set_index("speaker")
    quotes = eval_corpus.quotes
    assert summary["quotes"].sum() == len(quotes)
    for speaker in ("Jean-Marie Le Pen", "Dmitri Peskov", "Moody's"):
        theirs = quotes[quotes["speaker"] == speaker]
        row = summary.loc[speaker]
        assert row["quotes"] == len(theirs)
        assert row["words"] == sum(len(t.split()) for t in theirs["text"])
        assert row["articles"] == theirs["article_id"].nunique()
        assert [row[k] for k in ("direct", "partial", "indirect")] == [(theirs["kind"] == k).sum()
                                                                      for k in ("direct", "partial", "indirect")]
        assert row["negative"] + row["neutral"] + row["positive"] == len(theirs)
        assert row["mean_tone"] == pytest.approx(theirs["tone"].mean(), abs=0.01)
    unattributed = (quotes["speaker"].fillna("") == "").sum()
    assert summary.loc[NO_SPEAKER, "quotes"] == unattributed if unattributed else NO_SPEAKER not in summary.index
    # the raw quotes frame (the HTML report's input) gives the same figures
    assert charts.speaker_summary(quotes).equals(charts.speaker_summary(table))


def test_top_speakers_chart_lists_named_speakers_by_quotes(eval_corpus: Corpus):
    figure = charts.top_speakers(eval_corpus.quotes, n=3)
    shown = list(dict.fromkeys(y for trace in figure.data for y in trace.y))
    named = eval_corpus.quotes[eval_corpus.quotes["speaker"] != ""]
    counts = named["speaker"].value_counts()
    assert shown == counts.index[:3].tolist() and counts.iloc[0] > counts.iloc[3]
    assert NO_SPEAKER not in shown


def test_evidence_highlights_quote_speaker_and_cue_in_their_paragraph(table: pd.DataFrame):
    quote = table[(table["article_id"] == "seed") & (table["speaker"] == "Dmitri Peskov")
                  & (table["kind"] == "direct")].iloc[0]
    excerpt, spans = charts.evidence(quote)
    assert "\n" not in excerpt and excerpt in quote["article_text"]
    found = {css: excerpt[s:e] for s, e, css in spans}
    assert found["quote"] == quote["text"]
    assert found["speaker"] == quote["speaker_text"]
    assert found["cue"] == quote["article_text"][quote["cue_start"]:quote["cue_end"]]
    assert re.search(r"a déclaré", found["cue"])


def test_evidence_leaves_out_a_speaker_named_far_away(table: pd.DataFrame):
    quote = table.iloc[0].copy()
    quote["speaker_start"], quote["speaker_end"] = 0, 5
    quote["start"], quote["end"] = 3997, 4007
    quote["cue_start"] = quote["cue_end"] = -1
    quote["article_text"] = "Title\n" + "x" * 3990 + "\n" + "quoted txt and more"
    excerpt, spans = charts.evidence(quote)
    assert excerpt == "quoted txt and more"
    assert spans == [(0, 10, "quote")]


def test_short_titles_and_markdown_safe_captions():
    long = "France : la baisse des inscriptions au chômage ouvre la voie pour Hollande et pour ses alliés"
    short = charts.short_title(long, 40)
    assert len(short) <= 40 and short.endswith("…") and long.startswith(short[:-1])
    assert charts.short_title("Court titre") == "Court titre"
    hostile = {"source": "[clic](javascript:alert(1))", "published": "", "title": "**gras** :red[rouge] <b>x</b>"}
    caption = charts.evidence_caption(pd.Series(hostile))
    # every Markdown-active character is escaped, so the caption renders as the literal text
    assert not re.search(r"(?<!\\)[\[\]()*:<>]", caption)
    assert "undated" in caption


@pytest.mark.parametrize("threshold,kept", [(0.0, ["A", "B", ""]), (0.5, ["A", "", ""]), (0.95, ["", "", ""])])
def test_weak_attributions_are_hidden_not_dropped(threshold, kept):
    table = pd.DataFrame({"speaker": ["A", "B", ""], "speaker_confidence": [0.9, 0.3, 0.8], "text": ["x", "y", "z"]})
    shown = charts.hide_weak_attributions(table, threshold)
    assert shown["speaker"].tolist() == kept and shown["text"].tolist() == ["x", "y", "z"]


def test_passages_show_each_paragraph_once_with_every_quote_in_it(table: pd.DataFrame):
    """The speaker drill-down: a speaker quoted twice in a paragraph gets that paragraph once, both quotes marked."""
    # the speaker with the most quotes sharing a line of an article
    line = table.apply(lambda q: (q["article_id"], q["article_text"].rfind("\n", 0, int(q["start"]))), axis=1)
    shared = table.assign(line=line)[table["speaker"] != ""].groupby(["speaker", "line"]).size()
    speaker = shared[shared > 1].groupby(level="speaker").sum().idxmax()
    theirs = table[table["speaker"] == speaker]
    found = charts.passages(theirs)
    assert len(found) < len(theirs)  # some paragraph holds several of their quotes
    assert sum(p.quotes for p in found) == len(theirs)
    # no line of an article is shown twice
    lines = [(p.article_id, line) for p in found for line in p.text.split("\n")]
    assert len(lines) == len(set(lines))
    # every quote is marked, in the passage of its own article that holds it
    marked = [(p.article_id, p.text[s:e]) for p in found for s, e, css in p.spans if css == "quote"]
    assert sorted(marked) == sorted(zip(theirs["article_id"], theirs["text"]))
    assert all(p.text in table.loc[table["article_id"] == p.article_id, "article_text"].iat[0] for p in found)
    # in the order of the rows: the first passage holds the first row's quote
    assert theirs["text"].iat[0] in found[0].text


def test_a_link_names_a_quote_by_its_article_and_first_character(table: pd.DataFrame):
    quote = table.iloc[len(table) // 2]
    ref = charts.quote_ref(quote)
    assert ref == f"{quote['article_id']}:{quote['start']}"
    assert charts.find_quote(table, ref) == len(table) // 2
    for bad in ("", "seed", "seed:", "nowhere:12", f"{quote['article_id']}:-1", f"{quote['article_id']}:1²",
                "<img src=x onerror=alert(1)>:3", f"{quote['article_id']}:{quote['start']}0000"):
        assert charts.find_quote(table, bad) is None, bad


def test_quote_kinds_are_not_drawn_in_the_tone_colours():
    """Beside the tone chart, a red or green slice would read as negative or positive quotes."""
    from lib.charts.common import TONE_COLORS

    quotes = pd.DataFrame({"kind": ["direct", "direct", "partial", "indirect"]})
    pie = charts.quote_kinds(quotes).data[0]
    colors = dict(zip(pie.labels, pie.marker.colors))
    assert set(colors) == {"direct", "partial", "indirect"}
    assert not set(colors.values()) & {c.lower() for c in TONE_COLORS.values()}
    assert len(set(colors.values())) == 3
