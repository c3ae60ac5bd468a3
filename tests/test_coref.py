"""Speaker phrases resolved to a named actor: "ce dernier" is the person named last."""
from __future__ import annotations

from pathlib import Path

import pytest

from lib.pipeline import analyze
from lib.readers import read_paths
from lib.types import Article

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def quotes():
    demo = [a for a in read_paths([ROOT / "sample_data" / "demo_corpus.jsonl"]) if a.article_id == "fr-2017-005"]
    made_up = Article("latter", text="Remaniement\n\nRachida Dati et Christian Estrosi critiquent le gouvernement. "
                      "Cette dernière a ajouté que la droite devait se rassembler.", lang="fr", published="2017-01-27")
    return analyze(demo + [made_up]).quotes


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
