"""From normalized articles to flat event-mention rows, in batches.

The extractor works on one article; the pipeline works on thousands. This module is the
batch boundary: it shapes articles into the extractor's input contract, flattens the
events for the warehouse, and optionally spreads the work over a process pool.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from newsevents.normalize import NormalizedArticle
from newsevents.schema import flatten_event, missing_fields


def extractor_input(article: NormalizedArticle) -> dict[str, Any]:
    """The extractor's article contract (the same as ``newsevents extract`` reads)."""
    return {"id": article.article_id, "text": article.text, "title": article.title, "url": article.url,
            "published_at": article.published_at.isoformat() if article.published_at else None}


def extract_mentions(articles: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Extract and flatten every event of every article (single process)."""
    from newsevents.extract import extract_events

    rows = []
    for article in articles:
        for event in extract_events(article):
            gaps = missing_fields(event)
            if gaps:
                raise ValueError(f"extractor returned an event without {gaps} for article {article['id']}")
            rows.append(flatten_event(event))
    return rows


def extract_mentions_parallel(articles: Sequence[dict[str, Any]], workers: int, chunk: int = 200) -> list[dict[str, Any]]:
    """Same result as :func:`extract_mentions`, spread over ``workers`` processes, order kept."""
    if workers <= 1 or len(articles) <= chunk:
        return extract_mentions(articles)
    parts = [articles[i:i + chunk] for i in range(0, len(articles), chunk)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [row for rows in pool.map(extract_mentions, parts) for row in rows]


def chunked(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    """Consecutive slices of at most ``size`` items."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
