"""Actors: who appears, who speaks, who appears with whom, and the alias table that decides who is who."""
import networkx as nx
import streamlit as st

from lib.charts import actors as charts
from lib.charts.common import plain_markdown
from ui.aliases import alias_editor
from ui.downloads import FileSpec, download
from ui.filters import actor_colors, filtered
from ui.render import empty_notice, fitted_column, table_page
from ui.settings import fit, font_scale

st.title("Actors")
corpus = filtered()
if corpus.actors.empty:
    empty_notice("actors")
    if not st.session_state.aliases.frame.empty:  # everything ignored must not be a dead end
        with st.expander("Alias table"):
            alias_editor()
    st.stop()

types_column, _ = st.columns([2, 3])
labels = types_column.multiselect("Type", charts.ACTOR_LABELS, default=["PER", "ORG", "GPE", "LOC"],
                                  key="actor_types")
actors = corpus.actors[corpus.actors["label"].isin(labels)] if labels else corpus.actors
mentions = corpus.mentions[corpus.mentions["actor"].isin(set(actors["actor"]))]

# actors named in the sidebar (a link's ``actor``): the page opens on the profile of the first of them
overview, network, profile_tab, voices, aliases = st.tabs(
    ["Overview", "Network", "Profile", "Voices by source", "Aliases"],
    default="Profile" if set(st.session_state["filters"].actors) & set(actors["actor"]) else None)

with overview:
    if actors.empty:
        empty_notice("actors of these types")
    else:
        # the affiliation in full: "Parti radic…" cut by a narrow column misleads
        listed, _ = table_page(actors[["actor", "label", "aliases", "n_mentions", "n_articles", "n_quotes",
                                       "affiliation"]], "actors_table")
        st.dataframe(listed, hide_index=True, width="stretch", height=300,
                     column_config={"label": "type", "n_mentions": "mentions", "n_articles": "articles",
                                    "n_quotes": "quotes",
                                    "affiliation": fitted_column("affiliation", listed["affiliation"])},
                     key="actors_table")
        n = st.columns([2, 3])[0].slider("Actors in the charts", 5, 40, 15, key="actors_top_n")
        by_mentions, by_articles = st.columns(2)
        by_mentions.plotly_chart(fit(charts.top_actors(actors, n, "n_mentions", actor_colors())), width="stretch",
                                 key="top_by_mentions")
        by_articles.plotly_chart(fit(charts.top_actors(actors, n, "n_articles", actor_colors())), width="stretch",
                                 key="top_by_articles")
        st.plotly_chart(fit(charts.share_of_voice_figure(actors, n)), width="stretch", key="share_of_voice")
        st.caption("Share of voice: an actor's share of all mentions (talked about) next to its share of "
                   "all attributed quotes (given the floor).")

with network:
    top, weight, unit = st.columns([2, 2, 1])
    n_nodes = top.slider("Most mentioned actors", 5, 100, 30, key="network_top")
    min_weight = weight.slider("Minimum times together", 1, 10, 1, key="network_min_weight")
    unit = unit.radio("Together in the same", ["sentence", "paragraph"], key="network_unit", horizontal=True)
    spans = corpus.sentences if unit == "sentence" else charts.paragraphs(corpus.articles)
    graph = charts.cooccurrence_graph(mentions, spans, actors, n_nodes, min_weight)
    # names placed for the session's text size: not rescaled after
    st.plotly_chart(charts.network_figure(graph, unit=unit, colors=actor_colors(), font_scale=font_scale()),
                    width="stretch", key="network")
    if graph.number_of_edges():
        graphml, gexf, _ = st.columns([1, 1, 3])
        # the graph is a function of these: the files are rebuilt only when one changes
        drawn = (st.session_state["_corpus_key"], st.session_state["filters"].narrowing(), tuple(labels), n_nodes,
                 min_weight, unit)
        for where, fmt, label in ((graphml, "graphml", "GraphML (Gephi, yEd)"), (gexf, "gexf", "GEXF (Gephi)")):
            download(FileSpec(label, f"revue_actors.{fmt}", "application/xml",
                              lambda fmt=fmt: charts.network_bytes(graph, fmt)), f"dl_{fmt}", drawn, where)
        edges = nx.to_pandas_edgelist(graph).sort_values("weight", ascending=False)
        st.dataframe(edges[["source", "target", "weight", "articles"]], hide_index=True, width="stretch", height=260,
                     column_config={"source": "one", "target": "the other", "weight": f"{unit}s together"})
    else:
        st.caption("Lower the minimum or show more actors to see links.")

with profile_tab:
    if actors.empty:
        empty_notice("actors of these types")
    else:
        ranked = actors.sort_values(["n_mentions", "actor"], ascending=[False, True])["actor"].tolist()
        pick_column, _ = st.columns([2, 3])
        linked = next((a for a in st.session_state["filters"].actors if a in ranked), None)
        if linked and st.session_state.get("actor_profile") not in ranked:  # a link's actor opens their profile
            st.session_state["actor_profile"] = linked
        actor = pick_column.selectbox("Actor", ranked, key="actor_profile")
        profile = charts.actor_profile(actor, corpus.mentions, corpus.quotes, corpus.articles, corpus.sentences,
                                       corpus.actors)
        row = actors.set_index("actor").loc[actor]
        # type and affiliation as text, not as metrics: a metric cuts "Les Républicains" to "Les Répu…"
        st.markdown(f"**{plain_markdown(profile.label)}** · "
                    + (f"affiliated to **{plain_markdown(profile.affiliation)}**" if profile.affiliation
                       else "no affiliation found"))
        m1, m2, m3 = st.columns(3)
        m1.metric("Mentions", int(row["n_mentions"]))
        m2.metric("Articles", int(row["n_articles"]))
        m3.metric("Quotes", int(row["n_quotes"]))
        names, over_time = st.columns([1, 2])
        names.markdown("**Aliases**")
        names.dataframe(profile.aliases, hide_index=True, width="stretch")
        over_time.plotly_chart(fit(charts.mentions_over_time_figure(profile, actor_colors())), width="stretch",
                               key="profile_over_time")
        co_quoted, co_mentioned, talks_about = st.columns(3)
        co_quoted.markdown("**Quoted alongside** (other voices in the articles quoting them)")
        co_quoted.dataframe(profile.co_quoted, hide_index=True, width="stretch", height=240)
        co_mentioned.markdown("**Named with** (same sentence)")
        co_mentioned.dataframe(profile.co_mentioned.rename(columns={"actor": "with", "weight": "sentences"}),
                               hide_index=True, width="stretch", height=240)
        talks_about.markdown("**Talks about** (actors named in their quotes)")
        talks_about.dataframe(profile.talks_about.rename(columns={"actor": "about"}), hide_index=True,
                              width="stretch", height=240)
        st.markdown(f"**Their quotes** ({len(profile.quotes)})")
        if profile.quotes.empty:
            st.caption(f"No quote is attributed to {plain_markdown(actor)} in the current selection.")
        else:
            listed, _ = table_page(profile.quotes.drop(columns="article_id"), "actor_profile_quotes")
            st.dataframe(listed, hide_index=True, width="stretch",
                         column_config={"sentence": st.column_config.TextColumn("sentence (evidence)", width="large"),
                                        "quote": st.column_config.TextColumn("quote", width="medium"),
                                        "title": st.column_config.TextColumn("article", width="medium")})

with voices:
    speakers = corpus.quotes[corpus.quotes["speaker"].isin(set(actors["actor"]))]
    n_voices = st.columns([2, 3])[0].slider("Speakers and sources shown", 3, 30, 12, key="voices_top")
    matrix = charts.voices_by_source(speakers, corpus.articles, n_voices)
    st.plotly_chart(fit(charts.voices_by_source_figure(matrix)), width="stretch", key="voices_by_source")
    if not matrix.empty:
        st.dataframe(matrix.rename_axis(index="source", columns=None).reset_index(), hide_index=True,
                     width="stretch")

with aliases:
    alias_editor()
