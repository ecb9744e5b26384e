"""One module per CLI sub-command; each exposes ``register(subparsers)``.

Modules are discovered automatically by :func:`newsevents.cli.build_parser`. Keep
module-level imports light: import heavy libraries inside the command's ``run``.
"""

from __future__ import annotations

import argparse
import json
import os
from typing import Any


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """Every command that touches the warehouse takes ``--db PATH`` (else ``NEWSEVENTS_DB``)."""
    parser.add_argument(
        "--db", metavar="PATH", default=None,
        help="DuckDB warehouse file (default: $NEWSEVENTS_DB or warehouse/newsevents.duckdb)",
    )


def add_flow_arguments(parser: argparse.ArgumentParser) -> None:
    """Options shared by the commands that run a flow."""
    parser.add_argument("--reports", metavar="DIR", default=None, help="reports folder (default: reports/)")
    parser.add_argument("--chunk-size", type=int, default=2000, help="articles per extraction batch")
    parser.add_argument("--workers", type=int, default=0,
                        help="extraction processes (default 0: every core for large batches, else one)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="show Prefect's run logs")


def prepare_prefect(verbose: bool) -> None:
    """Project-local Prefect home, no telemetry, quiet console unless asked: before Prefect loads.

    Without ``-v`` Prefect's console handler shows nothing (run logs still reach Prefect's
    API and UI); what a person must see — a run waiting for the writer lock — is printed
    by the ``newsevents`` logger on stderr instead.
    """
    import logging

    from newsevents import settings

    os.environ.setdefault("PREFECT_HOME", str(settings.PROJECT_ROOT / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    # Prefect's temporary server may need more than its 20 s default on a loaded machine.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    notices = logging.getLogger("newsevents.notices")
    notices.addHandler(handler)
    notices.setLevel(logging.INFO)
    notices.propagate = False


def print_summary(summary: dict[str, Any], as_json: bool) -> int:
    """Print a flow's run summary; exit 3 when rows were quarantined, else 0."""
    from newsevents.summary import RunSummary

    print(json.dumps(summary, default=str, indent=2) if as_json else RunSummary(**summary).render())
    return 3 if summary.get("rows_quarantined") else 0
