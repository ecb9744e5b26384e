"""The event extraction engine: article text in, PLOVER/CAMEO/ACLED-coded events out.

Public API (used by the CLI, the flow's extract task, tests and benchmarks):

* :data:`EXTRACTOR_VERSION` - stamped on every event; bump it when output can change.
* :func:`extract_events` - one article dict -> list of event dicts (exactly
  :data:`newsevents.schema.EVENT_FIELDS`).
* :func:`extract_batch` - many articles -> a stream of events.

The engine is pure Python over package data (no model downloads, no Prefect).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

EXTRACTOR_VERSION = "newsevents-rules/0.10.1"


def extract_events(article: dict[str, Any]) -> list[dict[str, Any]]:
    """Extract all events of one article.

    ``article`` is ``{"id", "text", "published_at" (YYYY-MM-DD, ISO datetime or None),
    "title"?, "url"?}``. Returns events in text order; an article that reports no event
    gives an empty list.
    """
    from newsevents.extract.engine import extract

    return extract(article, EXTRACTOR_VERSION)


def extract_batch(articles: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Extract events from many articles, lazily, in input order."""
    from newsevents.extract.engine import extract

    for article in articles:
        yield from extract(article, EXTRACTOR_VERSION)
