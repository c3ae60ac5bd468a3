"""Overview: what is in the open workspace, which files could not be read, what was counted once; the
uploaded articles' title, source and date."""
import streamlit as st

from lib.charts.overview import articles_by_source, publication_volume, story_table, tone_distribution, undated_count
from lib.output.markup import plain_markdown
from ui import state
from ui.filters import filtered
from ui.render import empty_notice, metric_row, table_page
from ui.settings import fit
from ui.workspaces import metadata_editor

st.title("Overview")
st.caption(f"Workspace: {plain_markdown(state.workspace())}"
           + (" (uploaded articles, kept in this session only)" if state.uploaded_ids() else ""))
corpus = filtered()
arts = corpus.articles
originals = arts[arts["duplicate_of"].fillna("") == ""]
figures = metric_row()
figures.metric("Articles", len(originals), help="Distinct texts; an article uploaded twice counts once.",
               width="content")
figures.metric("Stories", originals["cluster"].replace("", None).nunique(), width="content",
               help="Near-identical articles (one wire story edited by several outlets) form one story.")
figures.metric("Words", f"{int(originals['n_words'].sum()):,}", width="content")
figures.metric("Actors", len(corpus.actors), width="content")
figures.metric("Quotes", len(corpus.quotes), width="content")
figures.metric("Dated expressions", len(corpus.dates), width="content")

if arts.empty:
    empty_notice("articles")
else:
    left, right = st.columns(2)
    left.plotly_chart(fit(publication_volume(originals)), width="stretch", key="overview_volume")
    right.plotly_chart(fit(tone_distribution(corpus.sentences)), width="stretch", key="overview_tone")
    st.plotly_chart(fit(articles_by_source(originals)), width="stretch", key="overview_sources")
    st.subheader("Articles")
    undated = undated_count(originals)
    if undated:  # otherwise the charts over time and the Timeline silently count fewer articles than above
        one = undated == 1
        where = "in the table at the bottom of this page" if state.uploaded_ids() else "on the Article page"
        st.info(f"{undated} of {len(originals)} article{'s' * (len(originals) != 1)} {'has' if one else 'have'} no "
                f"publication date: {'it is' if one else 'they are'} left out of the charts over time, and relative "
                f"dates such as « hier » or « mardi » in {'it' if one else 'them'} are not resolved. Set a date "
                f"{where}.", icon=":material/event_busy:")
    listed, _ = table_page(arts[["article_id", "title", "source", "published", "lang", "n_words", "tone",
                                 "duplicate_of"]], "overview_articles")
    # the frame's column names are not an analyst's words, and a bare "tone" of -0.469 has no scale
    st.dataframe(listed, hide_index=True, width="stretch", key="overview_articles", column_config={
        "article_id": st.column_config.TextColumn("id"), "lang": st.column_config.TextColumn("language"),
        "n_words": st.column_config.NumberColumn("words", format="%d"),
        "tone": st.column_config.NumberColumn(
            "tone (−1 to +1)", format="%+.2f",
            help="The mean tone of the article's negative and positive sentences, from −1 (negative) to +1 "
                 "(positive); 0 when every sentence is neutral. Each sentence's tone is on the Article page."),
        "duplicate_of": st.column_config.TextColumn("duplicate of")})
    stories = story_table(arts)
    if not stories.empty:
        st.subheader("Stories told by several articles")
        st.caption("Counted once in the Stories figure; each outlet's version stays an article of its own.")
        st.dataframe(stories, hide_index=True, width="stretch", key="overview_stories")

st.subheader("Processing status")
everything = state.corpus().articles
errors = everything[everything["error"].fillna("") != ""]
notes = everything[(everything["error"].fillna("") == "") & (everything["note"].fillna("") != "")]
if errors.empty:
    st.success("Every file was read.")
else:
    st.error(f"{len(errors)} input(s) could not be read; everything else was analyzed.")
    st.dataframe(errors[["file", "error"]], hide_index=True, width="stretch", key="overview_errors")
if not notes.empty:
    st.info(f"{len(notes)} article(s) come with a note: a text already in the corpus (analyzed once), "
            "a language without a pipeline, a date read from the text…")
    st.dataframe(notes[["file", "note"]], hide_index=True, width="stretch", key="overview_notes")

metadata_editor()
