"""Uploads through the app like an analyst's folder: every format, hostile files, a corpus with odd columns.

What is asserted is what the analyst sees: the sidebar's report naming each
unread file, the Overview's counts and processing status, and the articles
reaching the other pages.
"""
from __future__ import annotations

import json

from apptest import (JUNK, AppTest, assert_clean, assert_no_exception, metric, navigation_only,
                     new_app, open_page, upload)
from fixture_files import ARTICLE_FR, NEWS_PAGE, article_pdf, make_docx, make_zip, scanned_pdf

__all__ = ["navigation_only"]  # the autouse fixture applies to this module

# A press-database export: no column has a standard name, dates are day first.
EXPORT_CSV = (
    "Headline;Story;Outlet;Date of publication\n"
    "Lyon accélère son plan vélo;\"Grégory Doucet a présenté hier son plan de pistes cyclables. « Nous voulons que "
    "chaque habitant puisse aller au travail à vélo », a déclaré le maire de Lyon devant le conseil municipal.\";"
    "Le Progrès;15/03/2023\n"
    "Bordeaux suit le mouvement;\"Pierre Hurmic a annoncé mardi un budget record pour les mobilités douces, selon "
    "la mairie, qui promet 40 kilomètres de voies nouvelles d'ici à 2026.\";Sud Ouest;16/03/2023\n"
).encode("utf-8")


def status_table(at: AppTest):
    return next((df.value for df in at.dataframe if list(df.value.columns) == ["file", "error"]), None)


def test_every_format_of_an_analysts_folder_is_read_and_every_bad_file_named() -> None:
    archive = make_zip({"dossier/ukraine/page.html": NEWS_PAGE.encode("utf-8"),
                        "dossier/note.docx": make_docx(ARTICLE_FR.replace("Moscou", "Kiev").split("\n\n")),
                        "../../etc/evil.txt": b"owned"})
    at = new_app()
    upload(at, ("rapport.pdf", article_pdf()), ("revue.zip", archive), ("scan.pdf", scanned_pdf()),
           ("broken.txt", JUNK), ("vide.txt", b""))
    assert_no_exception(at)
    assert any("Added 3 article(s) from 5 file(s)" in s.value for s in at.sidebar.success), \
        [s.value for s in at.sidebar.success]
    named = [e.value for e in at.sidebar.error]
    for name in ("scan.pdf", "broken.txt", "vide.txt", "revue.zip/../../etc/evil.txt"):
        assert any(message.startswith(f"{name}: ") for message in named), (name, named)
    assert metric(at, "Articles") == 3  # the batch's own workspace
    assert sorted(status_table(at)["file"]) == sorted(["scan.pdf", "broken.txt", "vide.txt",
                                                       "revue.zip/../../etc/evil.txt"])

    # the saved page's article reached the pages with its metadata, not its menu or comments
    articles = next(df.value for df in at.dataframe if "duplicate_of" in df.value.columns)
    page = articles[articles["source"] == "Le Quotidien"].iloc[0]
    assert page["published"] == "2022-02-02"
    open_page(at, "quotes")
    assert_no_exception(at)
    table = next(df.value for df in at.dataframe if "speaker" in df.value.columns)
    assert table["text"].str.contains("étudier ces documents attentivement").any()
    assert not table["text"].str.contains("honte à vous").any()


def test_the_same_text_twice_is_analyzed_once_and_said_so() -> None:
    at = new_app()
    upload(at, ("article.txt", ARTICLE_FR.encode("utf-8")), ("copie.txt", ARTICLE_FR.encode("utf-8")))
    assert_clean(at)
    assert any("Added 1 article(s) from 2 file(s). 1 duplicate(s) analyzed once." in s.value
               for s in at.sidebar.success), [s.value for s in at.sidebar.success]
    assert metric(at, "Articles") == 1
    notes = next(df.value for df in at.dataframe if list(df.value.columns) == ["file", "note"])
    assert notes.loc[notes["file"] == "copie.txt", "note"].str.contains("same text as article").all()
    # uploading it again into the same workspace is caught too: its articles are compared with the new ones
    at.sidebar.radio(key="upload_into").set_value("open")
    upload(at, ("encore.txt", ARTICLE_FR.encode("utf-8")))
    assert metric(at, "Articles") == 1


def test_a_corpus_with_unknown_columns_waits_for_the_analysts_mapping() -> None:
    at = new_app()
    upload(at, ("export.csv", EXPORT_CSV))
    assert_clean(at)
    assert any("Which column is which in export.csv?" in h.value for h in at.subheader)
    assert metric(at, "Articles") == 0  # its workspace is open, and nothing read before the analyst confirms
    assert any(i.value.startswith("export.csv: waiting") for i in at.sidebar.info)
    assert at.selectbox(key="map_export.csv_text").value == "Story"  # guessed: the long prose column
    assert at.selectbox(key="map_export.csv_title").value == "Headline"
    assert at.selectbox(key="map_export.csv_published").value == "Date of publication"  # guessed from its values
    assert at.selectbox(key="map_export.csv_source").value == "Outlet"
    at.button(key="map_read_export.csv").click()
    at.run()
    assert_clean(at)
    assert not any("Which column is which" in h.value for h in at.subheader)
    assert metric(at, "Articles") == 2
    articles = next(df.value for df in at.dataframe if "duplicate_of" in df.value.columns)
    read = articles[articles["source"].isin(["Le Progrès", "Sud Ouest"])].sort_values("published")
    assert read["published"].tolist() == ["2023-03-15", "2023-03-16"]  # day first, as the export writes them
    assert read["title"].tolist() == ["Lyon accélère son plan vélo", "Bordeaux suit le mouvement"]
    # relative dates resolve against the mapped publication date: "hier" in the article of 15 March
    dates = at.session_state["_corpus"].dates
    lyon = read.loc[read["source"] == "Le Progrès", "article_id"].item()
    assert dates.loc[(dates["article_id"] == lyon) & (dates["text"] == "hier"), "value"].tolist() == ["2023-03-14"]


def test_a_skipped_corpus_is_not_read() -> None:
    at = new_app()
    upload(at, ("export.csv", EXPORT_CSV))
    at.button(key="map_skip_export.csv").click()
    at.run()
    assert_clean(at)
    assert not any("Which column is which" in h.value for h in at.subheader)
    assert metric(at, "Articles") == 0


EVIL_NAME = "[fn](https://evil.example/fn) ![px](https://evil.example/fnpx.png).txt"
EVIL_HEADER = "![colpx](https://evil.example/colpx.png)"
EVIL_CSV = (f'"{EVIL_HEADER}",[h](https://evil.example/h),**Outlet**\n'
            '"Grégory Doucet a présenté hier son plan de pistes cyclables devant le conseil municipal de Lyon, '
            'qui doit voter le budget en avril.",15/03/2023,Le Progrès\n').encode("utf-8")
EVIL_SOURCE = "https://evil.example/srcurl [s](https://evil.example/s2) <img src=https://evil.example/s3.png>"
EVIL_WORKSPACE = "[ws](https://evil.example/ws) **:red[rouge]**"


def markdown_shown(at: AppTest) -> list[str]:
    """The Markdown bodies of the page and its sidebar (alerts, captions, headings, metric values)."""
    kinds = ("error", "warning", "info", "success", "caption", "subheader", "title", "header")
    bodies = [element.value for kind in kinds for element in getattr(at, kind)]
    bodies += [m.value for m in at.markdown if not m.proto.allow_html]  # the HTML ones are escaped (test_render)
    return bodies + [m.value for m in at.metric]


def test_markup_in_file_names_headers_and_sources_is_shown_as_text() -> None:
    from live_markup import live_markdown

    at = new_app()
    at.sidebar.text_input(key="workspace_name").set_value(EVIL_WORKSPACE)
    upload(at, (EVIL_NAME, JUNK), ("export.csv", EVIL_CSV), ("lyon.txt", ARTICLE_FR.encode("utf-8")),
           ("lyon.meta.json", json.dumps({"source": EVIL_SOURCE, "published": "2022-02-02"}).encode()))
    assert_no_exception(at)
    shown = markdown_shown(at)
    assert any("evil.example/fnpx" in body for body in shown)  # the file is named…
    assert any("colpx" in body for body in shown)  # …and the column too
    assert any("evil.example/ws" in body for body in shown)  # …and the workspace, in the sidebar and the Overview
    workspaces = at.sidebar.radio(key="workspace_pick").options
    assert len(workspaces) == 2 and not live_markdown(workspaces[1])
    assert {body: live_markdown(body) for body in shown if live_markdown(body)} == {}  # as text
    at.button(key="map_read_export.csv").click()
    at.run()
    open_page(at, "article")
    at.selectbox(key="article_pick").set_value("lyon").run()
    assert_clean(at)
    shown = markdown_shown(at)
    assert any("evil.example/srcurl" in body for body in shown)
    assert {body: live_markdown(body) for body in shown if live_markdown(body)} == {}
