"""Publication timestamps: parse what sources give, in UTC, with an honest fallback.

Feeds and front matter carry dates as ISO 8601, RFC 2822 or bare days. Every value is
converted to naive UTC (the warehouse's convention). A missing or unreadable date falls
back to ingestion time and is *marked*, because event dates are resolved against the
publication date and an analyst must be able to tell a guess from a fact.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def to_utc_naive(value: datetime) -> datetime:
    """Naive UTC; naive inputs are taken to be UTC already."""
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def parse_timestamp(value: str | date | datetime | None) -> datetime | None:
    """Parse ISO 8601 / RFC 2822 / YYYY-MM-DD into naive UTC; None when unreadable."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return to_utc_naive(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = str(value).strip()
    if not text:
        return None
    try:
        if _DAY.match(text):
            return datetime.fromisoformat(text)
        return to_utc_naive(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return to_utc_naive(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        return None


def parse_published_at(value: str | None, now: datetime) -> tuple[datetime, bool, str | None]:
    """Return (timestamp, is_fallback, flag). Unknown or bad dates fall back to ``now``."""
    parsed = parse_timestamp(value)
    if parsed is not None and parsed.year >= 1900:
        return parsed, False, None
    if value is None or not str(value).strip():
        return now, True, "published_at_missing"
    return now, True, f"published_at_unreadable:{str(value)[:60]}"
