"""Shared figure styling so every page looks like one product."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

# the escaping layer (lib.output.markup); pages import plain_markdown from here too
from lib.output.markup import plain_html, plain_markdown  # noqa: F401

TONE_NAMES = {-1: "negative", 0: "neutral", 1: "positive"}
TONE_COLORS = {-1: "#dc2626", 0: "#9ca3af", 1: "#16a34a"}
TONE_SCALE = [[0.0, "#dc2626"], [0.5, "#f3f4f6"], [1.0, "#16a34a"]]


def styled(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
    fig.update_layout(title=title, height=height, margin=dict(l=10, r=10, t=50, b=10),
                      template="plotly_white", legend_title_text="")
    return fig


def empty_figure(title: str, message: str, height: int = 260) -> go.Figure:
    """A titled figure that says why it is empty, so a page never shows a blank frame."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return styled(fig, title, height)


def plain_labels(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``df`` with uploaded text columns escaped for plotly, which reads <a href>, <b>, <br> in labels and hover."""
    return df.assign(**{c: df[c].map(plain_html) for c in columns if c in df})
