"""Search page builders: words and phrases found in the article text, and coverage compared over time.

Matching ignores case and accents ("eglise" finds « Église », "oeuvre" finds « œuvre »); a phrase in
quotes is one term, every other word is a term of its own, and a trailing ``*`` matches any ending
("réform*"). Terms match whole words: "pari" does not find « Paris ».

Coverage is a share, not a count: the articles of a period that mention an actor or a term, divided by
the articles published in that period, so that a busy month does not look like more attention.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable, Sequence

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from lib.charts.common import ActorColors, cut_empty_stretches, empty_figure, plain_html, styled
from lib.corpus.frames import counted
from lib.textkeys import search_fold, search_fold_with_offsets

MAX_SERIES = 6  # lines in the comparison chart
PERIODS = {"week": "W", "month": "M", "quarter": "Q"}
MAX_TERMS = 20  # a pasted paragraph is not a query of a thousand terms
ANY, ALL = "any", "all"
TERM_COLORS = ("#111827", "#6b7280", "#78350f", "#1e3a8a", "#4b5563", "#134e4a")  # dashed lines of search terms

_QUOTED = re.compile(r'"([^"]*)"|“([^”]*)”|«([^»]*)»|([^\s,;"“”«»]+)')


def parse_query(query: str) -> list[str]:
    """The terms of a search box: a phrase in quotes ("…", “…” or « … ») is one term, any other word one
    term; commas and semicolons separate too. Terms equal once folded are kept once, in order."""
    terms: dict[str, str] = {}
    for groups in _QUOTED.findall(str(query or "")):
        term = " ".join(next((g for g in groups if g), "").split())
        key = search_fold(term).strip("*")
        if key and any(c.isalnum() for c in key) and key not in terms:
            terms[key] = term
    return list(terms.values())[:MAX_TERMS]


def term_pattern(term: str) -> re.Pattern:
    """The regular expression that finds ``term`` in folded text: its words in order, any spacing between
    them, whole words only, a final ``*`` standing for any ending. Everything else is literal."""
    words = search_fold(term).split()
    wildcard = words[-1].endswith("*") and len(words[-1]) > 1
    words[-1] = words[-1].rstrip("*") or words[-1]
    body = r"\s+".join(re.escape(w) for w in words)
    before = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    after = r"\w*" if wildcard else (r"(?!\w)" if re.search(r"\w$", words[-1]) else "")
    return re.compile(before + body + after)


def find_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int, str]]:
    """Every occurrence of each term in ``text``: (start, end, term), offsets into ``text`` as written."""
    text = str(text or "")
    folded, offsets = search_fold_with_offsets(text)
    spans = []
    for term in terms:
        for match in term_pattern(term).finditer(folded):
            if match.end() == match.start():
                continue
            if offsets is None:
                start, end = match.start(), match.end()
            else:
                start, end = offsets[match.start()], offsets[match.end() - 1] + 1
            while end < len(text) and unicodedata.combining(text[end]):  # "e" + U+0301 stays whole
                end += 1
            spans.append((start, end, term))
    return sorted(spans)


def _originals(articles: pd.DataFrame) -> pd.DataFrame:
    """Readable articles, each text once (a duplicate upload points to the article it repeats)."""
    keep = pd.Series(True, index=articles.index)
    if "error" in articles:
        keep &= articles["error"].fillna("") == ""
    if "duplicate_of" in articles:
        keep &= articles["duplicate_of"].fillna("") == ""
    return articles[keep]


MATCH_COLUMNS = ["article_id", "published", "source", "title", "sentence", "terms", "start", "end", "spans"]


def search_sentences(articles: pd.DataFrame, sentences: pd.DataFrame, terms: list[str], mode: str = ANY
                     ) -> pd.DataFrame:
    """The sentences of the articles' text that use the terms (``any`` of them, or ``all`` of them in one
    sentence), in publication order: their article, date, source, the terms found and ``spans``, the
    (start, end, "hit") highlights relative to the sentence. A match outside every sentence of the
    sentences frame (a title, a list) is listed with its line."""
    if not terms:
        return pd.DataFrame(columns=MATCH_COLUMNS)
    by_article = {aid: group.sort_values("start") for aid, group in sentences.groupby("article_id")}
    rows = []
    for art in _originals(articles).itertuples(index=False):
        text = str(art.text or "")
        spans = find_spans(text, terms)
        if not spans:
            continue
        group = by_article.get(art.article_id)
        starts = group["start"].tolist() if group is not None else []
        found: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
        for start, end, term in spans:
            i = bisect_right(starts, start) - 1
            if i >= 0 and start < int(group["end"].iat[i]):
                bounds = (int(group["start"].iat[i]), int(group["end"].iat[i]))
            else:  # not inside a sentence: the line around it
                bounds = (text.rfind("\n", 0, start) + 1, (text.find("\n", end) + 1 or len(text) + 1) - 1)
            found.setdefault(bounds, []).append((start, end, term))
        for (s_start, s_end), hits in found.items():
            used = list(dict.fromkeys(term for _, _, term in hits))
            if mode == ALL and len(used) < len(terms):
                continue
            rows.append({"article_id": art.article_id, "published": art.published or "", "source": art.source or "",
                         "title": art.title or "", "sentence": text[s_start:s_end].strip(), "terms": ", ".join(used),
                         "start": s_start, "end": s_end,
                         "spans": _relative(text[s_start:s_end], s_start, hits)})
    table = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    if table.empty:
        return table
    table["_undated"] = table["published"] == ""
    return (table.sort_values(["_undated", "published", "article_id", "start"], kind="stable")
            .drop(columns="_undated").reset_index(drop=True))


def _relative(sentence: str, offset: int, hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Highlight spans relative to the sentence as shown (leading blanks stripped), clipped to it."""
    lead = len(sentence) - len(sentence.lstrip())
    shown = len(sentence.strip())
    spans = []
    for start, end, _ in hits:
        s, e = max(start - offset - lead, 0), min(end - offset - lead, shown)
        if s < e:
            spans.append((s, e, "hit"))
    return spans


def term_counts(matches: pd.DataFrame, terms: list[str]) -> pd.DataFrame:
    """Per term: the sentences and articles it was found in (among ``matches``)."""
    rows = []
    for term in terms:
        hit = matches.loc[matches["terms"].map(lambda used: term in used.split(", ")).astype(bool)]
        rows.append({"term": term, "sentences": len(hit), "articles": hit["article_id"].nunique()})
    return pd.DataFrame(rows, columns=["term", "sentences", "articles"])


@dataclass(frozen=True)
class Series:
    """One line of the comparison: an actor (articles mentioning it) or a search term (articles using it)."""

    name: str
    kind: str  # "actor" or "term"

    @property
    def label(self) -> str:
        return self.name if self.kind == "actor" else f"“{self.name}”"


def series_articles(series: Series, articles: pd.DataFrame, mentions: pd.DataFrame) -> set[str]:
    """The articles that mention the actor (not as a headline's section label), or whose text uses the term."""
    if series.kind == "actor":
        mentions = counted(mentions)
        return set(mentions.loc[mentions["actor"] == series.name, "article_id"])
    pattern = term_pattern(series.name)
    return {aid for aid, text in zip(articles["article_id"], articles["text"]) if pattern.search(search_fold(text or ""))}


SHARE_COLUMNS = ["series", "period", "period_start", "articles", "mentioning", "share"]


def coverage_share(articles: pd.DataFrame, hits: dict[str, set[str]], period: str = "month") -> pd.DataFrame:
    """For each series and each period from the first publication to the last: the articles published
    (each text once), those among them in ``hits[series]``, and ``share`` = mentioning / published.
    A period in which nothing was published has no share (NaN), not 0 %: there was no coverage to share.
    Undated articles belong to no period."""
    freq = PERIODS[period]
    dated = _originals(articles).assign(when=pd.to_datetime(articles["published"], errors="coerce"))
    dated = dated.dropna(subset=["when"])
    if dated.empty or not hits:
        return pd.DataFrame(columns=SHARE_COLUMNS)
    dated["period"] = dated["when"].dt.to_period(freq)
    every = pd.period_range(dated["period"].min(), dated["period"].max(), freq=freq)
    published = dated.groupby("period").size().reindex(every, fill_value=0)
    frames = []
    for name, ids in hits.items():
        mentioning = dated[dated["article_id"].isin(ids)].groupby("period").size().reindex(every, fill_value=0)
        frames.append(pd.DataFrame({
            "series": name, "period": [_period_label(p, period) for p in every],
            "period_start": every.start_time, "articles": published.to_numpy(), "mentioning": mentioning.to_numpy(),
            "share": (mentioning / published.where(published > 0)).to_numpy(dtype=float)}))
    return pd.concat(frames, ignore_index=True)[SHARE_COLUMNS]


def _period_label(p: pd.Period, period: str) -> str:
    if period == "week":
        return f"week of {p.start_time.date().isoformat()}"
    if period == "quarter":
        return f"{p.year} Q{p.quarter}"
    return p.strftime("%Y-%m")


def coverage_figure(shares: pd.DataFrame, period: str = "month", series: Sequence[Series] = (),
                    colors: ActorColors | None = None) -> go.Figure:
    """One line per actor or term: its share of the period's articles; no point where nothing was published.
    An actor's line takes its colour (``colors``, the same on every page); a term (a label of ``series``
    of kind "term") is dashed, in a dark neutral of its own."""
    title = f"Share of the articles published each {period} that mention them"
    if shares.empty:
        return empty_figure(title, "No dated article to compare: choose actors or type search terms.")
    terms = {s.label for s in series if s.kind == "term"}
    labels = list(dict.fromkeys(shares["series"]))
    colors = colors or ActorColors.ranked(label for label in labels if label not in terms)
    neutrals = iter(TERM_COLORS * len(labels))
    # a series name is an actor as the alias table spells it or a typed term: plotly reads <a>, <b> in labels
    shown = shares.assign(series=shares["series"].map(plain_html))
    fig = px.line(shown, x="period_start", y="share", color="series", markers=True,
                  custom_data=["period", "mentioning", "articles"], line_dash="series",
                  color_discrete_map={plain_html(label): next(neutrals) if label in terms else colors(label)
                                      for label in labels},
                  line_dash_map={plain_html(label): "dash" if label in terms else "solid" for label in labels},
                  labels={"period_start": "", "share": "share of the articles", "series": ""})
    fig.update_traces(connectgaps=False,
                      hovertemplate="%{customdata[0]}: %{y:.0%} (%{customdata[1]} of %{customdata[2]} articles)"
                                    "<extra>%{fullData.name}</extra>")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    # years with nothing published (2016-17 news and one 2022 article) would squeeze every point to one side
    published = pd.to_datetime(shares.loc[shares["articles"] > 0, "period_start"]).drop_duplicates()
    ends = published.dt.to_period(PERIODS[period]).dt.end_time
    return cut_empty_stretches(styled(fig, title, 420), zip(published, ends))
