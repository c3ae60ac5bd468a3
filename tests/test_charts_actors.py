"""Actors page builders on the dev set: counts that match the frames, a network that exports."""
from __future__ import annotations

import io

import networkx as nx
import pandas as pd
import pytest

from lib.corpus.actors import AliasTable, apply_alias_table, build_alias_table
from lib.charts import actors as charts
from lib.corpus.frames import Corpus, frame


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


def test_cooccurrence_by_paragraph_includes_every_sentence_pair(eval_corpus: Corpus):
    spans = charts.paragraphs(eval_corpus.articles)
    texts = dict(zip(eval_corpus.articles["article_id"], eval_corpus.articles["text"]))
    pieces = [texts[a][s:e] for a, s, e in zip(spans["article_id"], spans["start"], spans["end"])]
    assert all(p.strip() and "\n" not in p for p in pieces)
    assert len(spans) > len(eval_corpus.articles)  # every dev article has several paragraphs
    by_sentence = charts.cooccurrences(eval_corpus.mentions, eval_corpus.sentences).set_index(["source", "target"])
    by_paragraph = charts.cooccurrences(eval_corpus.mentions, spans).set_index(["source", "target"])
    assert len(by_paragraph) > len(by_sentence)
    # two actors of one sentence share its paragraph, except where spaCy ran a sentence across a line
    # break (a title without a full stop read with the lead)
    assert by_sentence.index.isin(by_paragraph.index).mean() > 0.9
    graph = charts.cooccurrence_graph(eval_corpus.mentions, spans, eval_corpus.actors)
    assert "same paragraph" in charts.network_figure(graph, unit="paragraph").layout.title.text


def test_actor_profile_quotes_carry_their_evidence(eval_corpus: Corpus):
    profile = charts.actor_profile("Dmitri Peskov", eval_corpus.mentions, eval_corpus.quotes, eval_corpus.articles,
                                   eval_corpus.sentences, eval_corpus.actors)
    said = eval_corpus.quotes[eval_corpus.quotes["speaker"] == "Dmitri Peskov"]
    assert len(profile.quotes) == len(said) >= 2
    assert all(q in s for q, s in zip(profile.quotes["quote"], profile.quotes["sentence"]))
    # the incise naming him is part of the evidence: « … », a déclaré … Peskov
    assert profile.quotes["sentence"].str.contains("Peskov").any()
    assert set(profile.quotes["title"]) <= set(eval_corpus.articles["title"])
    # « … des questions fondamentalement importantes pour la Russie »: he talks about Russia
    assert "Russie" in set(profile.talks_about["actor"])
    assert "Dmitri Peskov" not in set(profile.talks_about["actor"])


def test_alias_edits_become_decisions_that_apply_to_the_corpus(eval_corpus: Corpus):
    shown = build_alias_table(eval_corpus)
    assert charts.alias_decisions(shown, shown.copy(), AliasTable()).frame.empty  # nothing edited, nothing decided
    # rename one alias of Peskov only: a split, decided for that alias alone
    edited = shown.copy()
    edited.loc[(edited["actor"] == "Dmitri Peskov") & (edited["alias"] == "Peskov"), "actor"] = "Peskov (split)"
    decisions = charts.alias_decisions(shown, edited, AliasTable())
    assert decisions.frame[["alias", "actor"]].values.tolist() == [["Peskov", "Peskov (split)"]]
    split = apply_alias_table(eval_corpus, decisions)
    assert {"Dmitri Peskov", "Peskov (split)"} <= set(split.actors["actor"])
    assert set(split.mentions.loc[split.mentions["actor"] == "Peskov (split)", "text"]) == {"Peskov"}

    # a whole actor ignored: every alias row of it, and it is gone from the corpus
    ignored = charts.edit_actor(shown, "Dmitri Peskov", ignored=True)
    decisions = charts.alias_decisions(shown, ignored, decisions)
    assert decisions.frame.loc[decisions.frame["actor"] == "Dmitri Peskov", "ignored"].all()
    gone = apply_alias_table(eval_corpus, decisions)
    assert "Dmitri Peskov" not in set(gone.actors["actor"]) and "Peskov (split)" not in set(gone.actors["actor"])
    assert "Dmitri Peskov" not in set(gone.quotes["speaker"])

    # merging into another actor takes that actor's type unless told otherwise
    merged = charts.edit_actor(shown, "Kremlin", "Russie")
    assert set(merged.loc[merged["alias"].isin(shown.loc[shown["actor"] == "Kremlin", "alias"]), "label"]) == \
        set(shown.loc[shown["actor"] == "Russie", "label"])


def test_an_alias_with_two_readings_keeps_the_untouched_one():
    """Moscou is Russie where it acts and the city elsewhere: renaming the city row must not
    move the other reading, so both rows of the alias become decisions."""
    shown = pd.DataFrame({"alias": ["Moscou", "Moscou", "Kremlin"], "actor": ["Russie", "Moscou", "Kremlin"],
                          "label": ["GPE", "GPE", "ORG"], "ignored": [False, False, False], "n_mentions": [3, 2, 1]})
    edited = shown.copy()
    edited.loc[1, "actor"] = "Moscou (ville)"
    decisions = charts.alias_decisions(shown, edited, AliasTable())
    assert decisions.frame[["alias", "actor"]].values.tolist() == [["Moscou", "Russie"], ["Moscou", "Moscou (ville)"]]
    # a second edit of the same alias replaces the first decision rather than piling up
    again = edited.copy()
    again.loc[1, "actor"] = "Moscow"
    assert charts.alias_decisions(edited, again, decisions).frame["actor"].tolist() == ["Russie", "Moscow"]
