"""The evaluation that predicts unseen news: scoring rules, intervals, folds, agreement, errors, the CLI."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from lib.evaluate import folds, load_gold, split_final
from lib.evaluate.agreement import cohen_kappa
from lib.evaluate.figures import figures, tone_macro_f1
from lib.evaluate.scoring import Tally, mention_kind, score_article
from lib.corpus.frames import Corpus, frame

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "annotated"
sys.path.insert(0, str(CORPUS))
import validate_tone  # noqa: E402  (the corpus's own format check, beside the data)

ACTORS = [{"name": "Emmanuel Macron", "type": "PER", "mentions": ["Emmanuel Macron", "Macron"]},
          {"name": "Kremlin", "type": "ORG", "mentions": ["Kremlin"]}]


@pytest.mark.parametrize("quote,kind", [
    ({"speaker": "Emmanuel Macron", "speaker_mention": "Emmanuel Macron", "cue": "a déclaré"}, "name"),
    ({"speaker": "Emmanuel Macron", "speaker_mention": "Macron", "cue": "a-t-il dit"}, "name"),
    ({"speaker": "Emmanuel Macron", "speaker_mention": "il", "cue": "a-t-il ajouté"}, "pronoun"),
    ({"speaker": "Emmanuel Macron", "speaker_mention": "he", "cue": "said"}, "pronoun"),
    ({"speaker": "Emmanuel Macron", "speaker_mention": "le chef de l'État", "cue": "a affirmé"}, "role"),
    ({"speaker": "Kremlin", "speaker_mention": "Kremlin", "cue": "selon"}, "selon"),
    ({"speaker": "Emmanuel Macron", "speaker_mention": "Macron", "cue": "according to"}, "selon"),
    ({"speaker": "Emmanuel Macron", "speaker_mention": None, "cue": None}, "none"),
])
def test_speaker_mentions_are_classed_from_the_gold_alone(quote, kind):
    assert mention_kind(quote, ACTORS) == kind


def test_tone_macro_f1_counts_unmatched_sentences_against_recall():
    perfect = Counter({"tone_-1_-1": 3, "tone_0_0": 3, "tone_1_1": 3})
    assert tone_macro_f1(perfect) == 1.0
    unmatched = perfect + Counter({"tone_1_x": 3})  # half the positive sentences found no predicted sentence
    assert tone_macro_f1(unmatched) == pytest.approx((1 + 1 + 2 / 3) / 3)
    assert tone_macro_f1(Counter()) is None


def _corpus(sentences: list[tuple[str, int]], stances: list[tuple[str, str, float]]) -> Corpus:
    empty = Corpus.empty()
    return Corpus(**{**empty.frames(),
                     "sentences": frame("sentences", [{"article_id": "a", "text": t, "tone_label": label, "tone": label}
                                                      for t, label in sentences]),
                     "stances": frame("stances", [{"article_id": "a", "source_actor": s, "target_actor": t, "score": x}
                                                  for s, t, x in stances])})


def test_tone_and_stances_are_scored_as_the_judge_does():
    gold = {"quotes": [], "dates": [], "actors": ACTORS}
    coded = {"title": {"text": "t", "tone": 0},
             "sentences": [{"text": "Macron a vivement critiqué le Kremlin mardi.", "tone": -1},
                           {"text": "La réunion aura lieu à Paris.", "tone": 0}],
             "stances": [{"source": "Emmanuel Macron", "target": "Kremlin", "stance": -1},
                         {"source": "Kremlin", "target": "Emmanuel Macron", "stance": -1}]}
    # the second sentence is split differently by the pipeline: best Dice overlap still >= 0.6
    corpus = _corpus([("Macron a vivement critiqué le Kremlin mardi.", -1), ("La réunion aura lieu", 1)],
                     [("Macron", "Kremlin", -0.6), ("Macron", "Kremlin", 0.2)])
    n = score_article(gold, corpus, "a", coded).n
    assert n["tone_-1_-1"] == 1 and n["tone_0_1"] == 1
    assert (n["stance_gold"], n["stance_found"], n["stance_sign_right"]) == (2, 1, 1)  # mean -0.2 is hostile
    assert (n["stance_pred_pairs"], n["stance_pred_right"]) == (1, 1)


def test_intervals_bracket_the_figure_and_per_kind_precision_stays_a_ratio():
    per_article = [Tally(Counter({"quote_gold": 4, "quote_pred": 4, "quote_match": k, "direct_gold": 2,
                                  "direct_pred": 3, "direct_match": 1, "direct_pmatch": 2,
                                  "speaker_right": k, "actor_gold": 5, "actor_found": 4}))
                   for k in (1, 2, 3, 4, 2, 3)]
    table = figures(per_article, intervals=True).set_index("measure")
    quotes = table.loc["quotes (all kinds)"]
    assert quotes["lo"] <= quotes["F1"] <= quotes["hi"] and quotes["lo"] < quotes["hi"]
    direct = table.loc["  direct quotes"]
    assert direct["P"] == pytest.approx(12 / 18) and direct["R"] == pytest.approx(6 / 12)
    assert table.loc["actors found (recall)", "R"] == pytest.approx(0.8)


def test_cohen_kappa_on_known_tables():
    assert cohen_kappa([(1, 1), (0, 0), (-1, -1)]) == 1.0
    # 20 items: 15 agreements; marginals 10/10 and 10/10 -> expected 0.5, kappa 0.5
    pairs = [(1, 1)] * 8 + [(0, 0)] * 7 + [(1, 0)] * 2 + [(0, 1)] * 3
    assert cohen_kappa(pairs) == pytest.approx((15 / 20 - 0.5) / 0.5)


@pytest.fixture(scope="module")
def annotated():
    return load_gold(CORPUS)


def test_final_fold_and_cv_folds_partition_the_corpus_by_article(annotated):
    dev, test = split_final(annotated)
    ids = lambda items: {g.article.article_id for g in items}  # noqa: E731
    assert not ids(dev) & ids(test) and len(ids(dev) | ids(test)) == len(annotated)
    assert 0.12 < len(test) / len(annotated) < 0.28
    parts = folds(dev)
    assert sorted(i for f in parts for i in ids(f)) == sorted(ids(dev))
    for f in parts:  # every fold has its share of English
        assert any(g.lang == "en" for g in f) and any(g.lang == "fr" for g in f)
    assert ids(split_final(annotated[::-1])[1]) == ids(test)  # stable, whatever the order


def _readme_cell(row: str, column: int) -> str:
    for line in (CORPUS / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith(f"| {row} |"):
            return line.split("|")[column + 1].strip().replace(",", "")  # "1,023"
    raise AssertionError(row)


def test_the_corpus_matches_its_readme_and_its_rules(annotated):
    fr = [g for g in annotated if g.lang == "fr"]
    en = [g for g in annotated if g.lang == "en"]
    assert (len(fr), len(en)) == (int(_readme_cell("articles", 1)), int(_readme_cell("articles", 2)))
    assert len(fr) >= 110 and len(en) >= 30
    quotes = sum(len(g.gold["quotes"]) for g in annotated)
    assert int(_readme_cell("quotes (direct / partial / indirect)", 3)) == quotes
    sentences = sum(len(g.tone["sentences"]) for g in annotated if g.tone)
    assert int(_readme_cell("coded sentences (tone −1 / 0 / +1), titles apart", 3)) == sentences
    assert sentences >= 1500 and sum(1 for g in annotated if g.tone) >= 80
    stances = sum(len(g.tone["stances"]) for g in annotated if g.tone)
    assert int(_readme_cell("coded stances (quote / sentence / relation)", 3)) == stances
    for g in annotated:
        assert not validate_tone.check(CORPUS, g.article.article_id), g.article.article_id


def test_held_out_guard_and_gold_validator_pass_when_shared_is_present():
    guard = ROOT.parent / "shared" / "eval"
    if not (guard / "not_heldout.py").exists():
        pytest.skip("shared/eval (the held-out guard) is not beside this checkout")
    for script, args in (("not_heldout.py", [str(CORPUS)]), ("validate_gold.py", [str(CORPUS)])):
        result = subprocess.run([sys.executable, str(guard / script), *args], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout[-2000:]


def test_cv_on_a_small_corpus_prints_intervals_and_writes_errors(tmp_path, annotated):
    small = tmp_path / "corpus"
    picked = [g.article.article_id for g in annotated if g.lang == "fr"][:12] + \
             [g.article.article_id for g in annotated if g.lang == "en"][:6]
    for sub, ext in (("articles", "txt"), ("gold", "json"), ("tone", "json")):
        (small / sub).mkdir(parents=True)
        for aid in picked:
            shutil.copy(CORPUS / sub / f"{aid}.{ext}", small / sub / f"{aid}.{ext}")
    errors, figures_json = tmp_path / "errors.md", tmp_path / "figures.json"
    result = subprocess.run([sys.executable, "-m", "lib", "evaluate", "--cv", str(small), "--errors", str(errors),
                             "--json", str(figures_json)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "cross-validation by article" in result.stdout
    for measure in ("speaker accuracy, mention: name", "indirect quotes", "tone macro-F1", "stances found",
                    "stance sign accuracy"):
        assert measure in result.stdout
    assert re.search(r"quotes \(all kinds\).*\[\d\.\d{3}, \d\.\d{3}\]", result.stdout)
    table = pd.DataFrame(json.loads(figures_json.read_text())["all"]).set_index("measure")
    assert 0 <= table.loc["tone macro-F1 (coded sentences)", "value"] <= 1
    report = errors.read_text(encoding="utf-8")
    assert report.startswith("# Errors by class") and "| class | count |" in report
    assert re.search(r"\| (quote missed|tone [+-]\d predicted)", report)
