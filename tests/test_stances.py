"""Stance candidates whose source is a pronoun or a role, resolved to the actor it refers to."""
from __future__ import annotations

from lib import nlp as nlp_loader
from lib.extract.mentions import extract_mentions
from lib.extract.quotes import extract_quotes
from lib.extract.stances import stance_candidates
from lib.extract.tone import LexiconTone

# Two sentences of the demo corpus (sample_data/demo_corpus.jsonl): the second names only its target.
TEXT = ("Emmanuel Macron espère ainsi prendre du temps médiatique à la droite avant le dernier débat et le premier "
        "tour de la primaire, et même influencer le scrutin. Il espère également couper l'herbe sous le pied de "
        "François Hollande en imposant sa candidature avant qu'il n'annonce la sienne.")


def _pairs_of_second_sentence(text: str, lang: str = "fr") -> dict[tuple[str, str], tuple[str, ...]]:
    doc = nlp_loader.load(lang)(text)
    mentions = extract_mentions(doc)
    quotes = extract_quotes(doc, lang, mentions)
    second = list(doc.sents)[1].start_char
    return {(mentions[c.source].text, mentions[c.target].text): c.features
            for c in stance_candidates(doc, lang, mentions, quotes, LexiconTone())
            if c.basis == "sentence" and c.start >= second}


def test_a_pronoun_subject_is_the_actor_it_refers_to():
    pairs = _pairs_of_second_sentence(TEXT)
    assert ("Emmanuel Macron", "François Hollande") in pairs
    features = pairs[("Emmanuel Macron", "François Hollande")]
    assert "src_by=pronoun" in features and "src=nsubj" in features


def test_a_subject_that_names_a_thing_refers_to_no_actor():
    first = TEXT[:TEXT.index(" Il espère")]
    pairs = _pairs_of_second_sentence(first + " Le débat a coupé l'herbe sous le pied de François Hollande.")
    assert not any(source == "Emmanuel Macron" for source, _ in pairs)
