"""Rebuilds articles/NN.txt and sources.tsv of the annotated corpus from its five public sources.

Run once, by hand, from a checkout that has the five repositories (the paths are arguments):
    python data/annotated/collect.py WINER_FR_GIT_DIR GUM_GIT_DIR WIKINEWSSUM_GIT_DIR VANATTEVELDT_WIKINEWS_GIT_DIR \
        WIKINEWS_KEYPHRASE_GIT_DIR
French: WiNER-fr (Yoann Dupont), French Wikinews 2016-2018, CC BY 2.5 texts; the BRAT .txt files are
tokenised around entities ("Biloxi , dans"), so spaces before , . ) are removed and the dateline joins
its paragraph. English: GUM (Amir Zeldes), news and interview documents from English Wikinews, CC BY 2.5;
the text is rebuilt from the `# text =` and `# newpar` lines of its CoNLL-U files. English too: WikinewsSum
(Remi Calizzano), its endataset.json of English Wikinews articles of November 2004 - January 2005, public domain
(Wikinews before 25 September 2005); the wikitext is cleaned to plain text, and only the article text is used.
English from 2019-2020 too: vanatteveldt/wikinews (Wouter van Atteveldt), English Wikinews pages scraped as rendered
(CC BY 2.5): the text column's paragraphs without gallery captions; articles the scraper left markup in are left out.
French from 2012 too: WikinewsKeyphraseCorpus (Adrien Bougouin), 100 French Wikinews pages of May-December 2012 as
plain HTML (CC BY 2.5 texts); every one of 140-650 words is taken.
The selection is seeded and stratified by month; articles of the demo corpus (sample_data/) and of the
held-out judging set (checked afterwards with not_heldout.py) are left out. Once every WiNER-fr article of 140-650
words was in, its longer ones (651-1000 words) followed, all of them, by date.
"""
from __future__ import annotations

import csv
import html
import io
import json
import random
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

HERE = Path(__file__).parent
N_FR = 124
# later French batches (ids after the English ones), drawn by continuing the same round robin; each batch is
# sorted by date on its own, so that adding one leaves every earlier id unchanged
N_FR_LATER = (48, 48, 48, 48, 48, 48, 72, 37)
# the batches drawn after the WikinewsSum articles joined (421-468, 469-540) take ids after them, and the
# ninth (601-637: the 37 articles of the pool left, 521 qualify) after the first vanatteveldt batch
N_FR_BEFORE_WIKINEWS = 5
N_FR_BEFORE_VAT = 7
GUARD = HERE.parents[2] / "shared" / "eval"  # the held-out guard, beside the checkout
MIN_WORDS, MAX_WORDS = 140, 650
# the longer WiNER-fr articles (651-1000 words), all of them, by date: ids after the last vanatteveldt batch
LONG_WORDS = (MAX_WORDS + 1, 1000)
DEMO = HERE.parents[1] / "sample_data" / "demo_corpus.jsonl"
# the only commit of airKlizz/WikinewsSum that has endataset.json (later commits removed it)
WIKINEWS_SUM_COMMIT = "1d985031625909c908766812e8a18d0c88116ec8"
N_EN_WIKINEWS = 36
# vanatteveldt/wikinews: English Wikinews of 2019-2020 scraped from the rendered pages (CSV url,date,title,text)
VAT_COMMIT = "347254178bf343f3801aac1d03c41cc09c35decb"
VAT_FILES = ("data/wikinews_2019.csv", "data/wikinews_2020.csv")
# vanatteveldt batches: the second continues the round robin of the first, each sorted by date on its own
N_EN_VAT = (60, 96, 60)
# adrien-bougouin/WikinewsKeyphraseCorpus: French Wikinews of 2012 (documents/PAGEID.html); ids after the second
# vanatteveldt batch, then the third vanatteveldt batch
BOUGOUIN_COMMIT = "3b89de05e97cd8440071a28acc0f15a5c35a068c"
FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre")
FRENCH_DATE = re.compile(r"\b(1er|\d{1,2}) (" + "|".join(FRENCH_MONTHS) + r") (\d{4})\b")
WEEKDAY_DATELINE = re.compile(r"^((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]+ \d{1,2}, \d{4})\s*")
CAPTION = re.compile(r"Image: [^\n]{0,80}$")  # a gallery caption ending in its credit ("Image: Nicholas Moreau.")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def git(repo: str, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", repo, *args], capture_output=True, text=True, check=True).stdout


def held_out(title: str, body: str) -> bool:
    """Same fingerprints as shared/eval/not_heldout.py: SHA-256 of the title or of the body's first 300 letters."""
    sys.path.insert(0, str(GUARD))
    import not_heldout  # noqa: PLC0415 - lives outside the repository, read-only
    return bool({not_heldout.key(title), not_heldout.key(body, 300)} & not_heldout.PRINTS)


def winer_text(raw: str) -> tuple[str, str]:
    lines = [l.strip() for l in raw.splitlines()]
    title, body = lines[0], [l for l in lines[1:] if l]
    body_text = "\n".join(body)
    body_text = re.sub(r" ([,.)\]])", r"\1", body_text)
    body_text = re.sub(r"([(\[]) ", r"\1", body_text)
    body_text = re.sub(r"^(.{0,40}\d{4}\. [–-])\n", r"\1 ", body_text)  # dateline joins its paragraph
    return re.sub(r" ([,.)])", r"\1", title), body_text


def page_url(listed: str, title: str) -> str:
    """WiNER's URL for an article, unless it names another page (5 of its URLs do: 040, 190, 324, 331, 332):
    a Wikinews page is named by its title."""
    page = unquote(listed.rsplit("/", 1)[-1]).replace("_", " ")
    if listed and page.replace("’", "'") == title.replace("’", "'"):
        return listed
    return "https://fr.wikinews.org/wiki/" + title.replace(" ", "_")


def in_length(body: str, words: tuple[int, int] = (MIN_WORDS, MAX_WORDS)) -> bool:
    return words[0] <= len(body.split()) <= words[1]


def in_date_order(batch: list[dict]) -> list[dict]:
    """A batch taken whole (no round robin) in publication order, ties by source file."""
    return sorted(batch, key=lambda a: (a["published"], a["source"]))


def winer_pool(repo: str, exclude_titles: set[str]) -> list[dict]:
    """Every WiNER-fr article of 140-1000 words outside ``exclude_titles`` and the held-out set, read once for both
    word ranges."""
    files = [p for p in git(repo, "ls-tree", "-r", "--name-only", "HEAD").split() if re.fullmatch(r"\d{4}/\d{2}/.*\.txt", p)]
    urls = {}
    for p in git(repo, "ls-tree", "-r", "--name-only", "HEAD").split():
        if p.endswith("-urls.txt"):
            for line in git(repo, "show", f"HEAD:{p}").splitlines():
                k, _, u = line.partition("\t")
                urls.setdefault(k, u)
    pool = []
    for p in files:
        title, body = winer_text(git(repo, "show", f"HEAD:{p}"))
        if title in exclude_titles or not in_length(body, (MIN_WORDS, LONG_WORDS[1])) or held_out(title, body):
            continue
        stem = Path(p).stem
        y, m, d = stem[:4], stem[5:7], stem[8:10]
        pool.append({"lang": "fr", "title": title, "body": body, "published": f"{y}-{m}-{d}",
                     "source": f"WiNER-fr {p}", "url": page_url(urls.get(stem, ""), title), "licence": "CC BY 2.5"})
    return pool


def french(winer: list[dict]) -> tuple[list[dict], list[list[dict]]]:
    """The first batch (001-124) and the later ones, each by date and unchanged by the draws after it."""
    pool = [a for a in winer if in_length(a["body"])]
    rng = random.Random(11)
    by_month: dict[str, list[dict]] = {}
    for a in pool:
        by_month.setdefault(a["published"][:7], []).append(a)
    for v in by_month.values():
        rng.shuffle(v)
    chosen: list[dict] = []
    total = N_FR + sum(N_FR_LATER)
    while len(chosen) < total and any(by_month.values()):  # round robin over months keeps topics and periods spread
        for k in sorted(by_month):
            if by_month[k] and len(chosen) < total:
                chosen.append(by_month[k].pop())
    by_date = lambda batch: sorted(batch, key=lambda a: a["published"])  # noqa: E731
    later, start = [], N_FR
    for size in N_FR_LATER:
        later.append(by_date(chosen[start:start + size]))
        start += size
    return by_date(chosen[:N_FR]), later


def gum_doc(repo: str, name: str) -> dict:
    raw = git(repo, "show", f"HEAD:dep/{name}.conllu")
    meta = dict(re.findall(r"^# meta::(\w+) = (.*)$", raw, re.M))
    paras: list[list[str]] = [[]]
    for line in raw.splitlines():
        if line.startswith("# newpar") and not line.startswith("# newpar_block"):
            paras.append([])
        elif line.startswith("# text = "):
            paras[-1].append(line[len("# text = "):])
    lines = [" ".join(p) for p in paras if p]
    return {"lang": "en", "title": meta["title"], "body": "\n".join(lines[1:]), "published": meta["dateCreated"],
            "source": f"GUM dep/{name}.conllu", "url": meta["sourceURL"], "licence": "CC BY 2.5"}


def english(repo: str) -> list[dict]:
    names = [Path(p).stem for p in git(repo, "ls-tree", "--name-only", "HEAD", "dep/").split()]
    docs = [gum_doc(repo, n) for n in names if n.startswith(("GUM_news_", "GUM_interview_"))]
    return [d for d in docs if not held_out(d["title"], d["body"])]


WIKI_LINK = r"\[\[(?:[^\[\]|]*\|)?([^\[\]|]*)\]\]"  # [[Target|Shown]] or [[Target]]
# {publish}} and the like (templates whose first brace the dataset lost), the __NOTOC__ switch (its first
# underscore lost too), comments, <ref>s, html tags (<sub>2</sub> keeps its text), bold and italic marks
WIKI_DROPS = (r"\{[\w -]*\}\}", r"_{1,2}NOTOC__", r"(?s)<!--.*?-->", r"<ref[^>]*/>", r"(?s)<ref.*?</ref>", r"<[^>]+>",
              r"'{2,}")
END_SECTION = re.compile(r"^(==+\s*(Sources?|Related news|External links|See also)\s*==+|External links)\s*$",
                         re.M | re.I)
ISO_DATE = r"(%s) (\d{1,2}), (\d{4})" % "|".join(MONTHS)
# a date alone on its line: "December 13, 2004", "December 29" (no year), "December 2004" (no day)
DATELINE = r"(?:%s|(?:%s) (?:\d{1,2}|\d{4}))" % (ISO_DATE, "|".join(MONTHS))
# a related-news item whose "* [" the dataset cut: "[Near-Earth asteroid ... rating 4]] (December 24, 2004)"
CUT_RELATED = re.compile(r"^\[?[^\[\]\n]+\]\] \(%s\)$" % ISO_DATE, re.M)


def drop_links(text: str, prefix: str) -> str:
    """Removes every [[prefix...]] link up to its matching ]], nested links included
    ([[File:a.jpg|thumb|a [[w:b|b]] caption]])."""
    while (start := text.find(prefix)) >= 0:
        depth, i = 0, start
        while i < len(text):
            step = text[i:i + 2]
            depth += (step == "[[") - (step == "]]")
            i += 2 if step in ("[[", "]]") else 1
            if depth == 0:
                break
        text = text[:start] + text[i:]
    return text


def wikitext_lines(raw: str) -> list[str]:
    """Plain text of a Wikinews article's wikitext, one paragraph a line; lines inside a paragraph join, as
    MediaWiki renders them, except bullets and a date alone on its line (the dateline). Bullets stay, marked
    "*", for the well-formedness check: the caller drops them (they list sources and related news)."""
    raw = CUT_RELATED.sub("", END_SECTION.split(raw, 1)[0])
    for prefix in ("[[File:", "[[Image:", "[[file:", "[[image:"):
        raw = drop_links(raw, prefix)
    raw = re.sub(r"\[\[[a-z]{2,3}:[^\[\]]*\]\]", "", raw)  # interlanguage links ([[de:...]])
    while (inner := re.sub(r"\{\{w\|(?:[^{}|]*\|)?([^{}|]*)\}\}", r"\1", raw)) != raw:  # {{w|Target|Shown}}
        raw = inner
    while (inner := re.sub(r"\{\{[^{}]*\}\}", "", raw)) != raw:  # every other template, innermost first
        raw = inner
    raw = re.sub(r"\[\[[wW](?:ikipedia)?:", "[[", raw)
    raw = re.sub(WIKI_LINK, r"\1", raw)
    raw = re.sub(r"\[https?://[^\s\]]+ ?([^\]]*)\]", r"\1", raw)  # [http://url text] -> text
    for pattern in WIKI_DROPS:
        raw = re.sub(pattern, "", raw)
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", html.unescape(raw)):
        lines = [re.sub(r"\s+", " ", l).strip() for l in block.splitlines()]
        joined: list[str] = []
        for line in lines:
            if not line or re.fullmatch(r"-{3,}", line):
                continue
            alone = line.startswith("*") or re.fullmatch(DATELINE, line)
            if joined and not alone and not joined[-1].startswith("*") and not re.fullmatch(DATELINE, joined[-1]):
                joined[-1] += " " + line
            else:
                joined.append(line)
        paragraphs += joined
    return paragraphs


def iso(month: str, day: str, year: str) -> str:
    return f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"


def wikinews_date(raw: str, lines: list[str], categories: list[str]) -> str | None:
    """The {{date|Month D, YYYY}} template, or else the dateline opening the text; a dateline without its
    year ("November 17, Brisbane") counts only when the article's date category gives that day and its year."""
    if m := re.search(r"\{\{date\|%s\}\}" % ISO_DATE, raw):
        return iso(*m.groups())
    if not lines:
        return None
    if m := re.match(ISO_DATE + r"\b", lines[0]):
        return iso(*m.groups())
    if m := re.match(r"(%s) (\d{1,2})\b(?!,? \d{4})" % "|".join(MONTHS), lines[0]):
        years = {c.strip()[-4:] for c in categories if re.fullmatch(r"%s %s, \d{4}" % m.groups(), c.strip())}
        return iso(*m.groups(), years.pop()) if len(years) == 1 else None
    return None


def malformed(lines: list[str]) -> bool:
    """Wikitext the cleaning could not read (the dataset cut some articles inside a template or link:
    "{{byline|dateew leadership...", "a lawsuit [http://traffic.alexa.com/graph?w"), a paragraph cut at its
    start, or one that does not end a sentence (a lead-in to a list that was lost, "said about Firefox:")."""
    def broken(line: str) -> bool:
        return bool(re.search(r"[{}|<>=]|\[\[|\]\]|https?:", line)) or line.count("[") != line.count("]")
    return any(broken(l) or l[0].islower() for l in lines) or any(
        not re.search(r"[.!?\"'”)]$", l) and not re.fullmatch(DATELINE, l) for l in lines if not l.startswith("*"))


def fingerprint(title: str, body: str) -> tuple[str, str]:
    norm = lambda s: re.sub(r"\W", "", s.casefold())  # noqa: E731
    return norm(title), norm(body)[:200]


def wikinews_pool(repo: str, corpus: list[dict]) -> tuple[list[dict], dict[int, str]]:
    """Every article of endataset.json that qualifies, in the file's (chronological) order, and why each
    other line was left out (the first check it fails)."""
    seen = [fingerprint(a["title"], a["body"]) for a in corpus]
    for path in sorted((GUARD / "articles").glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        seen.append(fingerprint(title, body.strip()))
    pool, rejected = [], {}
    for n, line in enumerate(git(repo, "show", f"{WIKINEWS_SUM_COMMIT}:endataset.json").splitlines(), 1):
        record = json.loads(line)
        raw = "\n\n".join(record["text"])
        title, lines = record["title"].strip(), wikitext_lines(raw)
        body = "\n".join(l for l in lines if not l.startswith("*"))
        published = wikinews_date(raw, lines, record["categories"])
        own_title, own_start = fingerprint(title, body)
        if malformed(lines) or re.search(r"[{}\[\]|<>]", title):
            rejected[n] = "malformed wikitext"
        elif not in_length(body):
            rejected[n] = "length"
        elif published is None:
            rejected[n] = "no date"
        elif any(own_title == t or own_start == b for t, b in seen) or held_out(title, body):
            rejected[n] = "already in the corpus or held out"
        else:
            pool.append({"lang": "en", "title": title, "body": body, "published": published,
                         "source": f"WikinewsSum endataset.json line {n}",
                         "url": "https://en.wikinews.org/wiki/" + title.replace(" ", "_"),
                         "licence": "public domain (Wikinews, before 25 Sep 2005)"})
    return pool, rejected


def wikinews_sum(repo: str, corpus: list[dict]) -> list[dict]:
    """N_EN_WIKINEWS qualifying articles spread evenly over the file (every k-th), in its order."""
    pool, rejected = wikinews_pool(repo, corpus)
    reasons = ", ".join(f"{list(rejected.values()).count(r)} {r}" for r in sorted(set(rejected.values())))
    print(f"WikinewsSum: {len(pool)} of {len(pool) + len(rejected)} articles qualify; left out: {reasons}",
          file=sys.stderr)
    if len(pool) <= N_EN_WIKINEWS:
        return pool
    return [pool[i * len(pool) // N_EN_WIKINEWS] for i in range(N_EN_WIKINEWS)]


def fresh(a: dict, seen: set[str]) -> bool:
    """Of 140-650 words, not held out, and not already in the corpus (``seen``: its articles' fingerprints)."""
    title, body = a["title"], a["body"]
    return in_length(body) and not held_out(title, body) and not seen & set(fingerprint(title, body))


def vat_article(row: dict[str, str], n: int) -> dict | None:
    """One CSV row as an article, its dateline ("Friday, January 4, 2019", in the 2019 file only) on a line of
    its own; None for markup the scraper left (interview markers "((WN))", result tables, pull-quote credits
    "—Troy Roberts"), a paragraph that is not prose (under four words, starting in lower case, or not ending a
    sentence: the lead-in of a list the scraper lost) and the site's test pages."""
    text = row["text"].replace("\xa0", " ").strip()
    dateline = WEEKDAY_DATELINE.match(text)
    text = text[dateline.end():] if dateline else text
    paragraphs = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    paragraphs = [p for p in paragraphs if not CAPTION.search(p)]
    body = "\n".join(paragraphs)
    if row["title"].startswith("TEST PAGE") or "((" in body or "█" in body or re.search(r"^[—–]", body, re.M) or any(
            len(p.split()) < 4 or p[0].islower() or not re.search(r"[.!?\"”’')]$", p) for p in paragraphs):
        return None
    return {"lang": "en", "title": row["title"].strip(),
            "body": (dateline.group(1) + "\n" if dateline else "") + body, "published": row["date"],
            "source": f"vanatteveldt/wikinews {row['file']} row {n}", "url": row["url"].replace(".org//wiki", ".org/wiki"),
            "licence": "CC BY 2.5"}


def vanatteveldt(repo: str, corpus: list[dict]) -> list[list[dict]]:
    """The N_EN_VAT batches of qualifying articles drawn round robin over the months (seed 11, as for French),
    each by date and unchanged by the draws after it."""
    seen = {key for a in corpus for key in fingerprint(a["title"], a["body"])}
    by_month: dict[str, list[dict]] = {}
    for path in VAT_FILES:
        rows = csv.DictReader(io.StringIO(git(repo, "show", f"{VAT_COMMIT}:{path}")))
        for n, row in enumerate(rows, 1):
            a = vat_article({**row, "file": path}, n)
            if a and fresh(a, seen):
                by_month.setdefault(a["published"][:7], []).append(a)
    rng = random.Random(11)
    for v in by_month.values():
        rng.shuffle(v)
    chosen: list[dict] = []
    total = sum(N_EN_VAT)
    while len(chosen) < total and any(by_month.values()):
        for k in sorted(by_month):
            if by_month[k] and len(chosen) < total:
                chosen.append(by_month[k].pop())
    starts = [sum(N_EN_VAT[:i]) for i in range(len(N_EN_VAT) + 1)]
    return [sorted(chosen[a:b], key=lambda x: x["published"]) for a, b in zip(starts, starts[1:])]


def bougouin_article(page: str, path: str) -> dict | None:
    """One page as an article: its h1 title and its intertitles, paragraphs and list items in document order,
    without footnote calls ("espagnol[1]") or soft hyphens; dated by the first French date of its first two blocks (the
    dateline, "29 mai 2012. -", which a lead intertitle can precede); None when there is none."""
    title = html.unescape(re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)).strip()
    blocks = [re.sub(r"\s+", " ", html.unescape(re.sub(r"\[\d+\]|\xad", "", b))).strip()
              for _, b in re.findall(r"<(h2|p|li)>(.*?)</\1>", page, re.S)]
    blocks = [b for b in blocks if b]
    date = next((m for b in blocks[:2] if (m := FRENCH_DATE.search(b))), None)
    if date is None:
        return None
    day = 1 if date.group(1) == "1er" else int(date.group(1))
    return {"lang": "fr", "title": title, "body": "\n".join(blocks),
            "published": f"{date.group(3)}-{FRENCH_MONTHS.index(date.group(2)) + 1:02d}-{day:02d}",
            "source": f"WikinewsKeyphraseCorpus {path}", "licence": "CC BY 2.5",
            "url": "https://fr.wikinews.org/wiki/" + title.replace(" ", "_")}


def bougouin(repo: str, corpus: list[dict]) -> list[dict]:
    """Every dated page of 140-650 words not already in the corpus nor held out, by date."""
    seen = {key for a in corpus for key in fingerprint(a["title"], a["body"])}
    pool = []
    for path in git(repo, "ls-tree", "-r", "--name-only", BOUGOUIN_COMMIT, "documents").split():
        a = bougouin_article(git(repo, "show", f"{BOUGOUIN_COMMIT}:{path}"), path)
        if a and fresh(a, seen):
            pool.append(a)
    return in_date_order(pool)


def main(winer: str, gum: str, wikinews: str, vat: str, keyphrase: str) -> None:
    demo = {json.loads(l)["title"] for l in DEMO.read_text(encoding="utf-8").splitlines() if l.strip()}
    winer_articles = winer_pool(winer, demo)
    first, later = french(winer_articles)
    arts = first + english(gum) + [a for batch in later[:N_FR_BEFORE_WIKINEWS] for a in batch]
    arts += wikinews_sum(wikinews, arts)
    arts += [a for batch in later[N_FR_BEFORE_WIKINEWS:N_FR_BEFORE_VAT] for a in batch]
    # the English batches are drawn against the articles before the first of them, as when it was drawn alone
    first_vat, *later_vat = vanatteveldt(vat, arts)
    arts += first_vat + [a for batch in later[N_FR_BEFORE_VAT:] for a in batch]
    arts += later_vat[0]
    arts += bougouin(keyphrase, arts)
    arts += [a for batch in later_vat[1:] for a in batch]
    arts += in_date_order([a for a in winer_articles if in_length(a["body"], LONG_WORDS)])
    (HERE / "articles").mkdir(exist_ok=True)
    rows = ["id\tlang\tpublished\tlicence\tsource\turl\ttitle"]
    for i, a in enumerate(arts, 1):
        aid = f"{i:03d}"
        (HERE / "articles" / f"{aid}.txt").write_text(f"{a['title']}\n\n{a['body']}\n", encoding="utf-8")
        rows.append("\t".join([aid, a["lang"], a["published"], a["licence"], a["source"], a["url"], a["title"]]))
    (HERE / "sources.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:6])
