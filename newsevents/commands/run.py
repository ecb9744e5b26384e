"""``newsevents run``: one pipeline run (seeds and configured feeds) into the warehouse."""

from __future__ import annotations

import argparse
import json
import os

from newsevents.commands import add_db_argument


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="run the pipeline once: ingest, extract, validate, publish",
                       description="Ingest new articles from the seed folder (and feeds), extract events, "
                                   "validate them with Great Expectations and publish what passes.")
    add_db_argument(p)
    p.add_argument("--seeds", metavar="DIR", default=None, help="seed folder (default: seeds/)")
    p.add_argument("--reports", metavar="DIR", default=None, help="reports folder (default: reports/)")
    p.add_argument("--chunk-size", type=int, default=2000, help="articles per extraction batch")
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("-v", "--verbose", action="store_true", help="show Prefect's run logs")
    p.set_defaults(func=run)


def prepare_prefect(verbose: bool) -> None:
    """Project-local Prefect home, quiet console unless asked: set before Prefect is imported."""
    from newsevents import settings

    os.environ.setdefault("PREFECT_HOME", str(settings.PROJECT_ROOT / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def run(args: argparse.Namespace) -> int:
    prepare_prefect(args.verbose)
    from flows.pipeline import pipeline

    summary = pipeline(seeds_dir=args.seeds, db=args.db, reports_dir=args.reports,
                       chunk_size=args.chunk_size, workers=args.workers)
    if args.json:
        print(json.dumps(summary, default=str, indent=2))
    else:
        from newsevents.summary import RunSummary

        print(RunSummary(**summary).render())
    return 3 if summary["rows_quarantined"] else 0
