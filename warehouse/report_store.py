"""What the quality report shows, read from the warehouse as plain lists of dicts.

One query per file under ``warehouse/sql/report/`` so an analyst can run the exact SQL
behind every figure. Rendering lives in :mod:`newsevents.report`; nothing here knows
about HTML, and nothing there knows about DuckDB.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import duckdb

from warehouse.sql import load

#: Section name → (query file, row limit or None when the query takes no ``$limit``).
QUERIES: dict[str, tuple[str, int | None]] = {
    "totals": ("report/totals", None),
    "daily_volume": ("report/daily_volume", 90),
    "events_by_type": ("report/events_by_type", None),
    "events_by_country": ("report/events_by_country", 20),
    "failures_by_day": ("report/failures_by_day", 90),
    "failing_checks": ("report/failing_checks", 15),
    "quarantined": ("report/quarantined", 50),
    "located_events": ("report/located_events", 500),
}


@dataclass(frozen=True)
class ReportData:
    """Everything one report needs; ``sections`` maps a section name to its rows."""

    runs: list[dict[str, Any]]
    sections: dict[str, list[dict[str, Any]]]
    missing_tables: tuple[str, ...] = ()

    def section(self, name: str) -> list[dict[str, Any]]:
        return self.sections.get(name, [])


def last_runs(con: duckdb.DuckDBPyConnection, limit: int) -> list[dict[str, Any]]:
    """The last ``limit`` runs, newest first, with ``failed_critical`` as a list of labels."""
    return _rows(con, "report/runs", limit)


def gather(con: duckdb.DuckDBPyConnection, runs: int = 20) -> ReportData:
    """Run every report query. A table missing from an older or foreign warehouse gives no rows.

    The report must open any warehouse read-only, including one created before a migration
    added a table; it then shows the sections it can instead of failing as a whole.
    """
    missing: list[str] = []
    sections: dict[str, list[dict[str, Any]]] = {}
    for name, (query, limit) in QUERIES.items():
        sections[name] = _safe_rows(con, query, limit, missing)
    run_rows = _safe_rows(con, "report/runs", runs, missing)
    return ReportData(run_rows, sections, tuple(sorted(set(missing))))


def _safe_rows(con: duckdb.DuckDBPyConnection, query: str, limit: int | None, missing: list[str]) -> list[dict[str, Any]]:
    try:
        return _rows(con, query, limit)
    except duckdb.CatalogException as exc:
        missing.append(_missing_name(str(exc)))
        return []


def _rows(con: duckdb.DuckDBPyConnection, query: str, limit: int | None) -> list[dict[str, Any]]:
    cur = con.execute(load(query), {"limit": limit} if limit is not None else None)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _missing_name(message: str) -> str:
    """The table name in DuckDB's 'Table with name X does not exist' message, else the first line."""
    first = message.splitlines()[0]
    marker = "with name "
    if marker in first:
        return first.split(marker, 1)[1].split(" ", 1)[0]
    return first


def as_json(data: ReportData) -> str:
    """The gathered data as JSON (handy for debugging a figure)."""
    return json.dumps({"runs": data.runs, **data.sections}, default=str, indent=2)
