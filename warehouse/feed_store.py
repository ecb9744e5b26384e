"""Every SQL statement about feeds: polling state, seen items and health.

Functions take an open DuckDB connection (from :func:`warehouse.connection.connect`) so
the caller decides transaction boundaries. Timestamps are stored as naive UTC
``TIMESTAMP`` values and come back as timezone-aware UTC datetimes.

Call order in a run: :func:`load_states` before polling; per result,
:func:`filter_new` picks the articles to normalize; :func:`record_result` then marks
them seen and updates health. Call ``record_result`` only once the new articles are
staged (or inside the same transaction, with ``own_transaction=False``): items marked
seen are never offered again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, fields
from datetime import datetime, timedelta, timezone

import duckdb

from newsevents.articles import IncomingArticle
from newsevents.feeds.health import FeedHealth, update_health
from newsevents.feeds.models import FeedResult, FeedState

HEALTH_COLUMNS = [f.name for f in fields(FeedHealth)]
RECENT_ITEMS_DAYS = 30


def _to_db(value: datetime | None) -> datetime | None:
    """Aware datetime -> naive UTC for a TIMESTAMP column."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def _from_db(value: datetime | None) -> datetime | None:
    """Naive UTC from the warehouse -> aware UTC."""
    return value.replace(tzinfo=timezone.utc) if isinstance(value, datetime) else value


def feed_tables_exist(con: duckdb.DuckDBPyConnection) -> bool:
    """False on a warehouse opened read-only before migration 002 was applied."""
    row = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'ops' "
                      "AND table_name IN ('feed_state', 'feed_items')").fetchone()
    return bool(row and row[0] == 2)


def load_health(con: duckdb.DuckDBPyConnection) -> list[FeedHealth]:
    """Every feed's health row, by name then URL (for ``newsevents feeds``)."""
    if not feed_tables_exist(con):
        return []
    rows = con.execute(f"SELECT {', '.join(HEALTH_COLUMNS)} FROM ops.feed_state ORDER BY name, url").fetchall()
    return [_health(row) for row in rows]


def _health(row: Sequence[object]) -> FeedHealth:
    values = {name: _from_db(v) if isinstance(v, datetime) else v for name, v in zip(HEALTH_COLUMNS, row)}
    return FeedHealth(**values)  # type: ignore[arg-type]


def load_states(con: duckdb.DuckDBPyConnection, recent_days: int = RECENT_ITEMS_DAYS,
                now: datetime | None = None) -> dict[str, FeedState]:
    """Per feed URL: validators, back-off and items seen in the last ``recent_days``."""
    if not feed_tables_exist(con):
        return {}
    states = {h.url: FeedState(url=h.url, name=h.name, etag=h.etag, last_modified=h.last_modified,
                               consecutive_failures=h.consecutive_failures,
                               next_fetch_after=h.next_fetch_after) for h in load_health(con)}
    since = _to_db((now or datetime.now(timezone.utc)) - timedelta(days=recent_days))
    for feed_url, key, digest in con.execute(
        "SELECT feed_url, item_key, content_hash FROM ops.feed_items WHERE last_seen >= ?", [since]
    ).fetchall():
        if feed_url in states:
            states[feed_url].seen_items[key] = digest
    return states


def filter_new(con: duckdb.DuckDBPyConnection, feed_url: str,
               articles: Sequence[IncomingArticle]) -> list[IncomingArticle]:
    """Articles whose item is unknown for this feed or whose content hash changed."""
    if not articles:
        return []
    keys = [a.external_id or "" for a in articles]
    known = dict(con.execute(
        "SELECT item_key, content_hash FROM ops.feed_items WHERE feed_url = ? AND item_key IN "
        "(SELECT unnest(?::VARCHAR[]))", [feed_url, keys]).fetchall())
    return [a for a, k in zip(articles, keys) if known.get(k) != a.metadata.get("content_hash")]


def record_result(con: duckdb.DuckDBPyConnection, result: FeedResult, own_transaction: bool = True) -> FeedHealth:
    """Mark the result's items seen and update the feed's health; idempotent per result.

    Recording a result whose ``fetched_at`` is not newer than the stored ``last_fetch_at``
    changes nothing, so a retried task cannot double-count failures.
    """
    if own_transaction:
        con.execute("BEGIN TRANSACTION")
    try:
        health = _record(con, result)
        if own_transaction:
            con.execute("COMMIT")
        return health
    except Exception:
        if own_transaction:
            con.execute("ROLLBACK")
        raise


def _record(con: duckdb.DuckDBPyConnection, result: FeedResult) -> FeedHealth:
    prev = _one_health(con, result.feed_url)
    if prev and prev.last_fetch_at and prev.last_fetch_at >= result.fetched_at:
        return prev
    new_items = len(filter_new(con, result.feed_url, result.articles))
    _upsert_items(con, result)
    health = update_health(prev, result, new_items)
    _upsert_health(con, health)
    return _one_health(con, result.feed_url) or health


def _one_health(con: duckdb.DuckDBPyConnection, url: str) -> FeedHealth | None:
    row = con.execute(f"SELECT {', '.join(HEALTH_COLUMNS)} FROM ops.feed_state WHERE url = ?", [url]).fetchone()
    return _health(row) if row else None


def _upsert_items(con: duckdb.DuckDBPyConnection, result: FeedResult) -> None:
    """Insert new items, refresh last_seen, and count a changed hash as a new version."""
    hashes = dict(result.item_hashes)
    urls = {a.external_id: a.url for a in result.articles if a.external_id}
    for article in result.articles:
        hashes.setdefault(article.external_id or "", article.metadata.get("content_hash", ""))
    if not hashes:
        return
    keys = list(hashes)
    at = _to_db(result.fetched_at)
    con.execute(
        """
        INSERT INTO ops.feed_items AS t (feed_url, item_key, content_hash, url, first_seen, last_seen, last_changed)
        SELECT ?, k, h, u, ?, ?, ? FROM (SELECT unnest(?::VARCHAR[]) AS k, unnest(?::VARCHAR[]) AS h,
                                                unnest(?::VARCHAR[]) AS u)
        ON CONFLICT (feed_url, item_key) DO UPDATE SET
            last_seen = greatest(t.last_seen, excluded.last_seen),
            versions = CASE WHEN t.content_hash <> excluded.content_hash THEN t.versions + 1 ELSE t.versions END,
            last_changed = CASE WHEN t.content_hash <> excluded.content_hash THEN excluded.last_changed
                                ELSE t.last_changed END,
            url = coalesce(excluded.url, t.url),
            content_hash = excluded.content_hash
        """,
        [result.feed_url, at, at, at, keys, [hashes[k] for k in keys], [urls.get(k) for k in keys]],
    )


def _upsert_health(con: duckdb.DuckDBPyConnection, health: FeedHealth) -> None:
    """Write the health row; items_seen is recounted from feed_items, never trusted."""
    values = {k: _to_db(v) if isinstance(v, datetime) else v for k, v in asdict(health).items()}
    columns = [c for c in HEALTH_COLUMNS if c != "items_seen"]
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "url")
    con.execute(
        f"INSERT INTO ops.feed_state ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
        f"ON CONFLICT (url) DO UPDATE SET {updates}",
        [values[c] for c in columns],
    )
    con.execute("UPDATE ops.feed_state SET items_seen = (SELECT count(*) FROM ops.feed_items "
                "WHERE feed_url = ?) WHERE url = ?", [health.url, health.url])
