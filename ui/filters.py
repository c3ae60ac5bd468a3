"""Sidebar filters shared by every page, and the link that carries them.

One typed object, ``Filters``, is the view: publication dates, sources, languages, actors and the Search
page's terms. It is read from ``st.query_params`` when a session starts or its URL changes (a pasted link,
the browser's back button) and written back whenever the analyst changes a filter, so a copied link
reopens the same page with the same filters. URL names: ``actor``, ``source``, ``lang`` (each repeatable),
``from`` and ``to`` (YYYY-MM-DD), ``q`` (search terms), e.g. ``/quotes?actor=Emmanuel+Macron&from=2017-01-01``.
The Quotes page adds the quote it shows in context, ``quote=ARTICLE_ID:START`` (``linked_quote``), and the
Article page the article it shows, ``article=ARTICLE_ID`` (``linked_article``), and the Stances page the pair
whose evidence it lists, ``pair=SOURCE → TARGET`` (``linked_pair``).

A link is text anyone can write: every value is checked against the open corpus (an unknown actor,
source or language and a date that is not one are ignored, with a note in the sidebar) and shown only
through lib.output.markup.
"""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from lib.charts.common import ActorColors
from lib.corpus.frames import Corpus
from lib.filters import LANGUAGES, PARAMS, QUERY_LIMIT, Choices, Filters, Params
from ui import state

# widget keys of the sidebar
DATES, SOURCES, LANGS, ACTORS = "filter_dates", "filter_sources", "filter_langs", "filter_actors"
SEARCH_BOX = "search_q"  # the Search page's box, filled from ``q``
QUOTE = "quote"  # the Quotes page's quote in context: ARTICLE_ID:START (lib.charts.quotes.quote_ref)
ARTICLE = "article"  # the Article page's article: ARTICLE_ID
PAIR, ARROW = "pair", " → "  # the Stances page's pair: SOURCE → TARGET, as its picker spells it


def url_params() -> Params:
    """This run's URL, our parameters only (empty values dropped)."""
    params = {name: [v for v in st.query_params.get_all(name) if v != ""] for name in PARAMS}
    return {name: values for name, values in params.items() if values}


def _write_url(filters: Filters) -> None:
    """Put ``filters`` in the address bar, keeping any parameter that is not ours."""
    wanted = filters.to_params()
    st.session_state["_url_params"] = wanted
    if wanted != url_params():
        others = {name: st.query_params.get_all(name) for name in st.query_params if name not in PARAMS}
        st.query_params.from_dict({**others, **wanted})


def _seed_widgets(filters: Filters, choices: Choices) -> None:
    """Set the sidebar's widgets to ``filters`` before they are drawn."""
    if choices.has_range:
        start = min(max(filters.start or choices.first, choices.first), choices.last)
        end = max(min(filters.end or choices.last, choices.last), start)
        st.session_state[DATES] = (start, end)
    st.session_state[SOURCES] = [s for s in filters.sources if s in choices.sources]
    st.session_state[LANGS] = [s for s in filters.langs if s in choices.langs]
    st.session_state[ACTORS] = [a for a in filters.actors if a in set(choices.actors)]
    st.session_state[SEARCH_BOX] = filters.query


def _keep_offered(key: str, offered: tuple[str, ...]) -> None:
    """A choice the corpus no longer offers (an actor merged away) leaves the widget's value."""
    chosen = st.session_state.get(key)
    if chosen:
        options = set(offered)
        if any(c not in options for c in chosen):
            st.session_state[key] = [c for c in chosen if c in options]


def sidebar_filters(corpus: Corpus) -> Filters:
    """The sidebar's filters for this run, in step with the URL (see the module's docstring)."""
    choices = Choices.of(corpus)
    previous: Filters | None = st.session_state.get("filters")
    url = url_params()
    # the app's own last write is the URL it expects; an empty URL with a view already open is a page
    # change that dropped the parameters (st.switch_page), not a request to clear the filters
    if previous is None or (url and url != st.session_state.get("_url_params")):
        wanted, notes = Filters.from_params(url, choices)
        st.session_state["_url_notes"] = notes
        _seed_widgets(wanted, choices)
        read_from_url = True
    else:
        wanted, read_from_url = previous, False
        # new articles moved the date bounds (same view, new slider), or a page change (st.switch_page)
        # dropped the widgets' state: the view is still this object
        drawn = [key for key, shown in ((DATES, choices.has_range), (SOURCES, choices.sources),
                                        (LANGS, choices.langs), (ACTORS, True)) if shown]
        if (st.session_state.get("_filter_bounds") != (choices.first, choices.last)
                or any(key not in st.session_state for key in drawn)):
            _seed_widgets(wanted, choices)
    st.session_state["_filter_bounds"] = (choices.first, choices.last)
    for key, offered in ((SOURCES, choices.sources), (LANGS, choices.langs), (ACTORS, choices.actors)):
        _keep_offered(key, offered)

    st.sidebar.header("Filters")
    start = end = None
    if choices.has_range:
        picked = st.sidebar.slider("Publication date", min_value=choices.first, max_value=choices.last,
                                   format="YYYY-MM-DD", key=DATES)
        start = picked[0] if picked[0] > choices.first else None
        end = picked[1] if picked[1] < choices.last else None
    sources = st.sidebar.multiselect("Source", choices.sources, key=SOURCES) if choices.sources else []
    langs = st.sidebar.multiselect("Language", choices.langs, key=LANGS,
                                   format_func=lambda code: f"{LANGUAGES[code]} ({code})" if code in LANGUAGES
                                   else code) if choices.langs else []
    actors = st.sidebar.multiselect("Actors (articles naming any of them)", choices.actors, key=ACTORS)
    filters = Filters(start, end, tuple(sources), tuple(langs), tuple(actors), wanted.query)
    if not read_from_url and filters != previous:
        st.session_state["_url_notes"] = []  # the analyst has moved on from the link
    _write_url(filters)
    for note in st.session_state.get("_url_notes", []):
        st.sidebar.warning(note, icon=":material/link_off:")
    return filters  # the workspace switch says when a link cannot carry uploads (ui/workspaces.py)


def set_query(query: str) -> None:
    """The Search page's terms changed: they join the view and its URL (``q``)."""
    filters: Filters = st.session_state["filters"]
    query = query[:QUERY_LIMIT]
    if query != filters.query:
        st.session_state["filters"] = replace(filters, query=query)
        st.session_state["_url_notes"] = []
        _write_url(st.session_state["filters"])


def filtered() -> Corpus:
    """The session's corpus as the sidebar filters (set by app.py) show it.

    Computed on demand, not once per run: a widget callback on a page (a
    corrected publication date) may change the corpus after app.py ran.
    """
    full = state.corpus()
    key = (st.session_state["_corpus_key"], st.session_state["filters"].narrowing())
    if st.session_state.get("_filtered_key") != key:
        st.session_state["filtered_corpus"] = st.session_state["filters"].narrowing().apply(full)
        st.session_state["_filtered_key"] = key
    return st.session_state["filtered_corpus"]


def actor_colors() -> ActorColors:
    """Each actor's colour for this session's corpus, whatever the filters: the same actor is drawn in the
    same colour on every page (computed once per corpus)."""
    key = st.session_state["_corpus_key"]
    if st.session_state.get("_actor_colors_key") != key:
        st.session_state["actor_colors"] = ActorColors.of(state.corpus().actors)
        st.session_state["_actor_colors_key"] = key
    return st.session_state["actor_colors"]


def _linked(name: str) -> tuple[str, bool]:
    """The value the URL gives ``name`` ("" when none) and whether it came from a link rather than from this
    page's own last write (``_link``)."""
    ref = next((v for v in reversed(st.query_params.get_all(name)) if v.strip()), "")
    return ref, ref != st.session_state.get(f"_{name}_written", "")


def _link(name: str, ref: str) -> None:
    """Put ``ref`` in the URL as ``name``, or take ``name`` out ("")."""
    st.session_state[f"_{name}_written"] = ref
    if ref and st.query_params.get_all(name) != [ref]:
        st.query_params[name] = ref
    elif not ref and name in st.query_params:
        del st.query_params[name]


def linked_quote() -> tuple[str, bool]:
    """The quote the URL names (``quote``, "" when none) and whether it came from a link rather than from
    this page's own last write: the Quotes page checks it against its table, and only a link's unknown
    quote deserves a note (one the analyst picked may just have been filtered away)."""
    return _linked(QUOTE)


def link_quote(ref: str) -> None:
    """Put the quote in context in the URL (``ref``: ARTICLE_ID:START), or take it out ("")."""
    _link(QUOTE, ref)


def linked_article() -> tuple[str, bool]:
    """The article the URL names (``article``, "" when none) and whether it came from a link."""
    return _linked(ARTICLE)


def link_article(article_id: str) -> None:
    """Put the article shown in the URL: a copied link reopens it, not the corpus's first article."""
    _link(ARTICLE, article_id)


def linked_pair() -> tuple[tuple[str, str] | None, str, bool]:
    """The (source, target) pair the URL names (None when none or unreadable), the URL's text, and whether
    it came from a link."""
    ref, from_link = _linked(PAIR)
    source, arrow, target = ref.partition(ARROW)
    return ((source, target) if arrow else None), ref, from_link


def link_pair(source: str, target: str) -> None:
    """Put the pair whose evidence the page lists in the URL."""
    _link(PAIR, f"{source}{ARROW}{target}")
