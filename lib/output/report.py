"""One-click report: a self-contained HTML file with the main figures and the evidence behind them."""
from __future__ import annotations

import html
from datetime import datetime, timezone

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from lib.charts.overview import publication_volume
from lib.charts.quotes import top_speakers
from lib.charts.stances import stance_heatmap, stance_matrix
from lib.corpus.frames import Corpus


def _table(df: pd.DataFrame, columns: list[str], n: int = 20) -> str:
    return df[columns].head(n).to_html(index=False, escape=True, border=0, classes="tbl")


def build_report(corpus: Corpus, title: str = "Revue press review") -> str:
    """HTML with plotly.js inlined once, so the file opens offline in any mail client's browser."""
    arts = corpus.articles[corpus.articles["error"].fillna("") == ""]
    figures: list[tuple[str, go.Figure]] = [("Publication volume", publication_volume(arts))]
    if not corpus.quotes.empty:
        figures.append(("Top speakers", top_speakers(corpus.quotes)))
    matrix = stance_matrix(corpus.stances)
    if not matrix.empty:
        figures.append(("Stances", stance_heatmap(matrix)))
    parts = []
    for i, (_, fig) in enumerate(figures):
        parts.append(pio.to_html(fig, full_html=False, include_plotlyjs=(i == 0)))
    quotes = corpus.quotes.merge(arts[["article_id", "title", "published"]], on="article_id", how="left")
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#111}}
.tbl{{border-collapse:collapse;font-size:13px}} .tbl td,.tbl th{{padding:4px 8px;border-bottom:1px solid #ddd;
text-align:left;vertical-align:top}}</style></head><body>
<h1>{html.escape(title)}</h1>
<p>{len(arts)} articles, {len(corpus.actors)} actors, {len(corpus.quotes)} quotes, {len(corpus.dates)} dated expressions.
Generated {generated}.</p>
{''.join(parts)}
<h2>Most mentioned actors</h2>{_table(corpus.actors, ["actor", "label", "n_mentions", "n_articles", "n_quotes"])}
<h2>Quotes (first 50)</h2>{_table(quotes, ["published", "speaker", "kind", "text", "title"], 50)}
</body></html>"""
