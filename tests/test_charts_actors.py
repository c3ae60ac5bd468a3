"""Actors page builders on the dev set: counts that match the frames, a network that exports."""
from __future__ import annotations

import io

import networkx as nx
import pandas as pd
import pytest

from lib.corpus.actors import AliasTable, build_alias_table
from lib.corpus.build import CorpusSettings, build_corpus
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
    assert {t.name for t in figure.data if t.showlegend is not False} <= set(charts.TYPE_SYMBOLS)  # one per type
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


def test_alias_edits_become_decisions_that_apply_to_the_corpus(eval_analyses, eval_corpus: Corpus):
    shown = build_alias_table(eval_corpus)
    assert charts.alias_decisions(shown, shown.copy(), AliasTable()).frame.empty  # nothing edited, nothing decided
    # rename one alias of Peskov only: a split, decided for that alias alone
    edited = shown.copy()
    edited.loc[(edited["actor"] == "Dmitri Peskov") & (edited["alias"] == "Peskov"), "actor"] = "Peskov (split)"
    decisions = charts.alias_decisions(shown, edited, AliasTable())
    assert decisions.frame[["alias", "actor"]].values.tolist() == [["Peskov", "Peskov (split)"]]
    split = build_corpus(eval_analyses, CorpusSettings(aliases=decisions))
    assert {"Dmitri Peskov", "Peskov (split)"} <= set(split.actors["actor"])
    assert set(split.mentions.loc[split.mentions["actor"] == "Peskov (split)", "text"]) == {"Peskov"}

    # a whole actor ignored: every alias row of it, and it is gone from the corpus
    ignored = charts.edit_actor(shown, "Dmitri Peskov", ignored=True)
    decisions = charts.alias_decisions(shown, ignored, decisions)
    assert decisions.frame.loc[decisions.frame["actor"] == "Dmitri Peskov", "ignored"].all()
    gone = build_corpus(eval_analyses, CorpusSettings(aliases=decisions))
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


def _label_boxes(figure) -> dict[str, tuple[float, float, float, float]]:
    """Each name printed on the network, as the pixels it covers in the plotting area the figure is laid
    out for (a name's width measured at 0.55 font sizes a character, a typical mean for its font)."""
    width, height = charts.NETWORK_AREA
    (x0, x1), (y0, y1) = figure.layout.xaxis.range, figure.layout.yaxis.range
    boxes = {}
    for note in figure.layout.annotations:
        # the text's centre: shifted from its node, or at the tail of the line that leads to it
        dx, dy = (note.ax, -note.ay) if note.showarrow else (note.xshift or 0, note.yshift or 0)
        cx, cy = (note.x - x0) / (x1 - x0) * width + dx, (note.y - y0) / (y1 - y0) * height + dy
        w, h = 0.55 * note.font.size * len(note.text), 1.2 * note.font.size
        boxes[note.text] = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
    return boxes


def test_network_names_the_best_connected_actors_inside_the_figure_without_overlap(eval_corpus: Corpus):
    graph = charts.cooccurrence_graph(eval_corpus.mentions, eval_corpus.sentences, eval_corpus.actors, top=60)
    assert graph.number_of_nodes() > 25
    figure = charts.network_figure(graph, named=20)
    nodes = next(t for t in figure.data if t.name == "actors")
    assert sorted(nodes.hovertext) == sorted(graph.nodes)  # every actor on hover
    boxes = _label_boxes(figure)
    width, height = charts.NETWORK_AREA
    # no name cut at the figure's edge ("anuel Valls")
    assert all(0 <= left and right <= width and 0 <= bottom and top <= height
               for left, bottom, right, top in boxes.values()), boxes
    # no name over another
    placed = list(boxes.items())
    for i, (a, box_a) in enumerate(placed):
        for b, box_b in placed[i + 1:]:
            assert not (box_a[0] < box_b[2] and box_b[0] < box_a[2] and box_a[1] < box_b[3] and box_b[1] < box_a[3]), \
                (a, b)
    # the best-connected actors are named, 20 names at most
    best = sorted(graph.nodes, key=lambda n: (-graph.degree(n), n))[:5]
    assert set(best) <= set(boxes) and 10 <= len(boxes) <= 20
    # larger text (a projector): names grow, and still fit
    large = charts.network_figure(graph, named=20, font_scale=1.3)
    assert all(note.font.size == pytest.approx(12 * 1.3) for note in large.layout.annotations)
    assert all(0 <= box[0] and box[2] <= width for box in _label_boxes(large).values())


def test_one_actor_has_one_colour_in_every_chart(eval_corpus: Corpus):
    from lib.charts.common import ACTOR_PALETTE, TAIL_PALETTE, ActorColors
    from lib.charts.quotes import top_speakers
    from lib.charts.search import Series, coverage_figure, coverage_share, series_articles
    from lib.charts.stances import tone_over_time_figure
    from lib.charts.timeline import events_timeline

    colors = ActorColors.of(eval_corpus.actors)
    ranked = eval_corpus.actors.sort_values(["n_mentions", "actor"], ascending=[False, True])["actor"].tolist()
    # the most mentioned actors are told apart; the rest take a muted colour, the same whatever the ranking
    assert [colors(a) for a in ranked[:len(ACTOR_PALETTE)]] == list(ACTOR_PALETTE)
    assert colors(ranked[-1]) in TAIL_PALETTE and colors(ranked[-1]) == ActorColors()(ranked[-1])
    speaker = eval_corpus.quotes["speaker"].replace("", None).value_counts().index[1]  # quoted, not the top one
    expected = colors(speaker)
    drawn = {}
    bars = charts.top_actors(eval_corpus.actors, n=len(ranked), colors=colors).data[0]
    drawn["top actors"] = dict(zip(bars.y, bars.marker.color))[speaker]
    graph = charts.cooccurrence_graph(eval_corpus.mentions, eval_corpus.sentences, eval_corpus.actors, top=200)
    nodes = next(t for t in charts.network_figure(graph, colors=colors).data if t.name == "actors")
    drawn["network"] = dict(zip(nodes.hovertext, nodes.marker.color))[speaker]
    speakers = top_speakers(eval_corpus.quotes, n=30, colors=colors).data[0]
    drawn["top speakers"] = dict(zip(speakers.y, speakers.marker.color))[speaker]
    lanes = events_timeline(eval_corpus.events, "actor", top=40, colors=colors)
    drawn["timeline"] = next(t.marker.color for t in lanes.data if t.name == speaker)
    hits = {speaker: series_articles(Series(speaker, "actor"), eval_corpus.articles, eval_corpus.mentions)}
    lines = coverage_figure(coverage_share(eval_corpus.articles, hits, "month"), "month",
                            [Series(speaker, "actor")], colors)
    drawn["coverage"] = lines.data[0].line.color
    over_time = pd.DataFrame({"actor": [speaker], "direction": ["received"], "month": [pd.Timestamp("2017-01-01")],
                              "score": [0.2], "n": [3]})
    drawn["stance over time"] = tone_over_time_figure(over_time, colors).data[0].line.color
    assert drawn == dict.fromkeys(drawn, expected)
    assert expected != colors(ranked[0]) or speaker == ranked[0]
