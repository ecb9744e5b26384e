"""Feed failures split into two kinds, because the right reaction differs.

*Transient* failures (timeouts, 5xx, 429, dropped connections) are worth retrying soon, so
they are raised and the caller's retry policy (Prefect task retries, or
:func:`newsevents.feeds.poll.poll_feeds`) applies. *Permanent* failures (404, 410, not a
feed, too large, redirect loop, refused host) would fail again on retry, so they are
recorded with a short, stable ``error_class`` and the feed backs off instead.
"""

from __future__ import annotations


class FeedError(Exception):
    """Base class: ``error_class`` is a short stable token stored in the health table."""

    error_class = "error"

    def __init__(self, message: str, error_class: str | None = None) -> None:
        super().__init__(message)
        if error_class:
            self.error_class = error_class


class TransientFeedError(FeedError):
    """Retry later; ``retry_after`` (seconds) is the server's wish when it stated one."""

    error_class = "transient"

    def __init__(
        self, message: str, error_class: str | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message, error_class)
        self.retry_after = retry_after


class PermanentFeedError(FeedError):
    """Retrying now would not help; record it and back off."""

    error_class = "permanent"
