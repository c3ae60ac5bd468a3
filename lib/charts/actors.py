"""Actors page figures and tables: who is named, who gets to speak, who appears with whom.

Everything here is a function of the corpus frames (``lib.corpus.frames``): the page
only lays the results out. Network exports (GraphML, GEXF) open in Gephi or
Cytoscape. The alias editor's helpers turn an edited table back into the
analyst's decisions (``AliasTable``), which ``lib.corpus.actors`` applies.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import networkx as nx
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from lib.corpus.actors import ALIAS_COLUMNS, AliasTable
from lib.corpus.frames import counted
from lib.charts.common import BASE_FONT, ActorColors, empty_figure, plain_html, plain_labels, styled
from lib.charts.labels import Canvas, annotations, place_labels
from lib.lexicons.gazetteer import name_key

TYPE_SYMBOLS = {"PER": "circle", "ORG": "square", "GPE": "diamond", "LOC": "triangle-up", "MISC": "hexagon"}
# the plotting area the network's names are placed for (a 600-px figure in a narrow page column), and the
# room kept around the outermost nodes for a name on their outer side
NETWORK_AREA = (860, 540)
NETWORK_MARGIN = 60


def _names_on_the_left(fig: go.Figure) -> go.Figure:
    """Bar charts of actors: the names are the axis, so no axis title; the legend on top, where
    it takes no width from the bars."""
    fig.update_yaxes(title=None)
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0))
    return fig


def _empty(title: str, message: str = "No actors in the current selection") -> go.Figure:
    return empty_figure(title, message)


def top_actors(actors: pd.DataFrame, n: int = 15, by: str = "n_mentions", colors: ActorColors | None = None
               ) -> go.Figure:
    """The n most named actors, by mentions or by articles, each bar in its actor's colour (``colors``, the
    same on every page; the type is in the hover and in the table beside)."""
    if actors.empty:
        return _empty("Top actors")
    measure = {"n_mentions": "mentions", "n_articles": "articles"}[by]
    top = actors.sort_values([by, "actor"], ascending=[False, True]).head(n)
    colors = colors or ActorColors.of(actors)
    shown = plain_labels(top, ["actor", "label", "aliases"])
    fig = go.Figure(go.Bar(
        x=top[by], y=shown["actor"], orientation="h", marker_color=[colors(a) for a in top["actor"]],
        customdata=shown[["label", "aliases", "n_mentions", "n_articles", "n_quotes"]].to_numpy(),
        hovertemplate="%{y} (%{customdata[0]})<br>%{customdata[2]} mentions in %{customdata[3]} articles, "
                      "%{customdata[4]} quotes<br>aliases: %{customdata[1]}<extra></extra>"))
    fig.update_yaxes(categoryorder="array", categoryarray=shown["actor"].tolist(), autorange="reversed")
    fig.update_xaxes(title=measure)
    return _names_on_the_left(styled(fig, f"Top actors by {measure}", 90 + 26 * max(len(top), 4)))


def share_of_voice(actors: pd.DataFrame, n: int = 12) -> pd.DataFrame:
    """Per actor, its share of all mentions and its share of all attributed quotes:
    who is talked about versus who gets to talk."""
    columns = ["actor", "label", "mentioned", "quoted"]
    if actors.empty:
        return pd.DataFrame(columns=columns)
    mentions, quotes = actors["n_mentions"].sum(), actors["n_quotes"].sum()
    table = actors.assign(mentioned=actors["n_mentions"] / mentions if mentions else 0.0,
                          quoted=actors["n_quotes"] / quotes if quotes else 0.0)
    table["weight"] = table["mentioned"] + table["quoted"]
    return table.sort_values(["weight", "actor"], ascending=[False, True]).head(n)[columns].reset_index(drop=True)


def share_of_voice_figure(actors: pd.DataFrame, n: int = 12) -> go.Figure:
    table = share_of_voice(actors, n)
    if table.empty:
        return _empty("Share of voice")
    table = plain_labels(table, ["actor", "label"])
    long = table.melt(id_vars=["actor", "label"], value_vars=["mentioned", "quoted"], var_name="share", value_name="value")
    fig = px.bar(long, x="value", y="actor", color="share", barmode="group", orientation="h",
                 category_orders={"actor": table["actor"].tolist()},
                 color_discrete_map={"mentioned": "#94a3b8", "quoted": "#2563eb"},
                 labels={"value": "share of the corpus"})
    fig.update_xaxes(tickformat=".0%")
    return _names_on_the_left(styled(fig, "Share of voice: mentioned vs quoted", 100 + 34 * max(len(table), 4)))


def paragraphs(articles: pd.DataFrame) -> pd.DataFrame:
    """Paragraph spans (article_id, start, end): the article text cut at line breaks, blank lines
    skipped. Same shape as the sentences frame, so co-occurrence can use either unit."""
    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"].fillna("")):
        start = 0
        for line in text.split("\n"):
            if line.strip():
                rows.append((article_id, start, start + len(line)))
            start += len(line) + 1
    return pd.DataFrame(rows, columns=["article_id", "start", "end"])


def _sentence_of(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.Series:
    """Index of the sentence (or paragraph) holding each mention (NaN when none does)."""
    named = mentions[mentions["actor"].fillna("") != ""]
    if named.empty or sentences.empty:
        return pd.Series(dtype="float64")
    bounds = sentences[["article_id", "start", "end"]].reset_index(drop=True).rename_axis("sentence").reset_index()
    located = pd.merge_asof(named[["article_id", "start"]].reset_index().sort_values("start"),
                            bounds.rename(columns={"start": "s_start"}).sort_values("s_start"),
                            left_on="start", right_on="s_start", by="article_id", direction="backward")
    located = located[located["start"] < located["end"]]
    return located.set_index("index")["sentence"]


def cooccurrences(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors named in the same sentence: source, target (alphabetical), weight
    (number of sentences), articles (how many articles). A headline's section label names no one in it."""
    columns = ["source", "target", "weight", "articles"]
    mentions = counted(mentions)
    sentence = _sentence_of(mentions, sentences)
    if sentence.empty:
        return pd.DataFrame(columns=columns)
    located = (mentions.loc[sentence.index, ["article_id", "actor"]].assign(sentence=sentence)
               .drop_duplicates(["article_id", "sentence", "actor"]))
    # each two actors of a sentence once, alphabetical: a self-join, not a loop over the corpus's sentences
    edges = located.merge(located, on=["article_id", "sentence"], suffixes=("_a", "_b"))
    edges = edges[edges["actor_a"] < edges["actor_b"]].rename(columns={"actor_a": "source", "actor_b": "target"})
    if edges.empty:
        return pd.DataFrame(columns=columns)
    return (edges.groupby(["source", "target"]).agg(weight=("article_id", "size"), articles=("article_id", "nunique"))
            .reset_index().sort_values(["weight", "source", "target"], ascending=[False, True, True], ignore_index=True))


def cooccurrence_graph(mentions: pd.DataFrame, sentences: pd.DataFrame, actors: pd.DataFrame,
                       top: int = 40, min_weight: int = 1) -> nx.Graph:
    """Actors as nodes (label, mentions, quotes), sentence co-occurrences as weighted edges;
    the ``top`` most mentioned actors that have at least one edge of ``min_weight``."""
    edges = cooccurrences(mentions, sentences)
    edges = edges[edges["weight"] >= min_weight]
    keep = set(actors.sort_values("n_mentions", ascending=False).head(top)["actor"])
    edges = edges[edges["source"].isin(keep) & edges["target"].isin(keep)]
    graph = nx.Graph()
    info = actors.set_index("actor")
    for actor in sorted(set(edges["source"]) | set(edges["target"])):
        row = info.loc[actor]
        graph.add_node(actor, label=str(row["label"]), n_mentions=int(row["n_mentions"]),
                       n_quotes=int(row["n_quotes"]))
    for row in edges.itertuples():
        graph.add_edge(row.source, row.target, weight=int(row.weight), articles=int(row.articles))
    return graph


def network_figure(graph: nx.Graph, seed: int = 7, unit: str = "sentence", named: int = 20,
                   colors: ActorColors | None = None, font_scale: float = 1.0) -> go.Figure:
    """Interactive network (``unit``: what the graph's edges count, sentences or paragraphs): node size by
    mentions, colour the actor's own (``colors``, the same on every page), symbol its type, edge width by
    weight. The ``named`` best-connected actors (by degree) carry their name beside their node where it
    fits inside the figure without covering another name or node (``lib.charts.labels``); every node
    names itself on hover. ``font_scale``: the page's text size (a projector's large text)."""
    title = f"Who appears with whom (same {unit})"
    if graph.number_of_nodes() == 0:
        return _empty(title, f"No two actors share a {unit} in the current selection")
    colors = colors or ActorColors.ranked(sorted(graph.nodes, key=lambda n: (-graph.nodes[n]["n_mentions"], n)))
    # twice the default spacing: hubs of a press corpus otherwise pile their names on each other
    position = nx.spring_layout(graph, weight="weight", seed=seed, k=2 / graph.number_of_nodes() ** 0.5,
                                iterations=100)
    position = {n: (float(x), float(y)) for n, (x, y) in position.items()}
    fig = go.Figure()
    top_weight = max(w for _, _, w in graph.edges(data="weight"))
    for a, b, data in graph.edges(data=True):
        (x0, y0), (x1, y1) = position[a], position[b]
        fig.add_trace(go.Scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                                 line=dict(width=1 + 5 * data["weight"] / top_weight, color="#cbd5e1")))
    # one invisible point per edge midpoint carries the edge's hover text
    mids = [((position[a][0] + position[b][0]) / 2, (position[a][1] + position[b][1]) / 2,
             f"{plain_html(a)} — {plain_html(b)}<br>{d['weight']} {unit}s in {d['articles']} articles")
            for a, b, d in graph.edges(data=True)]
    fig.add_trace(go.Scatter(x=[m[0] for m in mids], y=[m[1] for m in mids], mode="markers", showlegend=False,
                             marker=dict(size=8, opacity=0), text=[m[2] for m in mids], hoverinfo="text"))
    largest = max(n for _, n in graph.nodes(data="n_mentions")) or 1
    nodes = sorted(graph.nodes, key=lambda n: (-graph.degree(n), -graph.nodes[n]["n_mentions"], n))
    size = {n: 12 + 28 * graph.nodes[n]["n_mentions"] / largest for n in nodes}  # marker diameter, pixels
    canvas = Canvas.around(list(position.values()), *NETWORK_AREA, margin=NETWORK_MARGIN)
    font_size = BASE_FONT * font_scale
    radius = {n: size[n] / 2 + 1 for n in nodes}
    placed = place_labels(nodes[:named], {n: n for n in nodes}, position, radius, canvas, font_size)
    fig.add_trace(go.Scatter(
        x=[position[n][0] for n in nodes], y=[position[n][1] for n in nodes], mode="markers", name="actors",
        showlegend=False, hovertext=[plain_html(n) for n in nodes],
        marker=dict(size=[size[n] for n in nodes], color=[colors(n) for n in nodes],
                    symbol=[TYPE_SYMBOLS.get(graph.nodes[n]["label"], "circle") for n in nodes],
                    line=dict(width=1, color="white")),
        customdata=[[graph.nodes[n]["label"], graph.nodes[n]["n_mentions"], graph.nodes[n]["n_quotes"],
                     graph.degree(n)] for n in nodes],
        hovertemplate="%{hovertext} (%{customdata[0]})<br>%{customdata[1]} mentions, %{customdata[2]} quotes"
                      "<br>%{customdata[3]} neighbours<extra></extra>"))
    fig.update_layout(annotations=annotations(placed, {n: plain_html(n) for n in placed}, position, radius,
                                              font_size))
    # the legend tells the shapes apart; the colours are the actors'
    present = {graph.nodes[n]["label"] for n in nodes}
    for label, symbol in TYPE_SYMBOLS.items():
        if label in present:
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=label,
                                     marker=dict(symbol=symbol, size=11, color="#64748b")))
    fig.update_xaxes(visible=False, range=list(canvas.x_range))
    fig.update_yaxes(visible=False, range=list(canvas.y_range))
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1))
    # the title, legend and hover at the names' size (the page does not rescale a placed figure)
    return styled(fig, title, NETWORK_AREA[1] + 60).update_layout(font_size=font_size)


def network_bytes(graph: nx.Graph, fmt: str = "graphml") -> bytes:
    """The network as a GraphML or GEXF file (for Gephi, Cytoscape, yEd)."""
    buffer = io.BytesIO()
    writers = {"graphml": nx.write_graphml, "gexf": nx.write_gexf}
    if fmt not in writers:
        raise ValueError(f"unknown network format {fmt!r}: graphml or gexf")
    writers[fmt](graph, buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class ActorProfile:
    actor: str
    label: str
    affiliation: str
    aliases: pd.DataFrame  # alias, mentions
    over_time: pd.DataFrame  # date, mentions, articles (by publication date)
    co_quoted: pd.DataFrame  # speaker, quotes: other voices quoted in the articles quoting this actor
    co_mentioned: pd.DataFrame  # actor, weight: actors sharing its sentences
    quotes: pd.DataFrame  # published, title, kind, quote, sentence: what the actor said, with its evidence
    talks_about: pd.DataFrame  # actor, mentions: who the actor names in their quotes


def _period(dates: pd.Series) -> str:
    """Bins a reader can count: days over two months, weeks over two years, months beyond."""
    span = (dates.max() - dates.min()).days
    return "D" if span <= 60 else "W" if span <= 730 else "MS"


def actor_quotes(actor: str, quotes: pd.DataFrame, articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The actor's quotes, newest first, each with its article and the sentence(s) it sits in:
    the sentence carries the cue and the attribution, which is the evidence an analyst checks."""
    columns = ["published", "title", "source", "kind", "quote", "sentence", "article_id"]
    own = quotes[quotes["speaker"] == actor]
    if own.empty:
        return pd.DataFrame(columns=columns)
    around = own[["article_id", "start", "end"]].reset_index().merge(
        sentences[["article_id", "start", "end"]].rename(columns={"start": "s_start", "end": "s_end"}),
        on="article_id")
    around = around[(around["s_start"] < around["end"]) & (around["start"] < around["s_end"])]
    # one span from the first to the last sentence it touches, sliced from the article as stored
    span = around.groupby("index").agg(article_id=("article_id", "first"), s_start=("s_start", "min"),
                                       s_end=("s_end", "max"))
    texts = dict(zip(articles["article_id"], articles["text"])) if "text" in articles else {}
    sentence = pd.Series([texts.get(a, "")[b:e].strip() for a, b, e in zip(span["article_id"], span["s_start"],
                                                                             span["s_end"])], index=span.index)
    sentence = sentence.reindex(own.index).fillna("")
    table = own.assign(quote=own["text"], sentence=sentence.where(sentence != "", own["text"]))
    table = table.merge(articles[["article_id", "title", "source", "published"]], on="article_id", how="left")
    return table.sort_values(["published", "article_id", "start"], ascending=[False, True, True])[columns] \
        .reset_index(drop=True)


def actor_profile(actor: str, mentions: pd.DataFrame, quotes: pd.DataFrame, articles: pd.DataFrame,
                  sentences: pd.DataFrame, actors: pd.DataFrame, freq: str = "auto") -> ActorProfile:
    """What the page shows for one actor (``freq``: a pandas period for mentions over time, or
    "auto" for one that suits the dates of the articles naming it; section labels do not name it)."""
    mentions = counted(mentions)
    own = mentions[mentions["actor"] == actor]
    row = actors[actors["actor"] == actor]
    aliases = own["text"].value_counts().rename_axis("alias").rename("mentions").reset_index()
    dated = own.merge(articles[["article_id", "published"]], on="article_id", how="left")
    dated["date"] = pd.to_datetime(dated["published"], errors="coerce")
    dated = dated.dropna(subset=["date"])
    if dated.empty:
        over_time = pd.DataFrame(columns=["date", "mentions", "articles"])
    else:
        over_time = (dated.set_index("date").resample(_period(dated["date"]) if freq == "auto" else freq)
                     .agg(mentions=("article_id", "size"), articles=("article_id", "nunique")).reset_index())
    quoting = set(quotes.loc[quotes["speaker"] == actor, "article_id"])
    others = quotes[quotes["article_id"].isin(quoting) & (quotes["speaker"].fillna("") != "")
                    & (quotes["speaker"] != actor)]
    co_quoted = others["speaker"].value_counts().rename_axis("speaker").rename("quotes").reset_index()
    edges = cooccurrences(mentions[mentions["article_id"].isin(set(own["article_id"]))], sentences)
    near = edges[(edges["source"] == actor) | (edges["target"] == actor)]
    co_mentioned = pd.DataFrame({"actor": near["source"].where(near["target"] == actor, near["target"]),
                                 "weight": near["weight"]}).reset_index(drop=True)
    said = quotes[(quotes["speaker"] == actor)]
    inside = mentions.merge(said[["article_id", "start", "end"]].rename(columns={"start": "q_start", "end": "q_end"}),
                            on="article_id")
    inside = inside[(inside["start"] >= inside["q_start"]) & (inside["end"] <= inside["q_end"])
                    & (inside["actor"].fillna("") != "") & (inside["actor"] != actor)]
    talks_about = (inside.drop_duplicates(["article_id", "start"])["actor"].value_counts()
                   .rename_axis("actor").rename("mentions").reset_index())
    return ActorProfile(actor, str(row["label"].iat[0]) if len(row) else "",
                        str(row["affiliation"].iat[0]) if len(row) and "affiliation" in row else "",
                        aliases, over_time, co_quoted, co_mentioned, actor_quotes(actor, quotes, articles, sentences),
                        talks_about)


def mentions_over_time_figure(profile: ActorProfile, colors: ActorColors | None = None) -> go.Figure:
    title = f"{plain_html(profile.actor)}: mentions over time"
    if profile.over_time.empty:
        return _empty(title, "No dated article mentions this actor")
    fig = px.bar(profile.over_time, x="date", y="mentions", hover_data=["articles"])
    fig.update_traces(marker_color=(colors or ActorColors())(profile.actor))
    return styled(fig, title, 300)


def voices_by_source(quotes: pd.DataFrame, articles: pd.DataFrame, top: int = 12) -> pd.DataFrame:
    """Source × speaker matrix of quote counts, for the ``top`` speakers and sources."""
    named = quotes[quotes["speaker"].fillna("") != ""].merge(articles[["article_id", "source"]], on="article_id")
    if named.empty:
        return pd.DataFrame()
    named = named.assign(source=named["source"].replace("", "(unknown)").fillna("(unknown)"))
    speakers = named["speaker"].value_counts().head(top).index
    sources = named["source"].value_counts().head(top).index
    kept = named[named["speaker"].isin(speakers) & named["source"].isin(sources)]
    return pd.crosstab(kept["source"], kept["speaker"]).reindex(index=sources, columns=speakers, fill_value=0)


def voices_by_source_figure(matrix: pd.DataFrame) -> go.Figure:
    title = "Voices by source: who each outlet quotes"
    if matrix.empty:
        return _empty(title, "No attributed quotes in the current selection")
    fig = go.Figure(go.Heatmap(z=matrix.values, x=[plain_html(c) for c in matrix.columns],
                               y=[plain_html(i) for i in matrix.index], colorscale="Blues",
                               hovertemplate="%{y} quotes %{x}: %{z}<extra></extra>", colorbar=dict(title="quotes")))
    fig.update_xaxes(title="speaker", tickangle=-40)
    fig.update_yaxes(title="source", autorange="reversed")
    return styled(fig, title, 220 + 30 * max(len(matrix), 4))


ACTOR_LABELS = ["PER", "ORG", "GPE", "LOC", "MISC"]


def _cells(table: pd.DataFrame) -> pd.DataFrame:
    """The editable cells of an alias table, as the library reads them (an edited cell may come back empty)."""
    cells = table[ALIAS_COLUMNS].reset_index(drop=True).copy()
    for column in ("alias", "actor", "label"):
        cells[column] = cells[column].fillna("").astype(str).str.strip()
    cells["ignored"] = cells["ignored"].fillna(False).astype(bool)
    return cells


def alias_decisions(shown: pd.DataFrame, edited: pd.DataFrame, previous: AliasTable) -> AliasTable:
    """The analyst's decisions once ``shown`` (the alias table as displayed) became ``edited`` (same
    rows, same order): the previous decisions, where each alias with an edited row is replaced by
    all its rows as edited. All of them: an alias with two readings (Moscou the city in one
    article, Moscou for Russie in another) needs its untouched row to keep the other reading.
    Only edited aliases are kept, so the automatic resolution still decides for the rest, and
    for new articles."""
    before, after = _cells(shown), _cells(edited)
    changed = (before != after).any(axis=1)
    keys = set(after.loc[changed, "alias"].map(name_key))
    if not keys:
        return previous
    kept = previous.frame[~previous.frame["alias"].map(name_key).isin(keys)]
    new = after[after["alias"].map(name_key).isin(keys)]
    return AliasTable(pd.concat([kept, new], ignore_index=True)[ALIAS_COLUMNS])


def edit_actor(shown: pd.DataFrame, actor: str, new_name: str = "", label: str = "",
               ignored: bool | None = None) -> pd.DataFrame:
    """``shown`` with every alias row of ``actor`` renamed, retyped or (un)ignored at once.
    Renaming to another actor's name merges the two; the merged rows take that actor's type
    unless ``label`` says otherwise."""
    edited = shown.copy()
    rows = edited["actor"] == actor
    new_name = new_name.strip()
    if new_name and new_name != actor:
        target = edited.loc[(edited["actor"] == new_name) & ~rows, "label"]
        label = label or (target.iat[0] if len(target) else "")
        edited.loc[rows, "actor"] = new_name
    if label:
        edited.loc[rows, "label"] = label
    if ignored is not None:
        edited.loc[rows, "ignored"] = ignored
    return edited
