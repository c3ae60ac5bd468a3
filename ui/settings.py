"""The sidebar's analysis settings: per-article choices that change what is computed (a re-analysis)."""
from __future__ import annotations

import streamlit as st

from lib.models.tone import TONE_BACKENDS
from ui import state

TONE_LABELS = {"model": "Trained on annotated news", "lexicon": "Word list only"}


def analysis_panel() -> None:
    with st.sidebar.expander("Analysis settings", expanded=False):
        current = st.session_state.get("tone", "model")
        chosen = st.selectbox("Sentence and quote tone", TONE_BACKENDS, index=TONE_BACKENDS.index(current),
                              format_func=TONE_LABELS.get, key="tone_backend",
                              help="The model was trained on Revue's annotated corpus (cross-validated macro-F1 "
                                   "0.55); the word list is the reviewed lexicon alone. Changing it re-scores "
                                   "every article; uploads are analyzed again.")
        if chosen != current:
            with st.spinner("Scoring tone again…"):
                state.set_tone(chosen)
