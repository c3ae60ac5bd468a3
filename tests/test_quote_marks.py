"""Quote-mark pairing: a quote nested in a quote with the same mark, unbalanced marks, hostile runs."""
from __future__ import annotations

from pathlib import Path

import pytest

from lib.readers.normalize import normalize
from lib.extract.quote_marks import Ranges, quoted_spans, sentence_starts
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


def _brute_overlaps(items: list[tuple[int, int, int]], start: int, end: int) -> set[int]:
    return {n for s, e, n in items if s < end and start < e}


@pytest.mark.parametrize("items", [
    [],
    [(0, 5, 0)],
    [(0, 5, 0), (3, 9, 1), (10, 10, 2), (12, 40, 3), (41, 42, 4)],  # overlapping, empty, one long reach
    [(k * 7, k * 7 + 3, k) for k in range(40)],  # many short, disjoint
    [(k, k + 2, k) for k in range(0, 30)] + [(5, 200, 99)],  # a long range among short ones
])
def test_ranges_find_every_overlap_the_full_scan_finds(items):
    ranges = Ranges(items)
    for start in range(-2, 60, 3):
        for end in (start, start + 1, start + 4, start + 25):
            found = set(ranges.overlapping(start, end))
            assert found == _brute_overlaps(items, start, end), (start, end)
            assert ranges.overlap(start, end) == bool(found), (start, end)


def test_ranges_added_and_removed_are_found_and_forgotten():
    ranges = Ranges()
    ranges.add(10, 20, 1)
    ranges.add(0, 100, 2)
    assert set(ranges.overlapping(15, 16)) == {1, 2}
    ranges.remove(0, 100, 2)
    assert set(ranges.overlapping(50, 51)) == set()
    assert set(ranges.overlapping(15, 16)) == {1}
