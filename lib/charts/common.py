"""Shared figure styling so every page looks like one product: layout, actor colours, font scale."""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType
from typing import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

# the escaping layer (lib.output.markup); pages import plain_markdown from here too
from lib.output.markup import plain_html, plain_markdown  # noqa: F401

TONE_NAMES = {-1: "negative", 0: "neutral", 1: "positive"}
TONE_COLORS = {-1: "#dc2626", 0: "#9ca3af", 1: "#16a34a"}
TONE_SCALE = [[0.0, "#dc2626"], [0.5, "#f3f4f6"], [1.0, "#16a34a"]]
BASE_FONT = 12  # plotly's default text size, in pixels

# distinct colours for the corpus's most mentioned actors, in rank order
ACTOR_PALETTE = ("#2563eb", "#d97706", "#16a34a", "#dc2626", "#7c3aed", "#0891b2", "#db2777", "#65a30d",
                 "#ea580c", "#4f46e5", "#0d9488", "#b45309", "#9333ea", "#0284c7", "#be123c", "#4d7c0f")
# muted colours for the long tail, picked by the name's hash: never one of a top actor's colours
TAIL_PALETTE = ("#7c8db5", "#b59a6e", "#79a584", "#b57f7f", "#9a89b8", "#6fa2ad", "#b287a3", "#93a06a",
                "#a38f7a", "#7f95a3")


@dataclass(frozen=True)
class ActorColors:
    """One colour per actor, the same in every chart of every page.

    The ``ACTOR_PALETTE`` goes to the most mentioned actors of the open corpus, in rank order, so the
    actors a demo talks about are told apart; any other actor takes a muted colour from a hash of its
    name, which no filter or page changes. Built once per corpus (``of``), passed to every builder that
    colours actors.
    """

    assigned: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def of(cls, actors: pd.DataFrame) -> "ActorColors":
        """From a corpus's actor table: ranked by mentions, then by name."""
        ranked = actors.sort_values(["n_mentions", "actor"], ascending=[False, True])["actor"] if len(actors) else []
        return cls.ranked(ranked)

    @classmethod
    def ranked(cls, names: Iterable[str]) -> "ActorColors":
        """The palette given to ``names`` in this order (a chart's own ranking when no corpus map is at hand)."""
        unique = list(dict.fromkeys(names))[:len(ACTOR_PALETTE)]
        return cls(MappingProxyType(dict(zip(unique, ACTOR_PALETTE))))

    def __call__(self, actor: str) -> str:
        return self.assigned.get(actor) or TAIL_PALETTE[zlib.crc32(str(actor).encode()) % len(TAIL_PALETTE)]


def styled(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
    fig.update_layout(title=title, height=height, margin=dict(l=10, r=10, t=50, b=10),
                      template="plotly_white", legend_title_text="")
    return fig


# a stretch of a date axis with nothing drawn is cut out when it is longer than both of these
MIN_CUT = timedelta(days=120)
MIN_CUT_SHARE = 0.25  # of the whole drawn extent


def empty_stretches(extents: Iterable[tuple[pd.Timestamp, pd.Timestamp]]) -> list[tuple[date, date]]:
    """Stretches of time where none of the drawn (start, end) extents falls, longer than ``MIN_CUT`` and than
    ``MIN_CUT_SHARE`` of the drawn extent: a date axis skips them. Each keeps a margin on both sides so the
    marks at its edges stay whole."""
    extents = sorted(extents)
    if not extents:
        return []
    total = max(end for _, end in extents) - extents[0][0]
    longest = max(MIN_CUT, total * MIN_CUT_SHARE)
    gaps, reached = [], extents[0][1]
    for start, end in extents[1:]:
        if start - reached > longest:
            gaps.append((reached, start))
        reached = max(reached, end)
    # the margin is a share of what stays on the axis: the scale the marks are drawn at once the gaps are cut
    margin = max((total - sum((b - a for a, b in gaps), pd.Timedelta(0))) / 60, pd.Timedelta(days=2))
    return [((a + margin).date(), (b - margin).date()) for a, b in gaps]


def cut_empty_stretches(fig: go.Figure, extents: Iterable[tuple[pd.Timestamp, pd.Timestamp]],
                        ticks: int = 6) -> go.Figure:
    """``fig`` (titled) with its date axes cut where nothing is drawn, the stretches skipped named under the title.

    Plotly places automatic ticks over the whole range, cut stretches included, so a cut axis could keep one
    label ("2022" under a year of 2016-17 bars), or two labels that overlap at the cut: the axis gets its
    own ticks (``cut_axis_ticks``), about ``ticks`` of them, at least one on each part it shows. They slant
    up to the left: plotly's own slant hangs the last label past the figure's right edge, and hides it.
    """
    extents = list(extents)
    cuts = empty_stretches(extents)
    if cuts:
        lo, hi = min(s for s, _ in extents).date(), max(e for _, e in extents).date()
        skipped = "; ".join(f"{a:%b %Y} to {b:%b %Y}" for a, b in cuts)
        fig.update_xaxes(rangebreaks=[dict(bounds=[a.isoformat(), b.isoformat()]) for a, b in cuts],
                         tickmode="array", tickvals=[t.isoformat() for t in cut_axis_ticks(lo, hi, cuts, ticks)],
                         tickformat="%b %Y", tickangle=-30)
        fig.update_layout(title_subtitle_text=f"The axis skips {skipped}: nothing there.", margin_t=72)
    return fig


TICK_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)  # months between two ticks of a cut axis


def _month_starts(start: date, end: date, step: int) -> list[date]:
    """First days of months from ``start`` to ``end`` whose month count since year 0 is a multiple of ``step``."""
    n = -(-(start.year * 12 + start.month - 1) // step) * step
    if date(n // 12, n % 12 + 1, 1) < start:
        n += step
    found = []
    while (day := date(n // 12, n % 12 + 1, 1)) <= end:
        found.append(day)
        n += step
    return found


def cut_axis_ticks(lo: date, hi: date, cuts: list[tuple[date, date]], ticks: int = 6) -> list[date]:
    """Tick dates for an axis from ``lo`` to ``hi`` without ``cuts``: first days of months every 1, 2, 3, 6, 12…
    months (the finest step giving at most ``ticks``), each part of the axis with one at least, none closer
    to the one before than a ``ticks``-th of the length shown (two labels meeting at a cut would overlap)."""
    parts = [(a, b) for a, b in zip([lo] + [b for _, b in cuts], [a for a, _ in cuts] + [hi]) if a <= b]
    shown = sum((b - a).days for a, b in parts) or 1
    step = next((m for m in TICK_STEPS if shown / (m * 30.44) <= ticks), TICK_STEPS[-1])

    def place(day: date) -> int:  # days from ``lo`` along the shown axis
        return (day - lo).days - sum((b - a).days for a, b in cuts if b <= day)

    kept: list[tuple[date, bool]] = []  # (tick, whether it is the only one of its part)
    for a, b in parts:
        labelled = False
        for day in _month_starts(a, b, step) or _month_starts(a, b, 1)[:1] or [a + (b - a) / 2]:
            if kept and place(day) - place(kept[-1][0]) < shown / ticks:
                if labelled or kept[-1][1]:
                    continue  # keep the one before: this part has a label, or the one before is its part's only one
                kept.pop()
            kept.append((day, not labelled))
            labelled = True
    return [day for day, _ in kept]


def count_ticks(largest: float) -> dict:
    """Axis settings for a count: whole numbers only (plotly ticks 0.5 article on a short axis)."""
    return dict(rangemode="tozero", tickformat=",d", **({"dtick": 1} if largest <= 5 else {}))


def scale_fonts(fig: go.Figure, factor: float) -> go.Figure:
    """Every text of ``fig`` ``factor`` times larger (a projector's "large text"): the layout's font, which
    titles, axes, legends and hover inherit, and each size a builder set on its own."""
    if factor == 1:
        return fig

    def scaled(size):
        if size is None:
            return None
        if isinstance(size, (int, float)):
            return size * factor
        return [s * factor for s in size]  # per-point sizes

    fig.update_layout(font_size=(fig.layout.font.size or BASE_FONT) * factor)
    for font in (fig.layout.title.font, fig.layout.hoverlabel.font, fig.layout.legend.font):
        font.size = scaled(font.size)
    for annotation in fig.layout.annotations:
        annotation.font.size = scaled(annotation.font.size)
    for trace in fig.data:
        for name in ("textfont", "insidetextfont", "outsidetextfont"):
            font = getattr(trace, name, None)
            if font is not None and font.size is not None:
                font.size = scaled(font.size)
        hover = getattr(trace, "hoverlabel", None)
        if hover is not None and hover.font.size is not None:
            hover.font.size = scaled(hover.font.size)
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
