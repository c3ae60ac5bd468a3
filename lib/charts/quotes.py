"""Quotes page builders: the quote table with its article and dates, filters, speaker summaries, figures."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Mapping

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from lib.charts.common import TONE_COLORS, TONE_NAMES, ActorColors, plain_html, plain_labels, plain_markdown, styled

NO_SPEAKER = "(no speaker)"  # how unattributed quotes are listed and chosen
KINDS = ("direct", "partial", "indirect")
PUBLISHED, EVENT = "published", "event"  # the two dates a quote can be filtered by
# an evidence excerpt grows to show a speaker named in a nearby paragraph, not one named pages earlier
EVIDENCE_REACH = 1500


def short_title(title: str, limit: int = 60) -> str:
    """A title cut at a word boundary, so that long headlines fit a selector or a table."""
    title = " ".join(str(title or "").split())
    if len(title) <= limit:
        return title
    cut = title[:limit - 1].rsplit(" ", 1)[0] if " " in title[:limit - 1] else title[:limit - 1]
    return cut.rstrip(" ,;:–-") + "…"


def _words(text: pd.Series) -> pd.Series:
    return text.fillna("").str.split().str.len().astype(int)


def _event_periods(quotes: pd.DataFrame, events: pd.DataFrame) -> tuple[list[str], list[list[tuple[date, date]]]]:
    """For each quote, the resolved dates of the sentences it overlaps (events dated by their text)."""
    dated = events[events["date_basis"] == "text"]
    pairs = quotes.reset_index(drop=True).reset_index()[["index", "article_id", "start", "end"]].merge(
        dated[["article_id", "start", "end", "date", "date_start", "date_end"]], on="article_id",
        suffixes=("", "_sent"))
    pairs = pairs[(pairs["start_sent"] < pairs["end"]) & (pairs["end_sent"] > pairs["start"])]
    labels, periods = [""] * len(quotes), [[] for _ in range(len(quotes))]
    pairs = pairs.sort_values(["index", "date_start"], kind="stable")
    # plain tuples grouped in one pass: a pandas groupby loop costs a frame per quote
    rows = zip(pairs["index"], pairs["date"], pairs["date_start"], pairs["date_end"])
    for i, group in groupby(rows, key=itemgetter(0)):
        group = list(group)
        labels[i] = " · ".join(dict.fromkeys(d for _, d, _, _ in group))
        periods[i] = [(date.fromisoformat(s), date.fromisoformat(e))
                      for s, e in dict.fromkeys((s, e) for _, _, s, e in group)]
    return labels, periods


def quote_table(quotes: pd.DataFrame, articles: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """One row per quote with its article, the words quoted, a tone name and the dates its sentence mentions.

    ``event_dates`` lists the resolved dates of the sentences the quote overlaps
    ("Le 26 janvier, … a déclaré X" gives 2022-01-26), ``event_periods`` their
    (first day, last day) bounds for filtering.
    """
    arts = articles[["article_id", "title", "source", "published", "text"]].rename(columns={"text": "article_text"})
    # each row carries its article's text for the evidence: as a category it is held once per article, not
    # copied into each of 58,000 rows (350 MB on 10,000 articles)
    arts = arts.assign(article_text=arts["article_text"].astype("category"))
    table = quotes.merge(arts, on="article_id").reset_index(drop=True)
    table["speaker"] = table["speaker"].fillna("")
    table["words"] = _words(table["text"])
    table["tone_name"] = table["tone_label"].map(TONE_NAMES).fillna("neutral")
    table["published_date"] = pd.to_datetime(table["published"], errors="coerce").dt.date
    table["event_dates"], table["event_periods"] = _event_periods(table, events)
    return table


def hide_weak_attributions(table: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Quotes whose speaker the model gives less than ``threshold`` are shown as unattributed; the speaker
    set aside stays in ``weak_speaker`` so that the evidence can say whom the model meant."""
    weak = (table["speaker"] != "") & (table["speaker_confidence"].fillna(1.0) < threshold)
    return table.assign(speaker=table["speaker"].mask(weak, ""), weak_speaker=table["speaker"].where(weak, ""))


def date_bounds(table: pd.DataFrame, basis: str) -> tuple[date, date] | None:
    """The first and last day a date filter on ``basis`` can choose, None when no quote has such a date."""
    if basis == PUBLISHED:
        days = table["published_date"].dropna().tolist()
    else:
        days = [day for periods in table["event_periods"] for period in periods for day in period]
    return (min(days), max(days)) if days else None


@dataclass(frozen=True)
class QuoteFilter:
    """What the analyst asked for on the Quotes page; an empty field does not filter."""
    search: str = ""
    speakers: tuple[str, ...] = ()  # NO_SPEAKER selects the unattributed quotes
    kinds: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    tones: tuple[int, ...] = ()  # tone labels -1/0/1
    dates: tuple[date, date] | None = None
    # EVENT: only quotes whose sentence mentions a date (in ``dates`` if given), whenever they were published
    date_basis: str = PUBLISHED

    def apply(self, table: pd.DataFrame) -> pd.DataFrame:
        keep = pd.Series(True, index=table.index)
        if self.search.strip():
            needle = self.search.strip()
            keep &= (table["text"].str.contains(needle, case=False, regex=False)
                     | table["speaker"].str.contains(needle, case=False, regex=False))
        if self.speakers:
            keep &= table["speaker"].replace("", NO_SPEAKER).isin(self.speakers)
        if self.kinds:
            keep &= table["kind"].isin(self.kinds)
        if self.article_ids:
            keep &= table["article_id"].isin(self.article_ids)
        if self.tones:
            keep &= table["tone_label"].isin(self.tones)
        lo, hi = self.dates or (date.min, date.max)
        if self.date_basis == EVENT:  # a quote about several dates is kept when any of them meets the range
            keep &= table["event_periods"].map(lambda ps: any(s <= hi and e >= lo for s, e in ps))
        elif self.dates:
            keep &= table["published_date"].map(lambda d: not pd.isna(d) and lo <= d <= hi)
        return table[keep]


def speaker_summary(quotes: pd.DataFrame) -> pd.DataFrame:
    """Per speaker (NO_SPEAKER for the unattributed): quotes, words quoted, articles, kinds, tone.

    Sorted by quotes then words. Accepts the raw ``quotes`` frame as well as ``quote_table``.
    """
    columns = ["speaker", "quotes", "words", "articles", *KINDS, *TONE_NAMES.values(), "mean_tone"]
    if quotes.empty:
        return pd.DataFrame(columns=columns)
    df = quotes.assign(who=quotes["speaker"].fillna("").replace("", NO_SPEAKER),
                       n_words=quotes["words"] if "words" in quotes else _words(quotes["text"]))
    grouped = df.groupby("who")
    table = pd.DataFrame({"quotes": grouped.size(), "words": grouped["n_words"].sum(),
                          "articles": grouped["article_id"].nunique()})
    kinds = pd.crosstab(df["who"], df["kind"]).reindex(columns=list(KINDS), fill_value=0)
    tones = pd.crosstab(df["who"], df["tone_label"]).reindex(columns=list(TONE_NAMES), fill_value=0)
    tones.columns = list(TONE_NAMES.values())
    table = table.join(kinds).join(tones).fillna(0).astype(int)
    table["mean_tone"] = grouped["tone"].mean().round(2)
    table = table.rename_axis("speaker").reset_index()
    return table.sort_values(["quotes", "words", "speaker"], ascending=[False, False, True],
                             ignore_index=True)[columns]


def top_speakers(quotes: pd.DataFrame, n: int = 15, colors: ActorColors | None = None) -> go.Figure:
    """Named speakers by number of quotes and by words quoted, side by side, each in its actor's colour
    (``colors``, the same on every page). Bars are clickable on the page: each carries its speaker's name
    as written in ``customdata``, the axis shows it escaped."""
    stats = speaker_summary(quotes)
    stats = stats[stats["speaker"] != NO_SPEAKER].head(n)
    long = stats.melt(id_vars="speaker", value_vars=["quotes", "words"], var_name="measure", value_name="count")
    long = plain_labels(long.assign(name=long["speaker"]), ["speaker"])
    fig = px.bar(long, x="count", y="speaker", facet_col="measure", orientation="h", custom_data=["name"],
                 category_orders={"speaker": [plain_html(s) for s in stats["speaker"]]}, facet_col_spacing=0.06)
    fig.update_xaxes(matches=None, title_text="")
    fig.update_yaxes(title_text="")
    fig.update_traces(hovertemplate="%{y}: %{x}<extra></extra>")
    colors = colors or ActorColors.ranked(stats["speaker"])
    for trace in fig.data:
        if trace.customdata is not None:
            trace.marker.color = [colors(name) for name, in trace.customdata]
    fig.for_each_annotation(lambda a: a.update(text={"measure=quotes": "quotes", "measure=words": "words quoted"}[a.text]))
    return styled(fig, "Top speakers", 90 + 28 * max(len(stats), 4))


# blues and a slate: plotly's default red and green would read as the negative and positive of tone beside it
KIND_COLORS = {"direct": "#1d4ed8", "partial": "#60a5fa", "indirect": "#64748b"}


def quote_kinds(quotes: pd.DataFrame) -> go.Figure:
    counts = quotes["kind"].value_counts().rename("quotes").reset_index()
    return styled(px.pie(counts, names="kind", values="quotes", hole=0.5, color="kind",
                         color_discrete_map=KIND_COLORS), "Quote kinds", 300)


def quote_tones(quotes: pd.DataFrame) -> go.Figure:
    """How many quotes are negative, neutral, positive, in the product's tone colours."""
    counts = quotes["tone_label"].value_counts().reindex(list(TONE_NAMES), fill_value=0)
    fig = go.Figure(go.Bar(x=[TONE_NAMES[t] for t in counts.index], y=counts.values,
                           marker_color=[TONE_COLORS[t] for t in counts.index]))
    return styled(fig, "Tone of the quotes", 300)


def _evidence_bounds(quote: Mapping) -> tuple[int, int, list[tuple[int, int, str]]]:
    """The paragraph(s) around a quote as (start, end) in its article, and its quote/speaker/cue spans there."""
    text = quote["article_text"]
    spans = [(int(quote["start"]), int(quote["end"]), "quote")]
    for start, end, css in ((quote["speaker_start"], quote["speaker_end"], "speaker"),
                            (quote["cue_start"], quote["cue_end"], "cue")):
        if int(start) >= 0 and max(int(end), spans[0][1]) - min(int(start), spans[0][0]) <= EVIDENCE_REACH:
            spans.append((int(start), int(end), css))
    first, last = min(s for s, _, _ in spans), max(e for _, e, _ in spans)
    begin = text.rfind("\n", 0, first) + 1
    stop = text.find("\n", last)
    return begin, len(text) if stop < 0 else stop, spans


def evidence(quote: pd.Series) -> tuple[str, list[tuple[int, int, str]]]:
    """The paragraph(s) around a quote of ``quote_table`` and its quote/speaker/cue spans, relative to it.

    The excerpt grows to the speaker's and cue's paragraphs when they are near:
    "Dmitri Peskov a réagi mercredi.\\n« Nous n'avons rien publié », a-t-il dit."
    """
    begin, stop, spans = _evidence_bounds(quote)
    return quote["article_text"][begin:stop], [(s - begin, e - begin, css) for s, e, css in spans]


@dataclass(frozen=True)
class Passage:
    """Paragraphs of one article with every listed quote in them highlighted (spans relative to ``text``)."""

    article_id: str
    caption: str  # evidence_caption of the article, safe for st.caption
    text: str
    spans: tuple[tuple[int, int, str], ...]
    quotes: int


def passages(quotes: pd.DataFrame) -> list[Passage]:
    """The evidence of ``quote_table`` rows with each paragraph once: quotes whose excerpts share a paragraph
    are highlighted together in one passage (a speaker quoted five times in one paragraph is one passage,
    not five copies of it). Passages come in the order of their first quote among the rows."""
    rows = quotes.to_dict("records")  # read by column name like a row Series, without a Series per quote
    excerpts = sorted((quote["article_id"], *_evidence_bounds(quote), row) for row, quote in enumerate(rows))
    # per passage: [first row, article, start, end, spans, quotes], the excerpts walked in article order
    merged: list[list] = []
    for article_id, start, end, spans, row in excerpts:
        last = merged[-1] if merged else None
        if last and last[1] == article_id and start < last[3]:  # shares a paragraph with the one before
            last[0], last[3], last[5] = min(last[0], row), max(last[3], end), last[5] + 1
            last[4].extend(spans)
        else:
            merged.append([row, article_id, start, end, list(spans), 1])
    return [Passage(article_id, evidence_caption(rows[row]), rows[row]["article_text"][start:end],
                    tuple(sorted((s - start, e - start, css) for s, e, css in spans)), n)
            for row, article_id, start, end, spans, n in sorted(merged)]


def quote_ref(quote: pd.Series) -> str:
    """How a link names one quote: ``ARTICLE_ID:START`` (its first character in the article)."""
    return f"{quote['article_id']}:{int(quote['start'])}"


def find_quote(table: pd.DataFrame, ref: str) -> int | None:
    """The position in ``table`` of the quote ``ref`` (``quote_ref``) names; None when the text names none
    of them (a link is text anyone can write)."""
    article_id, _, start = str(ref).strip().rpartition(":")
    if not article_id or not (start.isascii() and start.isdigit()):
        return None
    hits = (table["article_id"] == article_id).to_numpy() & (table["start"] == int(start)).to_numpy()
    return int(hits.argmax()) if hits.any() else None


def evidence_caption(quote: Mapping) -> str:
    """'source · published · title' of a quote's article, safe for st.caption."""
    parts = [quote["source"] or "unknown source", quote["published"] or "undated", quote["title"] or "untitled"]
    return " · ".join(plain_markdown(p) for p in parts)


def attribution_line(quote: Mapping) -> str:
    """Who said it, as the page decided and why, safe for st.markdown: the speaker (or none), the words of the
    text that name them, the model's confidence, the kind and tone of the quote.

    "**Dmitri Peskov** (named « Peskov » in the text) · confidence 0.84 · indirect quote · neutral tone"; a quote
    with no speaker says whether the text names one the model could not resolve (« il »), or whom the page's
    minimum confidence set aside. The confidence of a quote with no speaker is the model's that nobody is named.
    """
    start, end = int(quote.get("speaker_start", -1)), int(quote.get("speaker_end", -1))
    named = " ".join(str(quote["article_text"])[start:end].split()) if 0 <= start < end else ""
    speaker, weak = quote["speaker"] or "", quote.get("weak_speaker") or ""
    confidence = quote.get("speaker_confidence")
    known = confidence is not None and not pd.isna(confidence)
    if speaker:
        who = f"**{plain_markdown(speaker)}**" + (f" (named « {plain_markdown(named)} » in the text)"
                                                  if named and named != speaker else "")
    elif weak:
        who = (f"**{NO_SPEAKER}**: the model's choice, {plain_markdown(weak)}, is under the minimum confidence set "
               "above")
    elif named:
        who = f"**{NO_SPEAKER}**: the text's « {plain_markdown(named)} » names no actor of the article"
    else:
        who = f"**{NO_SPEAKER}**: the text names nobody"
    parts = [who]
    if known:
        parts.append(f"confidence {float(confidence):.2f}" + ("" if speaker or weak else " that nobody is named"))
    parts += [f"{plain_markdown(quote['kind'])} quote", f"{plain_markdown(quote['tone_name'])} tone"]
    if quote.get("corrected"):
        parts.append("speaker corrected by an analyst")
    return "Speaker: " + " · ".join(parts)
