"""Quotes: who said what, searchable, with each quote in its context."""
import streamlit as st

from lib.charts.quotes import quote_kinds, top_speakers
from ui.filters import filtered
from ui.render import empty_notice, show_text

st.title("Quotes")
corpus = filtered()
articles = corpus.articles[["article_id", "title", "published", "text"]].rename(columns={"text": "article_text"})
quotes = corpus.quotes.merge(articles, on="article_id")
if quotes.empty:
    empty_notice("quotes")
    st.stop()

left, right = st.columns([3, 1])
left.plotly_chart(top_speakers(quotes), width="stretch")
right.plotly_chart(quote_kinds(quotes), width="stretch")

c1, c2, c3 = st.columns([2, 2, 1])
search = c1.text_input("Search in quotes", key="quote_search")
speakers = c2.multiselect("Speaker", sorted(s for s in quotes["speaker"].unique() if s), key="quote_speakers")
kinds = c3.multiselect("Kind", ["direct", "partial", "indirect"], key="quote_kinds")
shown = quotes
if search:
    shown = shown[shown["text"].str.contains(search, case=False, regex=False)]
if speakers:
    shown = shown[shown["speaker"].isin(speakers)]
if kinds:
    shown = shown[shown["kind"].isin(kinds)]
if shown.empty:
    empty_notice("quotes matching these criteria")
    st.stop()

table = shown[["published", "speaker", "kind", "text", "cue", "tone", "title"]].reset_index(drop=True)
event = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                     key="quote_table")
rows = event.selection.rows if event and event.selection else []
pick = shown.iloc[rows[0] if rows else 0]
st.subheader("Evidence")
st.caption(f"{pick['title']} — {pick['published']} — select a row above to see another quote in context")
text = pick["article_text"]
paragraph_start = text.rfind("\n", 0, int(pick["start"])) + 1
paragraph_end = text.find("\n", int(pick["end"]))
paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
spans = [(int(pick["start"]), int(pick["end"]), "quote")]
for start, end, css in ((pick["speaker_start"], pick["speaker_end"], "speaker"), (pick["cue_start"], pick["cue_end"], "cue")):
    if int(start) >= 0:
        spans.append((int(start), int(end), css))
show_text(text[paragraph_start:paragraph_end], [(s - paragraph_start, e - paragraph_start, c) for s, e, c in spans])
