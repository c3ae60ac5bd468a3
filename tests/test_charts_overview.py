"""Overview figures on real frames: the seed article (published Wednesday 2022-02-02) and the sample corpus."""
from __future__ import annotations

import pandas as pd
import pytest

from lib.charts import overview as charts
from lib.charts.timeline import events_timeline

DAY_MS = 24 * 3600 * 1000


@pytest.mark.parametrize("freq, start, days", [("D", "2022-02-02", 1), ("W", "2022-01-31", 7),
                                               ("MS", "2022-02-01", 28)])
def test_a_lone_dated_article_is_a_bar_as_wide_as_its_period(seed_corpus, freq, start, days):
    """One dated upload: plotly alone draws its bar 1 ms wide, a blank timeline or a sub-second axis."""
    bar = charts.publication_volume(seed_corpus.articles, freq).data[0]
    assert list(bar.y) == [1]
    assert pd.Timestamp(bar.x[0]) == pd.Timestamp(start)  # the period's first day: Monday for a week
    assert bar.offset == 0
    assert days * DAY_MS * 0.8 < bar.width[0] < days * DAY_MS


def test_count_axes_never_tick_half_an_article(seed_corpus):
    volume = charts.publication_volume(seed_corpus.articles)
    assert volume.layout.yaxis.dtick == 1 and volume.layout.yaxis.tickformat == ",d"
    sources = charts.articles_by_source(seed_corpus.articles)
    assert sources.layout.xaxis.dtick == 1
    timeline = events_timeline(seed_corpus.events, volume_of=seed_corpus.articles, freq="W")
    volume_bar = next(t for t in timeline.data if t.customdata is None)
    assert volume_bar.width[0] > 6 * DAY_MS  # the week stays visible under months of events
    assert timeline.layout.yaxis2.dtick == 1
    # one neutral colour for publication volume on both pages, not the theme's first colour
    assert volume.data[0].marker.color == volume_bar.marker.color == charts.VOLUME_COLOR


def test_a_busy_axis_keeps_plotly_s_own_steps():
    many = pd.DataFrame({"article_id": [f"a{i}" for i in range(12)], "published": ["2017-03-08"] * 12,
                         "source": "Wikinews", "lang": "fr"})
    volume = charts.publication_volume(many)
    assert list(volume.data[0].y) == [12] and volume.layout.yaxis.dtick is None


def test_years_without_publications_are_cut_from_the_volume_axis():
    # the sample corpus's shape: months of 2016-17 news, then one article in 2022
    dates = [f"2016-{m:02d}-15" for m in range(8, 13)] + ["2017-03-08", "2022-02-02"]
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(dates))], "published": dates,
                             "source": "Wikinews", "lang": "fr"})
    volume = charts.publication_volume(articles)
    (cut,) = volume.layout.xaxis.rangebreaks
    assert "2017-03-13" < cut.bounds[0] < "2017-04-01" and "2022-01-15" < cut.bounds[1] < "2022-01-31"
    assert volume.layout.title.text == "Articles published per week"
    assert volume.layout.title.subtitle.text == "The axis skips Mar 2017 to Jan 2022: nothing there."
    # each side of the cut has its labels: the 2022 bar is not left unlabelled after the cut
    ticks = list(volume.layout.xaxis.tickvals)
    assert any(t < cut.bounds[0] for t in ticks) and any(t.startswith("2022-") for t in ticks)
    # the same weeks without the 2022 article: nothing to cut
    assert not charts.publication_volume(articles.iloc[:-1]).layout.xaxis.rangebreaks
