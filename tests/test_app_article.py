"""The Article page by link: a copied address reopens the article it showed."""
from __future__ import annotations

from apptest import assert_clean, linked_page, navigation_only  # noqa: F401  (fixture)


def test_a_link_to_an_article_reopens_it_and_a_choice_goes_into_the_link():
    at = linked_page("article", article="")
    assert_clean(at)
    ids = list(at.session_state["filtered_corpus"].articles["article_id"])
    assert at.selectbox(key="article_pick").value == ids[0] and at.query_params["article"] == ids[0]
    other = linked_page("article", article=ids[-1])  # a colleague pastes the link of the corpus's last article
    assert_clean(other)
    assert not other.warning
    assert other.selectbox(key="article_pick").value == ids[-1] and other.query_params["article"] == ids[-1]
    other.selectbox(key="article_pick").set_value(ids[1]).run()  # another article: the link follows
    assert other.query_params["article"] == ids[1] and not other.warning


def test_a_link_to_an_unknown_article_shows_the_first_with_a_note():
    at = linked_page("article", article="[x](https://evil.example)")
    assert_clean(at)
    notes = [w.value for w in at.warning]
    assert len(notes) == 1 and "not among those shown" in notes[0] and "evil" not in notes[0]
    first = at.selectbox(key="article_pick").value
    assert at.query_params["article"] == first
    at.run()  # the note goes once the link's article is replaced
    assert not at.warning
