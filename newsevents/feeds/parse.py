"""Turn fetched feed bytes into :class:`IncomingArticle` records with feedparser.

feedparser only ever sees bytes wrapped in a stream (given raw ``bytes`` or ``str``, it
would try to open them as a local *file name* or fetch them as a URL) plus the response
headers, so it never touches the network or the disk. Its strict parser runs expat with
external entities disabled; :mod:`tests.feeds` checks that an XXE feed leaks nothing.
Ill-formed (bozo) feeds yield what entries they can and the reason is kept. feedparser's
own HTML sanitiser is off: every text field goes through
:func:`newsevents.feeds.text.html_to_text`, which keeps no markup at all (and is ~25%
cheaper than sanitising first).
"""

from __future__ import annotations

import calendar
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin

import feedparser

from newsevents.articles import IncomingArticle
from newsevents.feeds.config import FeedConfig
from newsevents.feeds.identity import canonical_link, content_hash, item_key
from newsevents.feeds.text import html_to_text

BINARY_TYPES = ("image/", "audio/", "video/", "application/pdf", "application/zip",
                "application/octet-stream+zip", "font/")


@dataclass
class ParsedFeed:
    """The parse outcome; ``error_class`` is set when the feed yields no entries."""

    articles: list[IncomingArticle] = field(default_factory=list)
    version: str = ""
    title: str | None = None
    bozo_reason: str | None = None
    error_class: str | None = None
    error: str | None = None


def parse_feed(body: bytes, headers: Mapping[str, str], feed: FeedConfig,
               url: str | None = None) -> ParsedFeed:
    """Parse ``body``; never raises for bad input, records a specific error instead."""
    url = url or feed.url
    content_type = (headers.get("content-type") or "").lower()
    if content_type.startswith(BINARY_TYPES):
        return ParsedFeed(error_class="not_a_feed", error=f"content type {content_type} is not a feed")
    if not body.strip():
        return ParsedFeed(error_class="empty_body", error="the response body is empty")
    try:
        result = feedparser.parse(io.BytesIO(body), response_headers=_feedparser_headers(headers, url),
                                   resolve_relative_uris=False, sanitize_html=False)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not take down a run
        return ParsedFeed(error_class="parse_error", error=f"{type(exc).__name__}: {exc}"[:500])
    return _to_parsed(result, feed, url)


def _feedparser_headers(headers: Mapping[str, str], url: str) -> dict[str, str]:
    """Lower-cased headers without a base URL.

    With a base, feedparser also "resolves" relative GUIDs against the feed URL, so item
    keys would change whenever the feed moves; we resolve only links, in
    :func:`entry_to_article`.
    """
    return {k.lower(): v for k, v in headers.items() if k.lower() != "content-location"}


def _to_parsed(result: Any, feed: FeedConfig, url: str) -> ParsedFeed:
    """Build articles from entries and decide the specific error when there are none."""
    bozo = _bozo_reason(result)
    parsed = ParsedFeed(version=result.get("version") or "", bozo_reason=bozo,
                        title=html_to_text(result.feed.get("title")) or None)
    language = result.feed.get("language") or result.get("headers", {}).get("content-language")
    for entry in result.entries:
        parsed.articles.append(entry_to_article(entry, feed, url, language, bozo))
    if not parsed.articles:
        if not parsed.version:
            parsed.error_class = "not_a_feed"
            parsed.error = f"no RSS/Atom document found{f' ({bozo})' if bozo else ''}"
        else:
            parsed.error_class = "no_entries"
            parsed.error = f"{parsed.version} feed has no entries{f' ({bozo})' if bozo else ''}"
    return parsed


def _bozo_reason(result: Any) -> str | None:
    """A short, storable description of why feedparser flagged the feed."""
    if not result.get("bozo"):
        return None
    exc = result.get("bozo_exception")
    return f"{type(exc).__name__}: {exc}"[:300] if exc is not None else "unknown"


def entry_to_article(entry: Mapping[str, Any], feed: FeedConfig, feed_url: str,
                     language: str | None, bozo: str | None) -> IncomingArticle:
    """One entry as an IncomingArticle with plain-text fields, UTC date and a stable key."""
    title = html_to_text(entry.get("title")) or None
    link = canonical_link(urljoin(feed_url, entry["link"])) if entry.get("link") else None
    content = _best_content(entry)
    summary = html_to_text(entry.get("summary"))
    text = content or summary or title or ""
    hashed = content_hash(title, link, text)
    key = item_key(entry.get("id"), link, hashed)
    flags = [] if content else ["summary_only"]
    if bozo:
        flags.append(f"bozo:{bozo.split(':', 1)[0]}")
    return IncomingArticle(
        source=feed.name, source_ref=link or feed_url, text=text, title=title, url=link,
        published_at=entry_date(entry), language=language, external_id=key, flags=flags,
        metadata={"feed_url": feed.url, "feed_name": feed.name, "item_key": key,
                  "content_hash": hashed, "tags": list(feed.tags),
                  "author": html_to_text(entry.get("author")) or None},
    )


def _best_content(entry: Mapping[str, Any]) -> str:
    """The longest full-content block (content:encoded, atom:content), as plain text."""
    blocks = entry.get("content") or []
    texts = [html_to_text(block.get("value")) for block in blocks if isinstance(block, Mapping)]
    return max(texts, key=len, default="")


def entry_date(entry: Mapping[str, Any]) -> str | None:
    """Published, else updated, else created, as a UTC ISO 8601 string; None if absent."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if not value:
            continue
        try:
            stamp = calendar.timegm(value)
            return datetime.fromtimestamp(stamp, tz=timezone.utc).isoformat()
        except (TypeError, ValueError, OverflowError, OSError):
            continue
    return None
