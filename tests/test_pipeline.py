"""End-to-end behaviour of the pipeline on real articles: contract columns, offsets, seed acceptance."""
from __future__ import annotations

import pytest

from lib.corpus.frames import Corpus
from lib.pipeline import analyze
from lib.readers import read_paths
from lib.types import Article

from tests.conftest import ROOT, SAMPLE


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
    named = sub.mentions[sub.mentions["actor"] != ""]
    assert sub.actors["n_mentions"].sum() == len(named[~named["section"]])  # "France : …" counts nowhere
    assert named["section"].sum() == 2  # both kept articles' headlines open on a section label


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


_HEADLINE = "Retraites : Laurent Berger appelle à la grève"
_LEDE = ("Le secrétaire général de la CFDT, Laurent Berger, a appelé mardi les salariés à se mobiliser contre la "
         "réforme des retraites.")


@pytest.fixture(scope="module")
def headline_corpus() -> Corpus:
    text = f"{_HEADLINE}\n\n{_LEDE}\nLe gouvernement maintient son calendrier."
    return analyze([Article("berger", _HEADLINE, text, published="2023-01-10", lang="fr")])


def test_the_lede_after_a_headline_without_full_stop_keeps_its_speaker(headline_corpus: Corpus):
    quotes = headline_corpus.quotes
    lede = quotes[quotes["start"] >= len(_HEADLINE) + 2]
    lede = lede[lede["end"] <= len(_HEADLINE) + 2 + len(_LEDE)]
    assert lede["text"].tolist() == ["à se mobiliser contre la réforme des retraites"]
    assert lede["speaker"].tolist() == ["Laurent Berger"]


def test_no_sentence_spans_the_headline_and_the_body(headline_corpus: Corpus):
    text = headline_corpus.articles.iloc[0]["text"]
    for row in headline_corpus.sentences.itertuples():
        inner = text[row.start:row.end].strip()
        assert "\n" not in inner, inner
    body = len(_HEADLINE) + 2
    assert body in set(headline_corpus.sentences["start"])


@pytest.mark.parametrize("line, name", [
    ("Jean-Luc Mélenchon, le candidat du Front de gauche, avait appelé Marine Le Pen « la bourgeoise ».",
     "Jean-Luc Mélenchon"),
    ("22 mars 2017. – Bruno Le Roux, l'actuel ministre de l'Intérieur, aurait employé ses filles.", "Bruno Le Roux"),
])
def test_a_name_opening_a_line_stays_one_entity(line: str, name: str):
    """Forced to start a sentence at the line, the parser must not cut "Jean-Luc | Mélenchon" into sentences
    (the entity recognizer never crosses a sentence start)."""
    from lib import nlp

    doc = nlp.load("fr")(f"Il est là.\n{line}")
    assert name in [e.text for e in doc.ents]
    assert [s.text.strip() for s in doc.sents][0] == "Il est là."
    at = doc.text.index(name)
    assert not any(at < s.start_char < at + len(name) for s in doc.sents)


def test_a_blank_pipeline_also_starts_a_sentence_at_each_line():
    from lib import nlp

    doc = nlp.load("xx")("Titre sans point\nLe texte commence ici. Deuxième phrase")
    assert [s.text.strip() for s in doc.sents] == ["Titre sans point", "Le texte commence ici.", "Deuxième phrase"]


@pytest.mark.parametrize("lang, articles", [("fr", ["001", "040", "101", "230"]), ("en", ["125", "140", "150"])])
def test_revues_faster_spacy_components_annotate_as_spacys_own(lang, articles):
    """Revue's pipelines test the lemmatizer's word index as sets (lib.nlp._with_lemma_index_sets, the cold-start
    cost of every worker) and, in French, run the attribute ruler and the lemmatizer once per distinct word
    (lib.nlp.per_word_components); every token's annotations (tag, part of speech, morphology, dependency, lemma,
    entity: the whole serialized Doc) must be those of spaCy's unchanged pipeline, white space included."""
    import spacy
    from lib import nlp
    ours, plain = nlp.load(lang), spacy.load(nlp.installed_model(lang))
    index = ours.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert index and all(isinstance(words, frozenset) for words in index.values())
    if lang == "fr":
        assert [type(ours.get_pipe(name)).__name__ for name in ("attribute_ruler", "lemmatizer")] == \
            ["WordAttributeRuler", "WordLemmatizer"]
    texts = [(ROOT / "data" / "annotated" / "articles" / f"{a}.txt").read_text(encoding="utf-8") for a in articles]
    texts.append("Titre\n\n \t\n  Le texte  commence ici.\n")
    for mine, theirs in zip(ours.pipe(texts, disable=["revue_line_starts"]), plain.pipe(texts)):
        assert [t.lemma_ for t in mine] == [t.lemma_ for t in theirs]
        assert mine.to_bytes() == theirs.to_bytes()
