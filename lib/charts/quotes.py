"""Quotes page figures: who gets quoted, how much."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from lib.charts.common import styled


def top_speakers(quotes: pd.DataFrame, n: int = 15) -> go.Figure:
    """Speakers by number of quotes and by words quoted, side by side."""
    named = quotes[quotes["speaker"].fillna("") != ""]
    stats = named.groupby("speaker").agg(quotes=("text", "size"),
                                         words=("text", lambda s: int(s.str.split().str.len().sum())))
    stats = stats.sort_values("quotes", ascending=False).head(n).reset_index()
    long = stats.melt(id_vars="speaker", value_vars=["quotes", "words"], var_name="measure", value_name="count")
    fig = px.bar(long, x="count", y="speaker", facet_col="measure", orientation="h",
                 category_orders={"speaker": stats["speaker"].tolist()})
    fig.update_xaxes(matches=None)
    fig.for_each_annotation(lambda a: a.update(text={"measure=quotes": "quotes", "measure=words": "words quoted"}[a.text]))
    return styled(fig, "Top speakers", 60 + 28 * max(len(stats), 4))


def quote_kinds(quotes: pd.DataFrame) -> go.Figure:
    counts = quotes["kind"].value_counts().rename("quotes").reset_index()
    return styled(px.pie(counts, names="kind", values="quotes", hole=0.5), "Quote kinds", 300)
