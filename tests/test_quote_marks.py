"""Quote-mark pairing: a quote nested in a quote with the same mark, unbalanced marks, hostile runs."""
from __future__ import annotations

from pathlib import Path

import pytest

from lib.readers.normalize import normalize
from lib.extract.quote_marks import quoted_spans, sentence_starts
from lib.readers import read_paths

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo() -> dict:
    return {a.article_id: a for a in read_paths([ROOT / "sample_data" / "demo_corpus.jsonl"])}


def _contents(text: str) -> list[str]:
    return [text[m.start:m.end] for m in quoted_spans(text)]


def test_a_quote_inside_a_quote_with_the_same_mark_stays_inside(demo):
    # Retailleau quotes Fillon inside his own « »: the outer quote runs to its own closing mark
    text = normalize(demo["fr-2017-009"].text)
    quote = next(c for c in _contents(text) if c.startswith("Il m'a dit"))
    assert quote.endswith("chacun peut s'en rendre compte.")
    assert "« écoute, il n'y a pas une société russe" in quote
    assert not any(c.startswith("écoute") for c in _contents(text))  # not a quote of its own


def test_unbalanced_marks_keep_the_first_closing_mark():
    # an inner quote never closed: the outer quote ends at the first », as before
    text = "« Nous refusons « cette réforme », a déclaré Jean Dupont. Puis il est parti."
    assert _contents(text) == ["Nous refusons « cette réforme"]
    # two quotes side by side are two quotes, not one nested pair
    assert _contents("Il parle de « crise » et de « faillite ».") == ["crise", "faillite"]


def test_runs_of_marks_are_paired_quickly():
    text = "« a " * 3000 + "» " * 3000
    spans = quoted_spans(text)  # bounded nesting look-ahead: no quadratic walk over 6000 marks
    assert spans and all(s.end > s.start for s in spans)


def test_a_stop_before_a_spaced_closing_guillemet_ends_the_sentence():
    # data/annotated/articles/062.txt: the next report starts its own sentence
    text = ("Selon un haut responsable « il s'agit d'une calomnie, les hommes armés tentent de remporter une victoire "
            "sur le terrain. » Le ministère de la Défense a également assuré qu'aucun avion n'avait mené de raid.")
    assert text.index("Le ministère") in sentence_starts(text, quoted_spans(text))
