"""Readers: every supported format gives the article's text and metadata, in any common encoding."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import SAMPLE
from fixture_files import ARTICLE_FR, NEWS_PAGE, article_pdf, encrypted_pdf, make_docx, make_pdf, make_zip

from lib.pipeline import analyze
from lib.readers import Limits, ReadReport, propose_mapping, read_bytes, read_corpus, read_paths, read_uploads
from lib.readers.meta import iso_date
from lib.readers.text import decode_bytes

FRENCH = "Le président a déclaré : « L'aide coûtera 5 € à l'État », a-t-il ajouté. Œuvre, ça, où, déjà.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252",
                                      "iso-8859-15"])
def test_french_text_decodes_without_mojibake(encoding):
    decoded = decode_bytes(FRENCH.encode(encoding))
    assert decoded.text == FRENCH
    assert decoded.note == ""


def test_latin1_without_euro_sign_decodes():
    text = "Café crème : « déjà vu », a-t-il dit à l'été.\n"
    assert decode_bytes(text.encode("latin-1")).text == text


def test_short_cp1252_is_not_taken_for_central_european():
    # charset-normalizer alone reads these bytes as cp1250: "crčme ŕ 2 €"
    assert decode_bytes("Café crème à 2 €, déjà « là-bas ».".encode("cp1252")).text == "Café crème à 2 €, déjà « là-bas »."


def test_cyrillic_legacy_encoding_is_still_detected():
    text = "Москва считает ответ НАТО разочаровывающим, заявил Песков журналистам."
    assert decode_bytes(text.encode("cp1251")).text == text


def test_stray_cp1252_byte_in_utf8_is_repaired_and_noted():
    data = "Le président a déclaré « oui ». ".encode() + b"Le caf\xe9 est froid."
    decoded = decode_bytes(data)
    assert decoded.text.endswith("Le café est froid.")
    assert "1 invalid UTF-8 byte" in decoded.note


def test_character_cut_at_the_end_is_dropped_not_garbled():
    data = "Il a dit « non » à l'é".encode()[:-1]  # a download cut inside "é"
    decoded = decode_bytes(data)
    assert decoded.text == "Il a dit « non » à l'"
    assert "middle of a character" in decoded.note


def test_text_file_title_is_first_line_and_crlf_normalised():
    article = read_bytes("depeche.txt", "Titre de la dépêche\r\n\r\nCorps du texte.\r\n".encode("cp1252"))[0]
    assert article.title == "Titre de la dépêche"
    assert article.text == "Titre de la dépêche\n\nCorps du texte."
    assert article.lang in ("fr", "")


def test_markdown_syntax_is_removed_words_are_kept():
    md = "# Moscou répond\n\n**Le Kremlin** a [jugé](https://example.org) la réponse *décevante*.\n\n- un point\n"
    article = read_bytes("note.md", md.encode())[0]
    assert article.title == "Moscou répond"
    assert article.text == "Moscou répond\n\nLe Kremlin a jugé la réponse décevante.\n\nun point"


def test_saved_news_page_keeps_the_article_and_drops_the_page_around_it():
    article = read_bytes("ukraine.html", NEWS_PAGE.encode())[0]
    assert article.error == ""
    assert article.title == "Ukraine : Moscou juge « décevante » la réponse de l'Otan"
    assert article.text.startswith(article.title + "\n\n")
    for quote in ("« ne prennent pas en compte nos préoccupations principales »", "« prête au dialogue »",
                  "« Nous allons étudier ces documents attentivement, mais il n'y a pas de quoi être optimiste »"):
        assert " ".join(quote.split()) in " ".join(article.text.split())
    for junk in ("Accueil", "Abonnez-vous", "Partager sur", "Commentaires", "honte à vous", "Merci pour cet",
                 "À lire aussi", "Les marchés inquiets", "SCRIPT-TRACKER", "PUBLICITE", "Mentions légales"):
        assert junk not in article.text
    assert article.published == "2022-02-02"
    assert article.author == "Claire Dubois"
    assert article.source == "Le Quotidien"
    assert article.url == "https://www.lequotidien.example/monde/2022/02/02/ukraine-moscou-reponse-otan"
    assert article.lang == "fr"


def test_saved_page_without_charset_in_cp1252_and_read_twice_is_the_same_text():
    reference = read_bytes("ukraine.html", NEWS_PAGE.encode())[0].text
    undeclared = NEWS_PAGE.replace('<meta charset="utf-8">', "").encode("cp1252")
    assert read_bytes("ukraine.html", undeclared)[0].text == reference  # "reçu", not "reēu"
    assert read_bytes("ukraine.html", NEWS_PAGE.encode())[0].text == reference  # no cross-call deduplication


def test_pdf_text_layer_is_read_with_accents_quotes_and_euro():
    article = read_bytes("depeche.pdf", article_pdf())[0]
    assert article.error == ""
    assert article.title == "Moscou juge « décevante » la réponse de l'Otan"
    assert "« Nous allons étudier ces documents attentivement », a déclaré M. Peskov." in article.text
    assert "5 € par habitant" in article.text
    assert article.lang == "fr"


def test_secured_pdf_without_a_user_password_is_read():
    # Publishers "secure" PDFs with an owner password (no printing, no copying) and AES.
    article = read_bytes("securise.pdf", encrypted_pdf(article_pdf(), "", owner="editeur", algorithm="AES-256"))[0]
    assert article.error == "" and "5 € par habitant" in article.text
    locked = read_bytes("verrouille.pdf", encrypted_pdf(article_pdf(), "secret", algorithm="AES-128"))[0]
    assert locked.error.startswith("password-protected PDF")


def test_pdf_title_property_naming_a_file_is_not_the_title():
    article = read_bytes("a.pdf", make_pdf([["Moscou répond à l'Otan", "Le Kremlin a jugé la réponse décevante."]],
                                           title="Microsoft Word - depeche.docx"))[0]
    assert article.title == "Moscou répond à l'Otan"


def test_pdf_lines_of_one_paragraph_are_joined():
    data = make_pdf([["Le porte-parole du", "Kremlin a jugé la réponse décevante.", "Les discussions reprendront."]],
                    title="Réponse")
    article = read_bytes("a.pdf", data)[0]
    assert article.text == "Réponse\n\nLe porte-parole du Kremlin a jugé la réponse décevante.\nLes discussions reprendront."


def test_docx_paragraphs_and_properties():
    paragraphs = ARTICLE_FR.split("\n\n")
    article = read_bytes("depeche.docx", make_docx(paragraphs, title=paragraphs[0], author="Claire Dubois"))[0]
    assert article.error == ""
    assert article.text == ARTICLE_FR
    assert article.title == paragraphs[0]
    assert article.author == "Claire Dubois"


CUSTOM_CSV = (
    "Headline;Story;Outlet;Date of publication;Link\n"
    "Moscou répond;\"Le Kremlin a jugé la réponse de l'Otan « décevante », a déclaré Dmitri Peskov mercredi à "
    "Moscou devant la presse.\";Le Quotidien;02/02/2022;https://example.org/a\n"
    "Washington se tait;\"Le département d'État n'a pas souhaité commenter la réaction russe, selon un porte-parole "
    "joint par téléphone jeudi.\";La Gazette;03/02/2022;https://example.org/b\n"
).encode("utf-8")


def test_mapping_is_proposed_for_non_standard_columns():
    preview = propose_mapping("export.csv", CUSTOM_CSV)
    assert preview.columns == ["Headline", "Story", "Outlet", "Date of publication", "Link"]
    assert preview.mapping["title"] == "Headline"
    assert preview.mapping["text"] == "Story"  # no alias: the longest prose column
    assert preview.mapping["url"] == "Link"  # no alias: values are URLs
    assert preview.mapping["source"] == "Outlet"
    assert preview.mapping["published"] == "Date of publication"  # no alias: values are day-first dates
    assert preview.n_rows == 2 and preview.problems == []
    assert preview.needs_review  # neither the text nor the date column has a known name


def test_standard_corpus_columns_need_no_review():
    assert not propose_mapping("demo.jsonl", (SAMPLE / "demo_corpus.jsonl").read_bytes()).needs_review


def test_uploads_are_read_with_the_confirmed_mapping():
    mapping = {"title": "Headline", "text": "Story", "source": "Outlet", "published": "Date of publication"}
    report = read_uploads([("export.csv", CUSTOM_CSV), ("other.csv", CUSTOM_CSV.replace(b"Moscou", b"Kiev"))],
                          mappings={"export.csv": mapping})
    mapped = [a for a in report.readable if a.file.startswith("export.csv")]
    assert [a.published for a in mapped] == ["2022-02-02", "2022-02-03"]
    assert [a.source for a in mapped] == ["Le Quotidien", "La Gazette"]
    # the other file is read with the proposed mapping, whose date column is guessed from its values
    other = [a for a in report.articles if a.file.startswith("other.csv")]
    assert other[0].published == "2022-02-02" and "Kiev" in other[0].text and not other[0].duplicate_of
    # its second row has the same text as export.csv's: reported as a duplicate, analyzed once
    assert other[1].duplicate_of == mapped[1].article_id


def test_corpus_is_read_with_an_explicit_mapping():
    mapping = {"title": "Headline", "text": "Story", "source": "Outlet", "published": "Date of publication",
               "url": "Link"}
    first, second = read_corpus("export.csv", CUSTOM_CSV, mapping)
    assert first.title == "Moscou répond" and first.text.startswith("Moscou répond\n\nLe Kremlin a jugé")
    assert first.published == "2022-02-02" and second.published == "2022-02-03"  # day first
    assert first.source == "Le Quotidien" and first.url == "https://example.org/a"
    swapped = read_corpus("export.csv", CUSTOM_CSV, {"text": "Headline"})
    assert swapped[0].text == "Moscou répond"


def test_newsapi_style_json_with_nested_source():
    payload = {"status": "ok", "articles": [
        {"source": {"id": None, "name": "Le Quotidien"}, "author": "Claire Dubois", "title": "Moscou répond",
         "url": "https://example.org/a", "publishedAt": "2022-02-02T09:15:00Z",
         "content": "Le Kremlin a jugé la réponse de l'Otan « décevante », a déclaré Dmitri Peskov."}]}
    article = read_bytes("news.json", json.dumps(payload).encode())[0]
    assert (article.source, article.author, article.published) == ("Le Quotidien", "Claire Dubois", "2022-02-02")
    assert article.text.endswith("a déclaré Dmitri Peskov.")


@pytest.mark.parametrize("value,expected", [
    ("2022-02-02T09:15:00+01:00", "2022-02-02"), ("Wed, 02 Feb 2022 09:15:00 GMT", "2022-02-02"),
    ("02/02/2022", "2022-02-02"), ("2 février 2022", "2022-02-02"), ("", ""), ("pas une date", ""),
    ("2022-13-45", ""), ("15/03/2023", "2023-03-15"), ("2021", ""), ("12", ""), ("mars 2022", "")])
def test_publication_dates_become_iso(value, expected):
    assert iso_date(value) == expected


def test_sidecar_next_to_a_file_on_disk_is_honoured():
    article = read_paths([SAMPLE / "seed.txt"])[0]
    assert (article.published, article.lang, article.source) == ("2022-02-02", "fr", "seed")


def test_sidecars_are_not_read_as_articles_when_walking_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text("Titre\n\nLe Kremlin a jugé la réponse décevante.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"published": "2022-02-02", "source": "AFP"}', encoding="utf-8")
    (tmp_path / "b.txt").write_text("Autre\n\nWashington n'a pas commenté la réaction russe.", encoding="utf-8")
    (tmp_path / "b.meta.json").write_text("{not json", encoding="utf-8")
    a, b = read_paths([tmp_path])
    assert (a.published, a.source) == ("2022-02-02", "AFP")
    assert b.error == "" and "sidecar b.meta.json ignored" in b.note


def test_zip_with_nested_folders_archives_and_sidecars():
    inner = make_zip({"c.txt": "Troisième\n\nLe Kremlin a jugé la réponse décevante.".encode()})
    data = make_zip({
        "2022/fevrier/a.txt": "Premier\n\nWashington n'a pas commenté.".encode(),
        "2022/fevrier/a.meta.json": b'{"published": "2022-02-02"}',
        "2022/mars/a.txt": "Second\n\nL'Otan reste prête au dialogue.".encode(),
        "2022/inner.zip": inner,
        "__MACOSX/2022/._a.txt": b"\x00\x05\x16\x07",
    })
    articles = read_bytes("press.zip", data)
    assert [a.file for a in articles] == ["press.zip/2022/fevrier/a.txt", "press.zip/2022/mars/a.txt",
                                          "press.zip/2022/inner.zip/c.txt"]
    assert [a.article_id for a in articles] == ["a", "a-2", "c"]  # two a.txt are two articles
    assert articles[0].published == "2022-02-02" and articles[1].published == ""
    assert all(a.error == "" for a in articles)


def test_read_uploads_reports_errors_notes_and_what_to_analyze():
    report = read_uploads([("a.txt", "Titre\n\nLe Kremlin a jugé la réponse décevante.".encode()),
                           ("a.meta.json", b'{"source": "AFP"}'),
                           ("vide.txt", b""), ("copie.txt", "Titre\n\nLe Kremlin a jugé la réponse décevante.".encode())])
    assert isinstance(report, ReadReport)
    assert [a.file for a in report.readable] == ["a.txt"] and report.readable[0].source == "AFP"
    assert report.errors == [("vide.txt", "empty file")]
    assert report.notes == [("copie.txt", "same text as a: not analyzed twice")]


def test_unknown_language_is_detected_not_defaulted():
    german = "Die Regierung hat am Mittwoch beschlossen, die Steuern für kleine Unternehmen deutlich zu senken."
    assert read_bytes("de.txt", german.encode())[0].lang == "de"
    assert read_bytes("x.txt", b"OTAN 2022")[0].lang == ""  # too short to tell


def test_every_reader_keeps_the_file_name_for_the_error_list(tmp_path: Path):
    missing = tmp_path / "absent.txt"
    article = read_paths([missing])[0]
    assert article.file == str(missing) and article.error.startswith("cannot open")


def test_article_in_a_language_without_pipeline_is_kept_marked_and_analyzed():
    text = ("Streit um Steuern\n\nDie Regierung hat am Mittwoch beschlossen, die Steuern für kleine Unternehmen "
            "deutlich zu senken. Die Opposition kritisierte den Plan.")
    (article,) = read_bytes("de.txt", text.encode())
    corpus = analyze([article])
    row = corpus.articles.iloc[0]
    assert (row["lang"], row["error"]) == ("de", "")
    assert row["note"].startswith("no spaCy pipeline for language 'de'")
    assert len(corpus.sentences) >= 2 and corpus.mentions.empty  # split into sentences, no NER


def _demo_rows_csv(n: int) -> bytes:
    """The first ``n`` demo corpus articles as a CSV corpus (id, title, date, text)."""
    rows = [json.loads(line) for line in (SAMPLE / "demo_corpus.jsonl").read_text(encoding="utf-8").splitlines()[:n]]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["id", "title", "date", "text"], extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def test_corpus_rows_count_toward_the_batch_article_limit(tmp_path: Path):
    (tmp_path / "a-note.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "b-corpus.csv").write_bytes(_demo_rows_csv(12))
    (tmp_path / "c-late.txt").write_text(FRENCH, encoding="utf-8")
    articles = read_paths([tmp_path], Limits(max_files=5))
    read = [a for a in articles if not a.error]
    assert [a.file for a in read] == [str(tmp_path / "a-note.txt")] + [f"{tmp_path / 'b-corpus.csv'}::{i}"
                                                                         for i in range(1, 5)]
    left_out = [a for a in articles if a.error]
    assert [a.file for a in left_out] == [str(tmp_path / "b-corpus.csv"), str(tmp_path / "c-late.txt")]
    assert left_out[0].error == ("8 of its 12 rows left out (rows 5 to 12): limit of 5 articles per batch reached, "
                                 "each row counting as one article")
    assert left_out[1].error == "too many files: limit of 5 files per batch reached"


def test_uploaded_corpus_past_the_limit_is_cut_and_says_so():
    data = _demo_rows_csv(30)
    report = read_uploads([("export.csv", data)], Limits(max_files=20))
    assert len(report.readable) == 20
    assert report.errors == [("export.csv", "10 of its 30 rows left out (rows 21 to 30): limit of 20 articles per "
                                            "batch reached, each row counting as one article")]
    whole = read_uploads([("export.csv", data)], Limits(max_files=30))  # exactly at the limit: all read
    assert len(whole.readable) == 30 and not whole.errors
