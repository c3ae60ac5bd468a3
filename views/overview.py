"""Overview: what is in the corpus, and which files could not be read."""
import streamlit as st

from lib.charts.overview import articles_by_source, publication_volume, tone_distribution
from ui.filters import filtered
from ui.render import empty_notice
from ui.state import corpus as full_corpus

st.title("Overview")
corpus = filtered()
arts = corpus.articles
c1, c2, c3, c4, c5 = st.columns(5)
c1.metric("Articles", len(arts))
c2.metric("Words", f"{int(arts['n_words'].sum()):,}")
c3.metric("Actors", len(corpus.actors))
c4.metric("Quotes", len(corpus.quotes))
c5.metric("Dated expressions", len(corpus.dates))

if arts.empty:
    empty_notice("articles")
else:
    left, right = st.columns(2)
    left.plotly_chart(publication_volume(arts), width="stretch")
    right.plotly_chart(tone_distribution(corpus.sentences), width="stretch")
    st.plotly_chart(articles_by_source(arts), width="stretch")
    st.subheader("Articles")
    st.dataframe(arts[["article_id", "title", "source", "published", "lang", "n_words", "tone"]],
                 hide_index=True, width="stretch")

errors = full_corpus().articles
errors = errors[errors["error"].fillna("") != ""]
st.subheader("Processing status")
if errors.empty:
    st.success("Every file was read.")
else:
    st.error(f"{len(errors)} input(s) could not be read; everything else was analyzed.")
    st.dataframe(errors[["file", "error"]], hide_index=True, width="stretch")
