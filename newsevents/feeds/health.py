"""How one poll result changes a feed's health row; pure, so it is easy to test.

Success resets the failure count and clears the back-off; every failure (permanent, or
transient after retries ran out) increments it and pushes ``next_fetch_after`` out on
the schedule of :func:`~newsevents.feeds.politeness.next_fetch_after`. The last error is
kept after recovery so the health table still says what went wrong last.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from newsevents.feeds.models import FeedResult
from newsevents.feeds.politeness import next_fetch_after


@dataclass(frozen=True)
class FeedHealth:
    """One row of ``ops.feed_state`` (``items_seen`` is maintained by the store)."""

    url: str
    name: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_fetch_at: datetime | None = None
    last_outcome: str | None = None
    last_status: int | None = None
    last_success_at: datetime | None = None
    last_error_at: datetime | None = None
    last_error_class: str | None = None
    last_error: str | None = None
    consecutive_failures: int = 0
    items_seen: int = 0
    last_new_item_at: datetime | None = None
    next_fetch_after: datetime | None = None
    bozo_reason: str | None = None


def update_health(prev: FeedHealth | None, result: FeedResult, new_items: int) -> FeedHealth:
    """The health row after ``result``; ``new_items`` counts new or changed items."""
    prev = prev or FeedHealth(url=result.feed_url)
    at = result.fetched_at
    common = replace(prev, name=result.feed_name, last_fetch_at=at, last_outcome=result.outcome,
                     last_status=result.http_status,
                     last_new_item_at=at if new_items else prev.last_new_item_at)
    if result.outcome == "error":
        failures = prev.consecutive_failures + 1
        return replace(common, last_error_at=at, last_error_class=result.error_class,
                       last_error=(result.error or "")[:1000], consecutive_failures=failures,
                       next_fetch_after=next_fetch_after(at, failures, result.retry_after),
                       bozo_reason=result.bozo_reason or prev.bozo_reason)
    return replace(common, etag=result.etag, last_modified=result.last_modified, last_success_at=at,
                   consecutive_failures=0, next_fetch_after=None,
                   bozo_reason=result.bozo_reason if result.outcome == "new" else prev.bozo_reason)
