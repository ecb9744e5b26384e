"""Be a good citizen towards the hosts we poll, and do not hammer dead feeds.

:class:`HostPoliteness` is shared by all fetching threads: it limits how many requests run
against one host at a time, keeps a minimum delay between request starts to the same host
and remembers a host's Retry-After so that a retry (ours or Prefect's) waits for it.
:func:`next_fetch_after` is the back-off schedule written to the feed health table.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from newsevents.feeds.errors import TransientFeedError

BACKOFF_BASE_SECONDS = 15 * 60.0
BACKOFF_CAP_SECONDS = 24 * 3600.0


def host_of(url: str) -> str:
    """The politeness key: host and port, case-insensitive."""
    parts = urlsplit(url)
    return f"{(parts.hostname or '').lower()}:{parts.port or ''}"


class HostPoliteness:
    """Per-host concurrency limit, minimum spacing and Retry-After memory; thread-safe.

    ``max_wait`` bounds how long a worker will sleep for a host: a Retry-After of an hour
    must not block a thread for an hour, so beyond it the request is refused with a
    :class:`TransientFeedError` carrying the remaining wait.
    """

    def __init__(self, per_host: int = 2, min_delay: float = 1.0, max_wait: float = 30.0,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.per_host = per_host
        self.min_delay = min_delay
        self.max_wait = max_wait
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}
        self._blocked_until: dict[str, float] = {}

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        """Hold one of the host's slots for the duration of a request."""
        host = host_of(url)
        semaphore = self._semaphore(host)
        with semaphore:
            self._wait_turn(host)
            yield

    def defer(self, url: str, seconds: float) -> None:
        """Honour Retry-After: no request to this host before ``seconds`` from now."""
        host = host_of(url)
        with self._lock:
            until = self._clock() + max(seconds, 0.0)
            self._blocked_until[host] = max(self._blocked_until.get(host, 0.0), until)

    def blocked_for(self, url: str) -> float:
        """Seconds until the host accepts requests again (0 when free)."""
        with self._lock:
            return max(self._blocked_until.get(host_of(url), 0.0) - self._clock(), 0.0)

    def _semaphore(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            if host not in self._slots:
                self._slots[host] = threading.BoundedSemaphore(self.per_host)
            return self._slots[host]

    def _wait_turn(self, host: str) -> None:
        """Reserve the next start time for ``host`` under the lock, then sleep outside it."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next_start.get(host, 0.0), self._blocked_until.get(host, 0.0))
            wait = start - now
            if wait > self.max_wait:
                raise TransientFeedError(f"host {host} asked us to wait {wait:.0f}s",
                                         "deferred", retry_after=wait)
            self._next_start[host] = start + self.min_delay
        if wait > 0:
            self._sleep(wait)


def next_fetch_after(now: datetime, consecutive_failures: int, retry_after: float | None = None,
                     base: float = BACKOFF_BASE_SECONDS, cap: float = BACKOFF_CAP_SECONDS) -> datetime | None:
    """When a failing feed may be polled again: base * 2^(n-1), capped, at least Retry-After.

    Zero failures means "no restriction" (``None``): a healthy feed is polled every run.
    """
    if consecutive_failures <= 0 and not retry_after:
        return None
    delay = 0.0
    if consecutive_failures > 0:
        delay = min(cap, base * 2 ** min(consecutive_failures - 1, 30))
    delay = max(delay, retry_after or 0.0)
    return now + timedelta(seconds=delay)
