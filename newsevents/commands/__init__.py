"""One module per CLI sub-command; each exposes ``register(subparsers)``.

Modules are discovered automatically by :func:`newsevents.cli.build_parser`. Keep
module-level imports light: import heavy libraries inside the command's ``run``.
"""

from __future__ import annotations

import argparse


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """Every command that touches the warehouse takes ``--db PATH`` (else ``NEWSEVENTS_DB``)."""
    parser.add_argument(
        "--db", metavar="PATH", default=None,
        help="DuckDB warehouse file (default: $NEWSEVENTS_DB or warehouse/newsevents.duckdb)",
    )
