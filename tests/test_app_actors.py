"""The Actors page driven like an analyst: every tab, and the alias table's decisions reaching every page.

Assertions are on what the analyst sees (tables, charts, highlights, messages)
and on the files they download, not on widget order.
"""
from __future__ import annotations

import io
import json
import re

import networkx as nx
import pandas as pd
import pytest
from apptest import (AppTest, assert_clean, charts, has_points, html_markdown, metric, navigation_only, new_app,
                     open_page, sample_app, upload)
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from lib.corpus.actors import AliasTable

__all__ = ["navigation_only", "sample_app"]  # fixtures used by name

# A French text where the capital acts for its state (« Moscou a démenti ») and a spokeswoman is quoted.
MOSCOU = """Cyberattaques : Moscou rejette les accusations britanniques

Le gouvernement britannique a accusé mardi le renseignement militaire russe d'avoir piraté plusieurs ministères.
« Moscou a démenti ces accusations », a déclaré Maria Zakharova, porte-parole de la diplomatie russe.
Moscou exige des preuves avant toute discussion, a-t-elle ajouté.
"""


@pytest.fixture(autouse=True)
def media_files(monkeypatch) -> list[MemoryMediaFileStorage]:
    """The in-memory stores AppTest puts download files in, newest last (one per script run)."""
    stores: list[MemoryMediaFileStorage] = []
    original = MemoryMediaFileStorage.__init__

    def init(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        stores.append(self)

    monkeypatch.setattr(MemoryMediaFileStorage, "__init__", init)
    return stores


def downloaded(at: AppTest, stores: list[MemoryMediaFileStorage], key: str) -> bytes:
    """The bytes a click on the download button ``key`` would save."""
    url = next(b.proto.url for b in at.get("download_button") if b.proto.id.endswith(key))
    file_id = url.rsplit("/", 1)[-1].split(".", 1)[0]
    return next(s.get_file(file_id).content for s in reversed(stores) if file_id in s._files_by_id)


def actors_table(at: AppTest) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if "actor" in df.value.columns)


def alias_rows(at: AppTest) -> pd.DataFrame:
    """The alias editor's table (the one dataframe with both alias and actor columns)."""
    return next(df.value for df in at.dataframe if {"alias", "actor", "ignored"} <= set(df.value.columns))


def actor_form(at: AppTest, kind: str, name: str):
    """A widget of the whole-actor form (its keys change with each applied edit, so it starts empty)."""
    return next(w for w in at.get(kind) if (w.key or "").startswith(f"alias_{name}_"))


def edit_whole_actor(at: AppTest, actor: str, new_name: str = "", label: str = "", ignore: bool = False) -> AppTest:
    actor_form(at, "selectbox", "actor_pick").set_value(actor)
    actor_form(at, "text_input", "new_name").set_value(new_name)
    actor_form(at, "selectbox", "new_label").set_value(label)
    actor_form(at, "checkbox", "ignore").set_value(ignore)
    actor_form(at, "button", "actor_apply").click()
    return at.run()


def import_aliases(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="alias_upload").set_value([(name, data, "text/csv")])
    return at.run()


def test_every_tab_shows_real_charts_and_tables(sample_app: AppTest, media_files) -> None:
    at = open_page(sample_app, "actors")
    assert_clean(at)
    tabs = {tab.label: tab for tab in at.tabs}
    assert set(tabs) == {"Overview", "Network", "Profile", "Voices by source", "Aliases"}
    titles = {tab: [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in block.get("plotly_chart")]
              for tab, block in tabs.items()}
    assert titles["Overview"] == ["Top actors by mentions", "Top actors by articles", "Share of voice: mentioned vs quoted"]
    assert titles["Network"] == ["Who appears with whom (same sentence)"]
    assert len(titles["Profile"]) == 1 and titles["Profile"][0].endswith("mentions over time")
    assert titles["Voices by source"] == ["Voices by source: who each outlet quotes"]
    for figure in charts(at):
        assert figure["data"] and all(has_points(trace) for trace in figure["data"]), figure["layout"]["title"]

    # the network downloads open as graphs with the nodes and weights of the edge table shown
    edges = next(df.value for df in tabs["Network"].dataframe)
    graphml = nx.read_graphml(io.BytesIO(downloaded(at, media_files, "dl_graphml")))
    gexf = nx.read_gexf(io.BytesIO(downloaded(at, media_files, "dl_gexf")))
    assert graphml.number_of_edges() == gexf.number_of_edges() == len(edges)
    first = edges.iloc[0]
    assert graphml.edges[first["source"], first["target"]]["weight"] == first["weight"] == edges["weight"].max()

    # the profile of the most mentioned actor: its aliases and its quotes, each with the sentence around it
    actors = actors_table(at)
    top = actors.sort_values(["n_mentions", "actor"], ascending=[False, True])["actor"].iloc[0]
    assert at.selectbox(key="actor_profile").value == top
    quotes = next(df.value for df in tabs["Profile"].dataframe if "sentence" in df.value.columns)
    assert len(quotes) == actors.set_index("actor").loc[top, "n_quotes"] > 0
    assert all(q in s for q, s in zip(quotes["quote"], quotes["sentence"]))  # evidence contains the quote
    assert quotes["title"].notna().all() and (quotes["published"] != "").all()

    # voices by source: a source × speaker matrix of attributed quotes
    matrix = next(df.value for df in tabs["Voices by source"].dataframe)
    assert "source" in matrix.columns and top in matrix.columns and matrix[top].sum() > 0


def test_affiliations_are_shown_in_full(sample_app: AppTest) -> None:
    at = open_page(sample_app, "actors")
    table = actors_table(at)
    longest = max(table["affiliation"].fillna(""), key=len)
    assert len(longest) > 15  # "Parti radical de gauche"
    grid = next(df for df in at.dataframe if "affiliation" in df.value.columns)
    width = json.loads(grid.proto.columns)["affiliation"]["width"]
    assert width >= 7 * len(longest)  # about 7 pixels a character of the table's font
    # the profile names the affiliation as text; a metric would cut it ("Les Répu…")
    affiliated = table[table["affiliation"].fillna("") != ""].iloc[0]
    at.selectbox(key="actor_profile").set_value(affiliated["actor"]).run()
    assert_clean(at)
    assert not any(m.label == "Affiliated to" for m in at.metric)
    assert any(f"affiliated to **{affiliated['affiliation']}**" in m.value for m in at.markdown)


def test_an_actor_has_one_colour_on_every_page() -> None:
    at = new_app()
    top = at.session_state["_corpus"].actors.sort_values(["n_mentions", "actor"], ascending=[False, True])
    actor, other = top["actor"].iloc[0], top["actor"].iloc[1]
    seen: dict[str, str] = {}

    def colour_in(figure: dict, actor: str) -> str:
        for trace in figure["data"]:
            names = trace.get("y") if trace.get("type") == "bar" and trace.get("orientation") == "h" else None
            if names and actor in names and isinstance(trace["marker"]["color"], list):
                return trace["marker"]["color"][list(names).index(actor)]
            if trace.get("name") == actor:
                return (trace.get("line") or {}).get("color") or trace["marker"]["color"]
            if actor in (trace.get("hovertext") or []) and isinstance(trace["marker"].get("color"), list):
                return trace["marker"]["color"][trace["hovertext"].index(actor)]
        raise AssertionError(f"{actor} not drawn in {figure['layout']['title']['text']}")

    open_page(at, "actors")
    for figure in charts(at):
        title = figure["layout"]["title"]["text"]
        if title.startswith(("Top actors", "Who appears")):
            seen[title] = colour_in(figure, actor)
            assert colour_in(figure, other) != seen[title]
    open_page(at, "timeline")
    seen["timeline"] = colour_in(charts(at)[0], actor)
    open_page(at, "quotes")
    speakers = next(f for f in charts(at) if f["layout"]["title"]["text"] == "Top speakers")
    seen["top speakers"] = colour_in(speakers, actor)
    open_page(at, "search")
    at.multiselect(key="search_actors").set_value([other, actor]).run()
    seen["coverage"] = colour_in(next(f for f in charts(at) if "Share of the articles" in f["layout"]["title"]["text"]),
                                 actor)
    assert len(seen) == 6 and len(set(seen.values())) == 1, seen


def test_type_filter_keeps_only_the_chosen_types(sample_app: AppTest) -> None:
    at = open_page(sample_app, "actors")
    at.multiselect(key="actor_types").set_value(["ORG"]).run()
    assert_clean(at)
    assert set(actors_table(at)["label"]) == {"ORG"}
    network = [json.loads(c.proto.spec) for c in at.tabs[1].get("plotly_chart")][0]
    assert {t["name"] for t in network["data"] if t.get("showlegend") is not False} == {"ORG"}  # the legend
    at.multiselect(key="actor_types").set_value(["PER", "ORG", "GPE", "LOC"]).run()


def test_renaming_an_actor_reaches_the_quotes_page() -> None:
    at = open_page(new_app(), "actors")
    actors = actors_table(at)
    speaker = actors.sort_values("n_quotes", ascending=False)["actor"].iloc[0]
    n_quotes = int(actors.set_index("actor").loc[speaker, "n_quotes"])
    edit_whole_actor(at, speaker, "Speaker Renamed By The Analyst")
    assert_clean(at)
    assert any("now Speaker Renamed By The Analyst" in s.value for s in at.success)
    renamed = actors_table(at).set_index("actor")
    assert speaker not in renamed.index and renamed.loc["Speaker Renamed By The Analyst", "n_quotes"] == n_quotes

    open_page(at, "quotes")
    assert_clean(at)
    said = next(df.value for df in at.dataframe if "speaker" in df.value.columns)["speaker"]
    assert (said == "Speaker Renamed By The Analyst").sum() == n_quotes and not (said == speaker).any()


def test_merging_an_alias_by_csv_and_retyping_reach_every_page(media_files) -> None:
    at = open_page(new_app(), "actors")
    before = actors_table(at).set_index("actor")
    # "Valls" alone was left apart from "Manuel Valls" by the automatic resolution ("le gouvernement Valls" is
    # a second bearer of the name there): the analyst merges it
    assert {"Valls", "Manuel Valls"} <= set(before.index)
    mentions = at.session_state["_corpus"].mentions
    written = mentions[mentions["text"] == "Valls"]
    import_aliases(at, "merge.csv", b"alias,actor,label,ignored\nValls,Manuel Valls,PER,\n")
    assert_clean(at)
    after = actors_table(at).set_index("actor")
    assert "Valls" not in after.index
    # the imported table's one row claims every mention written "Valls", whatever actor it had
    mentions = at.session_state["_corpus"].mentions
    assert (mentions.loc[mentions["text"] == "Valls", "actor"] == "Manuel Valls").all()
    assert after.loc["Manuel Valls", "n_mentions"] == before.loc["Manuel Valls", "n_mentions"] + \
        int((written["actor"] != "Manuel Valls").sum())
    assert (alias_rows(at).query("alias == 'Valls'")["actor"] == "Manuel Valls").all()
    # the analyst's edits download as a CSV the CLI reads
    edits = AliasTable.from_csv(io.BytesIO(downloaded(at, media_files, "dl_alias_edits"))).frame
    assert edits[["alias", "actor"]].values.tolist() == [["Valls", "Manuel Valls"]]

    # retype: the article page colours the actor's mentions by the new type
    edit_whole_actor(at, "Le Canard enchaîné", label="MISC")
    rows = alias_rows(at).query("actor == 'Le Canard enchaîné'")
    assert set(rows["label"]) == {"MISC"}
    named = at.session_state["_corpus"].mentions.query("actor == 'Le Canard enchaîné'")
    at.session_state["article_pick"] = named["article_id"].iloc[0]
    open_page(at, "article")
    assert_clean(at)
    body = next(b for b in html_markdown(at) if 'class="rv-text"' in b)
    written = set(named.loc[named["article_id"] == named["article_id"].iloc[0], "text"])
    # the mention may also be marked as a quote's speaker, inside its type's mark
    inner = r'(?:<mark class="rv-speaker">)?'
    assert any(re.search(f'<mark class="rv-MISC">{inner}{re.escape(text)}</mark>', body) for text in written)
    assert not any(re.search(f'<mark class="rv-ORG">{inner}{re.escape(text)}</mark>', body) for text in written)


def test_an_ignored_actor_disappears_everywhere_and_stays_ignored_after_an_upload() -> None:
    at = new_app()
    n_actors = metric(at, "Actors")
    open_page(at, "actors")
    assert "Penelope Fillon" in set(actors_table(at)["actor"])
    edit_whole_actor(at, "Penelope Fillon", ignore=True)
    assert_clean(at)
    assert "Penelope Fillon" not in set(actors_table(at)["actor"])
    assert alias_rows(at).query("actor == 'Penelope Fillon'")["ignored"].all()
    assert actor_form(at, "checkbox", "ignore").value is False  # a leftover tick would ignore the next actor too
    open_page(at, "overview")
    assert metric(at, "Actors") == n_actors - 1
    assert "Penelope Fillon" not in at.sidebar.multiselect(key="filter_actors").options

    text = ("Penelope Fillon entendue par les enquêteurs\n\nPenelope Fillon a été entendue lundi par les "
            "enquêteurs à Nanterre.\n« Je n'ai rien à cacher », a déclaré Penelope Fillon à sa sortie.\n")
    at.sidebar.radio(key="upload_into").set_value("open")  # into this workspace, with its alias decisions
    upload(at, ("penelope.txt", text.encode("utf-8")))
    assert_clean(at)
    new = at.session_state["analyses"][-1]  # the pipeline did find her in the new article
    assert any(m.text == "Penelope Fillon" for m in new.records["mentions"])
    open_page(at, "actors")
    assert "Penelope Fillon" not in set(actors_table(at)["actor"])
    open_page(at, "quotes")
    said = next(df.value for df in at.dataframe if "speaker" in df.value.columns)["speaker"]
    assert not (said == "Penelope Fillon").any()

    # reset brings her back
    open_page(at, "actors")
    at.button(key="alias_reset").click().run()
    assert "Penelope Fillon" in set(actors_table(at)["actor"])


def test_alias_csv_round_trip_and_a_bad_csv_is_refused_with_a_warning(media_files) -> None:
    at = open_page(new_app(), "actors")
    edit_whole_actor(at, "Mediapart", ignore=True)
    shown = alias_rows(at)
    exported = downloaded(at, media_files, "dl_aliases")
    columns = ["alias", "actor", "label", "ignored"]
    assert AliasTable.from_csv(io.BytesIO(exported)).frame.values.tolist() == shown[columns].values.tolist()

    fresh = open_page(new_app(), "actors")
    import_aliases(fresh, "revue_aliases.csv", exported)
    assert_clean(fresh)
    assert any("Imported" in s.value for s in fresh.success)
    assert alias_rows(fresh).drop(columns="n_mentions").equals(shown.drop(columns="n_mentions"))
    assert "Mediapart" not in set(actors_table(fresh)["actor"])

    for name, data in (("notes.csv", b"name,comment\nFillon,candidate\n"), ("binary.csv", b"\xff\xfe\x00\x89PNG")):
        import_aliases(fresh, name, data)
        assert_clean(fresh)
        assert any(w.value.startswith(name) and "alias" in w.value for w in fresh.warning), \
            [w.value for w in fresh.warning]
    assert "Mediapart" not in set(actors_table(fresh)["actor"])  # a refused file changes nothing


def test_metonymy_off_keeps_moscou_a_city() -> None:
    at = new_app()
    upload(at, ("moscou.txt", MOSCOU.encode("utf-8")))
    open_page(at, "actors")
    assert_clean(at)

    def moscou_actors() -> set[str]:
        mentions = at.session_state["_corpus"].mentions
        return set(mentions.loc[(mentions["article_id"] == "moscou") & (mentions["text"] == "Moscou"), "actor"])

    assert moscou_actors() == {"Russie"}  # « Moscou a démenti »: the state speaks
    at.toggle(key="metonymy_toggle").set_value(False).run()
    assert_clean(at)
    assert moscou_actors() == {"Moscou"}
    assert set(alias_rows(at).query("alias == 'Moscou'")["actor"]) == {"Moscou"}
    open_page(at, "overview")  # the choice holds on every page, without the toggle on screen
    assert at.session_state["metonymy"] is False
    assert moscou_actors() == {"Moscou"}
