"""``newsevents evaluate``: score the extraction engine against an ACLED-format gold CSV."""

from __future__ import annotations

import argparse
import json
import sys

from newsevents.errors import NewsEventsError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``evaluate`` sub-command."""
    p = subparsers.add_parser(
        "evaluate", help="score extraction against ACLED-format gold data",
        description="Run the extractor on each gold row's notes and report event type, sub-event "
                    "type (accuracy, weighted F1), fatalities, location within 25 km, date and "
                    "actor1 country, with a confusion table.",
    )
    p.add_argument("--gold", required=True, metavar="FILE.csv", help="ACLED-format CSV with a notes column")
    p.add_argument("--split", choices=("check", "tune", "all"), default="check",
                   help="deterministic half to score: check (default, report this), tune (develop on it) or all")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="score at most N rows")
    p.add_argument("--json", action="store_true", help="print the result as JSON (with up to 200 misses)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Load, select, score, print."""
    from newsevents import evaluate as ev
    from newsevents.extract import EXTRACTOR_VERSION, extract_events

    try:
        rows = ev.select(ev.load_gold(args.gold), args.split, args.limit)
    except FileNotFoundError as exc:
        raise NewsEventsError(f"gold file not found: {args.gold}") from exc
    except ValueError as exc:
        raise NewsEventsError(str(exc)) from exc
    result = ev.evaluate(rows, extract_events)
    result["split"] = args.split
    result["extractor_version"] = EXTRACTOR_VERSION
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(ev.format_report(result, f"{args.gold} [{args.split}] {EXTRACTOR_VERSION}"))
    return 0
