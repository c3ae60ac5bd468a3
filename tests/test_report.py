"""The stakeholder report (lib/output/report.py) read as a browser reads it: sections, every quote of the
filtered corpus, the filters stated, the article list, and no live markup from uploaded text.

The page is parsed with the standard library's HTML parser, so what is checked is what a browser would show
(text after entities are decoded, tags and attributes as elements), not the strings the report code wrote.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from html.parser import HTMLParser

import pandas as pd
import pytest

from conftest import SAMPLE
from live_markup import live_in_figure
from lib.charts.stances import stance_matrix
from lib.corpus.actors import AliasTable
from lib.corpus.build import CorpusSettings
from lib.corpus.frames import Corpus
from lib.filters import Filters
from lib.output.report import build_report
from lib.pipeline import analyze
from lib.readers import read_bytes, read_paths

SECTIONS = ["key-figures", "timeline", "actors", "stances", "quotes", "unattributed", "articles", "methods"]
DEMO_ARTICLES = 10  # the seed and the first ten Wikinews articles: several months, several speakers


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: list[str] = field(default_factory=list)
    children: list["Element"] = field(default_factory=list)

    def all_text(self) -> str:
        return " ".join(" ".join(self.text + [c.all_text() for c in self.children]).split())

    def find(self, tag: str, **attrs: str) -> list["Element"]:
        """Descendants with this tag and these attribute values (class matches one of the classes)."""
        found = []
        for child in self.children:
            classes = child.attrs.get("class", "").split()
            if child.tag == tag and all(child.attrs.get(k) == v or (k == "class" and v in classes)
                                        for k, v in attrs.items()):
                found.append(child)
            found += child.find(tag, **attrs)
        return found


VOID = {"meta", "col", "br", "img", "input", "link", "hr"}


class Tree(HTMLParser):
    """The page as elements; every start tag with its attributes is also kept in ``tags``."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.tags.append((tag, element.attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if self.stack[-1].tag == "script":
            self.scripts.append(data)
        elif self.stack[-1].tag != "style":
            self.stack[-1].text.append(data)

    def section(self, anchor: str) -> Element:
        return next(s for s in self.root.find("section") if s.attrs.get("id") == anchor)


def flat(text: str) -> str:
    return " ".join(str(text).split())


def rows(table: Element) -> list[list[str]]:
    return [[td.all_text() for td in tr.find("td")] for tr in table.find("tbody")[0].find("tr")]


def figures(tree: Tree) -> list[dict]:
    """The plotly figures of the page: the data and layout each inline script passes to Plotly.newPlot."""
    decoder, found = json.JSONDecoder(), []
    for script in tree.scripts:
        at = script.find("Plotly.newPlot(")
        if at < 0:
            continue
        _, at = decoder.raw_decode(script, script.index('"', at))  # the div's id
        data, at = decoder.raw_decode(script, script.index("[", at))
        layout, _ = decoder.raw_decode(script, script.index("{", at))
        found.append({"data": data, "layout": layout})
    return found


@pytest.fixture(scope="module")
def demo_corpus() -> Corpus:
    demo = read_paths([SAMPLE / "demo_corpus.jsonl"])[:DEMO_ARTICLES]
    return analyze(read_paths([SAMPLE / "seed.txt"]) + demo)


@pytest.fixture(scope="module")
def whole(demo_corpus: Corpus) -> Tree:
    made = datetime(2024, 5, 1, 9, 30, tzinfo=timezone.utc)
    return Tree(build_report(demo_corpus, corpus_name="Sample corpus", generated=made))


def test_every_section_is_listed_in_the_contents_and_starts_a_printed_page(whole: Tree) -> None:
    sections = [s.attrs["id"] for s in whole.root.find("section")]
    assert sections == SECTIONS
    toc = [a.attrs["href"] for a in whole.root.find("nav")[0].find("a")]
    assert toc == [f"#{anchor}" for anchor in SECTIONS]
    assert all(whole.section(a).find("h2") for a in SECTIONS)
    page = build_report(Corpus.empty())
    print_rules = page[page.index("@media print"):page.index("</style>")]
    # printed, each section starts a page, a row is never cut and table headers repeat on every page
    assert "section{break-before:page}" in print_rules and "thead{display:table-header-group}" in print_rules
    assert "tr," in print_rules and "break-inside:avoid" in print_rules


def test_title_page_names_the_corpus_period_counts_and_no_filter(whole: Tree, demo_corpus: Corpus) -> None:
    cover = whole.root.find("header", **{"class": "cover"})[0]
    facts = dict(zip((dt.all_text() for dt in cover.find("dt")), (dd.all_text() for dd in cover.find("dd"))))
    assert facts["Corpus"] == "Sample corpus"
    published = sorted(p for p in demo_corpus.articles["published"] if p)
    assert facts["Period covered"] == f"{published[0]} to {published[-1]}"
    assert facts["Contents"].startswith(f"{len(demo_corpus.articles)} articles from 2 sources, "
                                        f"{len(demo_corpus.actors)} actors, {len(demo_corpus.quotes)} quotes")
    assert facts["Filters applied"] == "None: every article of the corpus."
    assert facts["Generated"] == "2024-05-01 09:30 UTC by Revue"
    assert whole.root.find("h1")[0].all_text() == "Revue press review"


def test_the_filters_are_stated_and_applied(demo_corpus: Corpus) -> None:
    first = sorted(p for p in demo_corpus.articles["published"] if p)[1]
    filters = Filters(start=date.fromisoformat(first), actors=("Emmanuel Macron",))
    view = filters.apply(demo_corpus)
    assert 0 < len(view.articles) < len(demo_corpus.articles) and len(view.quotes) < len(demo_corpus.quotes)
    tree = Tree(build_report(demo_corpus, "Macron", filters=filters, corpus_name="Sample corpus"))
    stated = [li.all_text() for li in tree.root.find("dd", **{"class": "filters"})[0].find("li")]
    assert stated == [f"Published from {first} (undated articles kept)", "Articles naming: Emmanuel Macron"]
    listed = rows(tree.section("articles").find("table")[0])
    assert sorted(r[2] for r in listed) == sorted(flat(t) for t in view.articles["title"])
    # an already filtered corpus gives the same article list: the filters are applied once, whatever is given
    again = Tree(build_report(view, "Macron", filters=filters))
    assert rows(again.section("articles").find("table")[0]) == listed


def quotes_listed(tree: Tree, anchor: str) -> list[str]:
    return [span.all_text() for span in tree.section(anchor).find("span", **{"class": "quote"})]


def test_every_quote_is_listed_once_under_its_speaker_most_quoted_first(whole: Tree, demo_corpus: Corpus) -> None:
    quotes = demo_corpus.quotes.assign(speaker=demo_corpus.quotes["speaker"].fillna(""))
    attributed, unattributed = quotes[quotes["speaker"] != ""], quotes[quotes["speaker"] == ""]
    assert len(attributed) > 20 and len(unattributed) > 0
    assert sorted(quotes_listed(whole, "quotes")) == sorted(flat(t) for t in attributed["text"])
    assert sorted(quotes_listed(whole, "unattributed")) == sorted(flat(t) for t in unattributed["text"])

    headings = [h.all_text() for h in whole.section("quotes").find("h3")]
    counts = attributed["speaker"].value_counts()
    assert [h.split(" — ")[0] for h in headings][:3] == list(counts.index[:3])
    top = counts.index[0]
    table = whole.section("quotes").find("table")[0]
    assert len(rows(table)) == counts.iloc[0] and headings[0].startswith(f"{top} — {counts.iloc[0]} quotes")
    first = rows(table)[0]  # date, kind, quote, confidence, article, source
    own = attributed[attributed["speaker"] == top].merge(demo_corpus.articles, on="article_id",
                                                         suffixes=("", "_article"))
    match = own[own["text"].map(flat) == first[2]].iloc[0]
    assert first[:2] == [match["published"], match["kind"]]
    assert first[3:] == [f"{match['speaker_confidence']:.2f}", flat(match["title"]), match["source"]]


def test_weak_attributions_are_listed_apart_with_their_speaker(demo_corpus: Corpus) -> None:
    quotes = demo_corpus.quotes
    attributed = quotes[quotes["speaker"].fillna("") != ""]
    # the threshold that puts the least sure tenth of the attributions apart, whatever the shipped ranker's weights
    threshold = math.ceil(attributed["speaker_confidence"].quantile(0.1) * 100) / 100
    weak = attributed[attributed["speaker_confidence"] < threshold]
    assert 0 < len(weak) < len(attributed)
    tree = Tree(build_report(demo_corpus, min_confidence=threshold))
    apart = rows(tree.section("unattributed").find("table")[0])  # date, kind, quote, speaker, confidence, …
    assert {(r[2], r[3]) for r in apart if r[3]} == {(flat(q.text), q.speaker) for q in weak.itertuples()}
    assert not set(quotes_listed(tree, "quotes")) & {flat(t) for t in weak["text"]}
    assert tree.section("unattributed").find("h2")[0].all_text() == \
        f"Quotes without a speaker or with a speaker confidence below {threshold:.2f}"


def test_the_article_list_is_complete_with_links_for_web_addresses_only(whole: Tree, demo_corpus: Corpus) -> None:
    table = whole.section("articles").find("table")[0]
    listed = rows(table)
    arts = demo_corpus.articles
    assert len(listed) == len(arts)
    assert [r[0] for r in listed] == sorted(arts["published"])  # by publication date
    by_title = {flat(a.title): a for a in arts.itertuples()}
    for published, source, title, url, words in listed:
        article = by_title[title]
        assert (published, source, url, words) == (article.published, article.source, article.url,
                                                   f"{article.n_words:,}")
    links = [a.attrs["href"] for a in table.find("a")]
    assert sorted(links) == sorted(u for u in arts["url"] if u.startswith("https://")) and links


def test_charts_of_every_section_timeline_included(whole: Tree) -> None:
    titles = [f["layout"]["title"]["text"] for f in figures(whole)]
    assert any(t.startswith("Events by resolved date") for t in titles)
    assert any(t.startswith("Articles published per") for t in titles)
    assert {"Top actors by mentions", "Top speakers", "Stance: tone of each source toward each target"} <= set(titles)
    assert any(t.startswith("Share of the articles published") for t in titles)
    assert all(f["layout"]["width"] <= 700 for f in figures(whole))  # drawn at an A4 page's width


def test_stance_pairs_with_enough_evidence_list_their_sentences(whole: Tree, demo_corpus: Corpus) -> None:
    matrix = stance_matrix(demo_corpus.stances)
    assert len(matrix) > 0
    section = whole.section("stances")
    headings = [h.all_text() for h in section.find("h3")]
    assert headings == [f"{p.source_actor} → {p.target_actor}" for p in matrix.itertuples()]
    for table, pair in zip(section.find("table")[1:], matrix.itertuples()):
        evidence = demo_corpus.stances[(demo_corpus.stances["source_actor"] == pair.source_actor)
                                       & (demo_corpus.stances["target_actor"] == pair.target_actor)]
        assert sorted(r[4] for r in rows(table)) == sorted(flat(e) for e in evidence["evidence"])


# An upload built to attack whoever opens the report: markup in the title, source, quote and speaker, a
# javascript: address. (JSON Lines, as a press-database export would come.)
EVIL_TITLE = "<script>alert('title')</script> Grève à la SNCF"
EVIL_SOURCE = "<img src=x onerror=alert('source')>"
EVIL_URL = "javascript:alert('url')"
EVIL_ACTOR = "<img src=x onerror=alert('actor')>"
EVIL_TEXT = ("Paris, le 3 mars 2024. « Nous refusons <script>alert('quote')</script> cette réforme injuste », "
             "a déclaré Jean Dupont, secrétaire général du syndicat. « Jean Dupont ment <img src=x "
             "onerror=alert('quote2')> », a répondu Marie Martin, ministre du Travail. Jean Dupont a critiqué "
             "Marie Martin devant la presse. Jean Dupont accuse Marie Martin de mépris.")


@pytest.fixture(scope="module")
def hostile() -> Corpus:
    row = {"title": EVIL_TITLE, "text": EVIL_TEXT, "source": EVIL_SOURCE, "url": EVIL_URL, "date": "2024-03-03"}
    # the analyst's alias table (an imported CSV) renames the speaker to markup
    aliases = AliasTable(pd.DataFrame([{"alias": "Jean Dupont", "actor": EVIL_ACTOR, "label": "PER",
                                        "ignored": False}]))
    return analyze(read_bytes("piege.jsonl", json.dumps(row).encode("utf-8")), settings=CorpusSettings(aliases))


def test_uploaded_markup_is_shown_as_text_never_run(hostile: Corpus) -> None:
    assert EVIL_ACTOR in set(hostile.quotes["speaker"]) and hostile.articles["url"].iat[0] == EVIL_URL
    page = build_report(hostile, EVIL_TITLE, corpus_name=EVIL_SOURCE)
    tree = Tree(page)
    # the only elements are the report's own: no img, no script but plotly.js and the figures' calls
    assert {tag for tag, _ in tree.tags} <= {"html", "head", "meta", "title", "style", "script", "body", "header",
                                              "h1", "h2", "h3", "dl", "dt", "dd", "ul", "li", "p", "nav", "ol", "a",
                                              "section", "table", "colgroup", "col", "thead", "tbody", "tr", "th",
                                              "td", "span", "div", "b"}
    assert not [(tag, a) for tag, attrs in tree.tags for a in attrs if a.startswith("on")]
    assert not [attrs for tag, attrs in tree.tags if tag == "script" and attrs.get("src")]
    assert all(attrs["href"].startswith(("#", "https://", "http://")) for tag, attrs in tree.tags if tag == "a")
    # each hostile string is on the page as text, where the analyst can read it
    text = tree.root.all_text()
    for evil in (EVIL_TITLE, EVIL_SOURCE, EVIL_URL, EVIL_ACTOR, "<script>alert('quote')</script>"):
        assert flat(evil) in text, evil
    assert tree.root.find("h1")[0].all_text() == flat(EVIL_TITLE)
    assert EVIL_URL in [r[3] for r in rows(tree.section("articles").find("table")[0])]
    # the figures draw names as text too (plotly reads <img>, <a> in labels and hover text as markup)
    drawn = figures(tree)
    assert drawn and not [s for f in drawn for needle in ("onerror", "script") for s in live_in_figure(f, needle)]


def test_empty_and_undated_corpora_still_give_every_section() -> None:
    for corpus in (Corpus.empty(), analyze(read_bytes("note.txt", "Une note sans date ni citation.".encode()))):
        tree = Tree(build_report(corpus))
        assert [s.attrs["id"] for s in tree.root.find("section")] == SECTIONS
        assert "no publication date" in tree.root.find("header")[0].all_text()


def test_the_methods_note_gives_the_measured_quality_from_the_evaluation(whole: Tree) -> None:
    """The report quotes the cross-validated figures `python -m lib evaluate --cv --json` wrote, with intervals."""
    from lib.output.report import QUALITY_FILE

    measured = {r["measure"]: r for r in json.loads(QUALITY_FILE.read_text(encoding="utf-8"))["all"]}
    (table,) = whole.section("methods").find("table")
    shown = {row[0]: row for row in rows(table)}
    quotes = measured["quotes (all kinds)"]
    assert shown["quotes (all kinds)"][1:3] == [f"{quotes['value']:.2f}", f"{quotes['lo']:.2f}–{quotes['hi']:.2f}"]
    assert {"speaker accuracy (matched quotes)", "stances found (recall)", "tone macro-F1 (coded sentences)"} <= set(shown)
