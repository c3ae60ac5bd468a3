"""Stances: who speaks about whom, in what tone, with the sentences behind each cell."""
import streamlit as st

from lib.charts.stances import stance_heatmap, stance_matrix
from ui.filters import filtered
from ui.render import require

st.title("Stances")
corpus = filtered()
stances = corpus.stances
require(stances, "stance evidence")
c1, c2, c3 = st.columns(3)
top = c1.slider("Actors per axis", 5, 40, 15, key="stance_top")
min_n = c2.slider("Minimum pieces of evidence per cell", 1, 10, 1, key="stance_min")
kinds = c3.multiselect("Evidence kind", ["quote", "statement"], default=["quote", "statement"], key="stance_kinds")
stances = stances[stances["kind"].isin(kinds)] if kinds else stances
matrix = stance_matrix(stances, top, min_n)
require(matrix, "source–target pairs with that much evidence")
st.plotly_chart(stance_heatmap(matrix), width="stretch")

st.subheader("Evidence")
pairs = matrix.sort_values("n", ascending=False)
options = [f"{r.source_actor} → {r.target_actor} ({r.n})" for r in pairs.itertuples()]
choice = st.selectbox("Source → target", range(len(options)), format_func=options.__getitem__, key="stance_pair")
pair = pairs.iloc[choice]
evidence = stances[(stances["source_actor"] == pair["source_actor"]) & (stances["target_actor"] == pair["target_actor"])]
evidence = evidence.merge(corpus.articles[["article_id", "title", "published"]], on="article_id")
st.dataframe(evidence[["published", "score", "kind", "evidence", "title"]], hide_index=True, width="stretch")
