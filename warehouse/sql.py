"""SQL lives in files under ``warehouse/sql/<layer>/<name>.sql``, one statement each.

Keeping SQL out of Python strings lets an analyst read exactly what the pipeline runs,
layer by layer (raw → staging → published), the way dbt projects are laid out.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent / "sql"


@lru_cache(maxsize=None)
def load(name: str) -> str:
    """The text of ``sql/<name>.sql`` (e.g. ``load("raw/insert_articles")``)."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
