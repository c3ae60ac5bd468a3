"""Search page builders: accent- and case-blind matching, phrases, sentences found, coverage shares, escaping."""
from __future__ import annotations

import json
import math
import unicodedata

import pandas as pd
import pytest

from lib.charts import search as charts
from lib.corpus.frames import frame


def _articles(*rows: dict) -> pd.DataFrame:
    base = {"title": "", "source": "", "url": "", "lang": "fr", "n_words": 0, "tone": 0.0, "error": "", "file": "",
            "author": "", "duplicate_of": "", "note": "", "cluster": "", "published_from": ""}
    return frame("articles", [{**base, **row} for row in rows])


def _sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """One sentence per line of each article's text."""
    rows = []
    for aid, text in zip(articles["article_id"], articles["text"]):
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                rows.append({"article_id": aid, "start": pos, "end": pos + len(line), "text": line, "tone": 0.0,
                             "tone_label": 0, "tone_cues": ""})
            pos += len(line) + 1
    return frame("sentences", rows)


def _found(text: str, query: str) -> list[str]:
    return [text[s:e] for s, e, _ in charts.find_spans(text, charts.parse_query(query))]


@pytest.mark.parametrize("query, text, expected", [
    ("eglise", "La nouvelle ÉGLISE et l'Église Saint-Jean.", ["ÉGLISE", "Église"]),
    ("ÉGLISE", "une eglise sans accent", ["eglise"]),
    ("oeuvre", "Le chef-d’œuvre et une Œuvre", ["œuvre", "Œuvre"]),
    ("l'elysee", "Une source à l’Élysée a confirmé", ["l’Élysée"]),
    ("pari", "Paris et le pari du maire", ["pari"]),  # whole words: Paris is not "pari"
    ("réform*", "Les réformes, la Réforme, le réformisme et la déréforme", ["réformes", "Réforme", "réformisme"]),
    # decomposed accents (e + U+0301) are found and highlighted whole
    ("depute", unicodedata.normalize("NFD", "Le député a voté"), [unicodedata.normalize("NFD", "député")]),
])
def test_matching_ignores_case_and_accents(query: str, text: str, expected: list[str]) -> None:
    assert _found(text, query) == expected


def test_a_phrase_in_quotes_is_one_term_and_other_words_are_terms_of_their_own() -> None:
    assert charts.parse_query('"Emmanuel Macron" fillon, Hamon') == ["Emmanuel Macron", "fillon", "Hamon"]
    assert charts.parse_query("« Front national » “la France insoumise”") == ["Front national", "la France insoumise"]
    # the same term twice (once folded) is one term; an unclosed quote leaves words; punctuation alone is no term
    assert charts.parse_query('Macron MACRON macrón "parti socialiste') == ["Macron", "parti", "socialiste"]
    assert charts.parse_query(' "" * , ; ') == []
    text = "Emmanuel\nMacron a répondu à Emmanuel Valls, puis à Macron."
    # the phrase holds across any spacing, never word by word
    assert _found(text, '"emmanuel macron"') == ["Emmanuel\nMacron"]
    assert _found(text, "emmanuel macron") == ["Emmanuel", "Macron", "Emmanuel", "Macron"]


def test_sentences_are_listed_with_their_article_and_the_terms_found() -> None:
    arts = _articles(
        {"article_id": "a", "published": "2017-03-02", "source": "Le Monde", "title": "Titre A",
         "text": "Titre A\nLa réforme des retraites divise.\nRien à signaler ici.\nLe MINISTRE défend sa Reforme."},
        {"article_id": "b", "published": "2017-01-05", "source": "Libération", "title": "Titre B",
         "text": "Titre B\nLe ministre se tait."},
        {"article_id": "c", "published": "2017-01-06", "title": "Copie", "duplicate_of": "a",
         "text": "Titre A\nLa réforme des retraites divise."},
    )
    matches = charts.search_sentences(arts, _sentences(arts), ["reforme", "ministre"])
    # publication order; the duplicate of a is not listed again
    assert matches["sentence"].tolist() == ["Le ministre se tait.", "La réforme des retraites divise.",
                                            "Le MINISTRE défend sa Reforme."]
    assert matches["article_id"].tolist() == ["b", "a", "a"]
    assert matches[["published", "source", "title"]].iloc[0].tolist() == ["2017-01-05", "Libération", "Titre B"]
    assert matches["terms"].tolist() == ["ministre", "reforme", "ministre, reforme"]
    last = matches.iloc[2]
    assert [last["sentence"][s:e] for s, e, _ in last["spans"]] == ["MINISTRE", "Reforme"]
    # every term in the same sentence
    both = charts.search_sentences(arts, _sentences(arts), ["reforme", "ministre"], charts.ALL)
    assert both["sentence"].tolist() == ["Le MINISTRE défend sa Reforme."]
    counts = charts.term_counts(matches, ["reforme", "ministre"]).set_index("term")
    assert counts.loc["reforme"].tolist() == [2, 1] and counts.loc["ministre"].tolist() == [2, 2]
    assert charts.search_sentences(arts, _sentences(arts), []).empty
    nothing = charts.search_sentences(arts, _sentences(arts), ["absent"])
    assert nothing.empty and charts.term_counts(nothing, ["absent"]).values.tolist() == [["absent", 0, 0]]


def test_a_match_outside_every_sentence_is_shown_with_its_line() -> None:
    arts = _articles({"article_id": "a", "published": "2017-03-02", "text": "Un titre sur la réforme\nCorps."})
    sentences = _sentences(arts).iloc[1:]  # the title is no sentence
    matches = charts.search_sentences(arts, sentences, ["réforme"])
    assert matches["sentence"].tolist() == ["Un titre sur la réforme"]


def test_markup_in_a_term_is_matched_as_text_and_escaped_in_the_chart() -> None:
    term = '<b>x</b> [lien](https://evil.example) <img src=x onerror=alert(1)>'
    text = f"Avant {term} après, et <b>x</b> seul."
    query = f'"{term}"'
    assert charts.parse_query(query) == [term]
    assert _found(text, query) == [term]
    # not a regular expression: "." and "(" are characters like any other
    assert _found("un axb, un a.b et (a|b)", "a.b (a|b)") == ["a.b", "(a|b)"]
    arts = _articles({"article_id": "a", "published": "2017-03-02", "text": text})
    series = charts.Series(term, "term")
    hits = {series.label: charts.series_articles(series, arts, frame("mentions"))}
    assert hits[series.label] == {"a"}
    fig = charts.coverage_figure(charts.coverage_share(arts, hits))
    names = [trace.name for trace in fig.data]
    assert names == ["“&lt;b&gt;x&lt;/b&gt; [lien](https://evil.example) &lt;img src=x onerror=alert(1)&gt;”"]
    assert "<b>" not in json.dumps(json.loads(fig.to_json())["data"])


def test_share_is_articles_mentioning_over_articles_published_per_period() -> None:
    arts = _articles(
        {"article_id": "j1", "published": "2017-01-03", "text": "Macron parle."},
        {"article_id": "j2", "published": "2017-01-20", "text": "Fillon parle."},
        {"article_id": "j3", "published": "2017-01-28", "text": "Macron et Fillon."},
        {"article_id": "j4", "published": "2017-01-29", "text": "Personne."},
        # nothing in February
        {"article_id": "m1", "published": "2017-03-10", "text": "Fillon encore."},
        {"article_id": "m2", "published": "2017-03-11", "text": "Fillon encore.", "duplicate_of": "m1"},
        {"article_id": "u1", "published": "", "text": "Macron sans date."},
    )
    mentions = frame("mentions", [{"article_id": a, "start": 0, "end": 6, "text": "Macron", "label": "PER",
                                   "actor": "Emmanuel Macron"} for a in ("j1", "j3", "u1")])
    macron, fillon = charts.Series("Emmanuel Macron", "actor"), charts.Series("fillon", "term")
    hits = {s.label: charts.series_articles(s, arts, mentions) for s in (macron, fillon)}
    assert hits == {"Emmanuel Macron": {"j1", "j3", "u1"}, "“fillon”": {"j2", "j3", "m1", "m2"}}
    shares = charts.coverage_share(arts, hits, "month")
    table = shares.set_index(["series", "period"])
    assert shares["period"].unique().tolist() == ["2017-01", "2017-02", "2017-03"]
    assert table.loc[("Emmanuel Macron", "2017-01"), ["articles", "mentioning", "share"]].tolist() == [4, 2, 0.5]
    assert table.loc[("“fillon”", "2017-01"), "share"] == 0.5
    # a duplicate is one article, not two: 1 of 1 in March
    assert table.loc[("“fillon”", "2017-03"), ["articles", "mentioning", "share"]].tolist() == [1, 1, 1.0]
    assert table.loc[("Emmanuel Macron", "2017-03"), "share"] == 0.0
    # February: nothing published, so no share at all (not 0 %) and no point on the chart
    february = table.xs("2017-02", level="period")
    assert (february["articles"] == 0).all() and february["share"].map(math.isnan).all()
    fig = charts.coverage_figure(shares, "month")
    assert {trace.name: [None if y is None or math.isnan(y) else y for y in trace.y] for trace in fig.data} == {
        "Emmanuel Macron": [0.5, None, 0.0], "“fillon”": [0.5, None, 1.0]}
    # a quarter holds all of them: 3 of 5 dated originals name Fillon
    quarter = charts.coverage_share(arts, hits, "quarter").set_index("series")
    assert quarter["period"].tolist() == ["2017 Q1", "2017 Q1"]
    assert quarter.loc["“fillon”", "share"] == pytest.approx(3 / 5)
    weeks = charts.coverage_share(arts, hits, "week")
    assert weeks["period"].iloc[0] == "week of 2017-01-02" and weeks["period"].nunique() == 10


def test_no_dated_article_or_no_series_gives_an_explained_empty_chart() -> None:
    arts = _articles({"article_id": "u", "published": "", "text": "Macron."})
    assert charts.coverage_share(arts, {"x": {"u"}}).empty
    assert charts.coverage_share(_articles({"article_id": "a", "published": "2017-01-01", "text": ""}), {}).empty
    fig = charts.coverage_figure(charts.coverage_share(arts, {"x": {"u"}}))
    assert fig.layout.annotations and not fig.data


def test_years_with_nothing_published_are_cut_from_the_comparison() -> None:
    """The sample's shape, months of 2016-17 news and one 2022 article: uncut, every point sat in a sixth of
    the width; the skipped years are named under the title and each side keeps a date label."""
    dates = [f"2016-{m:02d}-10" for m in range(8, 13)] + ["2017-03-08", "2022-02-02"]
    arts = _articles(*({"article_id": f"a{i}", "published": d, "text": "Fillon parle."} for i, d in enumerate(dates)))
    fillon = charts.Series("fillon", "term")
    shares = charts.coverage_share(arts, {fillon.label: charts.series_articles(fillon, arts, frame("mentions"))})
    fig = charts.coverage_figure(shares, "month", [fillon])
    (cut,) = fig.layout.xaxis.rangebreaks
    assert "2017-04-01" < cut.bounds[0] < "2017-05-01" and "2022-01-01" < cut.bounds[1] < "2022-02-01"
    assert fig.layout.title.subtitle.text == "The axis skips Apr 2017 to Jan 2022: nothing there."
    assert any(t < cut.bounds[0] for t in fig.layout.xaxis.tickvals) and fig.layout.xaxis.tickvals[-1] >= "2022"
    # within a year, nothing is cut
    assert not charts.coverage_figure(charts.coverage_share(arts.iloc[:-1], {fillon.label: {"a0"}})).layout.xaxis.rangebreaks
