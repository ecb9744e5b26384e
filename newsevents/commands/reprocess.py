"""``newsevents reprocess``: re-extract stored articles with the current extractor version."""

from __future__ import annotations

import argparse

from newsevents.commands import (add_db_argument, add_flow_arguments, prepare_prefect, print_summary,
                                 start_prefect_server, wait_for_prefect_server)
from newsevents.commands.run import add_runner_arguments


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reprocess", help="re-extract stored articles with the current extractor",
                       description="Re-extract the latest version of stored articles (all, or ingested since "
                                   "a date), validate, and replace their published events atomically.")
    add_db_argument(p)
    p.add_argument("--since", metavar="DATE", default=None, help="only articles ingested on or after DATE")
    add_flow_arguments(p)
    add_runner_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from newsevents.errors import NewsEventsError
    from newsevents.timestamps import parse_timestamp

    if args.since and parse_timestamp(args.since) is None:
        raise NewsEventsError(f"--since {args.since!r} is not a date", hint="use YYYY-MM-DD or an ISO timestamp")
    prepare_prefect(args.verbose)
    start_prefect_server()  # boots while the flow's modules import
    from flows.reprocess import reprocess

    wait_for_prefect_server()
    summary = reprocess(since=args.since, db=args.db, reports_dir=args.reports,
                        chunk_size=args.chunk_size, workers=args.workers, task_runner=args.runner,
                        dask_address=args.dask_address)
    return print_summary(summary, args.json)
