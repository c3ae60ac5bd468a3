"""Overview page figures: publication volume, sources, languages, tone."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from lib.charts.common import TONE_COLORS, TONE_NAMES, count_ticks, cut_empty_stretches, plain_labels, styled


# resample frequency -> calendar period: a week runs Monday to Sunday, a month from its first day
PERIODS = {"D": "D", "W": "W", "MS": "M"}
PERIOD_NAMES = {"D": "day", "W": "week", "MS": "month"}
BAR_SHARE = 0.9  # of its period a bar covers, leaving a gap between neighbours
VOLUME_COLOR = "#64748b"  # publication volume: a neutral slate, never an actor's or a tone's colour


def publication_volume(articles: pd.DataFrame, freq: str = "W") -> go.Figure:
    """Articles per week (or day/month) by publication date, each bar spanning its own period.

    A bar's width is its period in milliseconds (a date axis's unit): left to plotly, the width of a lone bar
    (one dated upload) is 1 ms, invisible under a timeline's months or stretched over a sub-second axis.
    """
    published = pd.to_datetime(articles["published"], errors="coerce").dropna()
    periods = published.dt.to_period(PERIODS.get(freq, "W")).value_counts().sort_index()
    starts = periods.index.to_timestamp(how="start")
    ends = periods.index.to_timestamp(how="end")
    name = PERIOD_NAMES.get(freq, freq)
    fig = go.Figure(go.Bar(
        x=list(starts), y=periods.to_numpy(), offset=0, marker_color=VOLUME_COLOR,
        width=[(e - s).total_seconds() * 1000 * BAR_SHARE for s, e in zip(starts, ends)],
        hovertemplate=f"{name} of %{{x|%Y-%m-%d}}: %{{y}} article(s)<extra></extra>"))
    fig.update_xaxes(type="date", title="publication date")
    fig.update_yaxes(title="articles", **count_ticks(periods.max() if len(periods) else 0))
    return cut_empty_stretches(styled(fig, f"Articles published per {name}", 320), zip(starts, ends))


def undated_count(articles: pd.DataFrame) -> int:
    """Articles with no readable publication date: every chart over time leaves them out."""
    return int(pd.to_datetime(articles["published"], errors="coerce").isna().sum())


def articles_by_source(articles: pd.DataFrame) -> go.Figure:
    counts = (articles.assign(source=articles["source"].replace("", "(unknown)"))
              .groupby(["source", "lang"]).size().rename("articles").reset_index())
    # a source from a .meta.json or a page's og:site_name may hold <a href>: plotly would draw a live link
    fig = px.bar(plain_labels(counts, ["source", "lang"]), x="articles", y="source", color="lang", orientation="h")
    fig.update_xaxes(**count_ticks(counts.groupby("source")["articles"].sum().max() if len(counts) else 0))
    return styled(fig, "Articles by source and language", 320)


def tone_distribution(sentences: pd.DataFrame) -> go.Figure:
    labels = sentences["tone_label"].map(TONE_NAMES)
    counts = labels.value_counts().reindex(list(TONE_NAMES.values())).fillna(0).rename("sentences")
    fig = px.bar(counts.reset_index(), x="tone_label", y="sentences", color="tone_label",
                 color_discrete_map={TONE_NAMES[t]: color for t, color in TONE_COLORS.items()},
                 labels={"tone_label": "sentence tone"})
    return styled(fig, "Sentence tone", 320)


def story_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Stories told by several articles (a wire story lightly edited by several outlets):
    one row per story with its articles, sources and first publication, largest first."""
    columns = ["story", "articles", "sources", "first_published", "titles"]
    originals = articles[(articles["duplicate_of"].fillna("") == "") & (articles["cluster"].fillna("") != "")]
    shared = originals[originals.groupby("cluster")["article_id"].transform("size") > 1]
    if shared.empty:
        return pd.DataFrame(columns=columns)
    grouped = shared.sort_values("published").groupby("cluster")
    table = pd.DataFrame({
        "story": grouped["title"].first(),
        "articles": grouped.size(),
        "sources": grouped["source"].agg(lambda s: ", ".join(sorted({x for x in s if x})) or "(unknown)"),
        "first_published": grouped["published"].agg(lambda s: min((x for x in s if x), default="")),
        "titles": grouped["title"].agg(" | ".join),
    })
    return table.sort_values(["articles", "first_published"], ascending=[False, True]).reset_index(drop=True)[columns]
