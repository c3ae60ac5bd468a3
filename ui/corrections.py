"""The analyst's corrections on screen: a sentence's tone (Article), a stance's sign (Stances), a quote's
speaker (Quotes), and the corrections CSV (Export).

Each control builds a ``lib.corpus.corrections.Correction`` from what the page shows and hands it to
``state.change_corrections`` in a widget callback, so the page that runs next already shows it. Corrected
rows carry ``corrected`` in every frame; here they get a badge. Every uploaded string is shown through
``plain_markdown`` (captions, messages) or as a widget option (plain text).
"""
from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
import streamlit as st

from lib.charts.quotes import NO_SPEAKER, short_title
from lib.charts.stances import NEGATIVE, POSITIVE
from lib.corpus.corrections import (SIGNS, SPEAKER, STANCE, TONE, Correction, Corrections, now, speaker_correction,
                             stance_correction, text_key, tone_correction)
from lib.corpus.frames import Corpus
from lib.output.markup import plain_markdown
from ui import state
from ui.render import import_once

TONE_NAMES = {-1: "negative", 0: "neutral", 1: "positive"}
SIGN_NAMES = {-1: "hostile (−1)", 0: "neutral (0)", 1: "supportive (+1)"}
BADGE = "corrected"


def badge(what: str = BADGE) -> None:
    st.badge(what, icon=":material/edit:", color="violet")


def _message(place: str) -> None:
    """The outcome of the last correction made with the control at ``place`` (set by its callback)."""
    done = st.session_state.pop(f"_correction_message_{place}", None)
    if done:
        ok, text = done
        (st.success if ok else st.warning)(text)


def _set(place: str, build, what: str) -> None:
    """Callback: the correction ``build()`` makes, saved."""
    problem = state.change_corrections(lambda cs: cs.set(build()))
    st.session_state[f"_correction_message_{place}"] = (not problem, plain_markdown(problem) or what)


def _remove(place: str, key: tuple, widget: str, what: str) -> None:
    """Callback: back to the computed value (the control's pending choice is dropped with it)."""
    problem = state.change_corrections(lambda cs: cs.remove(key))
    st.session_state.pop(widget, None)
    st.session_state[f"_correction_message_{place}"] = (not problem, plain_markdown(problem) or what)


def _when(at: str) -> str:
    """A correction's ISO timestamp as a reader writes it ("2026-12-07 08:53 UTC"); an imported file's
    other text as it is."""
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return at
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _decided(correction: Correction | None) -> None:
    """When and why an item was corrected, under its control."""
    if correction is not None:
        st.caption(f"Corrected {plain_markdown(_when(correction.at or ''))}"
                   + (f": {plain_markdown(correction.note)}" if correction.note else "."))


def _article_text(corpus: Corpus, article_id: str) -> str:
    return str(corpus.articles.set_index("article_id").at[article_id, "text"])


def _flags(frame: pd.DataFrame) -> pd.Series:
    return frame["corrected"].astype("boolean").fillna(False).astype(bool)


# --- Article: a sentence's tone ------------------------------------------------------------------------------
def _value_note_button() -> list:
    """Columns for a correction's value, note and button, under the row picker: beside it, at 1024 px, the
    value read "nega" or "suppo", and the button "Correct the …"."""
    return st.columns([2, 2.4, 1.6], vertical_alignment="bottom")


def tone_editor(corpus: Corpus, article_id: str) -> None:
    sentences = corpus.sentences[corpus.sentences["article_id"] == article_id].sort_values("start")
    if sentences.empty:
        return
    sentences = sentences.assign(corrected=_flags(sentences)).reset_index(drop=True)
    text = _article_text(corpus, article_id)
    st.subheader("Sentence tone")
    st.caption("Each sentence's tone as computed, or as corrected. A correction belongs to this text: it holds "
               "after a restart, when the same text is uploaded again, and in every export.")
    st.dataframe(pd.DataFrame({"sentence": sentences["text"], "tone": sentences["tone_label"].map(TONE_NAMES),
                               "corrected": sentences["corrected"]}),
                 hide_index=True, width="stretch", height=min(38 + 35 * len(sentences), 320), key="sentence_tones",
                 column_config={"sentence": st.column_config.TextColumn("Sentence", width=620),
                                "tone": st.column_config.TextColumn("Tone", width=80),
                                "corrected": st.column_config.CheckboxColumn("Corrected", width=80)})
    labels = [f"{i + 1}. {short_title(t, 100)}" + (" · corrected" if c else "")
              for i, (t, c) in enumerate(zip(sentences["text"], sentences["corrected"]))]
    i = st.selectbox("Sentence", range(len(sentences)), format_func=labels.__getitem__, key=f"tone_pick_{article_id}")
    row = sentences.iloc[i]
    start, end, label = int(row["start"]), int(row["end"]), int(row["tone_label"])
    ident = f"{article_id}_{start}_{end}"
    value, note, go = _value_note_button()
    value.selectbox("Tone", SIGNS, index=SIGNS.index(label), format_func=TONE_NAMES.get, key=f"tone_value_{ident}")
    note.text_input("Note (optional)", key=f"tone_note_{ident}", placeholder="why")

    def build() -> Correction:
        return tone_correction(text, start, end, st.session_state[f"tone_value_{ident}"], now(),
                               st.session_state.get(f"tone_note_{ident}", ""))

    go.button("Correct", key="tone_apply", help="set this sentence's tone", type="primary", width="stretch",
              on_click=_set,
              args=("tone", build, f"Sentence {i + 1}: tone corrected."))
    if row["corrected"]:
        key = (TONE, text_key(text), start, end, "", "")
        badge()
        _decided(state.corrections().get(key))
        st.button("Back to the computed tone", key="tone_reset", on_click=_remove,
                  args=("tone", key, f"tone_value_{ident}", f"Sentence {i + 1}: computed tone again."))
    _message("tone")


# --- Quotes: a quote's speaker --------------------------------------------------------------------------------
def speaker_editor(quote: pd.Series, corpus: Corpus) -> None:
    """The speaker of the quote shown as evidence: one of its article's actors, or nobody."""
    aid, start, end = quote["article_id"], int(quote["start"]), int(quote["end"])
    text = _article_text(corpus, aid)
    quotes = corpus.quotes
    own = quotes[(quotes["article_id"] == aid) & (quotes["start"] == start) & (quotes["end"] == end)]
    current = str(own["speaker"].iloc[0] or "") if not own.empty else str(quote["speaker"] or "")
    corrected = bool(_flags(own).any())
    mentions = corpus.mentions[(corpus.mentions["article_id"] == aid) & (corpus.mentions["actor"].fillna("") != "")]
    actors = mentions["actor"].value_counts().index.tolist()  # the most mentioned first
    options = ["", *actors, *([current] if current and current not in actors else [])]
    ident = f"{aid}_{start}_{end}"
    if corrected:
        badge("speaker corrected")
    value, note, go = st.columns([3, 2, 2.1], vertical_alignment="bottom")
    value.selectbox("Speaker", options, index=options.index(current), format_func=lambda s: s or NO_SPEAKER,
                    key=f"speaker_value_{ident}", help="one of the article's actors, or nobody named")
    note.text_input("Note (optional)", key=f"speaker_note_{ident}", placeholder="why")

    def build() -> Correction:
        return speaker_correction(text, start, end, st.session_state[f"speaker_value_{ident}"], now(),
                                  st.session_state.get(f"speaker_note_{ident}", ""))

    go.button("Correct the speaker", key="speaker_apply", type="primary", width="stretch", on_click=_set,
              args=("speaker", build, "Speaker corrected."))
    if corrected:
        key = (SPEAKER, text_key(text), start, end, "", "")
        _decided(state.corrections().get(key))
        st.button("Back to the computed speaker", key="speaker_reset", on_click=_remove,
                  args=("speaker", key, f"speaker_value_{ident}", "Computed speaker again."))
    _message("speaker")


# --- Stances: a piece of evidence's sign ----------------------------------------------------------------------
def _sign(score: float) -> int:
    return -1 if score < NEGATIVE else 1 if score > POSITIVE else 0


def stance_editor(rows: pd.DataFrame, corpus: Corpus) -> None:
    """The sign of one piece of the selected pair's evidence (``lib.charts.stances.pair_evidence`` rows)."""
    if rows.empty:
        return
    st.markdown("**Correct a piece of evidence**")
    labels = [f"{i + 1}. {r.published or 'undated'} · {short_title(r.evidence, 90)} · {r.score:+.2f}"
              + (" · corrected" if r.corrected else "") for i, r in enumerate(rows.itertuples())]
    i = st.selectbox("Evidence", range(len(rows)), format_func=labels.__getitem__, key="stance_fix_pick")
    row = rows.iloc[i]
    aid, start, end = row["article_id"], int(row["start"]), int(row["end"])
    text = _article_text(corpus, aid)
    source, target = row["source_actor"], row["target_actor"]  # as shown: a correction names the pair it saw
    ident = f"{aid}_{start}_{end}_{source}_{target}"
    value, note, go = _value_note_button()
    value.selectbox("Sign", SIGNS, index=SIGNS.index(_sign(row["score"])), format_func=SIGN_NAMES.get,
                    key=f"stance_value_{ident}")
    note.text_input("Note (optional)", key=f"stance_note_{ident}", placeholder="why")

    def build() -> Correction:
        return stance_correction(text, start, end, source, target, st.session_state[f"stance_value_{ident}"],
                                 now(), st.session_state.get(f"stance_note_{ident}", ""))

    go.button("Correct", key="stance_apply", help="set this piece of evidence's sign", type="primary",
              width="stretch", on_click=_set,
              args=("stance", build, f"Evidence {i + 1}: sign corrected."))
    if row["corrected"]:
        key = (STANCE, text_key(text), start, end, source, target)
        badge()
        _decided(state.corrections().get(key))
        st.button("Back to the computed sign", key="stance_reset", on_click=_remove,
                  args=("stance", key, f"stance_value_{ident}", f"Evidence {i + 1}: computed sign again."))
    _message("stance")


# --- Export: the CSV out and in -------------------------------------------------------------------------------
def _import(upload) -> str:
    """Merge an uploaded corrections CSV; the reason it is not one, if so."""
    try:
        imported = Corrections.from_csv(upload)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as problem:  # EmptyDataError is a ValueError
        return (f"{plain_markdown(upload.name)} is not a corrections file ({plain_markdown(problem)}). Expected a "
                "CSV with the columns kind, text_sha1, start, end, value (source and target for a stance), as "
                "downloaded here.")
    problem = state.change_corrections(lambda cs: cs.merge(imported))
    st.session_state["_corrections_imported"] = (
        f"Imported {len(imported)} correction{'s' * (len(imported) != 1)} from {plain_markdown(upload.name)}."
        + (f" {plain_markdown(problem)}" if problem else ""))
    st.rerun()  # every frame on this page was built before the import
    return ""


def corrections_panel() -> None:
    """The session's corrections: a table, the CSV (with ``python -m lib analyze --corrections``), an import."""
    current = state.corrections()
    if message := st.session_state.pop("_corrections_imported", ""):
        st.success(message)
    if problem := st.session_state.get("corrections_problem"):
        st.warning(f"The store's corrections could not be read: {plain_markdown(problem)}")
    st.caption(f"{len(current)} correction{'s' * (len(current) != 1)} of sentence tone, stance sign or quote "
               "speaker, each tied to its article's text (SHA-1) and the span it corrects. The CSV goes with the "
               "alias table: `python -m lib analyze … --aliases aliases.csv --corrections corrections.csv`.")
    if len(current):
        shown = current.frame()[["kind", "excerpt", "value", "source", "target", "at", "note"]]
        st.dataframe(shown.assign(value=shown["value"].where(shown["value"] != "", NO_SPEAKER)), hide_index=True,
                     width="stretch", key="corrections_table")
    download, upload = st.columns([1, 2])
    download.download_button("Corrections (CSV)", current.to_csv().encode("utf-8"), "revue_corrections.csv",
                             "text/csv", key="dl_corrections", disabled=not len(current))
    uploaded = upload.file_uploader("Import corrections (CSV): merged with yours, the newest decision wins",
                                    type=["csv"], key="corrections_upload")
    import_once(upload, uploaded, "corrections_uploads_done", _import)
