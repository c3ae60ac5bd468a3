"""The stakeholder report: one self-contained HTML page that says what it shows and holds the evidence.

A title page (corpus, period covered, counts, date made and the filters that produced it) and a table of
contents, then one section per question: key figures, the publication timeline and the dated events, the most
mentioned actors and their coverage over time, stances (pairs with enough evidence, each with its sentences),
every quote grouped by speaker, the quotes without a trusted speaker, the article list and a methods note.

It opens offline (plotly.js inlined once, no other resource) and prints from a browser as A4 pages: a
section per page, table rows never cut, header rows repeated, charts drawn at the page's width, links
showing their address.

Every text from the corpus reaches the page through ``_text`` (lib.output.markup: escaped, control
characters spelled out); links are made only for http(s) addresses. Figures come from lib/charts, whose
builders escape their labels.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from lib.charts.actors import top_actors
from lib.charts.common import ActorColors
from lib.charts.overview import articles_by_source, publication_volume, tone_distribution
from lib.charts.quotes import hide_weak_attributions, quote_table, speaker_summary, top_speakers
from lib.charts.search import Series, coverage_figure, coverage_share, series_articles
from lib.charts.stances import MIN_EVIDENCE, pair_evidence, stance_heatmap, stance_matrix
from lib.charts.timeline import events_timeline, publication_window, select_events
from lib.corpus.frames import Corpus
from lib.filters import Filters
from lib.output.markup import plain_html, visible

DEFAULT_TITLE = "Revue press review"
MIN_CONFIDENCE = 0.0  # the Quotes page's default: a named speaker is trusted whatever the model's confidence
TABLE_ACTORS = 30  # rows of the actors table (the chart shows the top 15)
COVERAGE_ACTORS = 5  # actors compared over time
EVENT_MARGIN_DAYS = 92  # events shown around the publication period: the Timeline page's default (± 3 months)
CHART_WIDTH = 680  # px: an A4 page's width inside its margins, so a printed chart is never cut
PLOTLY_CONFIG = {"displaylogo": False, "responsive": False}
_HTTP_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)

STYLE = f"""
body{{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;
  color:#111;line-height:1.45}}
h1{{font-size:2em;margin:0 0 .3em}} h2{{border-bottom:2px solid #111;padding-bottom:.2em;margin-top:2em}}
h3{{margin:1.4em 0 .4em}}
.cover .meta{{font-size:1.05em}} .cover dt{{font-weight:600;margin-top:.6em}} .cover dd{{margin:0}}
nav.toc ol{{line-height:1.8}}
.muted{{color:#555}} .note{{color:#444;font-size:.92em}} .quote{{font-style:italic}}
.chart{{width:{CHART_WIDTH}px;margin:.6em 0 1.2em}}
.figures{{border-collapse:collapse;margin:.4em 0 1.2em}}
.figures th{{text-align:left;font-weight:normal;padding:3px 24px 3px 0}}
.figures td{{text-align:right;font-weight:600;padding:3px 0}}
.tbl{{border-collapse:collapse;font-size:13px;width:100%;margin:.4em 0 1em;table-layout:fixed}}
.tbl th,.tbl td{{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top;
  overflow-wrap:break-word}}
.tbl th{{background:#f3f4f6}} .tbl .num{{text-align:right;white-space:nowrap}} .tbl .date{{white-space:nowrap}}
.tbl .url{{overflow-wrap:anywhere;font-size:12px}}
@page{{size:A4;margin:14mm 12mm}}
@media print{{
  body{{max-width:none;margin:0;padding:0;font-size:10.5pt}}
  section{{break-before:page}}
  h2,h3{{break-after:avoid}}
  tr,.chart,.cover dl{{break-inside:avoid}}
  thead{{display:table-header-group}}
  a{{color:inherit;text-decoration:none}}
  .tbl{{font-size:9.5pt}}
}}
"""


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    body: str


def _str(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _text(value: object) -> str:
    """Corpus text for the page: on one line, control characters spelled out, <, > and & escaped."""
    return plain_html(visible(" ".join(_str(value).split())))


def _link(url: object) -> str:
    """An http(s) address as a link showing the address itself (so a printed page shows it too); anything
    else (javascript:, data:, a file path) as plain text."""
    text = _str(url).strip()
    if _HTTP_URL.fullmatch(text):
        return f'<a href="{html.escape(text, quote=True)}" rel="noopener noreferrer">{_text(text)}</a>'
    return _text(text)


def _date(value: object) -> str:
    return _text(value) or "undated"


def _number(value: int) -> str:
    return f"{value:,}"


def _table(headers: list[str], rows: Iterable[list[str]], widths: list[int], numeric: Iterable[int] = (),
           classes: dict[int, str] | None = None) -> str:
    """A table of cells that are already HTML (built with ``_text``, ``_link``, ``_number``); ``widths``: each
    column's share of the width in %, the same in every table of a kind (fixed layout, so long words wrap)."""
    css = {i: "num" for i in numeric} | (classes or {})
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    head = "".join(f'<th class="{css.get(i, "")}">{h}</th>' for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f'<td class="{css.get(i, "")}">{cell}</td>' for i, cell in enumerate(row))
                   + "</tr>" for row in rows)
    return (f'<table class="tbl"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def _figure(fig: go.Figure) -> str:
    fig.update_layout(width=CHART_WIDTH, autosize=False)
    return ('<div class="chart">'
            + pio.to_html(fig, full_html=False, include_plotlyjs=False, config=PLOTLY_CONFIG) + "</div>")


def _frequency(published: pd.Series) -> str:
    """Bars per day over two months, per week over two years, per month beyond."""
    span = (published.max() - published.min()).days if len(published) else 0
    return "D" if span <= 62 else "W" if span <= 731 else "MS"


def _period(published: pd.Series, undated: int) -> str:
    if published.empty:
        return "no publication date"
    first, last = published.min().date().isoformat(), published.max().date().isoformat()
    span = first if first == last else f"{first} to {last}"
    return span + (f" ({undated} undated article{'s' * (undated > 1)})" if undated else "")


def _sources(arts: pd.DataFrame) -> int:
    """Sources of the articles, articles without one counting as one "(unknown)" source."""
    return int(arts["source"].fillna("").replace("", "(unknown)").nunique())


def _cover(title: str, corpus_name: str, arts: pd.DataFrame, view: Corpus, published: pd.Series,
           filters: list[str], generated: datetime, sections: list[Section]) -> str:
    sources = _sources(arts)
    counts = (f"{len(arts):,} articles from {sources:,} source{'s' * (sources != 1)}, {len(view.actors):,} actors, "
              f"{len(view.quotes):,} quotes")
    stated = ("<ul>" + "".join(f"<li>{_text(line)}</li>" for line in filters) + "</ul>" if filters
              else "<p>None: every article of the corpus.</p>")
    toc = "".join(f'<li><a href="#{s.anchor}">{html.escape(s.title)}</a></li>' for s in sections)
    return f"""<header class="cover">
<h1>{_text(title) or DEFAULT_TITLE}</h1>
<dl class="meta">
<dt>Corpus</dt><dd>{_text(corpus_name) or "unnamed corpus"}</dd>
<dt>Period covered</dt><dd>{_period(published, len(arts) - len(published))}</dd>
<dt>Contents</dt><dd>{counts}</dd>
<dt>Filters applied</dt><dd class="filters">{stated}</dd>
<dt>Generated</dt><dd>{generated.strftime("%Y-%m-%d %H:%M %Z").strip()} by Revue</dd>
</dl>
<nav class="toc"><h2>Contents</h2><ol>{toc}</ol></nav>
</header>"""


def _key_figures(view: Corpus, arts: pd.DataFrame, table: pd.DataFrame, weak: pd.Series) -> str:
    trusted = table.loc[~weak & (table["speaker"] != ""), "speaker"]
    matrix = stance_matrix(view.stances)
    rows = [["Articles", _number(len(arts))],
            ["Sources", _number(_sources(arts))],
            ["Languages", _text(", ".join(sorted(s for s in arts["lang"].dropna().unique() if s))) or "unknown"],
            ["Words", _number(int(pd.to_numeric(arts["n_words"], errors="coerce").fillna(0).sum()))],
            ["Actors named", _number(len(view.actors))],
            ["Quotes", _number(len(table))],
            ["Quotes with a speaker", _number(int(len(trusted)))],
            ["Speakers quoted", _number(int(trusted.nunique()))],
            ["Stance evidence (sentences and quotes)", _number(len(view.stances))],
            [f"Stance pairs with at least {MIN_EVIDENCE} pieces of evidence", _number(len(matrix))],
            ["Dated events", _number(int((view.events["date_basis"] == "text").sum()))]]
    figures = "" if arts.empty else _figure(articles_by_source(arts))
    if not view.sentences.empty:
        figures += _figure(tone_distribution(view.sentences))
    listed = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows)
    return f'<table class="figures">{listed}</table>' + figures


def _timeline(view: Corpus, arts: pd.DataFrame, published: pd.Series, colors: ActorColors) -> str:
    if published.empty:
        return "<p>No article has a publication date.</p>"
    body = _figure(publication_volume(arts, _frequency(published)))
    window = publication_window(arts, EVENT_MARGIN_DAYS)
    events = select_events(view.events, window=window)
    body += (f"<h3>Events by the dates the articles give</h3><p class=\"note\">Each mark is a sentence dated by its "
             f"text (not by its publication), within {EVENT_MARGIN_DAYS} days of the publication period, in one "
             f"lane per actor it names.</p>")
    return body + (_figure(events_timeline(events, x_range=window, colors=colors)) if not events.empty
                   else "<p>No sentence gives a date in this period.</p>")


def _actors(view: Corpus, arts: pd.DataFrame, published: pd.Series, colors: ActorColors) -> str:
    actors = view.actors
    if actors.empty:
        return "<p>No actor is named in these articles.</p>"
    rows = [[_text(a.actor), _text(a.label), _text(a.affiliation), _number(int(a.n_mentions)),
             _number(int(a.n_articles)), _number(int(a.n_quotes))] for a in actors.head(TABLE_ACTORS).itertuples()]
    body = _figure(top_actors(actors, colors=colors)) + _table(
        ["Actor", "Type", "Affiliation", "Mentions", "Articles", "Quotes"], rows, [30, 8, 32, 10, 10, 10],
        numeric=[3, 4, 5])
    if len(actors) > TABLE_ACTORS:
        body += f'<p class="note">The {TABLE_ACTORS} most mentioned of {len(actors):,} actors.</p>'
    if published.empty:
        return body
    leaders = actors.sort_values(["n_articles", "n_mentions"], ascending=False).head(COVERAGE_ACTORS)["actor"]
    hits = {name: series_articles(Series(name, "actor"), arts, view.mentions) for name in leaders}
    period = "week" if _frequency(published) != "MS" else "month"
    return body + (f"<h3>Coverage over time</h3><p class=\"note\">The {len(hits)} actors named in most articles: the "
                   f"share of each {period}'s articles that mention them.</p>"
                   + _figure(coverage_figure(coverage_share(arts, hits, period), period)))


def _stances(view: Corpus, arts: pd.DataFrame) -> str:
    matrix = stance_matrix(view.stances)
    rule = (f'<p class="note">A pair is shown when at least {MIN_EVIDENCE} pieces of evidence (a quote or a '
            "sentence) link its source to its target; score from −1 (hostile) to +1 (supportive).</p>")
    if matrix.empty:
        return rule + "<p>No source–target pair has enough evidence.</p>"
    rows = [[_text(p.source_actor), _text(p.target_actor), _number(int(p.n)), _number(int(p.articles)),
             f"{p.score:+.2f}", f"{p.negative:.0%}", f"{p.positive:.0%}"] for p in matrix.itertuples()]
    body = rule + _figure(stance_heatmap(matrix)) + _table(
        ["Source", "Target", "Evidence", "Articles", "Mean score", "Negative", "Positive"], rows,
        [24, 24, 10, 10, 12, 10, 10], numeric=[2, 3, 4, 5, 6])
    for p in matrix.itertuples():
        evidence = pair_evidence(view.stances, p.source_actor, p.target_actor, arts)
        body += f"<h3>{_text(p.source_actor)} → {_text(p.target_actor)}</h3>" + _table(
            ["Published", "Article", "Kind", "Score", "Evidence"],
            ([_date(e.published), _text(e.title), _text(e.kind), f"{e.score:+.2f}", _text(e.evidence)]
             for e in evidence.itertuples()), [12, 25, 9, 7, 47], numeric=[3], classes={0: "date"})
    return body


def _quote_rows(quotes: pd.DataFrame, with_speaker: bool) -> list[list[str]]:
    ordered = quotes.sort_values(["published_date", "article_id", "start"], na_position="last")
    return [[_date(q.published), _text(q.kind), f'<span class="quote">{_text(q.text)}</span>',
             *([_text(q.speaker)] if with_speaker else []),
             "" if pd.isna(q.speaker_confidence) or not q.speaker else f"{q.speaker_confidence:.2f}",
             _text(q.title) or "untitled", _text(q.source) or "unknown source"] for q in ordered.itertuples()]


def _speakers(table: pd.DataFrame, weak: pd.Series, colors: ActorColors) -> str:
    trusted = table[~weak & (table["speaker"] != "")]
    if trusted.empty:
        return "<p>No quote has a speaker.</p>"
    order = speaker_summary(trusted)
    body = (f'<p class="note">{len(trusted):,} quotes of {len(order):,} speakers, the most quoted first. Conf.: the '
            "speaker model's probability for the attribution.</p>" + _figure(top_speakers(trusted, colors=colors)))
    for s in order.itertuples():
        own = trusted[trusted["speaker"] == s.speaker]
        body += (f"<h3>{_text(s.speaker)} <span class=\"muted\">— {s.quotes} quote{'s' * (s.quotes > 1)} in "
                 f"{s.articles} article{'s' * (s.articles > 1)}</span></h3>"
                 + _table(["Published", "Kind", "Quote", "Conf.", "Article", "Source"],
                          _quote_rows(own, with_speaker=False), [11, 9, 42, 6, 21, 11], numeric=[3],
                          classes={0: "date"}))
    return body


def _unattributed(table: pd.DataFrame, weak: pd.Series) -> str:
    rest = table[weak | (table["speaker"] == "")]
    if rest.empty:
        return "<p>Every quote has a speaker.</p>"
    return (f"<p>{len(rest):,} quote{'s' * (len(rest) > 1)}. “Proposed speaker” is the attribution the "
            "confidence threshold set aside, if any.</p>"
            + _table(["Published", "Kind", "Quote", "Proposed speaker", "Conf.", "Article", "Source"],
                     _quote_rows(rest, with_speaker=True), [11, 9, 33, 12, 6, 18, 11], numeric=[4],
                     classes={0: "date"}))


def _articles(arts: pd.DataFrame) -> str:
    ordered = arts.assign(when=pd.to_datetime(arts["published"], errors="coerce")).sort_values(
        ["when", "title"], na_position="last")
    rows = [[_date(a.published), _text(a.source) or "unknown source", _text(a.title) or "untitled", _link(a.url),
             _number(int(a.n_words)) if not pd.isna(a.n_words) else ""] for a in ordered.itertuples()]
    return (f"<p>{len(arts):,} article{'s' * (len(arts) != 1)}, by publication date.</p>"
            + _table(["Published", "Source", "Title", "Address", "Words"], rows, [12, 12, 36, 32, 8],
                     numeric=[4], classes={0: "date", 3: "url"}))


# the measured figures the methods note quotes, written by `python -m lib evaluate --cv --json
# lib/output/quality.json`; not under lib/data, whose every change re-analyzes the store's articles
QUALITY_FILE = Path(__file__).with_name("quality.json")
QUALITY_SHOWN = ("quotes (all kinds)", "speaker accuracy (matched quotes)", "quote+speaker (end to end)",
                 "dates detection", "actors found (recall)", "actors merged", "tone macro-F1 (coded sentences)",
                 "stances found (recall)", "stance sign accuracy (found)")


def _quality() -> str:
    """The measured extraction quality, as cross-validation on the annotated corpus last reported it."""
    try:
        rows = {r["measure"]: r for r in json.loads(QUALITY_FILE.read_text(encoding="utf-8"))["all"]}
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    shown = [[_text(m), f"{rows[m]['value']:.2f}", f"{rows[m]['lo']:.2f}–{rows[m]['hi']:.2f}", _text(rows[m]["counts"])]
             for m in QUALITY_SHOWN if m in rows]
    return ("<p>Measured quality: 5-fold cross-validation by article on Revue's annotated corpus (155 openly "
            "licensed Wikinews articles, French and English, annotated by hand), each figure with its 95 % "
            "interval. Read the figures below with them.</p>"
            + _table(["Measure", "Value", "95 % interval", "Counts"], shown, [40, 12, 18, 30], numeric=[1]))


def _methods(min_confidence: float) -> str:
    threshold = (f", and quotes below {min_confidence:.2f} are listed as without a trusted speaker"
                 if min_confidence > 0 else "")
    return f"""<p>Revue reads each article with spaCy (French and English pipelines) and its own rules and small
models. <b>Actors</b> are named entities merged into one name per person, organisation or place (short and long
forms, accents, the analyst's alias table). <b>Quotes</b> are direct (between quotation marks), partial or
indirect (reported speech); each speaker's <b>confidence</b> is the speaker model's probability for the
attribution{threshold}. <b>Stances</b> are the tone of a quote or a sentence from one actor toward another,
decided by a model trained on hand-coded news; a pair is shown from {MIN_EVIDENCE} pieces of evidence.
<b>Events</b> are sentences placed at the date their text gives. The figures are extracted automatically: each is
listed here with the sentence it comes from, so it can be checked.</p>""" + _quality()


def build_report(corpus: Corpus, title: str = DEFAULT_TITLE, *, filters: Filters = Filters(), corpus_name: str = "",
                 min_confidence: float = MIN_CONFIDENCE, generated: datetime | None = None) -> str:
    """The report of ``corpus`` seen through ``filters`` (applied here, so the filters stated are the ones
    applied; a corpus already filtered is unchanged by them). ``min_confidence``: speakers the model gives less
    are listed with the quotes without a speaker. HTML, plotly.js inlined once."""
    view = filters.narrowing().apply(corpus)
    arts = view.articles
    published = pd.to_datetime(arts["published"], errors="coerce").dropna()
    table = quote_table(view.quotes, arts, view.events)
    weak = (hide_weak_attributions(table, min_confidence)["speaker"] == "") & (table["speaker"] != "")
    colors = ActorColors.of(view.actors)  # one colour per actor in every chart of the report, as in the app
    threshold = f" or with a speaker confidence below {min_confidence:.2f}" if min_confidence > 0 else ""
    sections = [
        Section("key-figures", "Key figures", _key_figures(view, arts, table, weak)),
        Section("timeline", "Publication timeline", _timeline(view, arts, published, colors)),
        Section("actors", "Most mentioned actors", _actors(view, arts, published, colors)),
        Section("stances", "Stances", _stances(view, arts)),
        Section("quotes", "Quotes by speaker", _speakers(table, weak, colors)),
        Section("unattributed", f"Quotes without a speaker{threshold}", _unattributed(table, weak)),
        Section("articles", "Articles", _articles(arts)),
        Section("methods", "How these figures are made", _methods(min_confidence)),
    ]
    made = generated or datetime.now(timezone.utc)
    cover = _cover(title, corpus_name, arts, view, published, filters.describe(), made, sections)
    body = "".join(f'<section id="{s.anchor}"><h2>{html.escape(s.title)}</h2>{s.body}</section>' for s in sections)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_text(title) or DEFAULT_TITLE}</title>
<style>{STYLE}</style>
<script>{get_plotlyjs()}</script>
</head><body>
{cover}
{body}
</body></html>
"""
