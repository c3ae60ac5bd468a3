"""Stances page builders on small hand-made frames: which pairs are shown, their shares, directions,
tone over time, the evidence excerpt with its deciding words, and markup in uploaded names kept as text."""
from __future__ import annotations

import pandas as pd
import pytest

from lib.charts import stances as charts
from lib.corpus.frames import frame

EVIL = "<b>Evil</b> <a href='javascript:alert(1)'>Corp</a>"
EVIL_SHOWN = "&lt;b&gt;Evil&lt;/b&gt; &lt;a href='javascript:alert(1)'&gt;Corp&lt;/a&gt;"  # what plotly is given

# (article, source, target, score, kind, confidence): A -> B four times (two hostile, one supportive, one
# neutral at the threshold), B -> A twice, C -> A once, EVIL -> B twice
EVIDENCE = [
    ("a1", "A", "B", -0.8, "quote", 0.9), ("a1", "A", "B", -0.06, "sentence", 0.6),
    ("a2", "A", "B", 0.05, "sentence", 0.7), ("a3", "A", "B", 0.61, "quote", 0.8),
    ("a2", "B", "A", 0.3, "quote", 0.9), ("a3", "B", "A", 0.5, "sentence", 0.55),
    ("a3", "C", "A", -0.9, "quote", 0.95),
    ("a1", EVIL, "B", -0.5, "sentence", 0.8), ("a2", EVIL, "B", -0.7, "sentence", 0.8),
]
PUBLISHED = {"a1": "2024-01-10", "a2": "2024-01-25", "a3": "2024-03-02", "a4": ""}


def stance_frame(rows=EVIDENCE) -> pd.DataFrame:
    return frame("stances", [{"article_id": a, "source_actor": s, "target_actor": t, "score": score, "kind": kind,
                              "evidence": f"{s} about {t}", "start": 0, "end": 1, "confidence": c, "cues": ""}
                             for a, s, t, score, kind, c in rows])


def articles() -> pd.DataFrame:
    return pd.DataFrame({"article_id": list(PUBLISHED), "published": list(PUBLISHED.values()),
                         "title": [f"Title {a}" for a in PUBLISHED], "text": ["" for _ in PUBLISHED]})


def pairs_of(table: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(table["source_actor"], table["target_actor"]))


@pytest.mark.parametrize("min_evidence, expected", [
    (1, {("A", "B"), ("B", "A"), ("C", "A"), (EVIL, "B")}),
    (2, {("A", "B"), ("B", "A"), (EVIL, "B")}),
    (3, {("A", "B")}),
    (5, set()),
])
def test_the_matrix_hides_pairs_under_the_minimum_count(min_evidence, expected):
    assert pairs_of(charts.stance_matrix(stance_frame(), top=15, min_evidence=min_evidence)) == expected


def test_the_default_minimum_is_two_pieces_of_evidence():
    assert charts.MIN_EVIDENCE == 2
    assert ("C", "A") not in pairs_of(charts.stance_matrix(stance_frame()))


@pytest.mark.parametrize("source, target, n, score, negative, positive, confidence, n_articles", [
    # -0.06 is negative, 0.05 is not positive (the neutral band is [-0.05, 0.05])
    ("A", "B", 4, (-0.8 - 0.06 + 0.05 + 0.61) / 4, 2 / 4, 1 / 4, (0.9 + 0.6 + 0.7 + 0.8) / 4, 3),
    ("B", "A", 2, 0.4, 0.0, 1.0, (0.9 + 0.55) / 2, 2),
    ("C", "A", 1, -0.9, 1.0, 0.0, 0.95, 1),
    (EVIL, "B", 2, -0.6, 1.0, 0.0, 0.8, 2),
])
def test_pairs_count_and_share_their_evidence_per_direction(source, target, n, score, negative, positive,
                                                            confidence, n_articles):
    row = charts.stance_pairs(stance_frame()).set_index(["source_actor", "target_actor"]).loc[(source, target)]
    assert row["n"] == n and row["articles"] == n_articles
    assert (row["score"], row["negative"], row["positive"], row["confidence"]) == pytest.approx(
        (score, negative, positive, confidence))


def test_pairs_come_most_evidenced_first():
    assert list(charts.stance_pairs(stance_frame())["n"]) == [4, 2, 2, 1]


def test_top_keeps_the_most_active_sources_and_targets():
    matrix = charts.stance_matrix(stance_frame(), top=1, min_evidence=1)
    assert pairs_of(matrix) == {("A", "B")}  # A gives 4 pieces, B receives 6


@pytest.mark.parametrize("kinds, min_confidence, expected", [
    (None, 0.0, len(EVIDENCE)),
    (["quote"], 0.0, 4),
    (["sentence"], 0.0, 5),
    ([], 0.8, 6),  # no kind chosen: every kind
    (["quote", "sentence"], 0.9, 3),
])
def test_evidence_by_kind_and_confidence(kinds, min_confidence, expected):
    chosen = charts.select_evidence(stance_frame(), kinds, min_confidence)
    assert len(chosen) == expected
    assert (chosen["confidence"] >= min_confidence).all()


def test_heatmap_rows_are_sources_columns_targets_with_counts_and_shares():
    figure = charts.stance_heatmap(charts.stance_matrix(stance_frame(), min_evidence=2))
    cells = figure.data[0]
    # the most active source first (ties in name order: "<" sorts before "B"), the most targeted first
    assert list(cells.y) == ["A", EVIL_SHOWN, "B"] and list(cells.x) == ["B", "A"]
    assert cells.z[0][0] == pytest.approx(-0.05)  # A -> B
    assert cells.text[0][0] == "4<br>−50% +25%"
    assert cells.customdata[0][0] == [4, "50%", "25%", 0.75, 3]
    assert cells.z[0][1] is None and cells.text[0][1] == ""  # A never speaks about A
    assert cells.z[2][1] == pytest.approx(0.4) and cells.text[2][1] == "2<br>−0% +100%"  # B -> A
    assert cells.z[1][1] is None  # EVIL speaks about B only


def test_heatmap_wider_than_a_screen_keeps_shares_in_the_hover():
    rows = [("a1", "S", f"T{i:02d}", -1.0 if i % 2 else 1.0, "quote", 0.9)
            for i in range(charts.SHARES_IN_CELL_MAX + 1) for _ in range(2)]
    figure = charts.stance_heatmap(charts.stance_matrix(stance_frame(rows), top=20, min_evidence=2))
    cells = figure.data[0]
    assert len(cells.x) == charts.SHARES_IN_CELL_MAX + 1 and list(cells.text[0]) == ["2"] * len(cells.x)
    assert [c[1:3] for c in cells.customdata[0][:2]] == [["0%", "100%"], ["100%", "0%"]]  # T00 positive, T01 not
    # names upright: slanted, each ran into its neighbour's at 1024 pixels wide
    assert figure.layout.xaxis.tickangle == -90
    assert charts.stance_heatmap(charts.stance_matrix(stance_frame(), min_evidence=2)).layout.xaxis.tickangle == -40


def test_network_arrows_go_from_source_to_target():
    matrix = charts.stance_matrix(stance_frame(), min_evidence=1)
    graph = charts.stance_graph(matrix)
    assert graph.edges["A", "B"]["n"] == 4 and graph.edges["B", "A"]["n"] == 2 and not graph.has_edge("A", "C")
    assert graph.edges["C", "A"]["score"] == pytest.approx(-0.9)
    assert graph.nodes["A"]["given"] == 4 and graph.nodes["A"]["received"] == 3
    figure = charts.stance_network(graph, named=2)
    nodes = next(t for t in figure.data if t.name == "actors")
    position = {name: (x, y) for name, x, y in zip(nodes.hovertext, nodes.x, nodes.y)}
    arrows = [a for a in figure.layout.annotations if not a.text]  # the others are the actors' names
    assert len(arrows) == graph.number_of_edges()

    def near(a, b):
        return abs(a[0] - b[0]) + abs(a[1] - b[1]) < 0.1  # a pair drawn both ways is shifted a little

    # C -> A: the arrow's tail (ax, ay) at C, its head (x, y) at A; hostile, so red
    c_to_a = [a for a in arrows if near((a.ax, a.ay), position["C"])]
    assert len(c_to_a) == 1 and near((c_to_a[0].x, c_to_a[0].y), position["A"])
    red, green, _ = map(float, c_to_a[0].arrowcolor.strip("rgb()").split(","))
    assert red > 2 * green
    # the widest arrow is the most evidenced pair; only the two most involved actors are named on the plot
    widest = max(arrows, key=lambda a: a.arrowwidth)
    assert near((widest.ax, widest.ay), position["A"]) and near((widest.x, widest.y), position["B"])
    assert sorted(a.text for a in figure.layout.annotations if a.text) == ["A", "B"]


def test_markup_in_actor_names_is_escaped_in_every_figure():
    evidence = stance_frame()
    matrix = charts.stance_matrix(evidence, min_evidence=1)
    figures = [charts.stance_heatmap(matrix), charts.stance_network(charts.stance_graph(matrix), named=10),
               charts.tone_over_time_figure(charts.tone_over_time(evidence, articles(), [EVIL]))]
    for figure in figures:
        spec = str(figure.to_plotly_json())
        assert "<b>Evil" not in spec and "<a href" not in spec
        assert "&lt;b&gt;Evil&lt;/b&gt;" in spec
    heatmap, network, over_time = figures
    assert EVIL_SHOWN in heatmap.data[0].y
    assert EVIL_SHOWN in [a.text for a in network.layout.annotations]
    assert [t.name for t in over_time.data] == [f"{EVIL_SHOWN} (given)"]


def test_tone_over_time_received_and_given_per_month():
    undated = [("a4", "B", "A", -1.0, "quote", 0.9)]  # an article without a date: left out
    table = charts.tone_over_time(stance_frame(EVIDENCE + undated), articles(), ["A"])
    got = {(r.direction, r.month.strftime("%Y-%m")): (round(r.score, 3), r.n) for r in table.itertuples()}
    assert got == {
        ("given", "2024-01"): (round((-0.8 - 0.06 + 0.05) / 3, 3), 3),
        ("given", "2024-03"): (0.61, 1),
        ("received", "2024-01"): (0.3, 1),
        ("received", "2024-03"): (round((0.5 - 0.9) / 2, 3), 2),
    }
    assert charts.tone_over_time(stance_frame(), articles(), []).empty


def test_active_actors_count_given_and_received():
    assert charts.active_actors(stance_frame())[:2] == ["B", "A"]  # B: 2 given + 6 received; A: 4 + 3


def test_pair_evidence_lists_one_direction_newest_first():
    rows = charts.pair_evidence(stance_frame(), "A", "B", articles())
    assert list(rows["published"]) == ["2024-03-02", "2024-01-25", "2024-01-10", "2024-01-10"]
    assert list(rows["title"][:2]) == ["Title a3", "Title a2"]
    assert charts.pair_evidence(stance_frame(), "B", "C", articles()).empty
    repeated = stance_frame(EVIDENCE[:1]).assign(cues="accusé, not commenté, accusé")
    assert list(charts.pair_evidence(repeated, "A", "B", articles())["cues"]) == ["accusé, not commenté"]


@pytest.mark.parametrize("text, cues, expected", [
    ("Le Kremlin n'a pas commenté la réforme injuste.", "not commenté, injuste", ["commenté", "injuste"]),
    ("Une insécurité, puis la Sécurité.", "sécurité", ["Sécurité"]),  # whole words, any case
    ("Il a accusé, puis accusé encore.", "accusé, accusé", ["accusé", "accusé"]),  # a repeated cue once
    ("Rien à signaler.", "", []),
    ("Rien à signaler.", "critique", []),
])
def test_cue_words_are_found_as_whole_words(text, cues, expected):
    spans = sorted(charts.cue_spans(text, cues))
    assert [text[s:e] for s, e, _ in spans] == expected and all(css == "cue" for *_, css in spans)


def test_the_evidence_excerpt_is_its_sentence_with_quote_cue_and_actors_marked():
    text = "Titre\n\nLe ministre a dénoncé « une réforme injuste » du syndicat. Autre phrase."
    quote = "une réforme injuste"
    start = text.index(quote)
    sentence_start, sentence_end = text.index("Le ministre"), text.index(" Autre")
    row = {"article_id": "a1", "source_actor": "Le ministre", "target_actor": "Syndicat", "kind": "quote",
           "evidence": quote, "start": start, "end": start + len(quote), "cues": "dénoncé, injuste"}
    arts = pd.DataFrame({"article_id": ["a1"], "text": [text]})
    sentences = pd.DataFrame({"article_id": ["a1", "a1"], "start": [sentence_start, sentence_end + 1],
                              "end": [sentence_end, len(text)]})
    mentions = pd.DataFrame({"article_id": ["a1", "a1"], "start": [sentence_start, text.index("syndicat")],
                             "end": [sentence_start + 11, text.index("syndicat") + 8], "label": ["PER", "ORG"],
                             "actor": ["Le ministre", "Syndicat"]})
    excerpt, spans = charts.evidence_excerpt(row, arts, sentences, mentions)
    assert excerpt == text[sentence_start:sentence_end]
    marked = sorted((excerpt[s:e], css) for s, e, css in spans)
    assert marked == sorted([("dénoncé", "cue"), ("injuste", "cue"), (quote, "quote"), ("Le ministre", "speaker"),
                             ("syndicat", "ORG")])
    # offsets that no longer match the article (an edited text): the evidence alone, with its cues
    stale = {**row, "start": 0, "end": len(quote)}
    assert charts.evidence_excerpt(stale, arts, sentences, mentions) == (quote, [(12, 19, "cue")])


def test_large_text_scales_every_text_of_a_figure():
    from lib.charts.common import scale_fonts

    figure = charts.stance_heatmap(charts.stance_matrix(stance_frame(), min_evidence=2))
    assert figure.data[0].textfont.size == 10 and figure.layout.font.size is None  # plotly's 12 by default
    scale_fonts(figure, 1.5)
    assert figure.data[0].textfont.size == 15  # the cells' counts
    assert figure.layout.font.size == 18  # titles, axes, colour bar and hover inherit it
    empty = scale_fonts(charts.stance_heatmap(charts.stance_matrix(frame("stances"))), 1.5)
    assert [a.font.size for a in empty.layout.annotations] == [None] and empty.layout.font.size == 18
    assert scale_fonts(figure, 1).layout.font.size == 18  # 1: unchanged


# A Wikinews headline whose section name ("France :") is a mention, then three sentences of the body
HEADLINE_TEXT = ("France : François Fillon avoue ne pas arriver à épargner\n"
                 "Le candidat a confié à BFMTV qu'il n'arrive pas à mettre de l'argent de côté. "
                 "Selon Fillon, la France vit au-dessus de ses moyens. "
                 "Il accuse la chaîne de partialité.")
HEADLINE_MENTIONS = [("France", "France"), ("François Fillon", "François Fillon"), ("BFMTV", "BFMTV"),
                     ("Fillon", "François Fillon"), ("France", "France")]
FILLON = "François Fillon"


@pytest.mark.parametrize("sentence, target, expected", [
    # the headline is the only place either is named before this sentence
    ("Le candidat", "France", [(FILLON, "in the headline"), ("France", "in the headline")]),
    ("Selon Fillon", "France", []),  # both named in the sentence itself: nothing to say
    ("Il accuse", "BFMTV", [(FILLON, "« Fillon » earlier"), ("BFMTV", "« BFMTV » earlier")]),
    ("Le candidat", "Penelope Fillon", [(FILLON, "in the headline"), ("Penelope Fillon", "")]),  # never named
])
def test_the_pair_actors_a_sentence_does_not_name_are_found(sentence, target, expected):
    text = HEADLINE_TEXT
    bodies = [text.index(s) for s in ("Le candidat", "Selon Fillon", "Il accuse")]
    sentences = pd.DataFrame({"article_id": ["a1"] * 4, "start": [0, *bodies],
                              "end": [text.index("\n"), bodies[1] - 1, bodies[2] - 1, len(text)]})
    rows, at = [], 0
    for words, actor in HEADLINE_MENTIONS:  # each at its first place after the previous one
        at = text.index(words, at)
        rows.append({"article_id": "a1", "start": at, "end": at + len(words), "label": "PER", "actor": actor})
        at += len(words)
    mentions = pd.DataFrame(rows)
    start = text.index(sentence)
    end = text.index(".", start) + 1
    row = {"article_id": "a1", "source_actor": FILLON, "target_actor": target, "kind": "sentence",
           "evidence": text[start:end], "start": start, "end": end, "cues": ""}
    arts = pd.DataFrame({"article_id": ["a1"], "text": [text]})
    assert charts.unnamed_in_excerpt(row, arts, sentences, mentions) == expected
    assert charts.unnamed_per_piece(pd.DataFrame([row]), arts, sentences, mentions) == [expected]
