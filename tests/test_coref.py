"""Speaker phrases resolved to a named actor: "ce dernier", a role in the lede that the headline names."""
from __future__ import annotations

from pathlib import Path

import pytest

from lib.pipeline import analyze
from lib.readers import read_paths
from lib.types import Article

ROOT = Path(__file__).resolve().parents[1]


def _article(article_id: str, text: str) -> Article:
    return Article(article_id, text=text, lang="fr", published="2017-01-27")


@pytest.fixture(scope="module")
def quotes(eval_dir):
    demo = [a for a in read_paths([ROOT / "sample_data" / "demo_corpus.jsonl"]) if a.article_id == "fr-2017-005"]
    montebourg = read_paths([eval_dir / "articles" / "02.txt"])[0]
    made_up = [
        _article("latter", "Remaniement\n\nRachida Dati et Christian Estrosi critiquent le gouvernement. "
                 "Cette dernière a ajouté que la droite devait se rassembler."),
        _article("two", "Fillon et Juppé en campagne\n\nLe ministre de l'Intérieur a déclaré que "
                 "« la sécurité sera assurée ». François Fillon et Alain Juppé tiennent meeting."),
        _article("later", "Emmanuel Macron en visite à Lyon\n\nLa visite a commencé mardi. Les élus attendaient "
                 "des annonces. Le ministre de l'Intérieur a déclaré que « la sécurité sera assurée »."),
    ]
    return analyze(demo + [montebourg] + made_up).quotes


def test_ce_dernier_is_the_person_named_last(quotes):
    # "… d'autres figures comme Rachida Dati ou Christian Estrosi le critiquent ouvertement, ce dernier
    # expliquant à propos de la campagne que « si nous ne parlons pas … »"
    quote = quotes[quotes["text"].str.startswith("si nous ne parlons pas aux millions")]
    assert quote["speaker_text"].iat[0] == "ce dernier"
    assert quote["speaker"].iat[0] == "Christian Estrosi"


def test_cette_derniere_is_not_guessed_without_gender(quotes):
    # the last person named is a man here: "cette dernière" is Rachida Dati, which names alone cannot tell
    quote = quotes[quotes["article_id"] == "latter"]
    assert quote["speaker"].tolist() == [""]


def test_the_lede_describes_the_person_the_headline_names(quotes):
    # 02: "France : pour Montebourg, le nucléaire …" then "Le ministre du Redressement productif a déclaré
    # dimanche sur BFM TV que « le nucléaire est une filière d'avenir »": gold speaker Arnaud Montebourg
    lede = quotes[quotes["speaker_text"] == "Le ministre du Redressement productif"]
    assert len(lede) and (lede["speaker"] == "Arnaud Montebourg").all()


@pytest.mark.parametrize("article_id", ["two", "later"])
def test_a_role_is_not_the_headline_person_when_that_is_a_guess(quotes, article_id):
    # a headline naming two people, or a role three sentences into the body: the minister is nobody the text
    # names, so the description itself is the speaker (the annotation lists a never-named actor by it)
    quote = quotes[(quotes["article_id"] == article_id) & (quotes["kind"] == "partial")]
    assert quote["speaker_text"].iat[0] == "Le ministre de l'Intérieur"
    assert quote["speaker"].iat[0] == "ministre de l'Intérieur"



@pytest.fixture(scope="module")
def described_bodies():
    coalition = read_paths([ROOT / "data" / "annotated" / "articles" / "530.txt"])[0]
    other = _article("other-noun", "Frappes à Mossoul\n\nUne enquête internationale a commencé. La coalition a "
                     "annoncé que « toutes les précautions ont été prises ».")
    return analyze([coalition, other]).quotes


def test_a_bare_noun_is_the_body_the_article_described_with_it(described_bodies):
    # dev article 530: "Un bombardement effectué par la coalition internationale anti-EI …" then "La coalition a
    # confirmé …", "La coalition a annoncé …": gold speaker the international coalition against the IS
    said = described_bodies[(described_bodies["speaker_text"] == "La coalition")
                            & (described_bodies["article_id"] != "other-noun")]
    assert len(said) == 3 and said["speaker"].str.startswith("coalition internationale").all()
    # an earlier description with another noun says nothing of which coalition speaks
    assert described_bodies[described_bodies["article_id"] == "other-noun"]["speaker"].tolist() == [""]
