"""Article: one text with its entities, quotes and dates highlighted."""
import streamlit as st

from ui.filters import filtered
from ui.render import empty_notice, show_text

st.title("Article")
corpus = filtered()
arts = corpus.articles
if arts.empty:
    empty_notice("articles")
    st.stop()
ids = arts["article_id"].tolist()
labels = dict(zip(ids, arts["published"].fillna("") + " · " + arts["title"].fillna("")))
current = st.session_state.get("article_id")
article_id = st.selectbox("Article", ids, index=ids.index(current) if current in ids else 0,
                          format_func=labels.get, key="article_pick")
st.session_state["article_id"] = article_id
row = arts[arts["article_id"] == article_id].iloc[0]
st.caption(f"{row['source'] or 'unknown source'} · published {row['published'] or 'unknown'} · "
           f"{row['lang']} · {row['n_words']} words · {row['file']}")
layers = st.multiselect("Highlight", ["quotes", "entities", "dates"], default=["quotes", "entities", "dates"],
                        key="article_layers")
spans = []
if "quotes" in layers:
    q = corpus.quotes[corpus.quotes["article_id"] == article_id]
    spans += [(s, e, "quote") for s, e in zip(q["start"], q["end"])]
    spans += [(s, e, "speaker") for s, e in zip(q["speaker_start"], q["speaker_end"]) if s >= 0]
if "entities" in layers:
    m = corpus.mentions[corpus.mentions["article_id"] == article_id]
    spans += list(zip(m["start"], m["end"], m["label"]))
if "dates" in layers:
    d = corpus.dates[corpus.dates["article_id"] == article_id]
    spans += [(s, e, "date") for s, e in zip(d["start"], d["end"])]
st.markdown("Legend: <mark class='rv-quote'>quote</mark> <mark class='rv-speaker'>speaker</mark> "
            "<mark class='rv-PER'>person</mark> <mark class='rv-ORG'>organisation</mark> "
            "<mark class='rv-GPE'>place</mark> <mark class='rv-date'>date</mark>", unsafe_allow_html=True)
show_text(row["text"], [(int(s), int(e), c) for s, e, c in spans])
