"""End-to-end behaviour of the pipeline on real articles: contract columns, offsets, seed acceptance."""
from __future__ import annotations

import pytest

from lib.frames import COLUMNS, Corpus
from lib.pipeline import analyze
from lib.readers import read_paths
from lib.types import Article

from tests.conftest import SAMPLE


def test_every_frame_has_the_contract_columns_in_order(seed_corpus: Corpus):
    contract = {
        "articles": ["article_id", "title", "source", "url", "published", "lang", "n_words", "tone", "error"],
        "mentions": ["article_id", "start", "end", "text", "label", "actor"],
        "actors": ["actor", "label", "aliases", "n_mentions", "n_articles", "n_quotes"],
        "quotes": ["article_id", "start", "end", "text", "kind", "speaker", "cue", "tone"],
        "sentences": ["article_id", "start", "end", "text", "tone", "tone_label"],
        "dates": ["article_id", "start", "end", "text", "value", "granularity", "sentence"],
        "stances": ["article_id", "source_actor", "target_actor", "score", "kind", "evidence", "start", "end"],
    }
    for name, columns in contract.items():
        df = getattr(seed_corpus, name)
        assert list(df.columns[: len(columns)]) == columns, name
        assert not df.empty, f"{name} is empty on the seed"


def test_offsets_point_back_to_the_stored_text(seed_corpus: Corpus):
    text = seed_corpus.articles.iloc[0]["text"]
    for name in ("mentions", "quotes", "dates"):
        for row in getattr(seed_corpus, name).itertuples():
            assert text[row.start:row.end] == row.text, (name, row.text)
    for row in seed_corpus.sentences.itertuples():
        assert text[row.start:row.end] == row.text


def test_seed_acceptance(seed_corpus: Corpus):
    quotes = seed_corpus.quotes
    speeches = quotes[quotes["text"].str.startswith(("Nous n'avons rien publié, et", "Nous n’avons rien publié, et",
                                                     "Nous ne savons pas"))]
    assert len(speeches) == 2
    assert set(speeches["speaker"]) == {"Dmitri Peskov"}
    values = dict(zip(seed_corpus.dates["text"], seed_corpus.dates["value"]))
    assert values["Le 26 janvier"] == "2022-01-26"
    assert values["Fin 2021"] == "2021-Q4"
    names = {a.lower() for a in seed_corpus.actors["actor"]}
    assert not names & {"n’", "n'", "mercredi", "n"}


def test_typographic_apostrophes_do_not_become_people(seed_corpus: Corpus):
    people = seed_corpus.mentions[seed_corpus.mentions["label"] == "PER"]["text"]
    assert all(len(p) > 2 for p in people)


def test_stances_name_the_sentence_that_produced_them(seed_corpus: Corpus):
    text = seed_corpus.articles.iloc[0]["text"]
    for row in seed_corpus.stances.itertuples():
        assert row.source_actor != row.target_actor
        assert -1.0 <= row.score <= 1.0
        assert row.evidence in text[row.start:row.end] or text[row.start:row.end] in row.evidence


def test_failed_input_is_one_row_and_the_batch_goes_on(tmp_path):
    good = SAMPLE / "seed.txt"
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\xff\x00\xfe" * 100)
    corpus = analyze(read_paths([good, bad]))
    assert len(corpus.articles) == 2
    failed = corpus.articles[corpus.articles["error"] != ""]
    assert failed["file"].str.endswith("broken.txt").all() and len(failed) == 1
    assert not corpus.quotes.empty


def test_restrict_keeps_only_the_chosen_articles():
    corpus = analyze(read_paths([SAMPLE / "demo_corpus.jsonl"])[:6])
    keep = corpus.articles["article_id"].iloc[:2].tolist()
    sub = corpus.restrict(keep)
    for name, df in sub.frames().items():
        if name != "actors":
            assert set(df["article_id"]) <= set(keep)
    assert sub.actors["n_mentions"].sum() == len(sub.mentions[sub.mentions["actor"] != ""])


def test_english_article_without_an_english_model_still_gets_quotes(monkeypatch):
    from lib import nlp

    monkeypatch.setattr(nlp, "installed_model", lambda lang: None if lang == "en" else "fr_core_news_md")
    nlp.load.cache_clear()
    try:
        text = ('Talks stall\n\n"We will not sign this agreement," said Maria Lopez, the trade minister. '
                'She left the room on Tuesday.')
        corpus = analyze([Article("en-1", "Talks stall", text, published="2024-03-07", lang="en")])
    finally:
        nlp.load.cache_clear()
    assert corpus.quotes["text"].tolist() == ["We will not sign this agreement"]
    assert corpus.articles.iloc[0]["error"] == ""


@pytest.mark.parametrize("text", ["", "   ", "«", "» « » «", "\u00a0\u202f"])
def test_degenerate_texts_do_not_crash(text):
    corpus = analyze([Article("x", "x", text, published="2022-01-01")])
    assert len(corpus.articles) == 1
