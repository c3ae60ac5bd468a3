"""Stances page figures and tables: who takes a stance toward whom, how often, in what tone, and the
evidence behind each pair.

A stance row (``lib.corpus.frames`` COLUMNS["stances"]) is one piece of evidence: ``source_actor`` speaks
about or acts on ``target_actor`` in ``evidence`` (a quote or a sentence at ``start``:``end`` of the
article text), with ``score`` = P(supportive) - P(hostile) in [-1, 1], ``confidence`` = P(stance) and
``cues``, the words that decided it. Everything here is a function of those frames; the page lays it out.

Actor names, titles and evidence are uploaded text: plotly reads <b>, <a href>, <br>… in labels and
hover text as markup, so they reach a figure through ``plain_html``.
"""
from __future__ import annotations

from collections import defaultdict

import math
import re
from typing import Iterable, Sequence

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from lib.charts.common import BASE_FONT, TONE_COLORS, TONE_SCALE, ActorColors, empty_figure, plain_html, styled
from lib.charts.labels import Canvas, annotations, place_labels

NEGATIVE, POSITIVE = -0.05, 0.05  # a score below / above counts as hostile / supportive evidence
MIN_EVIDENCE = 2  # pairs with fewer pieces of evidence are hidden by default: one sentence is an anecdote
PAIR_COLUMNS = ["source_actor", "target_actor", "n", "score", "negative", "positive", "confidence", "articles"]
# edges on white need a visible neutral: the tone colours, grey in the middle
EDGE_SCALE = [[0.0, TONE_COLORS[-1]], [0.5, TONE_COLORS[0]], [1.0, TONE_COLORS[1]]]
TONE_OVER_TIME_COLUMNS = ["actor", "direction", "month", "score", "n"]
ENTITY_CLASSES = ("PER", "ORG", "GPE", "LOC", "MISC")  # mention labels ui.render styles
# the plotting area the network's names are placed for (a 600-px figure in a narrow page column, less its
# colour bar) and the room kept around the outermost nodes for a name on their outer side
NETWORK_AREA = (780, 540)
NETWORK_MARGIN = 60
EVIDENCE_COLUMNS = ["published", "title", "kind", "score", "confidence", "cues", "evidence", "source_actor",
                    "target_actor", "article_id", "start", "end", "corrected"]


def _numeric(stances: pd.DataFrame) -> pd.DataFrame:
    out = stances.copy()
    for column in ("score", "confidence"):
        out[column] = pd.to_numeric(out[column], errors="coerce")
    out["confidence"] = out["confidence"].fillna(1.0)  # rows without a model's confidence are kept
    return out.dropna(subset=["score"])


def select_evidence(stances: pd.DataFrame, kinds: Iterable[str] | None = None,
                    min_confidence: float = 0.0) -> pd.DataFrame:
    """The evidence of the given kinds ("quote", "sentence"; None or empty: all) at or above a confidence."""
    out = _numeric(stances)
    if kinds:
        out = out[out["kind"].isin(list(kinds))]
    return out[out["confidence"] >= min_confidence]


def stance_pairs(stances: pd.DataFrame) -> pd.DataFrame:
    """One row per directed (source, target) pair: ``n`` pieces of evidence, mean ``score``, the share of
    ``negative`` (score < -0.05) and ``positive`` (score > 0.05) evidence, mean ``confidence`` and the
    number of ``articles``; the most evidenced pairs first."""
    if stances.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    s = _numeric(stances)
    s = s.assign(negative=(s["score"] < NEGATIVE).astype(float), positive=(s["score"] > POSITIVE).astype(float))
    pairs = s.groupby(["source_actor", "target_actor"]).agg(
        n=("score", "size"), score=("score", "mean"), negative=("negative", "mean"), positive=("positive", "mean"),
        confidence=("confidence", "mean"), articles=("article_id", "nunique")).reset_index()
    return pairs.sort_values(["n", "source_actor", "target_actor"], ascending=[False, True, True],
                             ignore_index=True)[PAIR_COLUMNS]


def stance_matrix(stances: pd.DataFrame, top: int = 15, min_evidence: int = MIN_EVIDENCE) -> pd.DataFrame:
    """The pairs with at least ``min_evidence`` pieces of evidence, between the ``top`` most active sources
    and the ``top`` most targeted actors (by evidence in those pairs); columns as ``stance_pairs``."""
    pairs = stance_pairs(stances)
    pairs = pairs[pairs["n"] >= min_evidence]
    sources = pairs.groupby("source_actor")["n"].sum().sort_values(ascending=False, kind="stable").head(top).index
    targets = pairs.groupby("target_actor")["n"].sum().sort_values(ascending=False, kind="stable").head(top).index
    return pairs[pairs["source_actor"].isin(sources) & pairs["target_actor"].isin(targets)].reset_index(drop=True)


def _share(value: float) -> str:
    return f"{value:.0%}"


# the most target columns whose cells still hold "12 / −50% +25%" at a 1024-pixel screen; wider matrices show
# each cell's count only and keep its shares in the hover (the text ran over its neighbours), and name their
# targets upright: a slanted name is wider than a column of a 1024-pixel screen and ran into the next one
SHARES_IN_CELL_MAX = 8


def stance_heatmap(matrix: pd.DataFrame) -> go.Figure:
    """Rows: who speaks or acts; columns: toward whom; colour: mean score; each cell shows its evidence count
    and the share of negative / positive evidence (the count only beyond ``SHARES_IN_CELL_MAX`` targets);
    hover adds the shares, the mean confidence and the articles."""
    title = "Stance: tone of each source toward each target"
    if matrix.empty:
        return empty_figure(title, "No source–target pair has enough evidence")
    sources = matrix.groupby("source_actor")["n"].sum().sort_values(ascending=False, kind="stable").index
    targets = matrix.groupby("target_actor")["n"].sum().sort_values(ascending=False, kind="stable").index
    cells = matrix.set_index(["source_actor", "target_actor"])
    shares_in_cell = len(targets) <= SHARES_IN_CELL_MAX
    z, text, custom = [], [], []
    for source in sources:
        z_row, text_row, custom_row = [], [], []
        for target in targets:
            if (source, target) in cells.index:
                c = cells.loc[(source, target)]
                z_row.append(round(float(c["score"]), 3))
                text_row.append(f"{int(c['n'])}<br>−{_share(c['negative'])} +{_share(c['positive'])}"
                                if shares_in_cell else str(int(c["n"])))
                custom_row.append([int(c["n"]), _share(c["negative"]), _share(c["positive"]),
                                   round(float(c["confidence"]), 2), int(c["articles"])])
            else:
                z_row.append(None)
                text_row.append("")
                custom_row.append([0, "", "", None, 0])
        z.append(z_row)
        text.append(text_row)
        custom.append(custom_row)
    fig = go.Figure(go.Heatmap(
        z=z, x=[plain_html(t) for t in targets], y=[plain_html(s) for s in sources], zmin=-1, zmax=1,
        colorscale=TONE_SCALE, text=text, texttemplate="%{text}", textfont=dict(size=10), customdata=custom,
        hoverongaps=False, xgap=1, ygap=1, colorbar=dict(title="mean score", thickness=14),
        hovertemplate="%{y} → %{x}<br>%{customdata[0]} pieces of evidence in %{customdata[4]} articles"
                      "<br>mean score %{z:+.2f} · negative %{customdata[1]} · positive %{customdata[2]}"
                      "<br>mean confidence %{customdata[3]}<extra></extra>"))
    fig.update_xaxes(title="target", tickangle=-40 if shares_in_cell else -90, type="category")
    fig.update_yaxes(title="source", autorange="reversed", type="category")
    return styled(fig, title, 160 + 34 * max(len(sources), 5))


def stance_graph(matrix: pd.DataFrame) -> nx.DiGraph:
    """The pairs as a directed graph: an edge source -> target with ``n``, ``score``, ``negative``,
    ``positive``, ``confidence``; nodes with the evidence they give (``given``) and receive (``received``)."""
    graph = nx.DiGraph()
    for row in matrix.itertuples(index=False):
        graph.add_edge(row.source_actor, row.target_actor, n=int(row.n), score=float(row.score),
                       negative=float(row.negative), positive=float(row.positive),
                       confidence=float(row.confidence))
    for node in graph.nodes:
        graph.nodes[node]["given"] = sum(d["n"] for _, _, d in graph.out_edges(node, data=True))
        graph.nodes[node]["received"] = sum(d["n"] for _, _, d in graph.in_edges(node, data=True))
    return graph


def _edge_color(score: float) -> str:
    return sample_colorscale(EDGE_SCALE, [(max(-1.0, min(1.0, score)) + 1) / 2])[0]


def _layout(graph: nx.DiGraph, seed: int) -> dict[str, tuple[float, float]]:
    """Each connected group of actors laid out on its own, the groups packed in rows, largest first: one
    spring layout of the whole graph pushes small groups to the corners and squeezes the big one."""
    groups = sorted((sorted(c) for c in nx.connected_components(graph.to_undirected())), key=lambda c: (-len(c), c))
    boxes = []
    for nodes in groups:
        side = len(nodes) ** 0.5
        sub = graph.subgraph(nodes).to_undirected()
        boxes.append((side, nx.spring_layout(sub, weight="n", seed=seed, k=1.5 / side, iterations=100,
                                             scale=side / 2, center=(0.0, 0.0))))
    width = max(max(side for side, _ in boxes), 1.3 * sum(side * side for side, _ in boxes) ** 0.5)
    gap, x, y, row = 0.5, 0.0, 0.0, 0.0
    position = {}
    for side, placed in boxes:
        if x > 0 and x + side > width:
            x, y, row = 0.0, y - row - gap, 0.0
        for node, (px, py) in placed.items():
            position[node] = (x + side / 2 + float(px), y - side / 2 + float(py))
        x, row = x + side + gap, max(row, side)
    return position


def stance_network(graph: nx.DiGraph, named: int = 15, seed: int = 7, colors: ActorColors | None = None,
                   font_scale: float = 1.0) -> go.Figure:
    """Directed network: an arrow from source to target, coloured by mean score, as wide as its evidence
    count; node size by evidence given and received, colour the actor's own (``colors``, the same on every
    page). The ``named`` most involved actors carry their name beside their node where it fits without
    covering another name or node (``lib.charts.labels``), the others on hover (forty names in the middle
    of a graph overlap into a blot). A pair evidenced both ways is drawn as two parallel arrows. Hover on
    an arrow's midpoint for its counts. ``font_scale``: the page's text size (a projector's large text)."""
    title = "Who takes a stance toward whom"
    if graph.number_of_nodes() == 0:
        return empty_figure(title, "No source–target pair has enough evidence")
    position = _layout(graph, seed)
    xs, ys = [p[0] for p in position.values()], [p[1] for p in position.values()]
    shift = 0.012 * max(max(xs) - min(xs), max(ys) - min(ys), 1.0)  # between the arrows of a two-way pair
    top_n = max(d["n"] for _, _, d in graph.edges(data=True))
    involved = {n: graph.nodes[n]["given"] + graph.nodes[n]["received"] for n in graph.nodes}
    largest = max(involved.values()) or 1
    size = {n: 10 + 22 * involved[n] / largest for n in graph.nodes}  # marker diameter, pixels
    fig = go.Figure()
    mids: list[tuple[float, float, str, float]] = []
    arrows: list[dict] = []  # set once with the names: add_annotation re-validates every earlier one (quadratic)
    for a, b, d in graph.edges(data=True):
        (x0, y0), (x1, y1) = position[a], position[b]
        if graph.has_edge(b, a):  # both directions: shift each arrow to its own right
            length = math.hypot(x1 - x0, y1 - y0) or 1.0
            dx, dy = shift * (y1 - y0) / length, -shift * (x1 - x0) / length
            x0, y0, x1, y1 = x0 + dx, y0 + dy, x1 + dx, y1 + dy
        # the head stops at the target's edge; a wide arrow keeps a head of readable size
        width = 1 + 4 * d["n"] / top_n
        arrows.append(dict(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y", text="",
                           showarrow=True, arrowhead=2, arrowsize=max(0.7, 1.6 / width), arrowwidth=width,
                           arrowcolor=_edge_color(d["score"]), standoff=size[b] / 2 + 1,
                           startstandoff=size[a] / 2, opacity=0.85))
        hover = (f"{plain_html(a)} → {plain_html(b)}<br>{d['n']} pieces of evidence · mean score {d['score']:+.2f}"
                 f"<br>negative {_share(d['negative'])} · positive {_share(d['positive'])}"
                 f" · mean confidence {d['confidence']:.2f}")
        mids.append((x0 + 0.5 * (x1 - x0), y0 + 0.5 * (y1 - y0), hover, d["score"]))
    # one point per arrow carries its hover text and the colour bar of the scores
    fig.add_trace(go.Scatter(
        x=[m[0] for m in mids], y=[m[1] for m in mids], mode="markers", showlegend=False, name="pairs",
        text=[m[2] for m in mids], hoverinfo="text",
        marker=dict(size=7, color=[m[3] for m in mids], colorscale=EDGE_SCALE, cmin=-1, cmax=1, opacity=0.9,
                    colorbar=dict(title="mean score", thickness=12), line=dict(width=1, color="white"))))
    nodes = sorted(graph.nodes, key=lambda n: (-involved[n], n))
    colors = colors or ActorColors.ranked(nodes)
    canvas = Canvas.around(list(position.values()), *NETWORK_AREA, margin=NETWORK_MARGIN)
    font_size = BASE_FONT * font_scale
    radius = {n: size[n] / 2 + 1 for n in nodes}
    placed = place_labels(nodes[:named], {n: n for n in nodes}, position, radius, canvas, font_size)
    fig.add_trace(go.Scatter(
        x=[position[n][0] for n in nodes], y=[position[n][1] for n in nodes], mode="markers",
        showlegend=False, name="actors", hovertext=[plain_html(n) for n in nodes],
        marker=dict(size=[size[n] for n in nodes], color=[colors(n) for n in nodes],
                    line=dict(width=1, color="white")),
        customdata=[[graph.nodes[n]["given"], graph.nodes[n]["received"]] for n in nodes],
        hovertemplate="%{hovertext}<br>gives %{customdata[0]} · receives %{customdata[1]} pieces of evidence"
                      "<extra></extra>"))
    # after the arrows (annotations too): the names are drawn over them
    fig.update_layout(annotations=[*arrows,
                                   *annotations(placed, {n: plain_html(n) for n in placed}, position, radius,
                                                font_size, "#111827")])
    fig.update_xaxes(visible=False, range=list(canvas.x_range))
    fig.update_yaxes(visible=False, range=list(canvas.y_range))
    # the title, legend and hover at the names' size (the page does not rescale a placed figure)
    return styled(fig, title, NETWORK_AREA[1] + 60).update_layout(font_size=font_size)


def active_actors(stances: pd.DataFrame) -> list[str]:
    """Actors by evidence given plus received, most involved first (ties alphabetical)."""
    if stances.empty:
        return []
    counts = pd.concat([stances["source_actor"], stances["target_actor"]]).value_counts()
    return sorted(counts.index, key=lambda a: (-counts[a], a))


def tone_over_time(stances: pd.DataFrame, articles: pd.DataFrame, actors: Sequence[str]) -> pd.DataFrame:
    """Per actor, per month of publication: the mean score of the stances it ``received`` (as target) and
    ``given`` (as source), with their count ``n``. Evidence from undated articles is left out."""
    if stances.empty or not actors:
        return pd.DataFrame(columns=TONE_OVER_TIME_COLUMNS)
    dated = _numeric(stances).merge(articles[["article_id", "published"]], on="article_id", how="left")
    dated["month"] = pd.to_datetime(dated["published"], errors="coerce").dt.to_period("M").dt.to_timestamp()
    dated = dated.dropna(subset=["month"])
    parts = []
    for direction, column in (("received", "target_actor"), ("given", "source_actor")):
        own = dated[dated[column].isin(list(actors))]
        if own.empty:
            continue
        parts.append(own.groupby([column, "month"]).agg(score=("score", "mean"), n=("score", "size"))
                     .reset_index().rename(columns={column: "actor"}).assign(direction=direction))
    if not parts:
        return pd.DataFrame(columns=TONE_OVER_TIME_COLUMNS)
    return pd.concat(parts, ignore_index=True).sort_values(["actor", "direction", "month"],
                                                           ignore_index=True)[TONE_OVER_TIME_COLUMNS]


def tone_over_time_figure(table: pd.DataFrame, colors: ActorColors | None = None) -> go.Figure:
    """Each actor in its colour (``colors``, the same on every page); solid: the mean score of stances
    toward it (received), dotted: its own stances toward others (given); marker size and hover give the
    evidence count of each month."""
    title = "Stance over time: received and given, per month"
    if table.empty:
        return empty_figure(title, "No dated stance evidence for these actors")
    fig = go.Figure()
    largest = max(int(table["n"].max()), 1)
    actors = list(dict.fromkeys(table["actor"]))
    colors = colors or ActorColors.ranked(actors)
    for actor in actors:
        color = colors(actor)
        for direction, dash in (("received", "solid"), ("given", "dot")):
            rows = table[(table["actor"] == actor) & (table["direction"] == direction)]
            if rows.empty:
                continue
            fig.add_trace(go.Scatter(
                x=rows["month"], y=rows["score"], mode="lines+markers", name=f"{plain_html(actor)} ({direction})",
                line=dict(color=color, dash=dash), customdata=rows["n"],
                marker=dict(size=[6 + 10 * n / largest for n in rows["n"]], color=color),
                # the name as data, not in the template: "%{…}" in a name would be read as a placeholder
                hovertext=[f"{plain_html(actor)}, {direction}"] * len(rows),
                hovertemplate="%{hovertext}<br>%{x|%B %Y}: mean score %{y:+.2f}"
                              "<br>%{customdata} pieces of evidence<extra></extra>"))
    fig.add_hline(y=0, line=dict(color="#9ca3af", width=1))
    fig.update_yaxes(title="mean score", range=[-1.05, 1.05], zeroline=False)
    fig.update_xaxes(title=None, dtick="M1", tickformat="%b %Y")
    return styled(fig, title, 380)


def pair_evidence(stances: pd.DataFrame, source: str, target: str, articles: pd.DataFrame) -> pd.DataFrame:
    """The evidence of one directed pair with its article's title and date: newest first, then by position."""
    own = _numeric(stances)
    own = own[(own["source_actor"] == source) & (own["target_actor"] == target)]
    own = own.merge(articles[["article_id", "title", "published"]], on="article_id", how="left")
    own[["cues", "title", "published"]] = own[["cues", "title", "published"]].fillna("")
    # the analyst set its sign (a frame from before corrections has no such column)
    own["corrected"] = own["corrected"].astype("boolean").fillna(False).astype(bool) if "corrected" in own else False
    # a word that decided twice (a verb and its tone) is listed once
    own["cues"] = own["cues"].map(lambda cues: ", ".join(dict.fromkeys(c.strip() for c in cues.split(",")
                                                                        if c.strip())))
    own = own.sort_values(["published", "article_id", "start"], ascending=[False, True, True], na_position="last")
    return own[EVIDENCE_COLUMNS].reset_index(drop=True)


def cue_words(cues: str) -> list[str]:
    """The words of a ``cues`` cell ("not commenté, injuste" -> ["commenté", "injuste"]), each once."""
    words = []
    for cue in str(cues or "").split(","):
        cue = re.sub(r"^not\s+", "", cue.strip())  # lib.extract.stances marks a negated verb "not VERB"
        if cue and cue not in words:
            words.append(cue)
    return words


def cue_spans(text: str, cues: str) -> list[tuple[int, int, str]]:
    """Every whole-word occurrence of the cue words in ``text`` (case-insensitive), as "cue" highlights."""
    spans = []
    for word in cue_words(cues):
        for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags=re.IGNORECASE):
            spans.append((match.start(), match.end(), "cue"))
    return spans


def _excerpt_bounds(row: pd.Series | dict, articles: pd.DataFrame,
                    sentences: pd.DataFrame | None) -> tuple[str, int, int] | None:
    """The article text and the (start, end) of the sentence(s) holding a piece of evidence; None when the
    evidence's offsets no longer match its article (an edited text)."""
    texts = articles.set_index("article_id")["text"] if "text" in articles else pd.Series(dtype=object)
    article_text = texts.get(row["article_id"])
    start, end = int(row["start"]), int(row["end"])
    if not isinstance(article_text, str) or article_text[start:end] != row["evidence"]:
        return None
    lo, hi = start, end
    if sentences is not None and not sentences.empty:
        own = sentences[(sentences["article_id"] == row["article_id"]) & (sentences["start"] < end)
                        & (sentences["end"] > start)]
        if not own.empty:
            lo, hi = min(lo, int(own["start"].min())), max(hi, int(own["end"].max()))
    return article_text, lo, hi


def evidence_excerpt(row: pd.Series | dict, articles: pd.DataFrame, sentences: pd.DataFrame | None = None,
                     mentions: pd.DataFrame | None = None) -> tuple[str, list[tuple[int, int, str]]]:
    """The sentence(s) holding a piece of evidence, and highlights (offsets into that excerpt): the cue
    words, a quote's words, the source's and the target's mentions. Without the article text (or
    sentence bounds), the evidence alone."""
    bounds = _excerpt_bounds(row, articles, sentences)
    if bounds is None:
        text = str(row["evidence"])
        return text, cue_spans(text, row["cues"])
    article_text, lo, hi = bounds
    start, end = int(row["start"]), int(row["end"])
    excerpt = article_text[lo:hi]
    spans = cue_spans(excerpt, row["cues"])
    if row["kind"] == "quote":
        spans.append((start - lo, end - lo, "quote"))
    if mentions is not None and not mentions.empty:
        near = mentions[(mentions["article_id"] == row["article_id"]) & (mentions["start"] >= lo)
                        & (mentions["end"] <= hi)]
        for m in near.itertuples(index=False):
            if m.actor == row["source_actor"]:
                spans.append((m.start - lo, m.end - lo, "speaker"))
            elif m.actor == row["target_actor"]:
                spans.append((m.start - lo, m.end - lo, m.label if m.label in ENTITY_CLASSES else "MISC"))
    return excerpt, spans


def unnamed_in_excerpt(row: pd.Series | dict, articles: pd.DataFrame, sentences: pd.DataFrame,
                       mentions: pd.DataFrame) -> list[tuple[str, str]]:
    """The pair's actors that the evidence's sentence does not name, each with where the article last named
    them before it: "in the headline" (a Wikinews "France : …" title), « the words » of that mention, or ""
    when it never does. The stance then rests on a reading the analyst cannot see in the excerpt (a
    pronoun, a role noun, a quote's speaker named sentences earlier), which the page says.
    """
    return unnamed_per_piece(pd.DataFrame([row]), articles, sentences, mentions)[0]


def unnamed_per_piece(rows: pd.DataFrame, articles: pd.DataFrame, sentences: pd.DataFrame,
                      mentions: pd.DataFrame) -> list[list[tuple[str, str]]]:
    """``unnamed_in_excerpt`` for each row of ``pair_evidence``. The frames are cut to the pair's articles and
    actors and read into lists once: a pair's evidence may be hundreds of rows of a corpus of thousands of
    articles, and a frame filter per row cost the Stances page two seconds at 1,000 articles."""
    ids = set(rows["article_id"])
    actors = set(rows["source_actor"]) | set(rows["target_actor"])
    arts = articles[articles["article_id"].isin(ids)] if "text" in articles else articles.iloc[:0]
    texts = dict(zip(arts["article_id"], arts["text"]))
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    if sentences is not None and not sentences.empty:
        own = sentences[sentences["article_id"].isin(ids)]
        for aid, start, end in zip(own["article_id"], own["start"], own["end"]):
            spans[aid].append((int(start), int(end)))
    named: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    own = mentions[mentions["article_id"].isin(ids) & mentions["actor"].isin(actors)]
    for aid, actor, start, end in zip(own["article_id"], own["actor"], own["start"], own["end"]):
        named[(aid, actor)].append((int(start), int(end)))
    for places in named.values():
        places.sort()
    return [_unnamed(row, texts.get(row["article_id"]), spans[row["article_id"]], named)
            for row in rows.to_dict("records")]


def unnamed_counts(unnamed: list[list[tuple[str, str]]], actor: str) -> tuple[int, int]:
    """Of ``unnamed_per_piece``'s pieces, how many do not name ``actor`` in their sentence, and how many of those
    had it named only in the headline."""
    absent = [where for piece in unnamed for a, where in piece if a == actor]
    return len(absent), sum(where == "in the headline" for where in absent)


def _unnamed(row: dict, text: object, sentence_spans: list[tuple[int, int]],
             named: dict[tuple[str, str], list[tuple[int, int]]]) -> list[tuple[str, str]]:
    start, end = int(row["start"]), int(row["end"])
    if not isinstance(text, str) or text[start:end] != row["evidence"]:
        return []  # offsets that no longer match the article (an edited text): nothing to say
    over = [(s, e) for s, e in sentence_spans if s < end and e > start]
    lo, hi = min([start] + [s for s, _ in over]), max([end] + [e for _, e in over])
    headline_end = text.find("\n") if "\n" in text else len(text)
    missing = []
    for actor in dict.fromkeys((row["source_actor"], row["target_actor"])):
        places = named.get((row["article_id"], actor), [])
        if any(s >= lo and e <= hi for s, e in places):
            continue
        before = [(s, e) for s, e in places if e <= lo]
        if not before:
            missing.append((actor, ""))
        elif before[-1][0] < headline_end:
            missing.append((actor, "in the headline"))
        else:
            s, e = before[-1]
            missing.append((actor, f"« {' '.join(text[s:e].split())} » earlier"))
    return missing
