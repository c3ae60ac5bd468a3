"""The analyst's corrections: keys, CSV and JSON round trips, and how ``build_corpus`` applies them to a real article."""
from __future__ import annotations

import hashlib
import io
import json
from dataclasses import replace

import pandas as pd
import pytest

from lib.corpus.corrections import (Correction, Corrections, speaker_correction, stance_correction, text_key,
                             tone_correction)
from lib.corpus.build import CorpusSettings, build_corpus
from lib.pipeline import analyze_articles
from lib.store import read_corrections, write_corrections

TEXT = "Titre\n\nPremière phrase. Deuxième phrase, plus longue."
OTHER = TEXT + " "  # one more character: another text
SHA = hashlib.sha1(TEXT.encode("utf-8")).hexdigest()


# --- keys ------------------------------------------------------------------------------------------------------
def test_the_text_key_is_the_sha1_of_the_text_as_utf8():
    assert text_key(TEXT) == SHA
    assert text_key(OTHER) != SHA
    assert text_key("é") == hashlib.sha1("é".encode("utf-8")).hexdigest()


@pytest.mark.parametrize("a, b, same", [
    (tone_correction(TEXT, 7, 24, -1), tone_correction(TEXT, 7, 24, 1, note="changed my mind"), True),
    (tone_correction(TEXT, 7, 24, -1), tone_correction(OTHER, 7, 24, -1), False),  # another text
    (tone_correction(TEXT, 7, 24, -1), tone_correction(TEXT, 7, 25, -1), False),  # another span
    (tone_correction(TEXT, 7, 24, -1), speaker_correction(TEXT, 7, 24, ""), False),  # another kind
    (stance_correction(TEXT, 7, 24, "A", "B", 1), stance_correction(TEXT, 7, 24, "A", "B", -1), True),
    (stance_correction(TEXT, 7, 24, "A", "B", 1), stance_correction(TEXT, 7, 24, "B", "A", 1), False),
    (stance_correction(TEXT, 7, 24, "A", "B", 1), stance_correction(TEXT, 7, 24, "A", "C", 1), False),
])
def test_a_correction_is_keyed_by_kind_text_span_and_stance_actors(a: Correction, b: Correction, same: bool):
    assert (a.key == b.key) is same
    both = Corrections().set(a).set(b)
    assert len(both) == (1 if same else 2)
    assert both.get(b.key) == b  # the later decision holds


@pytest.mark.parametrize("fields, problem", [
    (dict(kind="mood"), "kind"),
    (dict(text_sha1="abc"), "text_sha1"),
    (dict(text_sha1=SHA.upper()), "text_sha1"),
    (dict(start=10, end=10), "start"),
    (dict(start=-1), "start"),
    (dict(value=2), "-1, 0 or 1"),
    (dict(value="1"), "-1, 0 or 1"),
    (dict(value=True), "-1, 0 or 1"),
    (dict(source="A"), "no source"),
    (dict(kind="stance"), "source and target"),
    (dict(kind="speaker", value=1), "name"),
])
def test_an_invalid_correction_is_refused_with_its_reason(fields: dict, problem: str):
    base = dict(kind="tone", text_sha1=SHA, start=7, end=24, value=1)
    with pytest.raises(ValueError, match=problem):
        Correction(**{**base, **fields})


def test_remove_brings_the_computed_value_back_and_merge_keeps_the_newest_decision():
    old = tone_correction(TEXT, 7, 24, -1, at="2024-01-01T00:00:00+00:00")
    new = tone_correction(TEXT, 7, 24, 1, at="2024-06-01T00:00:00+00:00")
    other = speaker_correction(TEXT, 25, 49, "Jean Dupont", at="2024-03-01T00:00:00+00:00")
    assert Corrections().set(old).remove(old.key) == Corrections()
    assert Corrections((old,)).merge(Corrections((new, other))).entries == (new, other)
    assert Corrections((new,)).merge(Corrections((old, other))).entries == (new, other)  # an older import loses
    sample = Corrections((old, tone_correction(OTHER, 7, 24, 0)))
    assert sample.only({SHA}).entries == (old,) and sample.only({SHA}, keep=False).entries == sample.entries[1:]


# --- CSV and JSON -----------------------------------------------------------------------------------------------
FORMULA_NOTES = ["=1+1", "+33 6 12 34 56 78", "-2+3", "@SUM(A1:A2)", "\tcell", "'=already quoted",
                 "plain, with a comma", "multi\nline « guillemets »"]


def every_kind(note: str) -> Corrections:
    return Corrections((
        tone_correction(TEXT, 7, 24, -1, "2024-05-01T10:00:00+00:00", note),
        stance_correction(TEXT, 25, 49, "=HYPERLINK(\"x\")", "@Elysee", 0, "2024-05-01T10:01:00+00:00", note),
        speaker_correction(TEXT, 25, 49, "", "2024-05-01T10:02:00+00:00", note),
        speaker_correction(OTHER, 7, 24, "-Jean Dupont", "2024-05-01T10:03:00+00:00", note),
    ))


@pytest.mark.parametrize("note", FORMULA_NOTES)
def test_csv_round_trip_is_exact_and_spreadsheet_safe(note: str):
    corrections = every_kind(note)
    written = corrections.to_csv()
    assert Corrections.from_csv(io.StringIO(written)) == corrections
    cells = pd.read_csv(io.StringIO(written), dtype=str, keep_default_na=False)
    for column in ("note", "source", "target", "value"):
        for cell in cells[column]:
            assert cell[:1] not in ("=", "+", "@", "\t", "\r") and not cell.startswith("-J"), (column, cell)
    assert list(cells["value"][:2]) == ["-1", "0"]  # signs stay numbers


def test_json_round_trip_and_the_store_file_is_written_whole(tmp_path):
    corrections = every_kind("=1+1")
    assert Corrections.from_json(corrections.to_json()) == corrections
    path = tmp_path / "store" / "corrections.json"
    assert read_corrections(path) == Corrections()  # no file yet: no corrections
    write_corrections(path, corrections)
    assert read_corrections(path) == corrections
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1
    assert [p.name for p in path.parent.iterdir()] == ["corrections.json"]  # no temporary file left behind
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="corrections.json"):
        read_corrections(path)


@pytest.mark.parametrize("csv, problem", [
    ("kind,start,end,value\ntone,7,24,1\n", "text_sha1"),
    (f"kind,text_sha1,start,end,value\ntone,{SHA},7,24,3\n", "row 2"),
    (f"kind,text_sha1,start,end,value\ntone,{SHA},7,24,1\nstance,{SHA},7,24,1\n", "row 3: a stance"),
    (f"kind,text_sha1,start,end,value\ntone,{SHA},seven,24,1\n", "offset"),
    (f"kind,text_sha1,start,end,value\nmood,{SHA},7,24,1\n", "kind"),
])
def test_a_bad_csv_is_refused_with_the_row_at_fault(csv: str, problem: str):
    with pytest.raises(ValueError, match=problem):
        Corrections.from_csv(io.StringIO(csv))


def test_a_hand_written_csv_needs_only_the_key_and_the_value():
    csv = f"kind,text_sha1,start,end,value\ntone,{SHA},7,24,+1\nspeaker,{SHA},25,49,\n"
    assert Corrections.from_csv(io.StringIO(csv)).entries == (
        Correction("tone", SHA, 7, 24, 1), Correction("speaker", SHA, 25, 49, ""))


# --- applied by build_corpus, on the seed article --------------------------------------------------------------------
@pytest.fixture(scope="module")
def computed(seed_analyses):
    return build_corpus(seed_analyses)


def test_nothing_is_marked_corrected_without_corrections(computed):
    for name in ("sentences", "quotes", "stances"):
        frame = getattr(computed, name)
        assert not frame.empty and frame["corrected"].dtype == bool and not frame["corrected"].any(), name


def test_a_corrected_sentence_tone_wins_and_moves_the_article_tone(seed_analyses, computed):
    text = computed.articles.at[0, "text"]
    neutral = computed.sentences[computed.sentences["tone_label"] == 0].iloc[0]
    fixed = build_corpus(seed_analyses, CorpusSettings(corrections=Corrections((
        tone_correction(text, int(neutral["start"]), int(neutral["end"]), -1, note="=ironic"),))))
    s = fixed.sentences
    row = s[s["start"] == neutral["start"]].iloc[0]
    assert (row["tone_label"], row["tone"], row["corrected"]) == (-1, -1.0, True)
    others = s["start"] != neutral["start"]
    assert not s.loc[others, "corrected"].any()
    assert s.loc[others, ["tone", "tone_label"]].equals(computed.sentences.loc[others, ["tone", "tone_label"]])
    assert fixed.articles.at[0, "tone"] < computed.articles.at[0, "tone"]  # one more negative sentence


def test_a_corrected_stance_sign_sets_its_score(seed_analyses, computed):
    text = computed.articles.at[0, "text"]
    st = computed.stances
    row = st.loc[st["score"].idxmax()]
    fixed = build_corpus(seed_analyses, CorpusSettings(corrections=Corrections((stance_correction(
        text, int(row["start"]), int(row["end"]), row["source_actor"], row["target_actor"], -1),))))
    same = ((fixed.stances["start"] == row["start"]) & (fixed.stances["source_actor"] == row["source_actor"])
            & (fixed.stances["target_actor"] == row["target_actor"]))
    assert fixed.stances.loc[same, ["score", "confidence", "corrected"]].values.tolist() == [[-1.0, 1.0, True]]
    assert fixed.stances.loc[~same].drop(columns="corrected").reset_index(drop=True).equals(
        computed.stances.loc[~((st["start"] == row["start"]) & (st["source_actor"] == row["source_actor"])
                               & (st["target_actor"] == row["target_actor"]))].drop(columns="corrected")
        .reset_index(drop=True))
    # a correction naming other actors at that span changes nothing
    elsewhere = build_corpus(seed_analyses, CorpusSettings(corrections=Corrections((stance_correction(
        text, int(row["start"]), int(row["end"]), "Nobody", row["target_actor"], -1),))))
    assert elsewhere.stances.equals(computed.stances)


def test_a_corrected_speaker_wins_and_the_quotes_stances_follow(seed_analyses, computed):
    text = computed.articles.at[0, "text"]
    quotes = computed.quotes
    from_quotes = computed.stances[computed.stances["kind"] == "quote"]
    # a quote with stance evidence: its speaker becomes another actor of the article
    quote = quotes[quotes.set_index(["start", "end"]).index.isin(
        from_quotes.set_index(["start", "end"]).index)].iloc[0]
    before = from_quotes[(from_quotes["start"] == quote["start"]) & (from_quotes["end"] == quote["end"])]
    assert set(before["source_actor"]) == {quote["speaker"]}
    new = "Anthony Blinken" if quote["speaker"] != "Anthony Blinken" else "Dmitri Peskov"
    fixed = build_corpus(seed_analyses, CorpusSettings(corrections=Corrections((
        speaker_correction(text, int(quote["start"]), int(quote["end"]), new, note="@wrong"),))))
    row = fixed.quotes[(fixed.quotes["start"] == quote["start"]) & (fixed.quotes["end"] == quote["end"])].iloc[0]
    assert (row["speaker"], row["corrected"], row["speaker_confidence"]) == (new, True, 1.0)
    assert (row["speaker_text"], row["speaker_start"]) == ("", -1)  # the words naming the old speaker are not his
    after = fixed.stances[(fixed.stances["start"] == quote["start"]) & (fixed.stances["end"] == quote["end"])
                          & (fixed.stances["kind"] == "quote")]
    assert not after.empty and set(after["source_actor"]) == {new}
    def n_quotes(corpus) -> int:
        return corpus.actors.set_index("actor").at[new, "n_quotes"]

    assert n_quotes(fixed) == n_quotes(computed) + 1
    # nobody: the quote is unattributed and gives no stance
    nobody = build_corpus(seed_analyses, CorpusSettings(corrections=Corrections((
        speaker_correction(text, int(quote["start"]), int(quote["end"]), ""),))))
    gone = nobody.stances[(nobody.stances["start"] == quote["start"]) & (nobody.stances["kind"] == "quote")
                          & (nobody.stances["end"] == quote["end"])]
    assert gone.empty
    assert nobody.quotes.loc[nobody.quotes["start"] == quote["start"], "speaker"].iloc[0] == ""


def test_corrections_hold_when_the_same_text_is_analyzed_again_under_another_name(seed_article, computed):
    text = computed.articles.at[0, "text"]
    sentence, quote = computed.sentences.iloc[1], computed.quotes.iloc[0]
    corrections = Corrections((
        tone_correction(text, int(sentence["start"]), int(sentence["end"]), -1 if sentence["tone_label"] != -1 else 1),
        speaker_correction(text, int(quote["start"]), int(quote["end"]), ""),
    ))
    again = replace(seed_article, article_id="reuploaded", file="copy of seed.txt", title=seed_article.title)
    fixed = build_corpus(analyze_articles([again]), CorpusSettings(corrections=corrections))
    assert fixed.articles.at[0, "article_id"] == "reuploaded"
    row = fixed.sentences.iloc[1]
    assert row["corrected"] and row["tone_label"] == corrections.entries[0].value != sentence["tone_label"]
    assert fixed.quotes.iloc[0][["speaker", "corrected"]].tolist() == ["", True]
    # another text (one word changed) is another article: nothing applies
    edited = replace(seed_article, article_id="edited", text=seed_article.text.replace("Kremlin", "Kremlin ", 1))
    other = build_corpus(analyze_articles([edited]), CorpusSettings(corrections=corrections))
    assert not other.sentences["corrected"].any() and not other.quotes["corrected"].any()
