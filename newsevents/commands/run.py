"""``newsevents run``: one pipeline run (seeds and configured feeds) into the warehouse."""

from __future__ import annotations

import argparse

from newsevents.commands import (add_db_argument, add_flow_arguments, prepare_prefect, print_summary,
                                 start_prefect_server, wait_for_prefect_server)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="run the pipeline once: ingest, extract, validate, publish",
                       description="Ingest new articles from the seed folder and feeds, extract events, "
                                   "validate them with Great Expectations and publish what passes.")
    add_db_argument(p)
    p.add_argument("--seeds", metavar="DIR", default=None, help="seed folder (default: seeds/)")
    p.add_argument("--feed", metavar="URL", action="append", default=[],
                   help="also poll this RSS/Atom feed for this run (repeatable)")
    p.add_argument("--no-feed-config", action="store_true", help="ignore feeds.yaml for this run")
    p.add_argument("--allow-private-hosts", action="store_true",
                   help="allow feed URLs on private, loopback or link-local addresses (local set-ups, tests); "
                        "NEWSEVENTS_ALLOW_PRIVATE_HOSTS=1 sets it too")
    add_flow_arguments(p)
    add_runner_arguments(p)
    p.set_defaults(func=run)


def add_runner_arguments(parser: argparse.ArgumentParser) -> None:
    """Where the CPU-heavy extraction runs (shared with ``reprocess``)."""
    parser.add_argument("--runner", choices=("thread", "process", "dask"), default="thread",
                        help="task runner for extraction: threads (default), local processes, or Dask")
    parser.add_argument("--dask-address", metavar="tcp://HOST:PORT", default=None,
                        help="Dask scheduler to use with --runner dask (default: a temporary local cluster)")


def run(args: argparse.Namespace) -> int:
    from newsevents.commands._idle import idle_run

    idle = idle_run(args)  # nothing to do: recorded and answered without starting Prefect
    if idle is not None:
        return print_summary(idle.as_dict(), args.json)
    prepare_prefect(args.verbose)
    start_prefect_server()  # boots while the flow's modules import
    from flows.pipeline import pipeline
    from newsevents import settings

    wait_for_prefect_server()
    summary = pipeline(seeds_dir=args.seeds, feeds=args.feed, use_feed_config=not args.no_feed_config,
                       allow_private_hosts=settings.allow_private_hosts(args.allow_private_hosts), db=args.db, reports_dir=args.reports,
                       chunk_size=args.chunk_size, workers=args.workers, task_runner=args.runner,
                       dask_address=args.dask_address)
    return print_summary(summary, args.json)
