"""Coreference by entity on corpus articles: a person's gender from any of its mentions, a body named by the
noun its name opens with, the one head of a body."""
from __future__ import annotations

from pathlib import Path

import pytest

from lib import nlp as nlp_loader
from lib.extract.coref import person_genders
from lib.extract.mentions import extract_mentions
from lib.extract.quotes import extract_quotes
from lib.types import Mention

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "annotated" / "articles"


def _opening(article_id: str, until: str) -> str:
    """A corpus article from its title to the end of the first sentence ending with ``until``."""
    text = (ARTICLES / f"{article_id}.txt").read_text(encoding="utf-8")
    return text[:text.index(until) + len(until)]


def _speakers(text: str) -> dict[str, str]:
    """Each quote's first words -> the speaker the rules resolved."""
    doc = nlp_loader.load("fr")(text)
    mentions = extract_mentions(doc)
    return {q.text[:30]: q.speaker_name for q in extract_quotes(doc, "fr", mentions)}


def _person(text: str, person: str = "") -> Mention:
    return Mention(0, len(text), text, "PER", person=person)


@pytest.mark.parametrize("mentions, expected", [
    # "Mme Bush" tells the gender of every "Barbara Bush" and "Bush" of the article
    ([_person("Barbara Bush"), _person("Bush", "Fem"), _person("Barbara Bush")], ["Fem", "Fem", "Fem"]),
    # a surname two people share stays open, but each titled mention keeps its own
    ([_person("George Bush"), _person("Bush", "Masc"), _person("Bush", "Fem")], ["", "Masc", "Fem"]),
    # the full name's own mentions decide before the surname's
    ([_person("Penelope Fillon", "Fem"), _person("François Fillon", "Masc"), _person("Penelope Fillon")],
     ["Fem", "Masc", "Fem"]),
    ([Mention(0, 4, "SNCF", "ORG"), _person("Guillaume Pepy")], ["", ""]),
])
def test_a_person_has_the_gender_any_of_its_mentions_tells(mentions, expected):
    assert person_genders(mentions) == expected


def test_a_pronoun_is_not_a_person_of_the_other_gender_but_the_agent_of_the_passive():
    # 193: "elle est saluée par Donald Trump : « … Mme Bush a été une militante … », a-t-il écrit": before, "il"
    # went to Barbara Bush, the topic of the sentence, then to nobody; the agent acting in the sentence speaks
    speakers = _speakers(_opening("193", "a-t-il écrit."))
    quote = next(text for text in speakers if text.startswith("en tant qu'épouse"))
    assert speakers[quote] == "Donald Trump"


def test_a_definite_noun_names_the_body_whose_name_opens_with_it():
    # 261: "la recommandation de l'Autorité de régulation professionnelle de la publicité … L'autorité avait
    # demandé à l'association de préciser les « études venant à l'appui de ces allégations »"
    speakers = _speakers(_opening("261", "ces allégations »."))
    said = {speaker for text, speaker in speakers.items() if text.startswith(("études", "préciser"))}
    assert said == {"Autorité de régulation professionnelle de la publicité"}


def test_the_head_of_a_body_is_the_person_introduced_as_its_head():
    # 098: "Guillaume Pepy, président de la SNCF, a annoncé …" then "le PDG de la SNCF a annoncé que « … »"
    speakers = _speakers(_opening("098", "forme un peu plus moderne »."))
    assert speakers["la solution alternative, maint"] == "Guillaume Pepy"


def test_a_body_named_with_no_head_introduced_stays_the_speaker():
    text = ("Grève à la SNCF\n\nLa grève commencera lundi. Le PDG de la SNCF a déclaré que « la grève va beaucoup "
            "perturber la vie des Français ».")
    assert set(_speakers(text).values()) == {"SNCF"}
