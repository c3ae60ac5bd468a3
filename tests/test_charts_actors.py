"""Actors page builders on the dev set: counts that match the frames, a network that exports."""
from __future__ import annotations

import io

import networkx as nx
import pytest

from lib.charts import actors as charts
from lib.frames import Corpus, frame


def test_top_actors_by_mentions_and_by_articles(eval_corpus: Corpus):
    by_mentions = charts.top_actors(eval_corpus.actors, n=5)
    shown = [y for trace in by_mentions.data for y in trace.y]
    assert len(shown) == 5
    top = eval_corpus.actors.sort_values("n_mentions", ascending=False)["actor"].iloc[0]
    assert top in shown
    by_articles = charts.top_actors(eval_corpus.actors, n=3, by="n_articles")
    widest = eval_corpus.actors.sort_values(["n_articles", "actor"], ascending=[False, True])["actor"].iloc[0]
    assert widest in [y for trace in by_articles.data for y in trace.y]  # France: three articles


def test_share_of_voice_separates_the_quoted_from_the_mentioned(eval_corpus: Corpus):
    table = charts.share_of_voice(eval_corpus.actors, n=100)
    assert table["mentioned"].sum() == pytest.approx(1.0)
    assert table["quoted"].sum() == pytest.approx(1.0)
    peskov = table.set_index("actor").loc["Dmitri Peskov"]
    assert peskov["quoted"] > peskov["mentioned"]  # quoted twice, named four times among many
    charts.share_of_voice_figure(eval_corpus.actors)


def test_cooccurrence_network_and_its_exports(eval_corpus: Corpus):
    edges = charts.cooccurrences(eval_corpus.mentions, eval_corpus.sentences)
    pair = edges[(edges["source"] == "OTAN") & (edges["target"] == "États-Unis")]
    # the seed names the United States and NATO together in five sentences
    assert len(pair) == 1 and pair["weight"].iat[0] >= 4 and pair["articles"].iat[0] == 1
    assert (edges["source"] < edges["target"]).all()
    graph = charts.cooccurrence_graph(eval_corpus.mentions, eval_corpus.sentences, eval_corpus.actors)
    assert graph.has_edge("OTAN", "États-Unis")
    assert graph.nodes["Dmitri Peskov"]["label"] == "PER"
    # actors of different articles never share a sentence
    assert not graph.has_edge("Dmitri Peskov", "Arnaud Montebourg")
    figure = charts.network_figure(graph)
    assert {t.name for t in figure.data if t.name} <= set(charts.LABEL_COLORS)
    graphml = nx.read_graphml(io.BytesIO(charts.network_bytes(graph, "graphml")))
    assert set(graphml.nodes) == set(graph.nodes)
    assert graphml.edges["OTAN", "États-Unis"]["weight"] == graph.edges["OTAN", "États-Unis"]["weight"]
    gexf = nx.read_gexf(io.BytesIO(charts.network_bytes(graph, "gexf")))
    assert gexf.number_of_edges() == graph.number_of_edges()
    with pytest.raises(ValueError):
        charts.network_bytes(graph, "dot")


def test_actor_profile(eval_corpus: Corpus):
    profile = charts.actor_profile("Dmitri Peskov", eval_corpus.mentions, eval_corpus.quotes, eval_corpus.articles,
                                   eval_corpus.sentences, eval_corpus.actors)
    assert profile.label == "PER" and profile.affiliation == "Russie"
    assert set(profile.aliases["alias"]) == {"Dmitri Peskov", "Peskov"}
    assert profile.over_time["mentions"].sum() == profile.aliases["mentions"].sum()
    assert "Dmitri Peskov" not in set(profile.co_quoted["speaker"])
    assert "Kremlin" in set(profile.co_mentioned["actor"]) or "Russie" in set(profile.co_mentioned["actor"])
    charts.mentions_over_time_figure(profile)


def test_voices_by_source(eval_corpus: Corpus):
    articles = eval_corpus.articles.assign(source=["wikinews-fr" if lang == "fr" else "wikinews-en"
                                                   for lang in eval_corpus.articles["lang"]])
    matrix = charts.voices_by_source(eval_corpus.quotes, articles, top=50)
    named = eval_corpus.quotes[eval_corpus.quotes["speaker"].fillna("") != ""]
    assert matrix.values.sum() == len(named)
    assert matrix.loc["wikinews-fr", "Dmitri Peskov"] >= 2
    charts.voices_by_source_figure(matrix)


def test_empty_selection_gives_empty_figures_not_errors():
    actors, mentions, sentences = frame("actors"), frame("mentions"), frame("sentences")
    assert charts.top_actors(actors).layout.annotations
    assert charts.share_of_voice(actors).empty
    assert charts.cooccurrences(mentions, sentences).empty
    graph = charts.cooccurrence_graph(mentions, sentences, actors)
    assert graph.number_of_nodes() == 0 and charts.network_figure(graph).layout.annotations
    assert charts.voices_by_source(frame("quotes"), frame("articles")).empty
    profile = charts.actor_profile("Nobody", mentions, frame("quotes"), frame("articles"), sentences, actors)
    assert profile.aliases.empty and charts.mentions_over_time_figure(profile).layout.annotations
