"""Revue: a press-review dashboard. Layout only: all work is done by lib/."""
from __future__ import annotations

import streamlit as st

from lib.readers import SUPPORTED_SUFFIXES, read_bytes
from ui import state
from ui.filters import sidebar_filters

st.set_page_config(page_title="Revue", page_icon="📰", layout="wide")
state.init()

PAGES = [
    st.Page("views/overview.py", title="Overview", icon="📊", default=True),
    st.Page("views/actors.py", title="Actors", icon="👥"),
    st.Page("views/quotes.py", title="Quotes", icon="💬"),
    st.Page("views/stances.py", title="Stances", icon="⚖️"),
    st.Page("views/timeline.py", title="Timeline", icon="🗓️"),
    st.Page("views/article.py", title="Article", icon="📄"),
    st.Page("views/export.py", title="Export", icon="📦"),
]
navigation = st.navigation(PAGES)


def upload_panel() -> None:
    with st.sidebar.expander("Add articles", expanded=False):
        files = st.file_uploader("Text, Markdown or corpus files", accept_multiple_files=True,
                                 type=sorted(s.lstrip(".") for s in SUPPORTED_SUFFIXES), key="uploads")
        done: set[str] = st.session_state.setdefault("uploaded_ids", set())
        new = [f for f in files or [] if f.file_id not in done]
        if new:
            articles = [a for f in new for a in read_bytes(f.name, f.getvalue())]
            bar = st.progress(0.0, text="Analyzing…")
            added = state.add_articles(articles, lambda i, n, aid: bar.progress(i / n, text=f"Analyzing {aid} ({i}/{n})"))
            bar.empty()
            done.update(f.file_id for f in new)
            failed = [a for a in articles if a.error]
            st.success(f"Added {added - len(failed)} article(s) from {len(new)} file(s).")
            for a in failed:
                st.error(f"{a.file}: {a.error}")
        keep_sample = st.toggle("Include the sample corpus", value=True, key="keep_sample")
        if keep_sample != st.session_state.setdefault("_sample_shown", True):
            st.session_state._sample_shown = keep_sample
            state.replace_with_sample(keep_sample)
            st.session_state.uploaded_ids = set()


upload_panel()
corpus = state.corpus()
st.session_state["filters"] = sidebar_filters(corpus)
navigation.run()
