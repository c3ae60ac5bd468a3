"""The CLI and the app build the same frames from the same articles and the same alias table.

Before one corpus builder, the CLI (``--aliases``) still credited a quote to an ignored outlet and kept more
stance rows than the app, and one mention was GPE in one path and ORG in the other.
"""
from __future__ import annotations

import pandas as pd
import pytest

from apptest import ROOT, new_app
from lib.cli import main
from lib.corpus.actors import AliasTable, build_alias_table
from lib.store import read_corpus_dir

SAMPLE_FILES = [ROOT / "sample_data" / "seed.txt", ROOT / "sample_data" / "demo_corpus.jsonl"]


def _edited(table: pd.DataFrame) -> AliasTable:
    """Rename, merge, retype and ignore, as an analyst would on the Actors page."""
    edited = table.drop(columns="n_mentions").copy()
    edited.loc[edited["actor"] == "Dmitri Peskov", "actor"] = "Peskov (Kremlin)"
    edited.loc[edited["actor"] == "Kremlin", "actor"] = "Russie"
    edited.loc[edited["alias"] == "Madrid", "label"] = "LOC"
    edited.loc[edited["alias"] == "El Pais", "ignored"] = True
    return AliasTable(edited)


def test_cli_and_app_frames_are_the_same_with_an_alias_table(tmp_path):
    at = new_app()
    aliases = _edited(build_alias_table(at.session_state["_corpus"]))
    assert not aliases.frame.empty
    at.session_state["aliases"] = aliases
    at.session_state["aliases_version"] = at.session_state["aliases_version"] + 1
    at.run()
    app = at.session_state["_corpus"]
    assert "El Pais" not in set(app.quotes["speaker"]) and "Peskov (Kremlin)" in set(app.quotes["speaker"])

    table = tmp_path / "aliases.csv"
    aliases.to_csv(table)
    out = tmp_path / "out"
    assert main(["analyze", *map(str, SAMPLE_FILES), "--out", str(out), "--aliases", str(table), "--quiet",
                 "--store", str(tmp_path / "store.duckdb")]) == 0
    cli = read_corpus_dir(out)
    for name, frame in app.frames().items():
        pd.testing.assert_frame_equal(cli.frames()[name].reset_index(drop=True), frame.reset_index(drop=True),
                                      check_dtype=False, obj=name)


@pytest.mark.parametrize("name", ["quotes", "stances", "mentions"])
def test_an_ignored_actor_is_gone_from_every_cli_frame(tmp_path, name):
    from lib.corpus.build import CorpusSettings
    from lib.pipeline import analyze
    from lib.readers import read_paths

    articles = read_paths(SAMPLE_FILES[:1])
    table = AliasTable(pd.DataFrame({"alias": ["El Pais"], "actor": ["El Pais"], "label": [""], "ignored": [True]}))
    corpus = analyze(articles, settings=CorpusSettings(aliases=table))
    columns = {"quotes": ["speaker"], "stances": ["source_actor", "target_actor"], "mentions": ["actor"]}[name]
    frame = getattr(corpus, name)
    assert not frame.empty and not frame[columns].isin(["El Pais"]).any().any()
