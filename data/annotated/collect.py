"""Rebuilds articles/NN.txt and sources.tsv of the annotated corpus from its two public sources.

Run once, by hand, from a checkout that has the two repositories (the paths are arguments):
    python data/annotated/collect.py WINER_FR_GIT_DIR GUM_GIT_DIR
French: WiNER-fr (Yoann Dupont), French Wikinews 2016-2018, CC BY 2.5 texts; the BRAT .txt files are
tokenised around entities ("Biloxi , dans"), so spaces before , . ) are removed and the dateline joins
its paragraph. English: GUM (Amir Zeldes), news and interview documents from English Wikinews, CC BY 2.5;
the text is rebuilt from the `# text =` and `# newpar` lines of its CoNLL-U files.
The selection is seeded and stratified by month; articles of the demo corpus (sample_data/) and of the
held-out judging set (checked afterwards with not_heldout.py) are left out.
"""
from __future__ import annotations

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
N_FR_LATER = (48, 48, 48, 48, 48)
GUARD = HERE.parents[2] / "shared" / "eval"  # the held-out guard, beside the checkout
MIN_WORDS, MAX_WORDS = 140, 650
DEMO = HERE.parents[1] / "sample_data" / "demo_corpus.jsonl"


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


def french(repo: str, exclude_titles: set[str]) -> tuple[list[dict], list[dict]]:
    """The first batch (001-124) and the later ones, each by date and unchanged by the draws after it."""
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
        words = len(body.split())
        if title in exclude_titles or not MIN_WORDS <= words <= MAX_WORDS or held_out(title, body):
            continue
        stem = Path(p).stem
        y, m, d = stem[:4], stem[5:7], stem[8:10]
        pool.append({"lang": "fr", "title": title, "body": body, "published": f"{y}-{m}-{d}",
                     "source": f"WiNER-fr {p}", "url": page_url(urls.get(stem, ""), title), "licence": "CC BY 2.5"})
    rng = random.Random(11)
    by_month: dict[str, list[dict]] = {}
    for a in pool:
        by_month.setdefault(a["published"][:7], []).append(a)
    for v in by_month.values():
        rng.shuffle(v)
    chosen: list[dict] = []
    total = N_FR + sum(N_FR_LATER)
    while len(chosen) < total:  # round robin over months keeps topics and periods spread
        for k in sorted(by_month):
            if by_month[k] and len(chosen) < total:
                chosen.append(by_month[k].pop())
    by_date = lambda batch: sorted(batch, key=lambda a: a["published"])  # noqa: E731
    later, start = [], N_FR
    for size in N_FR_LATER:
        later += by_date(chosen[start:start + size])
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


def main(winer: str, gum: str) -> None:
    demo = {json.loads(l)["title"] for l in DEMO.read_text(encoding="utf-8").splitlines() if l.strip()}
    first, later = french(winer, demo)
    arts = first + english(gum) + later
    (HERE / "articles").mkdir(exist_ok=True)
    rows = ["id\tlang\tpublished\tlicence\tsource\turl\ttitle"]
    for i, a in enumerate(arts, 1):
        aid = f"{i:03d}"
        (HERE / "articles" / f"{aid}.txt").write_text(f"{a['title']}\n\n{a['body']}\n", encoding="utf-8")
        rows.append("\t".join([aid, a["lang"], a["published"], a["licence"], a["source"], a["url"], a["title"]]))
    (HERE / "sources.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
