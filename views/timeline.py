"""Timeline: what happened when, by the dates the articles give, beside when they were published."""
import zlib

import streamlit as st

from lib.charts.common import plain_markdown
from lib.charts.timeline import (PRECISIONS, event_evidence, events_table, events_timeline, publication_window,
                                 select_events)
from ui.filters import actor_colors, filtered
from ui.render import fitted_column, open_article_button, require, show_text, table_page
from ui.settings import fit

# margin around the first and last publication dates, in days (None: every resolved date, 1997 included)
PERIODS = {"± 1 month": 31, "± 3 months": 92, "± 1 year": 366, "± 5 years": 1827, "all dates": None}
LANES = {"actor": "actor", "article": "article_id", "source": "source"}
VOLUME = {"day": "D", "week": "W", "month": "MS"}

st.title("Timeline")
corpus = filtered()
dated = select_events(corpus.events, include_published=True)
require(dated, "dated events")

# two controls a row at most, the date precisions on a row of their own: a segmented control or a row of
# pills does not wrap, and a narrow column cuts its last options ("ye…"), more so in large text
drawn = st.columns(2, vertical_alignment="bottom", gap="large")
lanes_by = drawn[0].segmented_control("Lanes by", list(LANES), default="actor", required=True, key="timeline_lanes")
n_lanes = drawn[1].slider("Lanes", 5, 40, 12, key="timeline_n_lanes",
                          help="The busiest lanes; the others share one « (other …) » lane.")
when = st.columns(2, vertical_alignment="bottom", gap="large")
period = when[0].select_slider("Period shown around the publication dates", list(PERIODS), value="± 3 months",
                               key="timeline_period", help="Resolved dates far from the news (history such as "
                               "« en 1997 ») appear when the period is widened; « all dates » shows every one.")
volume_per = when[1].segmented_control("Publications per", list(VOLUME), default="week", required=True,
                                       key="timeline_volume")
found = set(dated["granularity"])
present = [p for p in PRECISIONS if p in found]
precisions = st.pills("Date precision", present, selection_mode="multi", default=present, key="timeline_precisions")
with_published = st.toggle("Publication dates as events", key="timeline_published",
                           help="Each article's title at its publication date: when each story broke.")

margin = PERIODS[period]
window = publication_window(corpus.articles, margin) if margin is not None else None
shown = select_events(dated, precisions, with_published, window)
require(shown, "events at these date precisions in this period")
hidden = len(select_events(dated, precisions, with_published)) - len(shown)
if margin is not None and window is None:
    st.caption("No article has a publication date: every resolved date is shown.")
elif hidden:
    st.caption(f"{len(shown)} events shown; {hidden} dated outside the period (widen it to see them).")

figure = events_timeline(shown, LANES[lanes_by], n_lanes, with_published, x_range=window,
                         volume_of=corpus.articles, freq=VOLUME[volume_per], colors=actor_colors())
chart = st.plotly_chart(fit(figure), width="stretch", on_select="rerun", selection_mode=("points", "box"),
                        key="timeline_chart", config={"displaylogo": False})
# a mark stands for every event at its spot (lib.charts.timeline._marks): a click lists them all
picked = {int(row) for p in (chart["selection"]["points"] if chart else []) for row in p.get("customdata") or []}
rows = shown.loc[shown.index.intersection(sorted(picked))] if picked & set(shown.index) else shown

st.subheader("Events")
st.caption(f"{len(rows)} event{'s' * (len(rows) > 1)} selected in the chart (double-click the chart to clear)"
           if rows is not shown
           else "Click a mark or box-select in the chart to list its events; select a row to read it in context.")
table = events_table(rows, corpus.articles)
# keyed by the rows listed: a row picked in another listing (before a click in the chart) must not pick
# whichever event now sits at its position
listing = zlib.crc32(",".join(map(str, rows.index)).encode())
listed, offset = table_page(table, f"timeline_events_{listing:08x}")
selection = st.dataframe(listed, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                         key=f"timeline_events_{listing:08x}" + (f"_{offset}" if offset else ""), column_config={
                             # the words the date was read from, whole: "l'année de…" hides what was resolved
                             "date text": fitted_column("date text", listed["date text"]),
                             "sentence": st.column_config.TextColumn(width="large"),
                             "article": st.column_config.TextColumn(width="medium")})
chosen = selection["selection"]["rows"] if selection else []
event = rows.iloc[offset + chosen[0] if chosen and chosen[0] < len(listed) else offset]

st.subheader("Evidence")
article = corpus.articles[corpus.articles["article_id"] == event["article_id"]].iloc[0]
basis = "the publication date" if event["date_basis"] == "published" else f"« {event['date_text']} »"
st.markdown(f"**{event['date']}** ({event['granularity']}, from {plain_markdown(basis)}) · "
            f"{plain_markdown(event['actors'] or 'no named actor')}")
text, spans = event_evidence(event, corpus.articles, corpus.dates, corpus.quotes)
show_text(text, spans)
st.caption(f"{plain_markdown(article['title'])} — {plain_markdown(article['source'] or 'unknown source')} — published "
           f"{article['published'] or 'unknown'} (a wrong publication date can be corrected on the Article page; "
           "relative dates such as « hier » are then resolved again)")
open_article_button(event["article_id"], "timeline_open")
