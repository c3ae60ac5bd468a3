"""Command line: ``python -m lib analyze INPUT... --out DIR``, ``evaluate [--cv] [DIR]`` and ``train [DIR]``."""
from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path

from tqdm import tqdm

from lib.corpus.actors import AliasTable
from lib.corpus.corrections import Corrections
from lib.corpus.build import CorpusSettings
from lib.engine import ENGINES, analyze_many, estimated_seconds
from lib.pipeline import Options
from lib.readers import BATCH_LIMITS, Limits, read_paths
from lib.readers.limits import MB
from lib.store import Store, corpus_cached, default_store_path, output_folder_problem, write_corpus
from lib.models import DEFAULT_SPEAKERS
from lib.models.speakers import SPEAKER_MODES
from lib.models.tone import TONE_BACKENDS

ANNOTATED_CORPUS = Path(__file__).resolve().parents[1] / "data" / "annotated"

# Exit codes: 0 when at least one input was read (unreadable files are listed on
# stderr as "error: FILE: REASON" and kept as rows with `error` set); 3 when
# nothing at all could be read (not 2, which argparse uses for a usage error).
EXIT_NOTHING_READ = 3
EXIT_USAGE = 2  # as argparse: here an --out folder that holds other files than Revue's
PARTITION_ROWS = 100_000  # rows per Parquet partition written by --engine dask


def _analyze(args: argparse.Namespace) -> int:
    problem = output_folder_problem(Path(args.out)) or _engine_problem(args)  # before an hour of analysis, not after
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    aliases = AliasTable.from_csv(args.aliases) if args.aliases else None
    corrections = Corrections.from_csv(args.corrections) if args.corrections else None
    settings = CorpusSettings(aliases, not args.no_metonymy, corrections)
    options = Options(models=dict(m.split("=", 1) for m in args.model), tone=args.tone)
    limits = Limits(max_file_bytes=int(args.max_file_mb * MB), max_total_bytes=int(args.max_total_mb * MB),
                    max_files=args.max_files)
    articles = read_paths(args.inputs, limits)
    store = None if args.no_store else Store(args.store or default_store_path())
    analyze = partial(analyze_many, jobs=args.jobs, engine=args.engine, scheduler=args.scheduler)
    if not args.quiet:
        print(f"{len(articles)} inputs: at most {tqdm.format_interval(estimated_seconds(articles, args.jobs))} "
              f"of analysis with {args.jobs} process{'es' if args.jobs > 1 else ''} (less for what the store "
              "already holds)", file=sys.stderr)
    with tqdm(unit="article", disable=args.quiet) as bar:  # with its total known, tqdm shows the rate and the ETA
        def progress(done: int, total: int, _article_id: str) -> None:
            bar.total = total
            bar.update(done - bar.n)

        corpus, cached = corpus_cached(articles, store, options, settings, progress, analyze)
    if store is not None and store.problem:
        print(f"warning: {store.problem}", file=sys.stderr)
    where = f"in the store {store.path}" if store is not None else "(no store)"
    print(f"{len(articles)} inputs, {cached} already analyzed {where}", file=sys.stderr)
    write_corpus(corpus, args.out, parquet=not args.no_parquet,
                 rows_per_part=PARTITION_ROWS if args.engine == "dask" else None)
    errors = corpus.articles[corpus.articles["error"] != ""]
    for row in errors.itertuples():
        print(f"error: {row.file}: {row.error}", file=sys.stderr)
    for row in corpus.articles[(corpus.articles["error"] == "") & (corpus.articles["note"] != "")].itertuples():
        print(f"note: {row.file}: {row.note}", file=sys.stderr)
    ok = len(corpus.articles) - len(errors)
    duplicates = int((corpus.articles["duplicate_of"] != "").sum())
    print(f"{ok - duplicates} articles analyzed, {len(errors)} failed, {duplicates} duplicates; "
          f"{corpus.articles.loc[corpus.articles['cluster'] != '', 'cluster'].nunique()} stories; {len(corpus.quotes)} quotes, "
          f"{len(corpus.actors)} actors, {len(corpus.dates)} dates -> {args.out}")
    return 0 if ok else EXIT_NOTHING_READ


def _engine_problem(args: argparse.Namespace) -> str:
    if args.jobs < 1:
        return f"--jobs must be at least 1, not {args.jobs}"
    if args.scheduler and args.engine != "dask":
        return "--scheduler names a Dask scheduler: use it with --engine dask"
    return ""


def _evaluate(args: argparse.Namespace) -> int:
    from lib.evaluate import by_group, cross_validate, evaluate_runs, format_figures, load_gold, split_final
    from lib.evaluate.errors import error_report
    from lib.models.train import Trainer

    options = Options(tone=args.tone, speakers=args.speakers)
    if args.cv or args.final:
        items = load_gold(args.gold_dir)
        dev, test = split_final(items)
        runs = cross_validate(items, Trainer(items, options), options, final=args.final)
        what = (f"final test fold: {len(test)} articles, fitted on the {len(dev)} others" if args.final else
                f"{len(runs)}-fold cross-validation by article over {len(dev)} development articles "
                f"(the {len(test)} of the final test fold are left out)")
    else:
        runs = evaluate_runs(args.gold_dir, options)
        what = f"shipped pipeline (tone: {args.tone}) on {sum(len(r.items) for r in runs)} articles"
    results = by_group(runs, intervals=args.cv or args.final)
    print(f"{args.gold_dir}: {what}")
    print(format_figures(results))
    if args.json:
        import json
        Path(args.json).write_text(json.dumps({k: v.to_dict("records") for k, v in results.items()}, indent=1))
    if args.errors:
        Path(args.errors).write_text(error_report(runs), encoding="utf-8")
        print(f"errors by class -> {args.errors}", file=sys.stderr)
    return 0


def _train(args: argparse.Namespace) -> int:
    from lib.evaluate import load_gold
    from lib.models.train import MODEL_FILES, train_all

    items = load_gold(args.corpus_dir)
    fitted = train_all(items, Path(args.out) if args.out else None)
    print(f"{len(items)} annotated articles ({sum(1 for g in items if g.tone)} tone-coded): tone model "
          f"({', '.join(sorted(fitted.tone.models))}), stance model ({len(fitted.stance.stance.vocabulary)} features), "
          f"speaker model ({len(fitted.speaker.vocabulary)} features), actor-merge model "
          f"({len(fitted.actor_merge.vocabulary)} features), fragment model "
          f"({len(fitted.fragments.vocabulary) if fitted.fragments else 'none: one class'}), mention model "
          f"({len(fitted.mention.vocabulary)} features) -> {args.out or MODEL_FILES['tone'].parent}")
    return 0


def _agreement(args: argparse.Namespace) -> int:
    from lib.evaluate.agreement import agreement

    for name, value in agreement(args.first, args.second).items():
        print(f"{name:<40} {value}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m lib", description="Revue: press-review extraction")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("analyze", help="analyze files, folders or corpus files into frames",
                       epilog="exit status: 0 when at least one input was read (each unreadable file is listed "
                              f"on stderr as 'error: FILE: REASON'); {EXIT_NOTHING_READ} when nothing could be read; "
                              f"{EXIT_USAGE} for a usage error (an --out folder holding other files)")
    a.add_argument("inputs", nargs="+", help="files or folders (.txt .md .html .pdf .docx .csv .tsv .jsonl .json "
                                             ".zip); a FILE.meta.json next to a file adds its metadata")
    a.add_argument("--out", required=True, help="output folder for the frames (CSV and Parquet), replaced in one "
                                               "step when the run ends; a folder holding other files is refused")
    stored = a.add_mutually_exclusive_group()
    stored.add_argument("--store", metavar="PATH",
                        help="the store (DuckDB file) that keeps analyses and frames: an article is analyzed once, "
                             "an interrupted run resumes, a corpus analyzed before opens at once "
                             f"(default {default_store_path()}; $REVUE_STORE names another)")
    stored.add_argument("--no-store", action="store_true", help="analyze everything, keep nothing")
    a.add_argument("--aliases", help="alias table CSV (alias,actor,label,ignored), e.g. exported from the app")
    a.add_argument("--corrections", metavar="FILE.csv",
                   help="the analyst's corrections CSV (sentence tone, stance sign, quote speaker), e.g. exported "
                        "from the app; they win over the computed values and are marked in the 'corrected' column")
    a.add_argument("--no-metonymy", action="store_true",
                   help="capitals stay cities (by default 'Moscou a démenti' is an act of Russie)")
    a.add_argument("--model", action="append", default=[], metavar="LANG=NAME",
                   help="spaCy pipeline for a language, e.g. fr=fr_core_news_sm")
    a.add_argument("--tone", choices=TONE_BACKENDS, default="model",
                   help="sentence tone: 'model' trained on the annotated corpus, or the 'lexicon' (default %(default)s)")
    a.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="worker processes, each loading spaCy once (default %(default)d: this process); on 2 cores, "
                        "2 run about 1.4 times as fast once started (a few seconds); with --scheduler, the number "
                        "of the cluster's worker processes")
    a.add_argument("--engine", choices=ENGINES, default="local",
                   help="'local': a process pool on this machine; 'dask': a Dask cluster, a LocalCluster of --jobs "
                        "workers unless --scheduler names one, each frame's Parquet written as partitions "
                        "(default %(default)s)")
    a.add_argument("--scheduler", metavar="ADDRESS",
                   help="the scheduler of a running Dask cluster, e.g. tcp://HOST:8786 (with --engine dask)")
    a.add_argument("--no-parquet", action="store_true", help="write CSV only")
    a.add_argument("--quiet", action="store_true", help="no progress bar")
    a.add_argument("--max-file-mb", type=float, default=BATCH_LIMITS.max_file_bytes / MB,
                   help="largest file (or archive member) read, in MB (default %(default)g)")
    a.add_argument("--max-total-mb", type=float, default=BATCH_LIMITS.max_total_bytes / MB,
                   help="largest total read, archives counted expanded, in MB (default %(default)g)")
    a.add_argument("--max-files", type=int, default=BATCH_LIMITS.max_files,
                   help="most articles read: files, archive members and corpus rows (default %(default)d)")
    a.set_defaults(func=_analyze)
    e = sub.add_parser("evaluate", help="score the pipeline on an annotated set")
    e.add_argument("gold_dir", nargs="?", default=str(ANNOTATED_CORPUS),
                   help="folder with articles/, gold/ and tone/ (default: the annotated corpus, %(default)s)")
    e.add_argument("--cv", action="store_true", help="cross-validate by article: learned parts fitted on the "
                                                     "other folds; figures with 95%% bootstrap intervals")
    e.add_argument("--final", action="store_true", help="report the final test fold (fitted on all the others)")
    e.add_argument("--errors", metavar="FILE", help="write errors by class, counted, with samples (Markdown)")
    e.add_argument("--tone", choices=TONE_BACKENDS, default="model", help="tone backend (default %(default)s)")
    e.add_argument("--speakers", choices=SPEAKER_MODES, default=DEFAULT_SPEAKERS,
                   help="who picks a quote's speaker: the rules, the learned ranker, or the ranker for pronoun "
                        "speakers and the rules for the others (default %(default)s)")
    e.add_argument("--json", help="also write the figures as JSON to this file")
    e.set_defaults(func=_evaluate)
    g = sub.add_parser("agreement", help="inter-annotator agreement between two annotations of the same articles")
    g.add_argument("first")
    g.add_argument("second")
    g.set_defaults(func=_agreement)
    t = sub.add_parser("train", help="fit the learned components on an annotated corpus")
    t.add_argument("corpus_dir", nargs="?", default=str(ANNOTATED_CORPUS))
    t.add_argument("--out", help="folder for the model files (default: lib/data, what the pipeline loads)")
    t.set_defaults(func=_train)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)
