"""Command line: ``python -m lib analyze INPUT... --out DIR`` and ``python -m lib evaluate GOLD_DIR``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tqdm import tqdm

from lib.actors import AliasTable
from lib.pipeline import Options, analyze_articles, assemble
from lib.readers import read_paths
from lib.store import AnalysisCache, write_corpus

EXIT_NOTHING_READ = 2


def _analyze(args: argparse.Namespace) -> int:
    aliases = AliasTable.from_csv(args.aliases) if args.aliases else None
    options = Options(aliases=aliases, models=dict(m.split("=", 1) for m in args.model))
    articles = read_paths(args.inputs)
    cache = AnalysisCache(Path(args.out) / ".cache")
    todo = [a for a in articles if cache.get(a) is None]
    print(f"{len(articles)} inputs, {len(articles) - len(todo)} already analyzed in {args.out}", file=sys.stderr)
    with tqdm(total=len(todo), unit="article", disable=args.quiet) as bar:
        for analysis in analyze_articles(todo, options):
            cache.put(analysis)
            bar.update(1)
    corpus = assemble([cache.get(a) for a in articles], aliases)
    write_corpus(corpus, args.out, parquet=not args.no_parquet)
    errors = corpus.articles[corpus.articles["error"] != ""]
    for row in errors.itertuples():
        print(f"error: {row.file}: {row.error}", file=sys.stderr)
    ok = len(corpus.articles) - len(errors)
    print(f"{ok} articles analyzed, {len(errors)} failed; {len(corpus.quotes)} quotes, "
          f"{len(corpus.actors)} actors, {len(corpus.dates)} dates -> {args.out}")
    return 0 if ok else EXIT_NOTHING_READ


def _evaluate(args: argparse.Namespace) -> int:
    from lib.evaluate import evaluate, format_figures

    results = evaluate(args.gold_dir)
    print(format_figures(results))
    if args.json:
        import json
        Path(args.json).write_text(json.dumps({k: v.to_dict("records") for k, v in results.items()}, indent=1))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m lib", description="Revue: press-review extraction")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("analyze", help="analyze files, folders or corpus files into frames")
    a.add_argument("inputs", nargs="+", help="files or folders (.txt .md .csv .jsonl .json ...)")
    a.add_argument("--out", required=True, help="output folder for the frames (CSV and Parquet)")
    a.add_argument("--aliases", help="alias table CSV (alias,actor,label,ignored)")
    a.add_argument("--model", action="append", default=[], metavar="LANG=NAME",
                   help="spaCy pipeline for a language, e.g. fr=fr_core_news_sm")
    a.add_argument("--no-parquet", action="store_true", help="write CSV only")
    a.add_argument("--quiet", action="store_true", help="no progress bar")
    a.set_defaults(func=_analyze)
    e = sub.add_parser("evaluate", help="score the pipeline on an annotated set")
    e.add_argument("gold_dir")
    e.add_argument("--json", help="also write the figures as JSON to this file")
    e.set_defaults(func=_evaluate)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)
