"""Write-audit-publish, the last step: quarantine what failed, publish the rest, atomically.

Everything here runs in ONE transaction: analysts see the published tables exactly as
before or exactly as after a run, even if the process is killed half-way (DuckDB's WAL
rolls an uncommitted transaction back on the next open).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from warehouse.sql import load


@dataclass(frozen=True)
class PublishOutcome:
    articles_published: int
    events_published: int
    articles_quarantined: int
    events_quarantined: int


def publish(con: duckdb.DuckDBPyConnection, run_id: str, article_reasons: dict[str, list[str]],
            event_reasons: dict[str, list[str]], batch_reasons: list[str]) -> PublishOutcome:
    """Quarantine failing rows (all rows if ``batch_reasons``), publish the rest, clear staging."""
    if batch_reasons:
        staged = [r[0] for r in con.execute("SELECT article_id FROM staging.articles").fetchall()]
        article_reasons = {a: sorted(set(article_reasons.get(a, []) + [f"batch: {r}" for r in batch_reasons]))
                           for a in staged}
    con.register("article_reasons", _reasons_frame("article_id", article_reasons))
    con.register("event_reasons", _reasons_frame("event_id", event_reasons))
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            outcome = _publish_in_transaction(con, run_id)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.unregister("article_reasons")
        con.unregister("event_reasons")
    return outcome


def _publish_in_transaction(con: duckdb.DuckDBPyConnection, run_id: str) -> PublishOutcome:
    con.execute(load("quarantine/insert_articles"))
    q_articles = _changes(con)
    con.execute(load("quarantine/insert_mentions"))
    q_events = _changes(con)
    affected_before = con.execute(
        "SELECT DISTINCT cluster_id FROM published.event_mentions "
        "WHERE article_id IN (SELECT article_id FROM staging.articles)").fetchall()
    con.execute(load("published/replace_articles"))
    n_articles = con.execute("SELECT count(*) FROM staging.articles "
                             "WHERE article_id NOT IN (SELECT article_id FROM article_reasons)").fetchone()[0]
    con.execute(load("published/insert_mentions"))
    n_events = _changes(con)
    affected = {r[0] for r in affected_before} | {
        r[0] for r in con.execute("SELECT DISTINCT cluster_id FROM published.event_mentions "
                                  "WHERE run_id = ?", [run_id]).fetchall()}
    rebuild_events(con, run_id, affected)
    con.execute(load("staging/clear"))
    return PublishOutcome(int(n_articles), n_events, q_articles, q_events)


def rebuild_events(con: duckdb.DuckDBPyConnection, run_id: str, clusters: set[str]) -> None:
    """Recompute the canonical rows of ``clusters`` from their mentions."""
    con.register("affected_clusters", pd.DataFrame({"cluster_id": sorted(clusters)}, dtype="object"))
    try:
        con.execute(load("published/rebuild_events"), {"run_id": run_id})
    finally:
        con.unregister("affected_clusters")


def _reasons_frame(key: str, reasons: dict[str, list[str]]) -> pd.DataFrame:
    return pd.DataFrame({key: list(reasons), "reasons": [sorted(set(v)) for v in reasons.values()]},
                        dtype="object")


def _changes(con: duckdb.DuckDBPyConnection) -> int:
    """Rows changed by the last INSERT (DuckDB returns the count as the statement's result)."""
    row = con.fetchone()
    return int(row[0]) if row else 0
