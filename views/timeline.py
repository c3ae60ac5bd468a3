"""Timeline: what happened when, by the dates the articles give."""
import pandas as pd
import plotly.express as px
import streamlit as st

from lib.charts.common import styled
from lib.charts.overview import publication_volume
from ui.filters import filtered
from ui.render import empty_notice

st.title("Timeline")
corpus = filtered()
dates = corpus.dates.merge(corpus.articles[["article_id", "title"]], on="article_id")
dates = dates.assign(when=pd.to_datetime(dates["value"].str.slice(0, 10), format="%Y-%m-%d", errors="coerce"))
days = dates.dropna(subset=["when"])
if days.empty:
    empty_notice("resolved day dates")
else:
    fig = px.scatter(days, x="when", y="title", hover_data={"sentence": True, "text": True, "when": "|%Y-%m-%d"})
    st.plotly_chart(styled(fig, "Dated expressions by resolved date", 500), width="stretch")
if not corpus.articles.empty:
    st.plotly_chart(publication_volume(corpus.articles), width="stretch")
st.dataframe(dates[["value", "text", "sentence", "title"]], hide_index=True, width="stretch")
