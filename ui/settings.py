"""The sidebar's settings: per-article analysis choices that change what is computed (a re-analysis), and
the display's text size (a projector's large text), kept in the session."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from lib.charts.common import scale_fonts
from lib.models.tone import TONE_BACKENDS
from ui import state

TONE_LABELS = {"model": "Trained on annotated news", "lexicon": "Word list only"}
LARGE_TEXT = "large_text"  # the toggle's key
LARGE_SCALE = 1.3  # how much larger the text and the charts' labels are with it on
# Streamlit sizes its text in rem: a larger root font scales the whole app, sidebar included
LARGE_TEXT_CSS = f"<style>html{{font-size:{16 * LARGE_SCALE:.1f}px}}</style>"


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
    display_panel()


def display_panel() -> None:
    """The large-text switch, under the analysis settings (app.py draws those: this needs no line of its own)."""
    st.sidebar.toggle("Large text", key=LARGE_TEXT,
                      help="For a projector: the app's text and the charts' labels 30 % larger, on every page "
                           "of this session.")
    if font_scale() != 1:
        st.html(LARGE_TEXT_CSS)


def font_scale() -> float:
    """How much larger than usual the text is drawn in this session."""
    return LARGE_SCALE if st.session_state.get(LARGE_TEXT) else 1.0


def fit(fig: go.Figure) -> go.Figure:
    """``fig`` with its text at the session's size (every page's charts go through here)."""
    return scale_fonts(fig, font_scale())
