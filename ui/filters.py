"""Sidebar filters shared by every page: date range, source, language, actors."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from lib.frames import Corpus
from ui import state


@dataclass(frozen=True)
class Filters:
    start: date | None
    end: date | None
    sources: tuple[str, ...]
    langs: tuple[str, ...]
    actors: tuple[str, ...]

    def apply(self, corpus: Corpus) -> Corpus:
        arts = corpus.articles
        keep = arts["error"].fillna("") == ""
        published = pd.to_datetime(arts["published"], errors="coerce").dt.date
        if self.start and self.end:
            # undated articles stay visible: dropping them would hide work silently
            keep &= published.isna() | ((published >= self.start) & (published <= self.end))
        if self.sources:
            keep &= arts["source"].isin(self.sources)
        if self.langs:
            keep &= arts["lang"].isin(self.langs)
        ids = set(arts.loc[keep, "article_id"])
        if self.actors:
            m = corpus.mentions
            ids &= set(m.loc[m["actor"].isin(self.actors), "article_id"])
        return corpus.restrict(ids)


def sidebar_filters(corpus: Corpus) -> Filters:
    arts = corpus.articles[corpus.articles["error"].fillna("") == ""]
    published = pd.to_datetime(arts["published"], errors="coerce").dropna()
    st.sidebar.header("Filters")
    start = end = None
    if not published.empty:
        lo, hi = published.min().date(), published.max().date()
        if lo < hi:
            picked = st.sidebar.slider("Publication date", min_value=lo, max_value=hi, value=(lo, hi),
                                       format="YYYY-MM-DD", key="filter_dates")
            start, end = picked
    sources = sorted(s for s in arts["source"].dropna().unique() if s)
    langs = sorted(s for s in arts["lang"].dropna().unique() if s)
    chosen_sources = st.sidebar.multiselect("Source", sources, key="filter_sources") if len(sources) > 1 else []
    chosen_langs = st.sidebar.multiselect("Language", langs, key="filter_langs") if len(langs) > 1 else []
    top = corpus.actors["actor"].tolist()
    chosen_actors = st.sidebar.multiselect("Actors (articles naming any of them)", top, key="filter_actors")
    return Filters(start, end, tuple(chosen_sources), tuple(chosen_langs), tuple(chosen_actors))


def filtered() -> Corpus:
    """The session's corpus as the sidebar filters (set by app.py) show it.

    Computed on demand, not once per run: a widget callback on a page (a
    corrected publication date) may change the corpus after app.py ran.
    """
    full = state.corpus()
    key = (st.session_state["_corpus_key"], st.session_state["filters"])
    if st.session_state.get("_filtered_key") != key:
        st.session_state["filtered_corpus"] = st.session_state["filters"].apply(full)
        st.session_state["_filtered_key"] = key
    return st.session_state["filtered_corpus"]
