"""Article text as the app shows it: escaped, with highlights that nest and never break the markup."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from ui.render import highlighted_html

TEXT = "« Nous refusons <script>alert(1)</script> hier », a déclaré Jean Dupont."


class _Marks(HTMLParser):
    """Collects (css class, text inside) of every <mark>, and fails on any other tag."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, int]] = []
        self.text = ""
        self.marks: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        assert tag in ("mark", "br"), tag
        if tag == "mark":
            self.stack.append((dict(attrs)["class"], len(self.text)))

    def handle_endtag(self, tag):
        css, start = self.stack.pop()
        self.marks.append((css, self.text[start:]))

    def handle_data(self, data):
        self.text += data


def parse(markup: str) -> _Marks:
    parser = _Marks()
    parser.feed(markup)
    assert parser.stack == []  # every mark closed, in order
    return parser


def span(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def test_markup_in_the_text_is_escaped_and_the_text_unchanged() -> None:
    markup = highlighted_html(TEXT, [(*span("Jean Dupont"), "speaker")])
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert parse(markup).text == TEXT


def test_a_date_inside_a_quote_nests_and_both_stay_visible() -> None:
    quote = span("Nous refusons <script>alert(1)</script> hier")
    markup = highlighted_html(TEXT, [(*quote, "quote"), (*span("hier"), "date"), (*span("Jean Dupont"), "speaker")])
    marks = parse(markup).marks
    assert ("rv-date", "hier") in marks
    assert ("rv-quote", "Nous refusons <script>alert(1)</script> hier") in marks
    assert ("rv-speaker", "Jean Dupont") in marks
    assert re.search(r'<mark class="rv-quote">[^<]*&lt;script&gt;.*<mark class="rv-date">hier</mark></mark>', markup)


def test_crossing_spans_keep_the_earlier_longer_one() -> None:
    marks = parse(highlighted_html(TEXT, [(*span("refusons <script>"), "quote"), (*span("Nous refusons"), "PER")])).marks
    assert marks == [("rv-PER", "Nous refusons")]


def test_spans_outside_the_text_are_ignored() -> None:
    assert parse(highlighted_html("court", [(3, 99, "quote"), (-1, 2, "date")])).marks == []


def test_a_lone_carriage_return_cannot_end_the_html_block() -> None:
    # Markdown ends an HTML block at a blank line, "\r\r" included: the rest would be parsed as Markdown
    markup = highlighted_html("Titre\r\r[lien](https://evil.example/l) ![px](https://evil.example/px.png)", [])
    assert "\r" not in markup and "\n" not in markup
    assert markup.startswith("Titre<br><br>[lien]")
