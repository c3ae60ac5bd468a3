"""Overview page figures: publication volume, sources, languages, tone."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from lib.charts.common import TONE_COLORS, TONE_NAMES, plain_labels, styled


def publication_volume(articles: pd.DataFrame, freq: str = "W") -> go.Figure:
    """Articles per week (or day/month) by publication date."""
    dated = articles.assign(published=pd.to_datetime(articles["published"], errors="coerce")).dropna(subset=["published"])
    counts = dated.set_index("published").resample(freq)["article_id"].count().rename("articles").reset_index()
    counts = counts[counts["articles"] > 0]
    fig = px.bar(counts, x="published", y="articles", labels={"published": "publication date"})
    return styled(fig, f"Articles published per {dict(D='day', W='week', MS='month').get(freq, freq)}", 320)


def articles_by_source(articles: pd.DataFrame) -> go.Figure:
    counts = (articles.assign(source=articles["source"].replace("", "(unknown)"))
              .groupby(["source", "lang"]).size().rename("articles").reset_index())
    # a source from a .meta.json or a page's og:site_name may hold <a href>: plotly would draw a live link
    fig = px.bar(plain_labels(counts, ["source", "lang"]), x="articles", y="source", color="lang", orientation="h")
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
