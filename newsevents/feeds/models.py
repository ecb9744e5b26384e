"""The two records that cross the boundary between polling and the warehouse.

:class:`FeedState` is what the warehouse remembers about a feed (validators for the
conditional GET, back-off, recently seen items); :class:`FeedResult` is what one poll
attempt produced. Both are plain data so the Prefect task can pass them around and the
store can persist them without knowing how they were made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from newsevents.articles import IncomingArticle

OUTCOMES = ("new", "not_modified", "error")


def utcnow() -> datetime:
    """Timezone-aware now in UTC; every timestamp in this package is UTC."""
    return datetime.now(timezone.utc)


@dataclass
class FeedState:
    """The warehouse's memory of one feed; a new feed is ``FeedState(url=...)``.

    ``seen_items`` maps item key to content hash for recently seen items. It only spares
    page fetches for items we already have; the store re-checks against all items.
    """

    url: str
    name: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    consecutive_failures: int = 0
    next_fetch_after: datetime | None = None
    seen_items: dict[str, str] = field(default_factory=dict)

    def is_due(self, now: datetime) -> bool:
        """False while the feed is backing off after failures or a Retry-After."""
        return self.next_fetch_after is None or self.next_fetch_after <= now


@dataclass
class FeedResult:
    """One poll of one feed.

    ``outcome`` is ``'new'`` (a body was fetched and parsed; ``articles`` holds the items
    that are new or changed relative to the state), ``'not_modified'`` (HTTP 304) or
    ``'error'`` (``error_class`` says why). ``item_hashes`` lists every item in the fetched
    feed (key to content hash) so the store can refresh ``last_seen`` for all of them.
    ``transient`` marks errors that were retryable (retries ran out).
    """

    feed_url: str
    feed_name: str
    outcome: str
    fetched_at: datetime
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    articles: list[IncomingArticle] = field(default_factory=list)
    item_hashes: dict[str, str] = field(default_factory=dict)
    error_class: str | None = None
    error: str | None = None
    bozo_reason: str | None = None
    retry_after: float | None = None
    transient: bool = False
    final_url: str | None = None
