"""The HTTP client, its limits and the typed result of a fetch.

Kept apart from :mod:`newsevents.feeds.fetch` (the redirect/size/time logic) so callers
that only need the types or a configured client do not read the fetching code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone

import httpx

from newsevents import __version__

USER_AGENT = f"newsevents/{__version__} (news event pipeline; polite feed reader)"
FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml, "
               "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
MAX_RETRY_AFTER = 24 * 3600.0


@dataclass(frozen=True)
class FetchLimits:
    """Per-request bounds; the defaults suit news feeds and article pages."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5


DEFAULT_LIMITS = FetchLimits()


@dataclass
class FetchResult:
    """What one fetch produced. ``error_class`` is set for permanent failures only."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    error_class: str | None = None
    error: str | None = None
    elapsed: float = 0.0

    @property
    def not_modified(self) -> bool:
        """A 304: the feed is unchanged and costs nothing downstream."""
        return self.status == 304

    @property
    def ok(self) -> bool:
        """True when there is a usable body or a 304."""
        return self.error_class is None


def make_client(limits: FetchLimits = DEFAULT_LIMITS, max_connections: int = 32) -> httpx.Client:
    """A client for :func:`fetch`: our User-Agent, gzip/deflate, no automatic redirects.

    ``trust_env=False`` keeps environment proxies and .netrc out of the picture, so the
    address we check is the address we talk to.
    """
    return httpx.Client(
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        follow_redirects=False,
        trust_env=False,
        timeout=request_timeout(limits, limits.total_timeout),
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
    )


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date; capped at one day."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    delta = (when - (now or datetime.now(timezone.utc))).total_seconds()
    return min(max(delta, 0.0), MAX_RETRY_AFTER)


def request_timeout(limits: FetchLimits, remaining: float) -> httpx.Timeout:
    """Per-operation timeouts, never longer than what is left of the total budget."""
    return httpx.Timeout(
        connect=min(limits.connect_timeout, remaining), read=min(limits.read_timeout, remaining),
        write=min(limits.read_timeout, remaining), pool=min(limits.connect_timeout, remaining),
    )
