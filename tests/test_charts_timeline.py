"""Timeline figures and tables on real frames: the seed (published 2022-02-02) and an uploaded hostile text.

The seed's dated sentences, read by hand: « positions de 1997 » (year), « Fin
2021 » (2021-Q4), « le 17 décembre » (2021-12-17), « Le 26 janvier »
(2022-01-26), « Hier » (2022-02-01) and « mercredi » (2022-02-02).
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib.charts import timeline as charts
from lib.charts.common import empty_stretches
from lib.pipeline import analyze
from lib.types import Article

DAY_MS = 24 * 3600 * 1000


@pytest.fixture(scope="module")
def events(seed_corpus) -> pd.DataFrame:
    return seed_corpus.events


def marks(figure) -> list:
    return [t for t in figure.data if t.customdata is not None]


def test_short_labels_fit_and_stay_distinct(events):
    title = events["title"].iat[0]
    assert len(title) > 100
    assert charts.short_label(title) == title[:35].rstrip() + "…"
    assert charts.short_label("  Bayrou se rallie\nà Macron ") == "Bayrou se rallie à Macron"
    # a second article whose title starts like the seed's: two lanes, two labels
    twin = events.assign(article_id="seed-follow-up", title=title + " (suite)")
    labels = charts.article_labels(pd.concat([events, twin]))
    assert len(set(labels.values())) == 2 and max(map(len, labels.values())) <= charts.LABEL_WIDTH
    untitled = charts.article_labels(events.assign(title=""))
    assert untitled == {"seed": "seed"}


def test_publication_window_and_event_selection(seed_corpus, events):
    month = charts.publication_window(seed_corpus.articles, 31)
    assert month == (date(2022, 1, 2), date(2022, 3, 5))
    assert charts.publication_window(seed_corpus.articles.assign(published=""), 31) is None
    near = charts.select_events(events, window=month)
    assert set(near["date"]) == {"2022-01-26", "2022-02-01", "2022-02-02"}
    assert (near["date_basis"] == "text").all()
    # a period counts when it overlaps the window: Q4 2021 reaches into "± 3 months" (from 2021-11-02)
    quarter = charts.select_events(events, window=charts.publication_window(seed_corpus.articles, 92))
    assert "2021-Q4" in set(quarter["date"]) and "1997" not in set(quarter["date"])
    assert set(charts.select_events(events)["date"]) >= {"1997", "2021-Q4", "2021-12-17"}
    assert charts.select_events(events, precisions=["quarter"])["date"].tolist() == ["2021-Q4"]
    with_published = charts.select_events(events, include_published=True)
    assert (with_published["date_basis"] == "published").sum() == 1


def test_days_are_markers_and_periods_are_bars(events):
    figure = charts.events_timeline(events)
    points = [(x, int(c[0])) for t in marks(figure) if t.type == "scatter" for x, c in zip(t.x, t.customdata)]
    assert "2022-01-26" in {x for x, _ in points}
    assert all(events.loc[row, "date_start"] == x for x, row in points)  # customdata finds the event again
    bars = {(base, ms) for t in marks(figure) if t.type == "bar" for base, ms in zip(t.base, t.x)}
    assert ("1997-01-01", 365 * DAY_MS) in bars
    assert ("2021-10-01", 92 * DAY_MS) in bars
    assert figure.layout.xaxis.rangeslider.visible
    hovers = " ".join(h for t in marks(figure) for h in t.hovertext)
    assert "positions de 1997" in hovers and "Le 26 janvier" in hovers


def test_decades_without_events_are_cut_from_the_axis_and_named(seed_corpus, events):
    # the seed dates one event in 1997 and the rest from 2021-Q4 on: the 24 years between are skipped
    (start, end), = empty_stretches(charts.drawn_extents(events))
    assert date(1998, 1, 1) < start < date(1998, 2, 1) and date(2021, 9, 1) < end < date(2021, 10, 1)
    figure = charts.events_timeline(events)
    assert [tuple(b.bounds) for b in figure.layout.xaxis.rangebreaks] == [(start.isoformat(), end.isoformat())]
    assert figure.layout.title.subtitle.text == "The axis skips Jan 1998 to Sep 2021: nothing there."
    # labels on both sides of the cut, none two crowding each other where it joins (as "Jan 2019" met "Sep 2021")
    ticks = [date.fromisoformat(t) for t in figure.layout.xaxis.tickvals]
    assert ticks[0].year == 1997 and ticks[-1].year >= 2021
    shown = [(t - ticks[0]).days - ((end - start).days if t > end else 0) for t in ticks]
    assert min(b - a for a, b in zip(shown, shown[1:])) >= shown[-1] / 10
    # around the publication dates nothing is far from the rest: the axis is whole
    near = charts.select_events(events, window=charts.publication_window(seed_corpus.articles, 92))
    assert empty_stretches(charts.drawn_extents(near, seed_corpus.articles)) == []
    assert not charts.events_timeline(near, volume_of=seed_corpus.articles).layout.xaxis.rangebreaks


def test_actor_lanes_keep_the_busiest_and_pool_the_rest(events):
    lanes = {y for t in marks(charts.events_timeline(events, top=1)) for y in t.y}
    busiest = events["actors"].str.split(r" \| ").explode().replace("", None).dropna().value_counts().index[0]
    unnamed = {"(no named actor)"} if (events["actors"] == "").any() else set()
    assert lanes == {busiest, "(other actors)"} | unnamed
    # "Le 26 janvier, les États-Unis et l’OTAN ..." names two actors pooled as others: one mark there, not two
    for trace in marks(charts.events_timeline(events, top=1)):
        rows = [(y, c[0]) for y, c in zip(trace.y, trace.customdata)]
        assert len(rows) == len(set(rows))
    by_source = charts.events_timeline(events, color_by="source")
    assert {y for t in marks(by_source) for y in t.y} == {"seed"}


def test_events_on_the_same_spot_share_one_mark_that_lists_them_all(events):
    # the seed uploaded again under another id: each of its dates holds two events in the same source lane
    twice = pd.concat([events, events.assign(article_id="seed-again")], ignore_index=True)
    once = marks(charts.events_timeline(events, color_by="source"))
    both = marks(charts.events_timeline(twice, color_by="source"))
    assert sum(len(t.customdata) for t in both) == sum(len(t.customdata) for t in once)  # no more marks drawn
    listed = sorted(row for t in both for rows in t.customdata for row in rows)
    assert listed == sorted(charts.select_events(twice).index)  # yet every event is behind a mark
    for alone, doubled in zip(once, both):
        assert [2 * len(rows) for rows in alone.customdata] == [len(rows) for rows in doubled.customdata]
        for rows, hover in zip(doubled.customdata, doubled.hovertext):
            assert twice.loc[rows, "date_start"].nunique() == 1 and twice.loc[rows, "date_end"].nunique() == 1
            more = len(rows) - 1
            assert hover.endswith(f"and {more} more event{'s' * (more > 1)} here: click to list them</i>")


def test_window_view_and_shared_volume_axis(seed_corpus, events):
    wide = charts.publication_window(seed_corpus.articles, 1827)  # ± 5 years
    shown = charts.select_events(events, window=wide)
    figure = charts.events_timeline(shown, x_range=wide, volume_of=seed_corpus.articles, freq="D")
    lo, hi = (pd.Timestamp(x) for x in figure.layout.xaxis.range)
    # opens on what is drawn (Q4 2021 to the publication day), not on ten mostly empty years
    assert pd.Timestamp("2021-09-01") < lo <= pd.Timestamp("2021-10-01")
    assert pd.Timestamp("2022-02-03") <= hi < pd.Timestamp("2022-03-01")
    volume = [t for t in figure.data if t.customdata is None]
    assert len(volume) == 1 and list(volume[0].y) == [1]
    assert figure.layout.xaxis.matches == "x2" and figure.layout.xaxis2.rangeslider.visible
    assert figure.layout.yaxis2.title.text == "articles / day"
    assert charts.events_timeline(events.iloc[0:0]).layout.annotations[0].text == "No dated events"


def test_table_and_evidence(seed_corpus, events):
    table = charts.events_table(events, seed_corpus.articles)
    assert list(table.columns) == ["date", "precision", "date text", "sentence", "actors", "article", "published",
                                   "source"]
    assert set(table["published"]) == {"2022-02-02"} and table.index.equals(events.index)
    assert (table["article"].str.len() <= charts.LABEL_WIDTH).all()

    january = events[events["date"] == "2022-01-26"].iloc[0]
    text, spans = charts.event_evidence(january, seed_corpus.articles, seed_corpus.dates, seed_corpus.quotes)
    assert text.startswith("Le 26 janvier, les États-Unis et l’OTAN")
    assert [text[s:e] for s, e, css in spans if css == "date"] == ["Le 26 janvier"]

    yesterday = events[events["date"] == "2022-02-01"].iloc[0]
    text, spans = charts.event_evidence(yesterday, seed_corpus.articles, seed_corpus.dates, seed_corpus.quotes)
    assert [text[s:e] for s, e, css in spans if css == "date"] == ["Hier"]
    quoted = [text[s:e] for s, e, css in spans if css == "quote"]
    assert quoted and all(0 <= s < e <= len(text) for s, e, _ in spans)  # Peskov's quotation, cut to the sentence

    published = events[events["date_basis"] == "published"].iloc[0]
    text, spans = charts.event_evidence(published, seed_corpus.articles, seed_corpus.dates, seed_corpus.quotes)
    assert text.startswith("Le Kremlin n’a pas commenté") and not [s for s in spans if s[2] == "date"]


def test_uploaded_markup_is_escaped_in_hover_and_lanes():
    text = ("<b>Titre</b> piégé\n\nLe 3 mars, <script>alert(1)</script> la réforme a été votée "
            "par <img src=x onerror=alert(1)> les députés.")
    corpus = analyze([Article(article_id="trap", title="<b>Titre</b> piégé", text=text, published="2024-03-05",
                              lang="fr", source="<i>Le Média</i>")])
    figure = charts.events_timeline(corpus.events, color_by="source")
    hovers = " ".join(h for t in marks(figure) for h in t.hovertext)
    assert "2024-03-03" in hovers
    assert "&lt;script" in hovers and "&lt;b&gt;Titre&lt;/b&gt;" in hovers
    assert "<script" not in hovers and "<img" not in hovers and "<i>Le" not in hovers
    assert {y for t in marks(figure) for y in t.y} == {"&lt;i&gt;Le Média&lt;/i&gt;"}
