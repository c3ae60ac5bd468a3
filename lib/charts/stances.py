"""Stances page figures: the source × target matrix of tone."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.charts.common import TONE_SCALE, styled


def stance_matrix(stances: pd.DataFrame, top: int = 15, min_evidence: int = 1) -> pd.DataFrame:
    """Mean score and evidence count per (source, target), for the most active actors."""
    if stances.empty:
        return pd.DataFrame(columns=["source_actor", "target_actor", "score", "n"])
    pairs = stances.groupby(["source_actor", "target_actor"]).agg(score=("score", "mean"), n=("score", "size"))
    pairs = pairs[pairs["n"] >= min_evidence].reset_index()
    sources = pairs.groupby("source_actor")["n"].sum().nlargest(top).index
    targets = pairs.groupby("target_actor")["n"].sum().nlargest(top).index
    return pairs[pairs["source_actor"].isin(sources) & pairs["target_actor"].isin(targets)]


def stance_heatmap(matrix: pd.DataFrame) -> go.Figure:
    """Rows: who speaks; columns: about whom; colour: mean tone; hover: evidence count."""
    score = matrix.pivot(index="source_actor", columns="target_actor", values="score")
    count = matrix.pivot(index="source_actor", columns="target_actor", values="n").reindex_like(score)
    fig = go.Figure(go.Heatmap(
        z=score.values, x=score.columns, y=score.index, zmin=-1, zmax=1, colorscale=TONE_SCALE,
        customdata=count.fillna(0).astype(int).values,
        hovertemplate="%{y} → %{x}<br>mean tone %{z:.2f}<br>%{customdata} pieces of evidence<extra></extra>",
        colorbar=dict(title="tone")))
    fig.update_xaxes(title="target", tickangle=-40)
    fig.update_yaxes(title="source", autorange="reversed")
    return styled(fig, "Stance: tone of each source toward each target", 120 + 30 * max(len(score), 5))
