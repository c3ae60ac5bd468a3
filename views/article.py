"""Article: one text with its entities, quotes and dates highlighted."""
from datetime import date

import pandas as pd
import streamlit as st

from lib.charts.common import plain_markdown
from ui import state
from ui.corrections import tone_editor
from ui.filters import filtered, link_article, linked_article
from ui.render import file_label, require, show_text

st.title("Article")
corpus = filtered()
arts = corpus.articles
require(arts, "articles")
ids = arts["article_id"].tolist()
labels = dict(zip(ids, arts["published"].fillna("") + " · " + arts["title"].fillna("")))
ref, from_link = linked_article()
if from_link and ref in ids:  # a pasted link: its article, whatever this session showed last
    st.session_state["article_id"] = ref
    st.session_state.pop("article_pick", None)
elif from_link and ref:
    st.warning("The link names an article that is not among those shown (another workspace, an upload of "
               "another session, or outside the sidebar's filters): the first one is shown.",
               icon=":material/link_off:")
current = st.session_state.get("article_id")
article_id = st.selectbox("Article", ids, index=ids.index(current) if current in ids else 0,
                          format_func=labels.get, key="article_pick")
st.session_state["article_id"] = article_id
link_article(article_id)
known = pd.to_datetime(arts.loc[arts["article_id"] == article_id, "published"].iloc[0], errors="coerce")


def _publication_changed(changed_id: str) -> None:
    picked = st.session_state.get(f"published_{changed_id}")
    if picked:
        state.set_published(changed_id, picked.isoformat())


with st.expander("Publication date (relative dates such as « hier » are resolved against it)"):
    st.date_input("Published", value=None if pd.isna(known) else known.date(), min_value=date(1900, 1, 1),
                  key=f"published_{article_id}", on_change=_publication_changed, args=(article_id,))
corpus = filtered()  # again: the callback above may just have re-analyzed this article
match = corpus.articles[corpus.articles["article_id"] == article_id]
if match.empty:
    st.info("With its new publication date this article falls outside the sidebar's date range.")
    st.stop()
row = match.iloc[0]
st.caption(f"{plain_markdown(row['source'] or 'unknown source')} · published {row['published'] or 'unknown'} · "
           f"{plain_markdown(row['lang'])} · {row['n_words']} words · {plain_markdown(file_label(row['file']))}")
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
tone_editor(corpus, article_id)
