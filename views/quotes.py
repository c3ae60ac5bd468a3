"""Quotes: who said what, searchable and filterable, each quote in its context; speaker drill-down."""
import pandas as pd
import streamlit as st

from lib.charts.common import plain_markdown
from lib.charts.quotes import (EVENT, KINDS, NO_SPEAKER, PUBLISHED, TONE_NAMES, QuoteFilter, attribution_line,
                               date_bounds, evidence, evidence_caption, find_quote, hide_weak_attributions, passages,
                               quote_kinds, quote_ref, quote_table, quote_tones, short_title, speaker_summary,
                               top_speakers)
from ui.corrections import speaker_editor
from ui.filters import actor_colors, filtered, link_quote, linked_quote
from ui.render import open_article_button, require, show_text, table_page
from ui.settings import fit

DRILL_LIMIT = 20  # passages shown in context for one speaker; the table above lists all their quotes
# widths in pixels so that the quote gets the room and a long headline does not push the table sideways
TABLE_COLUMNS = {"published": st.column_config.TextColumn("Published", width=88),
                 "speaker": st.column_config.TextColumn("Speaker", width=130),
                 "speaker_confidence": st.column_config.NumberColumn(
                     "Conf.", width=56, format="%.2f",
                     help="The speaker model's probability for this attribution (trained on annotated news)"),
                 # beside the speaker it qualifies: at the table's end it sat past the right edge at 1440 px
                 "corrected": st.column_config.CheckboxColumn("Corrected", width=70,
                                                              help="Speaker corrected by an analyst"),
                 "kind": st.column_config.TextColumn("Kind", width=66),
                 "text": st.column_config.TextColumn("Quote", width=330),
                 "tone_name": st.column_config.TextColumn("Tone", width=66),
                 "event_dates": st.column_config.TextColumn("Dates", width=84,
                                                            help="Dates mentioned in the quote's sentence"),
                 "title": st.column_config.TextColumn("Article", width=170)}

st.title("Quotes")
corpus = filtered()
table = quote_table(corpus.quotes, corpus.articles, corpus.events)
require(table, "quotes")


def show_evidence(quote: pd.Series, key: str) -> None:
    st.caption(evidence_caption(quote))
    st.markdown(attribution_line(quote))
    excerpt, spans = evidence(quote)
    show_text(excerpt, spans)
    open_article_button(quote["article_id"], key)


# --- filters -----------------------------------------------------------------------------------------------
c1, c2, c3, c0 = st.columns([2, 2, 1, 1])
threshold = c0.slider("Min. confidence", 0.0, 1.0, 0.0, 0.05, key="quote_confidence",
                      help="A quote whose speaker the model gives less than this is listed as (no speaker)")
table = hide_weak_attributions(table, threshold)
search = c1.text_input("Search in quotes", key="quote_search", placeholder="words of a quote or a speaker's name")
named = sorted(s for s in table["speaker"].unique() if s)
speakers = c2.multiselect("Speaker", named + ([NO_SPEAKER] if (table["speaker"] == "").any() else []),
                          key="quote_speakers")
kinds = c3.multiselect("Kind", list(KINDS), key="quote_kinds")
c4, c5, c6 = st.columns([2, 1, 2])
titles = table.drop_duplicates("article_id").set_index("article_id")
article_labels = {aid: f"{published or 'undated'} · {short_title(title)}"
                  for aid, published, title in zip(titles.index, titles["published"], titles["title"])}
article_ids = c4.multiselect("Article", sorted(article_labels, key=article_labels.get), format_func=article_labels.get,
                             key="quote_articles")
tones = c5.multiselect("Tone", list(TONE_NAMES), format_func=TONE_NAMES.get, key="quote_tones")
basis = c6.radio("Date", [PUBLISHED, EVENT], horizontal=True, key="quote_date_basis",
                 format_func={PUBLISHED: "published", EVENT: "mentioned in the quote"}.get,
                 help="Filter on the article's publication date, or on a date the quote's sentence mentions")
bounds = date_bounds(table, basis)
dates = None
if bounds and bounds[0] < bounds[1]:
    picked = c6.slider("Date range", min_value=bounds[0], max_value=bounds[1], value=bounds, format="YYYY-MM-DD",
                       key=f"quote_dates_{basis}", label_visibility="collapsed")
    # the full range keeps the quotes of undated articles
    dates = None if tuple(picked) == bounds else tuple(picked)
elif basis == EVENT:
    c6.caption(f"Every dated quote mentions {bounds[0]}." if bounds else "No quote's sentence mentions a date.")

wanted = QuoteFilter(search, tuple(speakers), tuple(kinds), tuple(article_ids), tuple(tones), dates, basis)
shown = wanted.apply(table)
around = QuoteFilter(**{**wanted.__dict__, "speakers": ()}).apply(table)  # the charts compare every speaker
require(shown, "quotes matching these criteria")

m1, m2, m3, m4 = st.columns(4)
m1.metric("Quotes", f"{len(shown):,}")
m2.metric("Speakers", f"{shown.loc[shown['speaker'] != '', 'speaker'].nunique():,}")
m3.metric("Articles", f"{shown['article_id'].nunique():,}")
m4.metric("Words quoted", f"{int(shown['words'].sum()):,}")

quotes_tab, speakers_tab = st.tabs(["Quotes", "Speakers"])

# --- the table and the selected quote in context -------------------------------------------------------
with quotes_tab:
    ref, from_link = linked_quote()
    linked = find_quote(shown, ref) if ref else None
    # a long list is paged; a link opens the page that holds its quote
    # a blank speaker cell reads as missing data: it is a decision, named as the Speaker filter names it
    listed = shown[list(TABLE_COLUMNS)].assign(speaker=shown["speaker"].replace("", NO_SPEAKER))
    page, offset = table_page(listed, "quote_table",
                              showing=linked if from_link and linked is not None else None)
    # one table per page: a row picked on one page does not pick the row at its place on another
    event = st.dataframe(page.reset_index(drop=True), hide_index=True, width="stretch", on_select="rerun",
                         selection_mode="single-row", column_config=TABLE_COLUMNS,
                         key=f"quote_table_{offset}" if offset else "quote_table")
    rows = [offset + r for r in (event.selection.rows if event and event.selection else []) if r < len(page)]
    # the quote in context: the row picked in the table, else the one a link names, else the page's first
    if ref and linked is None and from_link:
        st.warning(f"The link names a quote that is not among those listed (not in this corpus, or outside "
                   f"the filters), ignored: “{plain_markdown(ref[:60])}”.", icon=":material/link_off:")
    selected = shown.iloc[rows[0] if rows else linked if linked is not None else offset]
    link_quote(quote_ref(selected) if rows or linked is not None else "")
    st.subheader("Evidence")
    st.caption("Select a row above to see another quote in context; the page's link names the one shown.")
    show_evidence(selected, "quote_open_selected")
    speaker_editor(selected, corpus)

# --- speakers: who is quoted, and a drill-down into one speaker's quotes -----------------------------------
with speakers_tab:
    left, right = st.columns([3, 1])
    clicked = left.plotly_chart(fit(top_speakers(around, colors=actor_colors())), width="stretch",
                                on_select="rerun", selection_mode="points", key="quote_speaker_chart")
    right.plotly_chart(fit(quote_kinds(shown)), width="stretch", key="quote_kinds_chart")
    right.plotly_chart(fit(quote_tones(shown)), width="stretch", key="quote_tones_chart")
    summary = speaker_summary(shown)
    points = clicked.selection.points if clicked and clicked.selection else []
    # the bar's speaker as written (customdata): its axis label is escaped
    bar = next((p["customdata"][0] for p in points if p.get("customdata")
                and p["customdata"][0] in set(summary["speaker"])), None)
    # a new click on a bar picks that speaker; the selectbox stays free to choose another one afterwards
    if bar and bar != st.session_state.get("_quote_bar"):
        st.session_state["quote_drill_speaker"] = bar
    st.session_state["_quote_bar"] = bar
    # named speakers first (the default is the most quoted one); the unattributed quotes last
    options = sorted(summary["speaker"], key=lambda s: s == NO_SPEAKER)
    if st.session_state.get("quote_drill_speaker") not in options:
        st.session_state.pop("quote_drill_speaker", None)
    st.subheader("One speaker's quotes")
    who = st.columns([2, 3])[0].selectbox(
        "Speaker (or click a bar above)", options, key="quote_drill_speaker",
        format_func=lambda s: f"{s} ({summary.set_index('speaker').at[s, 'quotes']})")
    stats = summary.set_index("speaker").loc[who]
    theirs = shown[shown["speaker"].replace("", NO_SPEAKER) == who]
    d1, d2, d3, d4 = st.columns(4)
    d1.metric("Their quotes", f"{int(stats['quotes']):,}")
    d2.metric("Words quoted", f"{int(stats['words']):,}")
    d3.metric("Articles", f"{int(stats['articles']):,}")
    d4.metric("Mean tone", f"{stats['mean_tone']:+.2f}",
              help="The mean tone of their quotes, from −1 (negative) to +1 (positive).")
    st.caption(" · ".join(f"{kind} {int(stats[kind])}" for kind in KINDS) + "  —  "
               + " · ".join(f"{name} {int(stats[name])}" for name in TONE_NAMES.values()))
    listed, _ = table_page(theirs[["published", "kind", "text", "tone_name", "event_dates", "title"]],
                           "quote_drill_table")
    st.dataframe(listed.reset_index(drop=True), hide_index=True, width="stretch", column_config=TABLE_COLUMNS,
                 key="quote_drill_table")
    st.subheader("Their quotes in context")
    found = passages(theirs)
    st.caption(f"{len(theirs)} quote{'s' * (len(theirs) != 1)} in {len(found)} passage{'s' * (len(found) != 1)}: "
               "each paragraph once, with every quote of theirs in it highlighted."
               + (f" The first {DRILL_LIMIT} passages: narrow them with the filters above."
                  if len(found) > DRILL_LIMIT else ""))
    for i, passage in enumerate(found[:DRILL_LIMIT]):
        with st.container(border=True):
            st.caption(passage.caption + (f" · {passage.quotes} quotes" if passage.quotes > 1 else ""))
            show_text(passage.text, passage.spans)
            open_article_button(passage.article_id, f"quote_open_{i}")
