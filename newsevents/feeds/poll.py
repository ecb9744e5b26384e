"""Poll feeds: one attempt for one feed (:func:`fetch_one`), or many with retries.

:func:`fetch_one` is what the Prefect task wraps: it raises :class:`TransientFeedError` so
the task's retry policy applies, and returns a :class:`FeedResult` for everything else.
When retries run out, :func:`failed_result` turns the last error into a result so the
feed's health is still recorded. :func:`poll_feeds` does the same without Prefect, with a
thread pool; a failing feed (even an unexpected bug) never fails the others.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import httpx

from newsevents.feeds.config import FeedConfig
from newsevents.feeds.errors import TransientFeedError
from newsevents.feeds.fetch import DEFAULT_LIMITS, FetchLimits, fetch, make_client
from newsevents.feeds.fulltext import RobotsCache, add_fulltext
from newsevents.feeds.models import FeedResult, FeedState, utcnow
from newsevents.feeds.parse import parse_feed
from newsevents.feeds.politeness import HostPoliteness


def fetch_one(feed: FeedConfig, state: FeedState | None, client: httpx.Client,
              politeness: HostPoliteness, allow_private_hosts: bool = False, *,
              limits: FetchLimits = DEFAULT_LIMITS, robots: RobotsCache | None = None,
              now: datetime | None = None) -> FeedResult:
    """One attempt: fetch, parse, full text. Raises TransientFeedError when retryable."""
    state = state or FeedState(url=feed.url)
    fetched_at = now or utcnow()
    try:
        with politeness.slot(feed.url):
            res = fetch(feed.url, client, limits=limits, allow_private_hosts=allow_private_hosts,
                        etag=state.etag, last_modified=state.last_modified)
    except TransientFeedError as exc:
        if exc.retry_after:
            politeness.defer(feed.url, exc.retry_after)
        raise
    base = dict(feed_url=feed.url, feed_name=feed.name, fetched_at=fetched_at,
                http_status=res.status or None, final_url=res.final_url)
    if res.error_class:
        return FeedResult(outcome="error", error_class=res.error_class, error=res.error, **base)
    if res.not_modified:
        return FeedResult(outcome="not_modified", etag=res.etag, last_modified=res.last_modified, **base)
    parsed = parse_feed(res.body, res.headers, feed, res.final_url)
    if parsed.error_class:
        return FeedResult(outcome="error", error_class=parsed.error_class, error=parsed.error,
                          bozo_reason=parsed.bozo_reason, **base)
    hashes: dict[str, str] = {}
    fresh = []
    for article in parsed.articles:
        key, digest = article.external_id or "", article.metadata["content_hash"]
        if key in hashes:
            continue  # the same item twice in one document: keep the first
        hashes[key] = digest
        if state.seen_items.get(key) != digest:
            fresh.append(article)
    if feed.fulltext:
        robots = robots or RobotsCache(client, politeness, allow_private_hosts)
        fresh = [add_fulltext(a, client, politeness, robots, limits, allow_private_hosts)
                 if "summary_only" in a.flags else a for a in fresh]
    return FeedResult(outcome="new", etag=res.etag, last_modified=res.last_modified, articles=fresh,
                      item_hashes=hashes, bozo_reason=parsed.bozo_reason, **base)


def failed_result(feed: FeedConfig, exc: BaseException, fetched_at: datetime | None = None) -> FeedResult:
    """The result to record when a feed's retries are exhausted or something unexpected broke."""
    transient = isinstance(exc, TransientFeedError)
    return FeedResult(
        feed_url=feed.url, feed_name=feed.name, outcome="error", fetched_at=fetched_at or utcnow(),
        error_class=getattr(exc, "error_class", None) if transient else "internal_error",
        error=f"{exc}" if transient else f"{type(exc).__name__}: {exc}",
        retry_after=getattr(exc, "retry_after", None), transient=transient,
    )


def due_feeds(feeds: Iterable[FeedConfig], states: Mapping[str, FeedState],
              now: datetime | None = None) -> list[FeedConfig]:
    """Feeds not currently backing off (ad-hoc ``--feed`` URLs should skip this filter)."""
    now = now or utcnow()
    return [f for f in feeds if f.url not in states or states[f.url].is_due(now)]


def poll_feeds(feeds: Iterable[FeedConfig], states: Mapping[str, FeedState], *,
               client: httpx.Client | None = None, politeness: HostPoliteness | None = None,
               allow_private_hosts: bool = False, limits: FetchLimits = DEFAULT_LIMITS,
               max_workers: int = 16, attempts: int = 3, backoff: float = 1.0,
               sleep: Callable[[float], None] = time.sleep) -> list[FeedResult]:
    """Poll ``feeds`` concurrently with bounded retries; results in input order."""
    feeds = list(feeds)
    own_client = client is None
    client = client or make_client(limits)
    politeness = politeness or HostPoliteness()
    robots = RobotsCache(client, politeness, allow_private_hosts)

    def one(feed: FeedConfig) -> FeedResult:
        return _with_retries(feed, states.get(feed.url), client, politeness, allow_private_hosts,
                             limits, robots, attempts, backoff, sleep)

    try:
        with ThreadPoolExecutor(max_workers=max(1, min(max_workers, len(feeds) or 1))) as pool:
            return list(pool.map(one, feeds))
    finally:
        if own_client:
            client.close()


def _with_retries(feed: FeedConfig, state: FeedState | None, client: httpx.Client,
                  politeness: HostPoliteness, allow_private: bool, limits: FetchLimits,
                  robots: RobotsCache, attempts: int, backoff: float,
                  sleep: Callable[[float], None]) -> FeedResult:
    """Retry transient failures with exponential back-off; never raise."""
    for attempt in range(1, attempts + 1):
        try:
            return fetch_one(feed, state, client, politeness, allow_private, limits=limits, robots=robots)
        except TransientFeedError as exc:
            wait = max(backoff * 2 ** (attempt - 1), exc.retry_after or 0.0)
            if attempt == attempts or wait > politeness.max_wait:
                return failed_result(feed, exc)
            if not exc.retry_after:  # a Retry-After wait already happens in politeness.slot
                sleep(wait)
        except Exception as exc:  # noqa: BLE001 - fault isolation: one feed's bug stays its own
            return failed_result(feed, exc)
    raise AssertionError("unreachable")
