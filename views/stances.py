"""Stances: who takes a stance toward whom, how often, in what tone; the evidence behind each pair."""
import streamlit as st

from lib.charts.common import plain_markdown
from lib.charts.stances import (MIN_EVIDENCE, SHARES_IN_CELL_MAX, active_actors, evidence_excerpt, pair_evidence,
                                select_evidence, stance_graph, stance_heatmap, stance_matrix, stance_network,
                                stance_pairs, tone_over_time, tone_over_time_figure, unnamed_counts,
                                unnamed_per_piece)
from ui.corrections import stance_editor
from ui.filters import actor_colors, filtered, link_pair, linked_pair
from ui.render import metric_row, open_article_button, require, show_text, table_page
from ui.settings import fit, font_scale

KINDS = ("quote", "sentence")
EVIDENCE_LIMIT = 20  # pieces of evidence shown in context; the table lists them all
TABLE_COLUMNS = {"published": st.column_config.TextColumn("Published", width=88),
                 "kind": st.column_config.TextColumn("Kind", width=70),
                 "score": st.column_config.NumberColumn("Score", format="%+.2f", width=60),
                 # beside the sign it qualifies: at the table's end it sat past the right edge at 1440 px
                 "corrected": st.column_config.CheckboxColumn("Corrected", width=70,
                                                              help="Sign corrected by an analyst"),
                 "confidence": st.column_config.NumberColumn("Confidence", format="%.2f", width=80),
                 "cues": st.column_config.TextColumn("Deciding words", width=130),
                 "evidence": st.column_config.TextColumn("Evidence", width=380),
                 "title": st.column_config.TextColumn("Article", width=170)}

st.title("Stances")
st.caption("A piece of evidence is a quote in which a speaker talks about another actor, or a sentence in which "
           "an actor acts on or speaks about another. Its score runs from −1 (hostile) to +1 (supportive); its "
           "confidence is the model's probability that there is a stance at all.")
corpus = filtered()
require(corpus.stances, "stance evidence")

c1, c2, c3, c4 = st.columns([1, 1, 1.3, 1])  # the kinds' two pills need the width
min_n = c1.slider("Minimum pieces of evidence per pair", 1, 10, MIN_EVIDENCE, key="stance_min",
                  help="Pairs with less evidence are hidden: one sentence is an anecdote, not a stance.")
min_confidence = c2.slider("Minimum confidence", 0.0, 0.95, 0.0, 0.05, format="%.2f", key="stance_confidence",
                           help="Leave out the evidence the model is least sure is a stance at all.")
kinds = c3.pills("Evidence kind", list(KINDS), selection_mode="multi", default=list(KINDS), key="stance_kinds")
top = c4.slider("Actors per axis", 5, 40, 15, key="stance_top",
                help="The most active sources and the most targeted actors among the pairs shown.")

evidence = select_evidence(corpus.stances, kinds, min_confidence)
require(evidence, "stance evidence of these kinds at this confidence")
pairs = stance_pairs(evidence)
matrix = stance_matrix(evidence, top, min_n)
hidden = int((pairs["n"] < min_n).sum())
beyond = len(pairs) - hidden - len(matrix)
st.caption(f"{len(matrix)} source → target pair{'s' * (len(matrix) != 1)} shown, from {len(evidence)} pieces of "
           f"evidence; {hidden} pair{'s' * (hidden != 1)} with fewer than {min_n} hidden"
           + (f"; {beyond} more beyond the {top} most active sources and targets." if beyond else "."))

# --- the matrix and the network -----------------------------------------------------------------------------
if matrix.empty:
    st.info(f"No source → target pair has {min_n} pieces of evidence or more: lower the minimum above.")
else:
    matrix_tab, network_tab = st.tabs(["Matrix", "Network"])
    with matrix_tab:
        st.plotly_chart(fit(stance_heatmap(matrix)), width="stretch", key="stance_matrix_chart")
        st.caption("Rows speak or act, columns are spoken about. Each cell: its pieces of evidence, then the share "
                   "of negative (−) and positive (+) ones (in the hover when more than "
                   f"{SHARES_IN_CELL_MAX} targets are shown); colour: the mean score. Hover for the mean confidence.")
    with network_tab:
        # names placed for the session's text size: not rescaled after
        st.plotly_chart(stance_network(stance_graph(matrix), colors=actor_colors(), font_scale=font_scale()),
                        width="stretch", key="stance_network_chart")
        st.caption("Arrows go from source to target, coloured by mean score, as wide as their evidence; the most "
                   "involved actors are named, hover the others and the arrows' midpoints.")

    # --- one pair's evidence ----------------------------------------------------------------------------------
    st.subheader("Evidence for a pair")
    cells = matrix.set_index(["source_actor", "target_actor"])
    options = list(cells.index)  # most evidenced first
    if st.session_state.get("stance_pair") not in options:
        st.session_state.pop("stance_pair", None)
    pair, ref, from_link = linked_pair()
    if from_link and pair in options:  # a pasted link: its pair's evidence
        st.session_state["stance_pair"] = pair
    elif from_link and ref:
        st.warning(f"The link names a pair that the matrix does not show (not in this corpus, or under the "
                   f"minimum evidence or confidence), ignored: “{plain_markdown(ref[:80])}”.",
                   icon=":material/link_off:")
    source, target = st.selectbox(  # the whole width: "… (18 pieces, mean -0.40)" lost its figures in a column
        "Source → target", options, key="stance_pair",
        format_func=lambda p: f"{p[0]} → {p[1]} ({cells.at[p, 'n']} pieces, mean {cells.at[p, 'score']:+.2f})")
    link_pair(source, target)
    rows = pair_evidence(evidence, source, target, corpus.articles)
    cell = cells.loc[(source, target)]
    figures = metric_row()
    for label, value in (("Pieces of evidence", f"{len(rows):,}"), ("Mean score", f"{cell['score']:+.2f}"),
                         ("Negative", f"{cell['negative']:.0%}"), ("Positive", f"{cell['positive']:.0%}"),
                         ("Mean confidence", f"{cell['confidence']:.2f}")):
        figures.metric(label, value, width="content")
    unnamed = unnamed_per_piece(rows, corpus.articles, corpus.sentences, corpus.mentions)
    for actor, role in ((source, "source"), (target, "target")):
        absent, headline = unnamed_counts(unnamed, actor)
        if absent:  # the evidence a reader cannot check in its own sentence: a pronoun, a role, the headline
            st.caption(f":orange-badge[{role} not named] {plain_markdown(actor)} is not named in the sentence of "
                       f"{absent} of these {len(rows)} pieces of evidence"
                       + (f" (in {headline}, the article had named it only in its headline)" if headline else "")
                       + ": the model read them from a pronoun, a role or an earlier mention.")
    listed, _ = table_page(rows[list(TABLE_COLUMNS)], "stance_evidence_table")
    st.dataframe(listed, hide_index=True, width="stretch", column_config=TABLE_COLUMNS,
                 key="stance_evidence_table")
    stance_editor(rows, corpus)
    st.caption("In context below: the deciding words in purple, the source in bold blue, the target coloured by "
               "its type, a quote's words in yellow.")
    if len(rows) > EVIDENCE_LIMIT:
        st.caption(f"The first {EVIDENCE_LIMIT} of {len(rows)}: raise the minimum confidence to see the surest.")
    for i, row in rows.head(EVIDENCE_LIMIT).iterrows():
        with st.container(border=True):
            st.caption(f"{plain_markdown(row['published'] or 'undated')} · "
                       f"{plain_markdown(row['title'] or 'untitled')} · "
                       f"{row['kind']} · score {row['score']:+.2f} · confidence {row['confidence']:.2f}"
                       + (f" · decided by {plain_markdown(row['cues'])}" if row["cues"] else "")
                       + (" · :violet-badge[corrected]" if row["corrected"] else ""))
            show_text(*evidence_excerpt(row, corpus.articles, corpus.sentences, corpus.mentions))
            for actor, where in unnamed[i]:  # rows: a RangeIndex (pair_evidence)
                st.caption(f":orange-badge[not named here] {plain_markdown(actor)}: "
                           + (f"last named {plain_markdown(where)}" if where else "not named before this sentence"))
            open_article_button(row["article_id"], f"stance_open_{i}")

# --- an actor's stances over time ---------------------------------------------------------------------------
st.subheader("Stance over time")
ranked = active_actors(evidence)
# the three most involved actors at first; a choice no longer in the selection is dropped
st.session_state["stance_actors"] = ([a for a in st.session_state["stance_actors"] if a in ranked]
                                     if "stance_actors" in st.session_state else ranked[:3])
chosen = st.multiselect("Actors", ranked, key="stance_actors", max_selections=8,
                        help="Solid: the mean score of the stances toward the actor (received); dotted: its own "
                             "stances toward others (given).")
over_time = tone_over_time(evidence, corpus.articles, chosen)
if not chosen:
    st.info("Choose one or more actors to follow their stances month by month.")
elif over_time.empty:
    st.info("None of these actors' stance evidence comes from a dated article.")
else:
    st.plotly_chart(fit(tone_over_time_figure(over_time, actor_colors())), width="stretch", key="stance_time_chart")
