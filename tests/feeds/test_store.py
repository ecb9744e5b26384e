"""warehouse.feed_store against a real DuckDB file: incremental items, health, back-off, CLI."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from newsevents.feeds.config import FeedConfig
from newsevents.feeds.fetch import FetchLimits, make_client
from newsevents.feeds.models import FeedResult
from newsevents.feeds.politeness import HostPoliteness, next_fetch_after
from newsevents.feeds.poll import fetch_one
from warehouse import feed_store
from warehouse.connection import connect

T0 = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)
LIMITS = FetchLimits(connect_timeout=2, read_timeout=2, total_timeout=5)


@pytest.fixture
def con(tmp_path):
    with connect(tmp_path / "w.duckdb") as c:
        yield c


def poll(server, con, path, at):
    feed = FeedConfig(name="mutable", url=server.base + path)
    states = feed_store.load_states(con, now=at)
    with make_client(LIMITS) as client:
        result = fetch_one(feed, states.get(feed.url), client, HostPoliteness(min_delay=0),
                           allow_private_hosts=True, limits=LIMITS, now=at)
    new = feed_store.filter_new(con, feed.url, result.articles)
    health = feed_store.record_result(con, result)
    return result, new, health


def item(guid: str, body: str) -> bytes:
    return (f"<item><title>{guid}</title><guid>{guid}</guid><description>{body}</description></item>").encode()


def rss(*items: bytes) -> bytes:
    return b'<rss version="2.0"><channel><title>m</title>' + b"".join(items) + b"</channel></rss>"


def test_incremental_polls_skip_seen_and_version_changed_items(fresh, con):
    fresh.mutable = rss(item("a", "one"), item("b", "two"))
    _, new, health = poll(fresh, con, "/mutable", T0)
    assert [a.external_id for a in new] == ["a", "b"] and health.items_seen == 2
    assert health.last_new_item_at == T0 and health.consecutive_failures == 0

    _, new, health = poll(fresh, con, "/mutable", T0 + timedelta(minutes=10))
    assert new == [] and health.last_new_item_at == T0  # ETag matched: 304
    assert health.last_outcome == "not_modified"

    fresh.mutable = rss(item("a", "one, corrected"), item("b", "two"), item("c", "three"))
    result, new, health = poll(fresh, con, "/mutable", T0 + timedelta(minutes=20))
    assert sorted(a.external_id for a in new) == ["a", "c"] and health.items_seen == 3
    versions = dict(con.execute("SELECT item_key, versions FROM ops.feed_items").fetchall())
    assert versions == {"a": 2, "b": 1, "c": 1}
    assert feed_store.filter_new(con, result.feed_url, result.articles) == []


def test_errors_back_off_and_success_resets(con):
    base = FeedResult(feed_url="http://f.example/rss", feed_name="f", outcome="error",
                      fetched_at=T0, error_class="not_found", error="HTTP 404")
    delays = []
    for n in range(4):
        health = feed_store.record_result(con, replace(base, fetched_at=T0 + timedelta(days=n)))
        delays.append(health.next_fetch_after - health.last_fetch_at)
        assert health.consecutive_failures == n + 1 and health.last_error_class == "not_found"
    assert delays == sorted(delays) and delays[0] < delays[-1]
    assert not feed_store.load_states(con, now=T0)["http://f.example/rss"].is_due(T0 + timedelta(days=3))
    ok = replace(base, outcome="new", error_class=None, error=None, etag='"e"', fetched_at=T0 + timedelta(days=5))
    health = feed_store.record_result(con, ok)
    assert health.consecutive_failures == 0 and health.next_fetch_after is None
    assert health.last_error_class == "not_found" and health.last_success_at == ok.fetched_at
    assert health.etag == '"e"'


def test_record_result_is_idempotent(con):
    r = FeedResult(feed_url="http://f.example/rss", feed_name="f", outcome="error", fetched_at=T0,
                   error_class="http_500", transient=True)
    feed_store.record_result(con, r)
    again = feed_store.record_result(con, r)
    assert again.consecutive_failures == 1


def test_retry_after_sets_next_fetch(con):
    r = FeedResult(feed_url="http://f.example/rss", feed_name="f", outcome="error", fetched_at=T0,
                   error_class="http_429", retry_after=3 * 3600.0)
    health = feed_store.record_result(con, r)
    assert health.next_fetch_after == T0 + timedelta(hours=3)


def test_backoff_schedule_is_capped():
    assert next_fetch_after(T0, 0) is None
    steps = [next_fetch_after(T0, n) - T0 for n in range(1, 12)]
    assert steps[0] == timedelta(minutes=15) and steps[-1] == timedelta(hours=24)
    assert steps == sorted(steps)


def test_feed_health_is_queryable_with_sql(con):
    feed_store.record_result(con, FeedResult(feed_url="http://f.example/rss", feed_name="f",
                                             outcome="new", fetched_at=T0, item_hashes={"k": "h"}))
    row = con.execute("SELECT name, items_seen, last_success_at FROM ops.feed_state").fetchone()
    assert row == ("f", 1, T0.replace(tzinfo=None))


def test_cli_feeds_on_missing_new_and_filled_warehouse(tmp_path, capsys):
    from newsevents.cli import main

    db = tmp_path / "w.duckdb"
    assert main(["feeds", "--db", str(db)]) == 0
    assert "bbc-world" in capsys.readouterr().out  # configured, never polled
    with connect(db) as c:
        feed_store.record_result(c, FeedResult(feed_url="http://f.example/rss", feed_name="adhoc",
                                               outcome="error", fetched_at=T0, error_class="gone"))
    assert main(["feeds", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "adhoc" in out and "gone" in out and "failing" in out
