"""Reading a test's warehouse file directly, the way an analyst would: read-only, closed at
once so the next run (or another process under test) can take the writer lock."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb


def query(db: Path, sql: str, params: Sequence[object] = ()) -> list[tuple]:
    """All rows of ``sql`` against the warehouse at ``db``."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()
