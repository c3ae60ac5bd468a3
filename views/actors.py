"""Actors: who appears, who speaks."""
import plotly.express as px
import streamlit as st

from lib.charts.common import styled
from ui.filters import filtered
from ui.render import empty_notice

st.title("Actors")
corpus = filtered()
actors = corpus.actors
if actors.empty:
    empty_notice("actors")
    st.stop()
labels = st.multiselect("Type", ["PER", "ORG", "GPE", "LOC", "MISC"], default=["PER", "ORG", "GPE", "LOC"],
                        key="actor_types")
shown = actors[actors["label"].isin(labels)] if labels else actors
top = shown.head(25)
st.plotly_chart(styled(px.bar(top, x="n_mentions", y="actor", color="label", orientation="h",
                              category_orders={"actor": top["actor"].tolist()}), "Top actors by mentions",
                       60 + 22 * len(top)), width="stretch")
st.dataframe(shown, hide_index=True, width="stretch")
