"""Dated events: the events frame, its place in the Corpus, and the timeline figure."""
from __future__ import annotations

from lib.charts.timeline import events_timeline
from lib.corpus.frames import COLUMNS, Corpus
from lib.pipeline import analyze
from lib.store import read_corpus_dir, write_corpus
from lib.types import Article


def test_events_frame_columns_and_contract_first(seed_corpus):
    assert list(seed_corpus.events.columns) == COLUMNS["events"]
    assert COLUMNS["events"][:7] == ["article_id", "date", "granularity", "sentence", "actors", "quote", "date_basis"]
    assert list(Corpus.empty().events.columns) == COLUMNS["events"]


def test_seed_events_are_the_text_dated_sentences(seed_corpus):
    events = seed_corpus.events
    text_events = events[events["date_basis"] == "text"]
    by_date = {d: s for d, s in zip(text_events["date"], text_events["sentence"])}
    assert by_date["2022-01-26"].startswith("Le 26 janvier, les États-Unis et l")
    assert by_date["2021-Q4"].startswith("Fin 2021, la Russie a publié")
    # actors come from the mentions frame: canonical names of mentions inside the sentence
    jan26 = text_events[text_events["date"] == "2022-01-26"].iloc[0]
    mentions = seed_corpus.mentions
    inside = mentions[(mentions["start"] >= jan26["start"]) & (mentions["end"] <= jan26["end"])]
    assert jan26["actors"] and set(jan26["actors"].split(" | ")) == set(inside["actor"]) - {""}
    # every text-dated event has a date expression that occurs in its sentence
    assert all(t in s for t, s in zip(text_events["date_text"], text_events["sentence"]))
    # undated sentences are not events
    dated_sentences = set(seed_corpus.dates["sentence"])
    assert set(text_events["sentence"]) <= {s.strip() for s in dated_sentences}


def test_one_published_event_per_article_and_no_dateline_event():
    text = "Titre du jour\n\n6 juillet 2012. - Le ministre a parlé. Hier, il avait refusé."
    corpus = analyze([Article(article_id="a", title="Titre du jour", text=text, lang="fr")])
    events = corpus.events
    published = events[events["date_basis"] == "published"]
    assert published[["date", "sentence"]].values.tolist() == [["2012-07-06", "Titre du jour"]]
    assert events.loc[events["date_basis"] == "text", "date"].tolist() == ["2012-07-05"]
    assert (events["date_text"] != "6 juillet 2012").all()


def test_quote_sentences_carry_their_quote(seed_corpus):
    events = seed_corpus.events
    with_quote = events[events["quote"] != ""]
    assert not with_quote.empty
    for row in with_quote.itertuples():
        assert row.quote in seed_corpus.quotes["text"].tolist()


def test_events_survive_restrict_and_store(seed_corpus, tmp_path):
    assert seed_corpus.restrict([]).events.empty
    kept = seed_corpus.restrict(seed_corpus.articles["article_id"])
    assert len(kept.events) == len(seed_corpus.events)
    write_corpus(seed_corpus, tmp_path, parquet=False)
    back = read_corpus_dir(tmp_path)
    assert back.events["date"].tolist() == seed_corpus.events["date"].tolist()
    assert back.dates["value"].tolist() == seed_corpus.dates["value"].tolist()  # "1997" stays a string


def test_timeline_figure(seed_corpus):
    fig = events_timeline(seed_corpus.events)
    assert fig.data and fig.layout.xaxis.rangeslider.visible
    hovers = " ".join(str(h) for trace in fig.data for h in trace.hovertext)
    assert "Le 26 janvier" in hovers
    empty = events_timeline(seed_corpus.events.iloc[0:0])
    assert not empty.data and empty.layout.annotations[0].text == "No dated events"
    by_article = events_timeline(seed_corpus.events, color_by="article_id", include_published=True)
    assert {trace.name for trace in by_article.data} == set(seed_corpus.articles["article_id"])
