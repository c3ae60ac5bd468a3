"""Hostile and broken inputs: each becomes one row with a clear error, and the good file beside it is read.

The corpus is generated here, in tmp_path: nothing hostile is stored in the repository.
"""
from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from fixture_files import NEWS_PAGE, article_pdf, encrypted_pdf, make_docx, make_zip, scanned_pdf

from lib.readers import read_bytes, read_paths, read_uploads
from lib.readers.limits import MB, Limits

ROOT = Path(__file__).resolve().parents[1]
GOOD_TEXT = ("Moscou juge la réponse décevante\n\n"
             "« Nous allons étudier ces documents », a déclaré mercredi Dmitri Peskov, porte-parole du Kremlin.")
GOOD_ROW = '{"id": "ok-row", "title": "Washington se tait", "text": "Le département d\'État n\'a pas commenté."}'


def _bad_utf8() -> bytes:
    """Mostly UTF-8, with a byte that is valid in no encoding's text (0x81 is unassigned in cp1252)."""
    return "Le président a déclaré « non ».".encode() + b"\x81\x8d\x8f" + b"\x90\x9d" * 20


def _junk_docx() -> bytes:
    return make_zip({"word/junk.bin": os.urandom(2000), "readme.txt": b"not a document"})


def _broken_csv() -> bytes:
    return ('id,title,text\n'
            'c1,Premier,"Le Kremlin a jugé la réponse décevante."\n'
            'c2,Second,"Washington refuse "toujours" de discuter",x\n'
            'c3,Troisième,"jamais lu"\n').encode()


def _jsonl_with_bad_line() -> bytes:
    return (GOOD_ROW + "\n" + '{"id": "broken", "text": "unterminated\n' +
            '{"id": "ok-2", "title": "Genève", "text": "Les discussions reprendront à Genève."}\n').encode()


def _scripts_only_html() -> bytes:
    return (b"<!DOCTYPE html><html><head><title>Chargement</title><script>var app = {};</script></head>"
            b"<body><script>app.render(document.body)</script><noscript>Activez JavaScript</noscript></body></html>")


# file name -> (content, expected words of the error)
HOSTILE: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty file"),
    "blank.md": (b" \n\t\n", "empty file"),
    "junk.txt": (os.urandom(4096), "not a text file"),
    "invalid-utf8.txt": (_bad_utf8(), "not a text file"),
    "truncated.pdf": (article_pdf()[: len(article_pdf()) // 2], "truncated PDF"),
    "password.pdf": (encrypted_pdf(article_pdf()), "password-protected PDF"),
    "scanned.pdf": (scanned_pdf(), "PDF without a text layer"),
    "junk.docx": (_junk_docx(), "not a valid Word document"),
    "old.doc.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(500), "old Word .doc format"),
    "scripts.html": (_scripts_only_html(), "no article text found in the HTML page"),
    "truncated.zip": (make_zip({"a.txt": os.urandom(3000)})[:2000], "not a valid ZIP archive"),
    "photo.jpg": (b"\xff\xd8\xff\xe0" + os.urandom(300), "unsupported file type .jpg"),
    "bad.json": (b'[{"text": "a"}, ', "invalid JSON"),
}


@pytest.fixture(scope="module")
def hostile_batch(tmp_path_factory) -> dict[str, list]:
    folder = tmp_path_factory.mktemp("hostile")
    for name, (data, _) in HOSTILE.items():
        (folder / name).write_bytes(data)
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "broken.csv").write_bytes(_broken_csv())
    (folder / "bad-line.jsonl").write_bytes(_jsonl_with_bad_line())
    articles = read_paths([folder])
    by_file: dict[str, list] = {}
    for article in articles:
        by_file.setdefault(Path(article.file.split("::")[0]).name, []).append(article)
    return by_file


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_one_row_with_a_clear_error(hostile_batch, name):
    rows = hostile_batch[name]
    assert len(rows) == 1
    assert HOSTILE[name][1] in rows[0].error
    assert rows[0].text == ""


def test_good_file_in_the_hostile_batch_is_read(hostile_batch):
    (good,) = hostile_batch["good.txt"]
    assert good.error == "" and good.text == GOOD_TEXT and good.lang == "fr"


def test_csv_with_broken_quoting_keeps_the_rows_before_the_break(hostile_batch):
    rows = hostile_batch["broken.csv"]
    assert [r.article_id for r in rows if not r.error] == ["c1"]
    (error,) = [r for r in rows if r.error]
    assert error.error.startswith("line 3: malformed CSV") and "the rest of the file was not read" in error.error


def test_jsonl_bad_line_is_one_error_row_and_other_lines_are_read(hostile_batch):
    rows = hostile_batch["bad-line.jsonl"]
    assert [r.article_id for r in rows if not r.error] == ["ok-row", "ok-2"]
    (error,) = [r for r in rows if r.error]
    assert error.error.startswith("line 2: invalid JSON")


def test_stray_quote_inside_a_field_is_tolerated():
    data = 'id,text\nq1,Il a parlé d\'une réponse "décevante" mercredi.\n'.encode()
    (article,) = read_bytes("quotes.csv", data)
    assert article.error == "" and article.text == 'Il a parlé d\'une réponse "décevante" mercredi.'


def test_oversized_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    block = ("Le Kremlin a jugé la réponse décevante. " * (MB // 40)).encode()[:MB]
    with big.open("wb") as f:  # 51 MB of text
        for _ in range(51):
            f.write(block)
    (tmp_path / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    articles = read_paths([big, tmp_path / "good.txt"])
    assert articles[0].error.startswith("file too large: 51 MB (limit 50 MB per file)")
    assert articles[1].error == "" and articles[1].text == GOOD_TEXT
    (article,) = read_paths([big], Limits(max_file_bytes=60 * MB))  # read, but no parser takes 50 MB at once
    assert article.error.startswith("text too long: ") and article.error.endswith(" (limit 1,000,000 per article)")


def test_big_file_under_a_raised_limit_is_read_then_held_by_the_article_length_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(("Le Kremlin a jugé la réponse décevante. " * 30_000).encode())  # 1.2 million characters
    (article,) = read_paths([big], Limits(max_file_bytes=60 * MB))
    assert article.error == "text too long: 1,199,999 characters (limit 1,000,000 per article)"
    (article,) = read_paths([big], Limits(max_article_chars=2_000_000))
    assert article.error == "" and len(article.text) == 1_199_999  # final space stripped


def test_ten_thousand_tiny_files_in_a_zip_hit_the_count_limit():
    members = {f"depeches/{i:05d}.txt": f"Dépêche {i}".encode() for i in range(10_000)}
    report = read_uploads([("many.zip", make_zip(members, zipfile.ZIP_STORED)), ("good.txt", GOOD_TEXT.encode())])
    assert report.errors == [("many.zip", "too many files: the archive holds 10000 files "
                                          "(limit 2000 files per batch); nothing was read from it")]
    assert [a.file for a in report.readable] == ["good.txt"]


def test_zip_bomb_member_is_refused_by_the_ratio_limit():
    bomb = make_zip({"bomb.txt": b"\x20" * (20 * MB), "ok.txt": GOOD_TEXT.encode()})
    assert len(bomb) < 100_000
    articles = read_bytes("bomb.zip", bomb)
    assert articles[0].file == "bomb.zip/bomb.txt"
    assert articles[0].error.startswith("suspected zip bomb: expands ")
    assert articles[0].error.endswith("times to 20 MB (limit 100 times): not read")
    assert articles[1].error == "" and articles[1].text == GOOD_TEXT


def test_archive_declaring_more_than_the_batch_allows_is_refused_whole():
    data = make_zip({f"part{i}.txt": b"a " * (5 * MB) for i in range(3)})  # 30 MB declared
    (article,) = read_bytes("parts.zip", data, Limits(max_total_bytes=20 * MB, max_ratio=1000))
    assert article.error == "archive too large once expanded: 30 MB (limit 20 MB per batch); nothing was read from it"


def test_archives_nested_deeper_than_the_limit_are_refused():
    data = GOOD_TEXT.encode()
    data = make_zip({"level4.txt": data})
    for level in (4, 3, 2):
        data = make_zip({f"level{level}.zip": data, f"ok{level}.txt": f"Texte de niveau {level}".encode()})
    articles = read_bytes("level1.zip", data)
    errors = {a.file: a.error for a in articles if a.error}
    assert errors == {"level1.zip/level2.zip/level3.zip/level4.zip": "archive nested too deep (4 levels; limit 3)"}
    assert sorted(a.file for a in articles if not a.error) == [
        "level1.zip/level2.zip/level3.zip/ok4.txt", "level1.zip/level2.zip/ok3.txt", "level1.zip/ok2.txt"]


def test_path_traversal_names_in_a_zip_are_refused_and_reported():
    data = make_zip({"../../etc/evil.txt": b"owned", "/abs/evil.txt": b"owned", "dir\\..\\evil.txt": b"owned",
                     "articles/good.txt": GOOD_TEXT.encode()})
    articles = {a.file: a.error for a in read_bytes("traversal.zip", data)}
    assert articles == {
        "traversal.zip/../../etc/evil.txt": "unsafe path in archive ('..' leaves the archive): not read",
        "traversal.zip//abs/evil.txt": "unsafe path in archive (absolute or Windows path): not read",
        "traversal.zip/dir\\..\\evil.txt": "unsafe path in archive (absolute or Windows path): not read",
        "traversal.zip/articles/good.txt": "",
    }


def test_file_count_and_total_size_limits_name_each_refused_file(tmp_path):
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"Dépêche numéro {i} sur la réponse de l'Otan.", encoding="utf-8")
    articles = read_paths([tmp_path], Limits(max_files=3))
    assert [a.error for a in articles] == [""] * 3 + ["too many files: limit of 3 files per batch reached"] * 2
    assert [Path(a.file).name for a in articles[3:]] == ["3.txt", "4.txt"]
    articles = read_paths([tmp_path], Limits(max_total_bytes=100))
    assert articles[0].error == "" and articles[2].error.startswith("batch too large: this file would bring the total")


def test_a_good_page_and_hostile_uploads_in_one_batch():
    report = read_uploads([("page.html", NEWS_PAGE.encode()), ("junk.docx", _junk_docx()),
                           ("depeche.docx", make_docx(["Titre", "Le Kremlin a jugé la réponse décevante."]))])
    assert [a.file for a in report.readable] == ["page.html", "depeche.docx"]
    assert [f for f, _ in report.errors] == ["junk.docx"]


def test_reading_never_raises_on_random_bytes_under_any_name():
    for suffix in (".txt", ".md", ".html", ".pdf", ".docx", ".csv", ".tsv", ".json", ".jsonl", ".zip", ""):
        for seed in range(3):
            articles = read_bytes(f"random{suffix}", os.urandom(1500 + seed))
            assert articles and all(a.error for a in articles), suffix


def test_cli_reports_each_failed_file_and_exits_zero_when_something_was_read(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "junk.txt").write_bytes(os.urandom(2048))
    (tmp_path / "password.pdf").write_bytes(encrypted_pdf(article_pdf()))
    (tmp_path / "empty.md").write_bytes(b"")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "lib", "analyze", str(tmp_path), "--out", str(out),
                          "--no-parquet", "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [f"error: {tmp_path / 'empty.md'}: empty file",
                      f"error: {tmp_path / 'junk.txt'}: not a text file (no known encoding decodes it)",
                      f"error: {tmp_path / 'password.pdf'}: password-protected PDF: open it with its password "
                      "and save an unprotected copy"]
    assert "1 articles analyzed, 3 failed" in run.stdout
    assert (out / "articles.csv").read_text(encoding="utf-8").count("\n") >= 5


def test_cli_exits_with_the_documented_code_when_nothing_could_be_read(tmp_path):
    (tmp_path / "junk.txt").write_bytes(os.urandom(2048))
    run = subprocess.run([sys.executable, "-m", "lib", "analyze", str(tmp_path / "junk.txt"), "--out",
                          str(tmp_path / "out"), "--no-parquet", "--quiet"], cwd=ROOT, capture_output=True,
                         text=True, timeout=600)
    from lib.cli import EXIT_NOTHING_READ

    assert run.returncode == EXIT_NOTHING_READ
    assert "junk.txt: not a text file" in run.stderr


def test_docx_that_expands_like_a_zip_bomb_is_not_parsed():
    bomb = make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * (60 * MB)})
    (article,) = read_bytes("bomb.docx", bomb)
    assert article.error.startswith("suspected zip bomb: the document expands ")
    assert article.error.endswith("to 60 MB (limits 100 times, 50 MB): not read")


def test_encrypted_zip_member_is_reported_and_its_neighbours_read():
    data = bytearray(make_zip({"secret.txt": b"\x8a\x13\x99 ciphertext", "open.txt": GOOD_TEXT.encode()}))
    central = data.index(b"PK\x01\x02")  # the first member's central directory entry
    data[central + 8] |= 0x1  # its "encrypted" flag, as a password-protected ZIP sets it
    articles = {a.file: a.error for a in read_bytes("locked.zip", bytes(data))}
    assert articles == {"locked.zip/secret.txt": "encrypted archive member (password-protected ZIP): not read",
                        "locked.zip/open.txt": ""}


def test_utf8_file_with_a_few_windows_1252_bytes_is_read_and_noted(tmp_path):
    (tmp_path / "mixed.txt").write_bytes("Le président a déclaré « non ».\n".encode() + b"Co\xfbt : 5 \x80.")
    (article,) = read_paths([tmp_path / "mixed.txt"])
    assert article.error == "" and article.text.endswith("Coût : 5 €.")
    assert article.note == "2 invalid UTF-8 byte(s) read as Windows-1252"


# --- issue 15: nothing an upload contains becomes markup, a formula or a lost file -------------------------------

EVIL_NAME = "[fn](https://evil.example/fn) ![px](https://evil.example/fnpx.png).txt"
EVIL_HEADER = "![colpx](https://evil.example/colpx.png)"
EVIL_SOURCE = '<a href="https://evil.example/src">Evil</a> https://evil.example/srcurl www.evil.example'
EVIL_ACTOR = '<a href="https://evil.example/act">Doucet</a> [a](https://evil.example/a2)'
LYON_TEXT = ("Le maire de Lyon défend son plan vélo\n\n"
             "Lyon, le 5 mars 2024. Grégory Doucet a présenté mardi son plan de pistes cyclables devant le conseil "
             "municipal, en présence de Bruno Bernard, président de la Métropole.\n"
             "« Nous voulons que chaque habitant puisse aller au travail à vélo », a déclaré Grégory Doucet.\n"
             "Bruno Bernard a salué un projet « ambitieux » devant la presse.")


@pytest.mark.parametrize("text", [EVIL_NAME, EVIL_HEADER, EVIL_SOURCE, EVIL_ACTOR, "contact@evil.example",
                                  ":red[rouge] :material/home: $x^2$", "1. liste", "- puce", "# titre",
                                  "<img src=https://evil.example/i.png onerror=alert(1)>", "**gras** _it_ `code`",
                                  "a &lt; b", "evil\nname\u202etxt.exe"])
def test_markdown_elements_show_uploaded_text_as_it_is(text):
    from live_markup import MARKDOWN, live_markdown

    from lib.output.markup import WORD_JOINER, plain_markdown, visible

    shown = plain_markdown(text)
    assert live_markdown(shown) == []
    # what the analyst reads is the text itself, its control characters spelled out
    rendered = re.sub(r"<[^>]+>", "", MARKDOWN.render(shown)).strip()
    assert html.unescape(rendered).replace(WORD_JOINER, "") == visible(text)


@pytest.fixture(scope="module")
def markup_corpus():
    """An analyzed article whose source and speaker are markup (the speaker renamed by an alias table)."""
    from lib.corpus.actors import AliasTable
    from lib.corpus.build import CorpusSettings
    from lib.pipeline import analyze

    (article,) = read_bytes("lyon.txt", LYON_TEXT.encode())
    aliases = AliasTable(pd.DataFrame({"alias": ["Grégory Doucet"], "actor": [EVIL_ACTOR], "label": ["PER"],
                                       "ignored": [False]}))
    corpus = analyze([replace(article, source=EVIL_SOURCE, published="2024-03-05")],
                     settings=CorpusSettings(aliases=aliases))
    assert EVIL_ACTOR in set(corpus.actors["actor"]) and EVIL_ACTOR in set(corpus.quotes["speaker"])
    return corpus


def test_no_figure_draws_an_uploaded_link(markup_corpus):
    from live_markup import live_in_figure

    from lib.charts import actors, overview, quotes, timeline

    c = markup_corpus
    profile = actors.actor_profile(EVIL_ACTOR, c.mentions, c.quotes, c.articles, c.sentences, c.actors, freq="D")
    figures = {
        "articles by source": overview.articles_by_source(c.articles),
        "top actors": actors.top_actors(c.actors),
        "share of voice": actors.share_of_voice_figure(c.actors),
        "network": actors.network_figure(actors.cooccurrence_graph(c.mentions, c.sentences, c.actors)),
        "mentions over time": actors.mentions_over_time_figure(profile),
        "voices by source": actors.voices_by_source_figure(actors.voices_by_source(c.quotes, c.articles)),
        "top speakers": quotes.top_speakers(quotes.quote_table(c.quotes, c.articles, c.events)),
        **{f"timeline by {lane}": timeline.events_timeline(c.events, lane, include_published=True,
                                                            volume_of=c.articles)
           for lane in ("actor", "article_id", "source")},
    }
    assert {name: live_in_figure(fig) for name, fig in figures.items() if live_in_figure(fig)} == {}
    # the names are still there, escaped: plotly shows them as written
    assert "&lt;a href=\"https://evil.example/src\"&gt;Evil&lt;/a&gt;" in str(figures["articles by source"].data[0].y)
    speaker_bar = figures["top speakers"].data[0]
    assert EVIL_ACTOR in [row[0] for row in speaker_bar.customdata]  # a click finds the speaker as written


def test_cli_csv_output_has_no_cell_a_spreadsheet_would_run(tmp_path):
    from lib.output.export import FORMULA_STARTS
    from lib.store import read_corpus_dir

    rows = [{"id": "f1", "title": '=HYPERLINK("https://evil.example/x","Cliquez")', "source": "+cmd|' /C calc'!A0",
             "author": "@SUM(1+1)", "published": "2024-03-05",
             "text": "Paris, le 5 mars 2024. « =1+1 est la réponse. », a déclaré Jean Dupont, secrétaire général "
                     "du syndicat.\n« -2 voix contre nous », a ajouté Jean Dupont devant la presse."},
            {"id": "f2", "title": "-2 % pour la gauche", "source": "-Le Monde", "published": "2024-03-06",
             "text": "Lyon, le 6 mars 2024. Le maire Grégory Doucet a présenté son plan de pistes cyclables."}]
    (tmp_path / "corpus.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "lib", "analyze", str(tmp_path / "corpus.jsonl"), "--out", str(out),
                          "--no-parquet", "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    number = re.compile(r"[+-]?\d+(\.\d+)?([eE][+-]?\d+)?")
    for table in sorted(out.glob("*.csv")):
        with table.open(encoding="utf-8", newline="") as f:
            cells = [cell for row in csv.reader(f) for cell in row]
        assert [c for c in cells if c.startswith(FORMULA_STARTS) and not number.fullmatch(c)] == [], table.name
    # Revue reads its own files back as they were written
    corpus = read_corpus_dir(out)
    assert sorted(corpus.articles["title"]) == sorted(r["title"] for r in rows)
    assert set(corpus.articles["source"]) == {r["source"] for r in rows}
    assert "=1+1 est la réponse." in set(corpus.quotes["text"])


def test_html_declaring_utf16_but_saved_as_utf8_is_read_like_a_browser_does():
    page = NEWS_PAGE.replace('<meta charset="utf-8">', '<meta charset="utf-16">')
    assert 'charset="utf-16"' in page
    (article,) = read_bytes("page.html", page.encode("utf-8"))
    assert article.error == "" and "étudier ces documents" in article.text


def test_html_whose_declared_charset_does_not_decode_falls_back_to_detection():
    page = NEWS_PAGE.replace('<meta charset="utf-8">', '<meta charset="shift_jis">')
    (article,) = read_bytes("page.html", page.encode("utf-8"))
    assert article.error == "" and "étudier ces documents" in article.text


def test_a_script_inside_the_headline_does_not_reach_the_title():
    body = LYON_TEXT.split("\n\n", 1)[1].replace("\n", "</p><p>")
    page = ("<html><head><title>Plan vélo</title></head><body><article><h1>Le maire <script>alert(1)</script>"
            f"défend son plan</h1><p>{body}</p></article></body></html>")
    (article,) = read_bytes("page.html", page.encode("utf-8"))
    assert article.error == "" and "alert" not in article.title and "alert" not in article.text
    assert article.title == "Le maire défend son plan"


def test_a_renamed_docm_is_named_as_such_without_a_python_repr():
    data = make_docx(["Titre", "Le Kremlin a jugé la réponse décevante."])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"x").replace(
        b"application/vnd.openxmlformats-officedocument.x", b"application/vnd.ms-word.document.macroEnabled.main+xml")
    assert b"macroEnabled" in parts["[Content_Types].xml"]
    (article,) = read_bytes("rapport.docx", make_zip(parts))
    assert article.error.startswith("macro-enabled Word document (.docm) renamed .docx")
    assert "object at 0x" not in article.error and "<" not in article.error


def test_a_metadata_file_without_its_article_is_reported_not_dropped(tmp_path):
    report = read_uploads([("a.txt", GOOD_TEXT.encode()), ("a.meta.json", b'{"source": "AFP"}'),
                           ("orphan.meta.json", b'{"source": "AFP"}')])
    assert report.readable[0].source == "AFP"
    assert report.errors == [("orphan.meta.json",
                              "metadata file without its article (no orphan or orphan.* beside it): ignored")]
    (tmp_path / "b.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "c.meta.json").write_text('{"source": "AFP"}', encoding="utf-8")
    errors = {Path(a.file).name: a.error for a in read_paths([tmp_path]) if a.error}
    assert errors == {"c.meta.json": "metadata file without its article (no c or c.* beside it): ignored"}


def test_a_file_name_with_control_characters_gets_a_clean_id_and_is_shown_escaped():
    report = read_uploads([("evil\nname\u202etxt.exe.txt", GOOD_TEXT.encode())])
    (article,) = report.readable
    assert article.article_id == "evil_name_txt.exe"
    assert article.file == "evil\\nname\\u202etxt.exe.txt"
    assert "control characters in its name or id" in article.note and "\n" not in article.note
    assert report.notes == [(article.file, article.note)]


def test_an_article_two_thirds_french_one_third_arabic_is_french_and_gets_its_actors():
    from lib.readers.langid import detect_language
    from lib.pipeline import analyze

    french = ["Le ministre des Affaires étrangères, Jean-Yves Le Drian, a reçu mardi à Paris son homologue marocain "
              "pour évoquer la coopération entre les deux pays.",
              "« Nous voulons renforcer nos liens économiques et culturels », a déclaré Jean-Yves Le Drian devant "
              "la presse, selon un communiqué du Quai d'Orsay.",
              "Les deux responsables ont également abordé la situation au Sahel et la lutte contre le terrorisme, "
              "a précisé l'ambassade de France à Rabat."]
    arabic = ["قال وزير الخارجية المغربي إن العلاقات بين البلدين تمر بمرحلة جيدة وإن التعاون الاقتصادي سيتعزز "
              "في الأشهر المقبلة.",
              "وأضاف الوزير في مؤتمر صحفي عقده في باريس أن الحكومة تعمل على تطوير الشراكة في مجالات الطاقة "
              "والتعليم والثقافة."]
    text = "\n\n".join(["Visite du ministre marocain à Paris", *french, arabic[0], french[0], arabic[1]])
    assert detect_language(text) == "fr"
    (article,) = read_bytes("mixte.txt", text.encode())
    assert article.lang == "fr"
    corpus = analyze([article])
    assert "Jean-Yves Le Drian" in set(corpus.actors["actor"])
    # the Arabic paragraphs are left out of the French parse, with a note, and every offset still holds
    assert "2 paragraph(s) in another script" in corpus.articles.iloc[0]["note"]
    for start in (text.index(arabic[0]), text.index(arabic[1])):
        assert not ((corpus.mentions["start"] >= start) & (corpus.mentions["start"] < start + 20)).any()
    assert all(text[m.start:m.end] == m.text for m in corpus.mentions.itertuples())
    assert detect_language("\n\n".join(arabic * 3 + french[:1])) == "ar"  # mostly Arabic stays Arabic
