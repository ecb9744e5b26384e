"""``newsevents report``: the last runs' quality at a glance, and a static HTML report.

Read-only and Prefect-free: it works while a pipeline run is writing (readers wait for
the writer's short transactions) and starts in well under a second.
"""

from __future__ import annotations

import argparse

from newsevents.commands import add_db_argument


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="print the last runs' data quality and write the HTML report",
                       description="Print the last runs' outcome and data quality as a table and write a "
                                   "self-contained HTML report (charts, failures, quarantined rows, "
                                   "located events) that opens without network.")
    add_db_argument(p)
    p.add_argument("--out", metavar="FILE", default=None,
                   help="HTML file to write (default: $NEWSEVENTS_REPORTS/report.html or reports/report.html)")
    p.add_argument("--runs", metavar="N", type=_positive, default=20, help="runs shown (default 20)")
    p.set_defaults(func=run)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from newsevents import settings
    from newsevents.report import write_report
    from newsevents.report.glance import glance_text

    out = Path(args.out).expanduser().resolve() if args.out else settings.reports_dir() / "report.html"
    path, runs = write_report(settings.db_path(args.db), out, args.runs)
    print(glance_text(runs))
    print(f"report: {path}")
    return 0
