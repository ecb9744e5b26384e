"""The ops.runs table: one row per pipeline run, the first thing an operator looks at."""

from __future__ import annotations

from typing import Any

import duckdb

from warehouse.sql import load

RUN_FIELDS = ("status", "articles_seen", "articles_new", "articles_skipped", "articles_rejected",
              "articles_duplicate", "articles_published", "events_extracted", "events_published",
              "rows_quarantined", "dq_outcome", "message")


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, flow: str, extractor_version: str | None) -> None:
    con.execute(load("ops/start_run"), {"run_id": run_id, "flow": flow, "extractor_version": extractor_version})


def update_run(con: duckdb.DuckDBPyConnection, run_id: str, finished: bool = False, **fields: Any) -> None:
    """Set counters/status on a run; ``finished`` stamps finished_at."""
    unknown = set(fields) - set(RUN_FIELDS)
    if unknown:
        raise ValueError(f"unknown run fields: {sorted(unknown)}")
    sets = [f"{name} = ${name}" for name in fields]
    if finished:
        sets.append("finished_at = now()::TIMESTAMP")
    if sets:
        con.execute(f"UPDATE ops.runs SET {', '.join(sets)} WHERE run_id = $run_id", {**fields, "run_id": run_id})


def last_runs(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[dict[str, Any]]:
    cur = con.execute(load("ops/last_runs"), {"limit": limit})
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def events_by_type(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, int]:
    """Published event mentions of one run, counted by type."""
    return {t: int(n) for t, n in con.execute(load("published/run_event_types"), {"run_id": run_id}).fetchall()}
