"""Where things live. One place resolves paths so every command agrees on them.

Precedence for the warehouse path: ``--db PATH`` > ``NEWSEVENTS_DB`` > the default
``warehouse/newsevents.duckdb`` under the project root.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "warehouse" / "newsevents.duckdb"
DEFAULT_SEEDS = PROJECT_ROOT / "seeds"
DEFAULT_REPORTS = PROJECT_ROOT / "reports"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
FEEDS_FILE = PROJECT_ROOT / "feeds.yaml"


def db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the warehouse file from the flag, then the environment, then the default."""
    value = cli_value or os.environ.get("NEWSEVENTS_DB")
    return Path(value).expanduser().resolve() if value else DEFAULT_DB


def reports_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the reports folder (Data Docs and the HTML report)."""
    value = cli_value or os.environ.get("NEWSEVENTS_REPORTS")
    return Path(value).expanduser().resolve() if value else DEFAULT_REPORTS


def allow_private_hosts(cli_flag: bool = False) -> bool:
    """Feeds on private/loopback addresses: ``--allow-private-hosts`` or ``NEWSEVENTS_ALLOW_PRIVATE_HOSTS=1``."""
    return cli_flag or os.environ.get("NEWSEVENTS_ALLOW_PRIVATE_HOSTS", "").strip().lower() in ("1", "true", "yes")
