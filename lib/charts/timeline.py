"""Timeline page figures and tables: dated events by resolved date, beside publication volume.

Events (``lib.corpus.events``) are placed at the date the text gives, not the date the
article appeared: "en 1997, Lionel Jospin ..." goes to 1997. That puts history
decades away from the news, so the page opens on a window around the
publication dates (``publication_window``) and widens on request. A day is a
marker (a day-long bar is invisible on a five-year axis); a period ("2021-Q4",
"l'été 2016") is a translucent bar over its whole extent. Lanes carry short
labels (``short_label``): a 180-character title as an axis label squeezes the
plot to nothing; the full title is in the hover. Events on the same spot of a lane
share one mark, whose ``customdata`` holds their row labels, so a click in the
chart finds every one of them again (and a big corpus draws dates, not events).
A long stretch where nothing is drawn (a corpus of 2016 news with one 2022 article) is cut out of the
axis (``lib.charts.common.empty_stretches``) and the title says which, rather than giving most of the width
to no event.
"""
from __future__ import annotations

import functools
import textwrap
from datetime import date, timedelta
from typing import Iterable

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lib.charts.common import (ACTOR_PALETTE, ActorColors, count_ticks, cut_empty_stretches, empty_figure,
                               plain_html, styled)
from lib.charts.overview import PERIOD_NAMES, publication_volume

NO_ACTOR = "(no named actor)"
OTHER = {"actor": "(other actors)", "article_id": "(other articles)", "source": "(other sources)"}
GREYS = {NO_ACTOR: "#cbd5e1", **{label: "#94a3b8" for label in OTHER.values()}}
# finest to coarsest, as lib/extract/dates.py names them
PRECISIONS = ("time", "day", "week", "month", "season", "quarter", "half", "year", "decade")
POINT_PRECISIONS = {"time", "day"}
LABEL_WIDTH = 36


def short_label(text: str, width: int = LABEL_WIDTH) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= width else flat[:width - 1].rstrip() + "…"


def article_labels(events: pd.DataFrame, width: int = LABEL_WIDTH) -> dict[str, str]:
    """article_id -> a short title, unique across articles (two "France : Penelope Fillon aurait…" stay two)."""
    labels: dict[str, str] = {}
    used: set[str] = set()
    tried: dict[str, int] = {}  # per title, the next suffix to try: a wire story's hundred copies stay linear
    for article_id, title in events[["article_id", "title"]].drop_duplicates("article_id").itertuples(index=False):
        full = title if isinstance(title, str) and title.strip() else article_id
        label, n = (short_label(full, width), 2) if full not in tried else (None, tried[full])
        while label is None or label in used:
            suffix = f" ({n})"
            label, n = short_label(full, width - len(suffix)) + suffix, n + 1
        labels[article_id] = label
        used.add(label)
        tried[full] = n
    return labels


def publication_window(articles: pd.DataFrame, margin_days: int) -> tuple[date, date] | None:
    """The first publication date minus the margin to the last plus the margin; None if no date is known."""
    published = pd.to_datetime(articles["published"], errors="coerce", format="mixed").dropna()
    if published.empty:
        return None
    margin = timedelta(days=margin_days)
    return published.min().date() - margin, published.max().date() + margin


def select_events(events: pd.DataFrame, precisions: Iterable[str] | None = None, include_published: bool = False,
                  window: tuple[date, date] | None = None) -> pd.DataFrame:
    """Events with a resolved period, of the given precisions, overlapping the window (both ends included)."""
    keep = events["date_start"].fillna("") != ""
    if not include_published:
        keep &= events["date_basis"] == "text"
    if precisions is not None:
        keep &= events["granularity"].isin(list(precisions))
    if window is not None:
        # ISO days compare as strings; a period counts if any of its days is inside
        keep &= (events["date_start"] <= window[1].isoformat()) & (events["date_end"] >= window[0].isoformat())
    return events[keep]


_SPACES = {ord(c): " " for c in "\t\n\x0b\x0c\r"}  # what textwrap turns into spaces


def _wrap(text: str, width: int = 90) -> str:
    """Uploaded text escaped (plotly reads <b>, <a href>… in hover text as markup) and wrapped."""
    flat = str(text).expandtabs().translate(_SPACES)
    if len(flat) <= width:  # one line, as textwrap makes it (and many times faster on a big corpus's marks)
        return plain_html(flat.rstrip(" ")) or " "
    return "<br>".join(plain_html(line) for line in textwrap.wrap(flat, width)) or " "


def _lanes(events: pd.DataFrame, color_by: str, top: int) -> pd.DataFrame:
    """One row per (event, lane) with its ``key`` (actor, article id or source), ``lane`` label and ``order``.

    By actor, an event naming three actors appears in each one's lane. Beyond
    the ``top`` busiest lanes, events share one "(other …)" lane.
    """
    other = OTHER[color_by]
    if color_by == "actor":
        lanes = events.assign(key=events["actors"].fillna("").str.split(r" \| ")).explode("key")
        lanes["key"] = lanes["key"].replace("", NO_ACTOR).fillna(NO_ACTOR)
        label = {}
    else:
        lanes = events.assign(key=events[color_by].fillna("").replace("", "(unknown)"))
        label = article_labels(events) if color_by == "article_id" else {}
    ranked = lanes.loc[lanes["key"] != NO_ACTOR, "key"].value_counts()
    ranked = list(ranked.index[:top])
    if color_by == "article_id":  # articles in the order their events start
        first = lanes.groupby("key")["date_start"].min()
        ranked.sort(key=first.get)
    lanes.loc[~lanes["key"].isin(ranked) & (lanes["key"] != NO_ACTOR), "key"] = other
    # an event naming two minor actors is one mark in the "(other actors)" lane, not two stacked ones
    lanes = lanes[~pd.MultiIndex.from_arrays([lanes.index, lanes["key"]]).duplicated()]
    # escaped: plotly reads markup in tick labels too
    lanes["lane"] = lanes["key"].map(lambda key: plain_html(label.get(key) or short_label(key)))
    lanes["order"] = lanes["key"].map({key: i for i, key in enumerate([*ranked, other, NO_ACTOR])})
    return lanes


def _hover(events: pd.DataFrame) -> pd.Series:
    """Each event's hover text, by event row: made once per event, whatever the lanes it is drawn in."""
    events = events[~events.index.duplicated()]
    text = events.fillna({"quote": "", "actors": "", "title": "", "source": ""})
    rows = zip(text["date"], text["date_text"], text["date_basis"], text["sentence"], text["quote"], text["actors"],
               text["title"], text["source"])
    wrapped = functools.lru_cache(maxsize=None)(_wrap)  # an article's title (and actors) recur in each of its events
    return pd.Series([f"<b>{d}</b> · {'publication date' if b == 'published' else plain_html(t)}<br>{_wrap(s)}"
                      + (f"<br><i>« {_wrap(q, 80)} »</i>" if q else "")
                      + (f"<br><span style='color:#6b7280'>actors: {wrapped(a, 90)}</span>" if a else "")
                      + f"<br><span style='color:#6b7280'>{wrapped(title, 90)} — "
                        f"{plain_html(src) or 'unknown source'}</span>"
                      for d, t, b, s, q, a, title, src in rows], index=events.index, dtype=object)


def _marks(events: pd.DataFrame) -> tuple[pd.DataFrame, list[list[int]]]:
    """One mark per date (or period) of a lane: events drawn on the same spot share it (the first stands for
    them in the hover), so a large corpus draws as many marks as the lane has distinct dates, not events.
    Returns the first event of each mark and the event rows of each."""
    spots = events.groupby(["date_start", "date_end"], sort=False, dropna=False).indices
    rows = [[int(events.index[i]) for i in where] for where in spots.values()]
    return events.iloc[[where[0] for where in spots.values()]], rows


def _more(n: int) -> str:
    return f"<br><i>and {n - 1} more event{'s' * (n > 2)} here: click to list them</i>" if n > 1 else ""


def _traces(lanes: pd.DataFrame, actor_colors: ActorColors | None) -> list[go.BaseTraceType]:
    """Per colour: a marker trace for day events, a bar trace for periods (each mark with its event rows in
    customdata, ``_marks``). An actor's lane takes the actor's colour (``actor_colors``, the same on every page);
    articles and sources take the palette in lane order."""
    keys = lanes.drop_duplicates("key").sort_values("order")["key"]
    palette = iter(ACTOR_PALETTE * (len(keys) // len(ACTOR_PALETTE) + 1))
    colors = {key: GREYS.get(key) or (actor_colors(key) if actor_colors else next(palette)) for key in keys}
    drawn = {}
    for key, group in lanes.groupby("key", sort=False):
        is_day = group["granularity"].isin(POINT_PRECISIONS)
        drawn[key] = (_marks(group[is_day]), _marks(group[~is_day]))
    hover = _hover(pd.concat([marks for (points, _), (periods, _) in drawn.values() for marks in (points, periods)]))
    traces: list[go.BaseTraceType] = []
    for key in keys:
        (points, point_rows), (periods, period_rows) = drawn[key]
        common = dict(name=plain_html(key), legendgroup=key, showlegend=False,
                      hovertemplate="%{hovertext}<extra></extra>")
        if len(periods):
            duration = (pd.to_datetime(periods["date_end"]) + pd.Timedelta(days=1)
                        - pd.to_datetime(periods["date_start"])).reset_index(drop=True)
            order = duration.sort_values(ascending=False).index  # short periods drawn over long ones
            periods, period_rows = periods.iloc[order], [period_rows[i] for i in order]
            traces.append(go.Bar(orientation="h", base=periods["date_start"].tolist(), y=periods["lane"].tolist(),
                                 x=[duration[i].total_seconds() * 1000 for i in order],
                                 hovertext=[hover[r[0]] + _more(len(r)) for r in period_rows],
                                 customdata=period_rows,
                                 marker=dict(color=colors[key], opacity=0.35, line_width=0), **common))
        if len(points):
            traces.append(go.Scatter(mode="markers", x=points["date_start"].tolist(), y=points["lane"].tolist(),
                                     hovertext=[hover[r[0]] + _more(len(r)) for r in point_rows],
                                     customdata=point_rows,
                                     marker=dict(color=colors[key], size=10, symbol="diamond",
                                                 line=dict(color="white", width=1)), **common))
    return traces


def _view(events: pd.DataFrame, articles: pd.DataFrame | None, x_range: tuple[date, date]) -> tuple[date, date]:
    """``x_range`` narrowed to what is drawn (events, publications) with a small margin.

    "± 5 years" around two months of news should not open on ten empty years.
    """
    drawn = [*pd.to_datetime(events["date_start"]), *(pd.to_datetime(events["date_end"]) + pd.Timedelta(days=1))]
    if articles is not None:
        drawn += list(pd.to_datetime(articles["published"], errors="coerce", format="mixed").dropna())
    lo, hi = max(x_range[0], min(drawn).date()), min(x_range[1] + timedelta(days=1), max(drawn).date())
    pad = max((hi - lo) / 40, timedelta(days=2))
    return lo - pad, hi + pad


def drawn_extents(events: pd.DataFrame, articles: pd.DataFrame | None = None) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """What the timeline draws, as (start, end) extents: events' dates and periods, and publication days."""
    extents = list(zip(pd.to_datetime(events["date_start"]), pd.to_datetime(events["date_end"]) + pd.Timedelta(days=1)))
    if articles is not None:
        days = pd.to_datetime(articles["published"], errors="coerce", format="mixed").dropna()
        extents += [(d, d + pd.Timedelta(days=1)) for d in days]
    return extents


def events_timeline(events: pd.DataFrame, color_by: str = "actor", top: int = 12, include_published: bool = False,
                    x_range: tuple[date, date] | None = None, volume_of: pd.DataFrame | None = None,
                    freq: str = "W", colors: ActorColors | None = None) -> go.Figure:
    """Events at their resolved date in one lane per actor, article or source, zoomable with a range slider.

    ``color_by`` 'article_id' names each trace by its article id and labels its
    lane with the short title. ``x_range`` sets the initial view; with
    ``volume_of`` (the articles frame) a second row shows articles published per
    ``freq`` ('D', 'W', 'MS') on the same, shared date axis. ``colors``: the actors' colours (by
    default the lanes' own ranking).
    """
    shown = select_events(events, include_published=include_published)
    if shown.empty:
        return empty_figure("Events by resolved date", "No dated events", 300)
    lanes = _lanes(shown, color_by, top)
    actor_colors = None
    if color_by == "actor":
        actor_colors = colors or ActorColors.ranked(lanes.sort_values("order")["key"])
    order = lanes.drop_duplicates("lane").sort_values("order")["lane"].tolist()
    lane_height = 60 + 26 * len(order)
    volume = publication_volume(volume_of, freq) if volume_of is not None else None
    if volume is None or not volume.data or not len(volume.data[0].x):
        fig = go.Figure(layout=dict(barmode="overlay"))
        fig.add_traces(_traces(lanes, actor_colors))
        height, bottom = lane_height + 90, "xaxis"
    else:
        height = lane_height + 220
        fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.03, row_heights=[lane_height, 130])
        fig.add_traces(_traces(lanes, actor_colors), rows=1, cols=1)
        fig.add_trace(volume.data[0].update(name="articles published", showlegend=False),
                      row=2, col=1)
        fig.update_yaxes(title=f"articles / {PERIOD_NAMES.get(freq, freq)}", row=2, col=1, fixedrange=True,
                         **count_ticks(max(volume.data[0].y)))
        fig.update_layout(barmode="overlay")
        bottom = "xaxis2"
    fig.layout.yaxis.update(type="category", categoryorder="array", categoryarray=order, autorange="reversed",
                            title="", fixedrange=True)
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#eef0f3")
    fig.update_layout({bottom: dict(rangeslider=dict(visible=True, thickness=0.07), title="resolved date")},
                      hovermode="closest",
                      hoverlabel=dict(bgcolor="white", font=dict(size=12, color="#111827"), align="left"))
    if x_range is not None:
        lo, hi = _view(shown, volume_of, x_range)
        fig.update_xaxes(range=[lo.isoformat(), hi.isoformat()])
    return cut_empty_stretches(styled(fig, "Events by resolved date", height), drawn_extents(shown, volume_of),
                               ticks=10)


def events_table(events: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The events as the page lists them (same row labels), with the article's short title and publication date."""
    labels = article_labels(events)
    published = articles.drop_duplicates("article_id").set_index("article_id")["published"]
    return pd.DataFrame({
        "date": events["date"], "precision": events["granularity"], "date text": events["date_text"],
        "sentence": events["sentence"], "actors": events["actors"],
        "article": events["article_id"].map(labels), "published": events["article_id"].map(published),
        "source": events["source"]}, index=events.index)


def event_evidence(event: pd.Series, articles: pd.DataFrame, dates: pd.DataFrame,
                   quotes: pd.DataFrame) -> tuple[str, list[tuple[int, int, str]]]:
    """The event's sentence from its article, with its date expression, quotation and speaker spans.

    Spans are offsets into the returned sentence (``ui.render.show_text``); a
    quotation running past the sentence is cut at its edges.
    """
    aid, start, end = event["article_id"], int(event["start"]), int(event["end"])
    text = articles.loc[articles["article_id"] == aid, "text"]
    text = text.iat[0] if len(text) and isinstance(text.iat[0], str) else ""
    if not text[start:end].strip():
        return event["sentence"], []
    spans: list[tuple[int, int, str]] = []
    if event["date_basis"] == "text":
        d = dates[(dates["article_id"] == aid) & (dates["start"] >= start) & (dates["end"] <= end)
                  & (dates["value"] == event["date"])]
        spans += [(s, e, "date") for s, e in zip(d["start"], d["end"])]
    q = quotes[(quotes["article_id"] == aid) & (quotes["start"] < end) & (quotes["end"] > start)]
    spans += [(max(s, start), min(e, end), "quote") for s, e in zip(q["start"], q["end"])]
    spans += [(s, e, "speaker") for s, e in zip(q["speaker_start"], q["speaker_end"]) if start <= s and e <= end]
    return text[start:end], [(int(s) - start, int(e) - start, css) for s, e, css in spans]
