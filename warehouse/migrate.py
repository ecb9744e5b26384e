"""Schema migrations: numbered ``migrations/NNN_name.sql`` files applied in order, once.

Each applied file is recorded in ``ops.schema_version`` so re-running is a no-op and an
analyst can see which version a warehouse file is at. Files are applied inside one
transaction each, so a crash never leaves a half-applied migration recorded as done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


def available(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """List migration files in version order; a badly named file is an error, not skipped."""
    found = []
    for path in sorted(directory.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise ValueError(f"{path}: migration files must be named NNN_name.sql")
        found.append(Migration(int(match.group(1)), match.group(2), path))
    versions = [m.version for m in found]
    if len(versions) != len(set(versions)):
        raise ValueError(f"{directory}: two migrations share a version number")
    return found


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    """Versions already applied to this file (empty for a new file)."""
    con.execute(
        "CREATE SCHEMA IF NOT EXISTS ops;"
        "CREATE TABLE IF NOT EXISTS ops.schema_version ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    return {int(v) for (v,) in con.execute("SELECT version FROM ops.schema_version").fetchall()}


def apply_pending(con: duckdb.DuckDBPyConnection) -> list[Migration]:
    """Apply every migration not yet recorded, in version order; return what was applied.

    Comparing sets rather than a high-water mark means a migration merged late from a
    parallel branch still gets applied to warehouses that are already past its number.
    """
    done = applied_versions(con)
    applied = []
    for migration in available():
        if migration.version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.path.read_text(encoding="utf-8"))
            con.execute(
                "INSERT INTO ops.schema_version VALUES (?, ?, now())",
                [migration.version, migration.name],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(migration)
    return applied
