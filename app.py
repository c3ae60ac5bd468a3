"""Revue: a press-review dashboard. Layout only: all work is done by lib/."""
from __future__ import annotations

import streamlit as st

from ui import state
from ui.filters import sidebar_filters
from ui.settings import analysis_panel
from ui.uploads import analysis_step, mapping_step, upload_panel
from ui.workspaces import workspace_switch

st.set_page_config(page_title="Revue", page_icon=":material/newspaper:", layout="wide")
state.init()

PAGES = [
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("views/actors.py", title="Actors", icon=":material/groups:"),
    st.Page("views/quotes.py", title="Quotes", icon=":material/format_quote:"),
    st.Page("views/stances.py", title="Stances", icon=":material/balance:"),
    st.Page("views/timeline.py", title="Timeline", icon=":material/calendar_month:"),
    st.Page("views/search.py", title="Search", icon=":material/search:"),
    st.Page("views/article.py", title="Article", icon=":material/article:"),
    st.Page("views/export.py", title="Export", icon=":material/download:"),
]
navigation = st.navigation(PAGES)
workspace_switch()
upload_panel()
analysis_panel()
mapping_step()
analysis_step()
corpus = state.corpus()
st.session_state["filters"] = sidebar_filters(corpus)
navigation.run()
