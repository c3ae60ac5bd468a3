"""Shared figure styling so every page looks like one product."""
from __future__ import annotations

import plotly.graph_objects as go

TONE_COLORS = {-1: "#dc2626", 0: "#9ca3af", 1: "#16a34a"}
TONE_SCALE = [[0.0, "#dc2626"], [0.5, "#f3f4f6"], [1.0, "#16a34a"]]


def styled(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
    fig.update_layout(title=title, height=height, margin=dict(l=10, r=10, t=50, b=10),
                      template="plotly_white", legend_title_text="")
    return fig
