"""Timeline page figures: dated events by resolved date, and publication volume."""
from __future__ import annotations

import textwrap

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from lib.charts.common import styled
from lib.charts.overview import publication_volume

__all__ = ["events_timeline", "publication_volume"]

NO_ACTOR = "(no named actor)"
OTHER = "(other actors)"


def _wrap(text: str, width: int = 90) -> str:
    return "<br>".join(textwrap.wrap(str(text), width)) or " "


def _lanes(events: pd.DataFrame, color_by: str, top: int) -> pd.DataFrame:
    """One row per (event, lane): an event with three actors appears in each actor's lane."""
    if color_by != "actor":
        return events.assign(lane=events[color_by].fillna("").replace("", "(unknown)"))
    lanes = events.assign(lane=events["actors"].fillna("").str.split(r" \| ")).explode("lane")
    lanes["lane"] = lanes["lane"].replace("", NO_ACTOR).fillna(NO_ACTOR)
    ranked = lanes.loc[lanes["lane"] != NO_ACTOR, "lane"].value_counts().index[:top]
    lanes.loc[~lanes["lane"].isin(ranked) & (lanes["lane"] != NO_ACTOR), "lane"] = OTHER
    return lanes


def events_timeline(events: pd.DataFrame, color_by: str = "actor", top: int = 12,
                    include_published: bool = False) -> go.Figure:
    """Events placed at their resolved date, one lane per actor (or article/source), zoomable.

    A period ("2021-Q4", "premier semestre 2012") is drawn as a bar from its first
    to its last day; the hover shows the sentence, the date expression and the quote.
    """
    shown = events if include_published else events[events["date_basis"] == "text"]
    shown = shown[shown["date_start"].fillna("") != ""]
    if shown.empty:
        fig = go.Figure()
        fig.add_annotation(text="No dated events", showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
        return styled(fig, "Events by resolved date", 300)
    lanes = _lanes(shown, color_by, top)
    lanes = lanes.assign(
        x_start=pd.to_datetime(lanes["date_start"]),
        # a day event gets a visible day-long bar; periods span their whole extent
        x_end=pd.to_datetime(lanes["date_end"]) + pd.Timedelta(days=1),
        hover=[f"<b>{d}</b> ({t or b})<br>{_wrap(s)}" + (f"<br><i>« {_wrap(q, 80)} »</i>" if q else "")
               for d, t, b, s, q in zip(lanes["date"], lanes["date_text"], lanes["date_basis"], lanes["sentence"],
                                        lanes["quote"].fillna(""))])
    fig = px.timeline(lanes, x_start="x_start", x_end="x_end", y="lane", color="lane", hover_name="hover",
                      hover_data={"x_start": False, "x_end": False, "lane": False},
                      labels={"lane": {"actor": "actor", "article_id": "article", "source": "source"}.get(color_by,
                                                                                                     color_by)})
    fig.update_traces(marker_line_width=0)
    fig.update_yaxes(autorange="reversed", title="")
    fig.update_xaxes(rangeslider_visible=True, title="resolved date")
    fig.update_layout(showlegend=False)
    return styled(fig, "Events by resolved date", max(320, 60 + 28 * lanes["lane"].nunique()))
