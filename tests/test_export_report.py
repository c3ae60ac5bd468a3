"""Downloads an analyst opens elsewhere: CSV, Excel, Parquet (lib/output/export.py) and the HTML report (lib/output/report.py)."""
from __future__ import annotations

import io
import re
from dataclasses import replace

import openpyxl
import pandas as pd
import pytest
from plotly.offline import get_plotlyjs

from lib.output.export import to_csv_bytes, to_excel_bytes, to_parquet_bytes
from lib.corpus.frames import Corpus
from lib.pipeline import analyze
from lib.readers import read_bytes
from lib.output.report import build_report

# Uploaded text is untrusted: a title and quotes that a spreadsheet would run as
# formulas, and markup that a browser would run as script.
HOSTILE = """=HYPERLINK("http://evil.example/x","Cliquez ici") : un titre piégé

Paris, le 3 mars 2024. « =1+1 est une formule que personne ne devrait exécuter », a déclaré Jean Dupont, secrétaire général du syndicat.
« Nous refusons <script>alert(1)</script> cette réforme injuste », a ajouté Jean Dupont devant la presse.
« @SUM(A1:A3) n'est pas une citation anodine », a dit Marie Curie.
"""
FORMULA_STARTS = ("=", "+", "-", "@")


@pytest.fixture(scope="module")
def hostile_corpus() -> Corpus:
    return analyze(read_bytes("piege.txt", HOSTILE.encode("utf-8")))


def workbook(corpus: Corpus) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(to_excel_bytes(corpus)))


def sheet_rows(book: openpyxl.Workbook, name: str) -> list[tuple]:
    return list(book[name].iter_rows(values_only=True))


def unquoted(cell) -> str:
    """A text cell as the analyst reads it, without the apostrophe that keeps it from running as a formula."""
    text = "" if cell is None else str(cell)
    return text[1:] if text.startswith("'") and text[1:2] in FORMULA_STARTS else text


def test_excel_has_one_sheet_per_frame_with_every_row(seed_corpus: Corpus) -> None:
    book = workbook(seed_corpus)
    frames = seed_corpus.frames()
    assert book.sheetnames == list(frames)
    for name, df in frames.items():
        rows = sheet_rows(book, name)
        assert list(rows[0]) == list(df.columns), name
        assert len(rows) - 1 == len(df), name
    assert len(frames["quotes"]) > 0 and len(frames["mentions"]) > 0  # the seed is not an empty round trip


def test_excel_keeps_the_text_of_quotes(seed_corpus: Corpus) -> None:
    rows = sheet_rows(workbook(seed_corpus), "quotes")
    column = rows[0].index("text")
    assert [unquoted(r[column]) for r in rows[1:]] == seed_corpus.quotes["text"].tolist()
    assert any("«" not in t and len(t) > 20 for t in seed_corpus.quotes["text"])  # real quotes, marks excluded


def test_excel_neutralises_formulas_in_titles_and_quotes(hostile_corpus: Corpus) -> None:
    quotes = hostile_corpus.quotes["text"].tolist()
    assert any(q.startswith("=1+1") for q in quotes), quotes
    book = workbook(hostile_corpus)
    cells = [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a cell would run as a formula"

    rows = sheet_rows(book, "quotes")
    column = rows[0].index("text")
    assert sorted(unquoted(r[column]) for r in rows[1:]) == sorted(quotes)
    titles = sheet_rows(book, "articles")
    title = titles[1][titles[0].index("title")]
    assert unquoted(title) == hostile_corpus.articles["title"].iat[0]
    assert unquoted(title).startswith('=HYPERLINK("http://evil.example/x"')


def test_excel_survives_control_characters_and_oversized_cells(seed_corpus: Corpus) -> None:
    # PDF extraction leaves form feeds and vertical tabs; a long dossier can exceed Excel's 32,767-character cell
    articles = seed_corpus.articles.copy()
    articles.loc[:, "title"] = "Titre\x0bavec\x0cdes contrôles"
    articles.loc[:, "text"] = "Le Kremlin a réagi. " * 3_000
    rows = sheet_rows(workbook(replace(seed_corpus, articles=articles)), "articles")
    header = rows[0]
    assert rows[1][header.index("title")] == "Titre avec des contrôles"
    text = rows[1][header.index("text")]
    assert 30_000 < len(text) <= 32_767 and text.startswith("Le Kremlin a réagi.")


def test_excel_of_an_empty_corpus_has_headers_only() -> None:
    book = workbook(Corpus.empty())
    for name, df in Corpus.empty().frames().items():
        assert sheet_rows(book, name) == [tuple(df.columns)]


def test_csv_starts_with_a_bom_and_reads_back(seed_corpus: Corpus) -> None:
    for name, df in seed_corpus.frames().items():
        data = to_csv_bytes(df)
        assert data.startswith(b"\xef\xbb\xbf"), name  # Excel reads UTF-8 accents only with the BOM
        back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert list(back.columns) == list(df.columns), name
        assert len(back) == len(df), name
    quotes = pd.read_csv(io.BytesIO(to_csv_bytes(seed_corpus.quotes)), encoding="utf-8-sig",
                         dtype=str, keep_default_na=False)
    assert quotes["text"].tolist() == seed_corpus.quotes["text"].tolist()  # accents, apostrophes, commas intact
    sentences = pd.read_csv(io.BytesIO(to_csv_bytes(seed_corpus.sentences)), encoding="utf-8-sig",
                            dtype=str, keep_default_na=False)
    assert sentences["text"].tolist() == seed_corpus.sentences["text"].tolist()


def test_parquet_round_trips_every_frame(seed_corpus: Corpus, hostile_corpus: Corpus) -> None:
    for corpus in (seed_corpus, hostile_corpus, Corpus.empty()):
        for name, df in corpus.frames().items():
            back = pd.read_parquet(io.BytesIO(to_parquet_bytes(df)))
            pd.testing.assert_frame_equal(back, df.reset_index(drop=True), check_dtype=False, obj=name)


def script_sources(page: str) -> list[str]:
    return re.findall(r"<script\b[^>]*\bsrc\s*=\s*[\"']?([^\"' >]+)", page, flags=re.I)


def test_report_is_self_contained(seed_corpus: Corpus) -> None:
    page = build_report(seed_corpus)
    assert page.count(get_plotlyjs()) == 1, "plotly.js must be inlined exactly once"
    assert script_sources(page) == []
    assert not re.search(r"""<link\b[^>]*href\s*=\s*["']?(https?:)?//""", page, flags=re.I)
    assert page.count("Plotly.newPlot") >= 2  # publication volume and top speakers at least
    assert f"{len(seed_corpus.quotes)} quotes" in page


def test_report_escapes_markup_from_quotes(hostile_corpus: Corpus) -> None:
    page = build_report(hostile_corpus)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the quote is shown, as text
    assert "<script>alert(1)" not in page  # neither in the tables nor in the figures' embedded JSON
    assert page.count(get_plotlyjs()) == 1


def test_report_of_an_empty_corpus_still_opens() -> None:
    page = build_report(Corpus.empty())
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert "0 articles" in page
    assert page.count(get_plotlyjs()) == 1


def test_csv_neutralises_formulas_and_keeps_the_rest(hostile_corpus: Corpus) -> None:
    back = pd.read_csv(io.BytesIO(to_csv_bytes(hostile_corpus.quotes)), encoding="utf-8-sig", dtype=str,
                       keep_default_na=False)
    assert not [t for t in back["text"] if t.startswith(FORMULA_STARTS)], "a CSV cell would run as a formula"
    assert sorted(unquoted(t) for t in back["text"]) == sorted(hostile_corpus.quotes["text"])
    title = pd.read_csv(io.BytesIO(to_csv_bytes(hostile_corpus.articles)), encoding="utf-8-sig", dtype=str,
                        keep_default_na=False)["title"].iat[0]
    assert title.startswith("'=HYPERLINK(")


# --- the Export page (AppTest): files built in the page's run, the report stating the sidebar's filters ----

from apptest import assert_clean, assert_no_exception, navigation_only, new_app, open_page  # noqa: E402,F401
from test_app_actors import downloaded, media_files  # noqa: E402,F401  (fixture used by name)
from test_report import Tree, rows  # noqa: E402


def served_files_only(at) -> None:
    """Every download button serves a file the run already built (none deferred to a callable that a rerun
    can drop: 'MediaFileStorageError: Deferred file … not found'); the page's own (ui/downloads.py) do not
    rerun the page when clicked."""
    buttons = at.get("download_button")
    assert buttons and not [b.label for b in buttons if b.proto.deferred_file_id or not b.proto.url]
    own = [b for b in buttons if not b.proto.id.endswith("dl_corrections")]  # ui/corrections.py's
    assert own and all(b.proto.ignore_rerun for b in own)


def test_export_page_report_states_and_applies_the_sidebar_filter(media_files) -> None:
    at = new_app()
    at.sidebar.multiselect(key="filter_actors").set_value(["Emmanuel Macron"]).run()
    open_page(at, "export")
    assert_clean(at)
    served_files_only(at)
    assert any("Articles naming" in m.value and "Emmanuel Macron" in m.value for m in at.markdown)
    assert not [b for b in at.get("download_button") if b.proto.id.endswith("dl_report")]  # not built yet
    at.text_input(key="report_title").set_value("Macron dans la presse").run()
    at.button(key="dl_report_prepare").click().run()
    assert_clean(at)
    served_files_only(at)
    tree = Tree(downloaded(at, media_files, "dl_report").decode("utf-8"))
    assert tree.root.find("h1")[0].all_text() == "Macron dans la presse"
    assert [li.all_text() for li in tree.root.find("dd", **{"class": "filters"})[0].find("li")] == \
        ["Articles naming: Emmanuel Macron"]
    shown = at.session_state["filtered_corpus"]
    assert 0 < len(shown.articles) < 57
    titles = sorted(r[2] for r in rows(tree.section("articles").find("table")[0]))
    assert titles == sorted(" ".join(t.split()) for t in shown.articles["title"])
    # each frame's file holds the filtered rows
    quotes = pd.read_csv(io.BytesIO(downloaded(at, media_files, "dl_csv_quotes")), encoding="utf-8-sig")
    assert len(quotes) == len(shown.quotes)

    # the report is kept until what it was built from changes: another filter asks to prepare it again
    at.run()
    assert [b for b in at.get("download_button") if b.proto.id.endswith("dl_report")]
    at.sidebar.multiselect(key="filter_actors").set_value(["François Fillon"]).run()
    assert_clean(at)
    assert not [b for b in at.get("download_button") if b.proto.id.endswith("dl_report")]
    assert at.button(key="dl_report_prepare").label == "Prepare the HTML report"


def test_export_page_says_why_a_file_could_not_be_built(monkeypatch) -> None:
    def broken(*args, **kwargs) -> str:
        raise MemoryError("the report needs more memory than the server has")

    monkeypatch.setattr("lib.output.report.build_report", broken)
    at = open_page(new_app(), "export")
    at.button(key="dl_report_prepare").click().run()
    assert_no_exception(at)
    assert [e.value for e in at.error] == \
        ["Could not build revue\\_report.html: the report needs more memory than the server has"]
    assert at.button(key="dl_report_prepare")  # still offered, to try again
