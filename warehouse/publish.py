"""Write-audit-publish, the last step: quarantine what failed, publish the rest, atomically.

Everything here runs in ONE transaction: analysts see the published tables exactly as
before or exactly as after a run, even if the process is killed half-way (DuckDB's WAL
rolls an uncommitted transaction back on the next open).
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterator
from typing import Any, Protocol

import duckdb
import pandas as pd

from newsevents.dedup.link_table import LinkTable
from newsevents.dedup.linking import Group
from warehouse.connection import registered, transaction
from warehouse.linking import link_table
from warehouse.sql import load


class Deduplicator(Protocol):
    """What publishing needs from deduplication (see ``newsevents.clusters.Deduplicator``)."""

    def block_key(self, mention: dict[str, Any]) -> str: ...

    def affected_blocks(self, new_mentions: list[dict[str, Any]]) -> set[str]: ...

    def recluster(self, mentions: list[dict[str, Any]]) -> tuple[dict[str, str], list[dict[str, Any]]]: ...

    def link(self, table: LinkTable) -> list[Group] | None: ...

    def merge(self, groups: list[Group], new: list[dict[str, Any]],
              stored: list[dict[str, Any]]) -> tuple[dict[str, str], list[dict[str, Any]]]: ...


@dataclass(frozen=True)
class PublishOutcome:
    articles_published: int
    events_published: int
    articles_quarantined: int
    events_quarantined: int


def publish(con: duckdb.DuckDBPyConnection, run_id: str, article_reasons: dict[str, list[str]],
            event_reasons: dict[str, list[str]], batch_reasons: list[str], dedup: Deduplicator) -> PublishOutcome:
    """Quarantine failing rows (all rows if ``batch_reasons``), publish the rest, merge mentions
    into canonical events, clear staging."""
    if batch_reasons:
        staged = [r[0] for r in con.execute("SELECT article_id FROM staging.articles").fetchall()]
        article_reasons = {a: sorted(set(article_reasons.get(a, []) + [f"batch: {r}" for r in batch_reasons]))
                           for a in staged}
    reasons = {"article_reasons": _reasons_frame("article_id", article_reasons),
               "event_reasons": _reasons_frame("event_id", event_reasons)}
    with registered(con, **reasons), transaction(con):
        return _publish_in_transaction(con, run_id, dedup)


def _publish_in_transaction(con: duckdb.DuckDBPyConnection, run_id: str, dedup: Deduplicator) -> PublishOutcome:
    con.execute(load("quarantine/insert_articles"))
    q_articles = _changes(con)
    con.execute(load("quarantine/insert_mentions"))
    q_events = _changes(con)
    previous = {r[0] for r in con.execute(load("published/previous_clusters")).fetchall()}
    con.execute(load("published/replace_articles"))
    n_articles = con.execute("SELECT count(*) FROM staging.articles "
                             "WHERE article_id NOT IN (SELECT article_id FROM article_reasons)").fetchone()[0]
    n_events = merge_mentions(con, run_id, dedup, previous)
    con.execute(load("staging/clear"))
    return PublishOutcome(int(n_articles), n_events, q_articles, q_events)


#: Published member rows read at once when merging linked clusters: bounds the memory a
#: dense warehouse (clusters of hundreds of reports, most of them joined) needs.
MEMBERS_PER_PART = 50_000


def merge_mentions(con: duckdb.DuckDBPyConnection, run_id: str, dedup: Deduplicator, previous: set[str]) -> int:
    """Cluster the batch's mentions with the published ones they can match, then write the result.

    Usually the new mentions are linked to the published clusters they match
    (``Deduplicator.link``): published mentions are not compared again, and only the
    clusters a new mention joins are read in full (in parts) and rewritten. When this batch
    replaces published articles (their clusters may split), the clusters involved are
    re-clustered whole instead. New mentions are inserted with their final cluster;
    published mentions are rewritten only when their cluster changed. Returns the number
    of mentions published.
    """
    new = _records(con.execute(load("staging/passing_mentions")))
    blocks = sorted(dedup.affected_blocks(new))
    scope = {"affected_blocks": pd.DataFrame({"block_key": blocks}, dtype="object"),
             "previous_clusters": pd.DataFrame({"cluster_id": sorted(previous)}, dtype="object")}
    with registered(con, **scope):
        groups = dedup.link(link_table(con)) if new and not previous else None
        if groups is None:
            existing = _records(con.execute(load("published/cluster_candidates")))
            mapping, rows = dedup.recluster(existing + new) if existing or new else ({}, [])
            merged = Merged(mapping, rows, _moves(existing, mapping, dedup), {m["cluster_id"] for m in existing})
        else:
            merged = _merge_linked(con, dedup, groups, new)
        return _write_clusters(con, run_id, dedup, new, merged)


@dataclass
class Merged:
    """What merging decided: cluster of each new mention, canonical rows of the clusters
    written, published mentions that change cluster, and the clusters they were in."""

    mapping: dict[str, str]
    rows: list[dict[str, Any]]
    moves: list[tuple[str, str, str]]  # (event_id, cluster_id, block_key)
    old_clusters: set[str]


def _merge_linked(con: duckdb.DuckDBPyConnection, dedup: Deduplicator, groups: list[Group],
                  new: list[dict[str, Any]]) -> Merged:
    """Merge the linked groups, reading the joined clusters' members part by part."""
    joined = pd.DataFrame({"cluster_id": sorted({c for g in groups for c in g.cluster_ids})}, dtype="object")
    with registered(con, joined_clusters=joined):
        sizes = dict(con.execute(load("published/cluster_sizes")).fetchall())
    merged = Merged({}, [], [], set())
    new_by_id = {m["event_id"]: m for m in new}
    for part in _parts(groups, sizes):
        ids = pd.DataFrame({"cluster_id": sorted({c for g in part for c in g.cluster_ids})}, dtype="object")
        with registered(con, joined_clusters=ids):
            members = _records(con.execute(load("published/cluster_members"))) if len(ids) else []
        mapping, rows = dedup.merge(part, [new_by_id[e] for g in part for e in g.new_event_ids], members)
        merged.mapping.update({e: mapping[e] for g in part for e in g.new_event_ids})
        merged.rows += rows
        merged.moves += _moves(members, mapping, dedup)
        merged.old_clusters.update(m["cluster_id"] for m in members)
    return merged


def _parts(groups: list[Group], sizes: dict[str, int]) -> Iterator[list[Group]]:
    """Whole groups in parts of about MEMBERS_PER_PART published members."""
    part: list[Group] = []
    size = 0
    for group in groups:
        part.append(group)
        size += sum(sizes.get(c, 0) for c in group.cluster_ids)
        if size >= MEMBERS_PER_PART:
            yield part
            part, size = [], 0
    if part:
        yield part


def _moves(members: list[dict[str, Any]], mapping: dict[str, str], dedup: Deduplicator) -> list[tuple[str, str, str]]:
    return [(m["event_id"], mapping[m["event_id"]], dedup.block_key(m)) for m in members
            if mapping[m["event_id"]] != m["cluster_id"]]


def _write_clusters(con: duckdb.DuckDBPyConnection, run_id: str, dedup: Deduplicator, new: list[dict[str, Any]],
                    merged: Merged) -> int:
    """Insert the new mentions, move the published ones whose cluster changed, replace canonical rows."""
    assignments = pd.DataFrame({"event_id": [m["event_id"] for m in new],
                                "cluster_id": [merged.mapping[m["event_id"]] for m in new],
                                "block_key": [dedup.block_key(m) for m in new]}, dtype="object")
    moves = pd.DataFrame(merged.moves or None, columns=["event_id", "cluster_id", "block_key"], dtype="object")
    old = pd.DataFrame({"cluster_id": sorted(merged.old_clusters)}, dtype="object")
    canonical = pd.DataFrame(merged.rows, dtype="object") if merged.rows else _EMPTY_EVENTS
    with registered(con, cluster_assignments=assignments, cluster_moves=moves, old_clusters=old,
                    canonical_events=canonical):
        con.execute(load("published/insert_mentions"))
        inserted = _changes(con)
        if merged.moves:
            con.execute(load("published/assign_clusters"))
            con.execute(load("published/refresh_block_keys"))
        con.execute(load("published/replace_events"), {"run_id": run_id})
    return inserted


#: Zero canonical rows with the columns replace_events selects (when nothing is left to merge).
_EMPTY_EVENTS = pd.DataFrame({c: pd.Series([], dtype="object")
                              for c in ("event_id", "quantities", "event_date", "first_seen", "last_seen")})


def _records(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _reasons_frame(key: str, reasons: dict[str, list[str]]) -> pd.DataFrame:
    return pd.DataFrame({key: list(reasons), "reasons": [sorted(set(v)) for v in reasons.values()]},
                        dtype="object")


def _changes(con: duckdb.DuckDBPyConnection) -> int:
    """Rows changed by the last INSERT (DuckDB returns the count as the statement's result)."""
    row = con.fetchone()
    return int(row[0]) if row else 0
