"""The store's codec: analyses of real articles to JSON and back, and nothing but lib's records revived."""
from __future__ import annotations

import json

import pytest

from lib.corpus.actors import AliasTable
from lib.pipeline import analyze_articles
from lib.readers import read_paths
from lib.store.codec import decode, encode
from lib.types import Mention, Span, StanceCandidate, Tone
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def sample_analyses():
    articles = read_paths([SAMPLE / "seed.txt", SAMPLE / "demo_corpus.jsonl"])[:12]
    return list(analyze_articles(articles))


def test_analyses_of_sample_articles_come_back_equal(sample_analyses):
    assert sum(len(records) for a in sample_analyses for records in a.records.values()) > 200
    for analysis in sample_analyses:
        payload = encode(analysis)
        assert "pickle" not in payload and payload.startswith('{"@":"lib.')
        assert decode(payload) == analysis


def test_tuples_stay_tuples_and_records_stay_hashable(sample_analyses):
    candidates = [c for a in sample_analyses for c in a.records.get("stance_candidates", [])]
    assert candidates, "the sample has stance candidates"
    back = decode(encode(candidates))
    assert isinstance(back, list) and all(isinstance(c.features, tuple) and isinstance(c.cues, tuple) for c in back)
    assert set(back) == set(candidates)  # frozen records are hashed: lists inside would fail here
    dated = [a for a in sample_analyses if a.dateline is not None]
    assert dated and all(isinstance(decode(encode(a)).dateline, tuple) for a in dated)


def test_scalars_containers_and_keys_of_any_type():
    value = {"ints": [1, -2], "float": 0.5, "whole float": 2.0, "none": None, "flag": False, "accents": "Élysée « x »",
             (3, "x"): Tone(-0.25, -1, ("grève", "échec")), 7: (Span(0, 4, "Paris"),)}
    back = decode(encode(value))
    assert back == value
    assert isinstance(back["whole float"], float) and isinstance(back[7], tuple) and (3, "x") in back


@pytest.mark.parametrize("tag, fields", [
    ("os:system", {"command": "touch {marker}"}),
    ("subprocess:Popen", {"args": ["touch", "{marker}"]}),
    ("builtins:eval", {"source": "open('{marker}', 'w')"}),
    ("lib.store.codec:importlib", {}),  # a module lib imports, not a record lib defines
    ("lib.__main__:main", {}),  # importing it would run the command line
    ("lib.corpus.actors:AliasTable", {}),  # a lib dataclass, but not frozen
    ("lib.types:ToneScorer", {}),  # a lib class, not a dataclass
    ("lib.types:Article.__init__.__globals__", {}),
    ("libx.types:Mention", {"start": 0, "end": 1, "text": "x", "label": "PER"}),
])
def test_a_payload_naming_anything_but_a_lib_record_is_refused_not_run(tmp_path, tag, fields):
    marker = tmp_path / "ran"
    payload = json.dumps({"@": tag, **{k: json.loads(json.dumps(v).replace("{marker}", str(marker)))
                                       for k, v in fields.items()}})
    with pytest.raises(ValueError):
        decode(payload)
    assert not marker.exists()


def test_malformed_payloads_are_value_errors():
    for payload in ['{"@":"lib.types:Span","start":0}',  # a field missing
                    '{"@":"lib.types:Span","start":0,"end":1,"text":"x","evil":1}',  # a field the class lacks
                    '{"@dict":[[[1],2]]}',  # an unhashable key
                    '{"plain":"object"}',  # untagged
                    '{"@":"lib.types:Span"',  # half written
                    "[" * 100_000]:  # nesting beyond reason
        with pytest.raises(ValueError):
            decode(payload)


def test_what_could_not_be_read_back_is_not_written():
    with pytest.raises(TypeError):
        encode(AliasTable())  # not frozen
    with pytest.raises(TypeError):
        encode({"when": object()})
    assert decode(encode([Mention(0, 5, "Paris", "LOC"), StanceCandidate("quote", 0, 9, 0, 0, ("a",), ())])) \
        == [Mention(0, 5, "Paris", "LOC"), StanceCandidate("quote", 0, 9, 0, 0, ("a",), ())]
