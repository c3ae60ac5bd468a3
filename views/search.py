"""Search: every sentence that uses some words, and actors or words compared over time as a share of coverage."""
import streamlit as st

from lib.charts import search as charts
from lib.charts.common import plain_markdown
from lib.charts.quotes import short_title
from ui.filters import SEARCH_BOX, actor_colors, filtered, set_query
from ui.render import open_article_button, require, show_text, table_page
from ui.settings import fit

IN_CONTEXT = 30  # sentences shown with their highlights and a button; the table lists them all
COMPARED = "search_actors"

st.title("Search")
corpus = filtered()
require(corpus.articles, "articles")
view = st.session_state["filters"]
if SEARCH_BOX not in st.session_state:  # the box was not on screen last run: it starts from the view (or ``q``)
    st.session_state[SEARCH_BOX] = view.query
box, how = st.columns([3, 2])
query = box.text_input("Search the articles", key=SEARCH_BOX,
                       placeholder='words, or "a phrase" in quotes; case and accents do not matter',
                       help='Several words: sentences using any of them (or every one). "réform*" ends any way.')
mode = how.radio("Sentences using", [charts.ANY, charts.ALL], horizontal=True, key="search_mode",
                 format_func={charts.ANY: "any of the terms", charts.ALL: "every term"}.get)
set_query(query)
terms = charts.parse_query(query)

sentences_tab, compare_tab = st.tabs(["Sentences", "Compare over time"])

with sentences_tab:
    if not terms:
        st.info("Type words or a phrase to list every sentence that uses them, with its article, date and source.")
    else:
        matches = charts.search_sentences(corpus.articles, corpus.sentences, terms, mode)
        if matches.empty:
            st.info(f"No sentence uses {' / '.join(f'“{plain_markdown(t)}”' for t in terms)} in the current "
                    "selection. Try fewer words, an ending with *, or widen the sidebar filters.")
        else:
            m1, m2, m3 = st.columns(3)
            m1.metric("Sentences", f"{len(matches):,}")
            m2.metric("Articles", f"{matches['article_id'].nunique():,}")
            m3.metric("Sources", f"{matches['source'].replace('', None).nunique():,}")
            if len(terms) > 1:
                st.dataframe(charts.term_counts(matches, terms), hide_index=True, key="search_term_counts")
            listed, _ = table_page(matches[["published", "source", "title", "sentence", "terms"]], "search_matches")
            st.dataframe(listed, hide_index=True,
                         width="stretch", key="search_matches",
                         column_config={"sentence": st.column_config.TextColumn("sentence", width="large"),
                                        "title": st.column_config.TextColumn("article", width="medium")})
            st.subheader("In context")
            if len(matches) > IN_CONTEXT:
                st.caption(f"The first {IN_CONTEXT} of {len(matches)}: add words or narrow the sidebar filters.")
            for i, row in matches.head(IN_CONTEXT).iterrows():
                with st.container(border=True):
                    st.caption(f"{row['published'] or 'undated'} · {plain_markdown(row['source'] or 'unknown source')}"
                               f" · {plain_markdown(short_title(row['title']) or row['article_id'])}")
                    show_text(row["sentence"], row["spans"])
                    open_article_button(row["article_id"], f"search_open_{i}")

with compare_tab:
    ranked = corpus.actors.sort_values(["n_articles", "actor"], ascending=[False, True])["actor"].tolist()
    if COMPARED not in st.session_state:  # the sidebar's actors, else the three people most covered
        people = set(corpus.actors.loc[corpus.actors["label"] == "PER", "actor"])
        linked = [a for a in view.actors if a in ranked][:charts.MAX_SERIES]
        st.session_state[COMPARED] = linked or ([a for a in ranked if a in people] or ranked)[:3]
    elif any(a not in ranked for a in st.session_state[COMPARED]):
        st.session_state[COMPARED] = [a for a in st.session_state[COMPARED] if a in ranked]
    pick, per = st.columns([3, 2])
    actors = pick.multiselect("Actors", ranked, key=COMPARED, max_selections=charts.MAX_SERIES,
                              help="The search terms above are compared too (up to six lines in all).")
    period = per.radio("Per", list(charts.PERIODS), index=1, horizontal=True, key="search_period")
    series = [charts.Series(t, "term") for t in terms] + [charts.Series(a, "actor") for a in actors]
    if len(series) > charts.MAX_SERIES:
        st.caption(f"Up to {charts.MAX_SERIES} lines: "
                   f"{', '.join(plain_markdown(s.label) for s in series[charts.MAX_SERIES:])} left out.")
        series = series[:charts.MAX_SERIES]
    hits = {s.label: charts.series_articles(s, corpus.articles, corpus.mentions) for s in series}
    shares = charts.coverage_share(corpus.articles, hits, period)
    st.plotly_chart(fit(charts.coverage_figure(shares, period, series, actor_colors())), width="stretch",
                    key="search_coverage")
    st.caption(f"Each point is the articles of that {period} that mention the actor (or use the term) divided by "
               f"all the articles published that {period}, so a busy {period} does not read as more attention. "
               "No point: nothing was published then. Undated articles are left out.")
    if view.actors:
        st.caption("The sidebar keeps only the articles naming its actors: shares are of those articles.")
    if not shares.empty:
        published = shares[shares["articles"] > 0]
        st.dataframe(published[["period", "series", "mentioning", "articles", "share"]], hide_index=True,
                     width="stretch", key="search_shares",
                     column_config={"mentioning": "articles mentioning", "articles": "articles published",
                                    "share": st.column_config.NumberColumn("share", format="percent")})
