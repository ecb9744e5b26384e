"""From normalized articles to flat event-mention rows, in batches.

The extractor works on one article; the pipeline works on thousands. This module is the
batch boundary: it shapes articles into the extractor's input contract, flattens the
events for the warehouse, and optionally spreads the work over a process pool.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from newsevents.normalize import NormalizedArticle
from newsevents.schema import flatten_event, missing_fields


def extractor_input(article: NormalizedArticle) -> dict[str, Any]:
    """The extractor's article contract (the same as ``newsevents extract`` reads)."""
    return {"id": article.article_id, "text": article.text, "title": article.title, "url": article.url,
            "published_at": article.published_at.isoformat() if article.published_at else None}


Extracted = tuple[list[dict[str, Any]], dict[str, str]]


def extract_mentions(articles: Sequence[dict[str, Any]]) -> Extracted:
    """Extract and flatten every event of every article (single process).

    Returns ``(rows, failures)``. An article the extractor fails on is not allowed to sink
    the batch: its error goes to ``failures`` (article id → reason) and the quality gate
    quarantines that article with the reason, so it is kept for a fixed extractor to redo.
    """
    from newsevents.extract import extract_events

    rows: list[dict[str, Any]] = []
    failures: dict[str, str] = {}
    for article in articles:
        try:
            flat = []
            for event in extract_events(article):
                gaps = missing_fields(event)
                if gaps:
                    raise ValueError(f"event without {', '.join(gaps)}")
                flat.append(flatten_event(event))
        except Exception as exc:  # noqa: BLE001 - one article's failure stays its own
            failures[article["id"]] = f"extractor_error: {type(exc).__name__}: {exc}"[:500]
            continue
        rows.extend(flat)
    return rows, failures


#: Below this many articles a process pool costs more than it saves.
PARALLEL_MIN_ARTICLES = 400


def resolve_workers(workers: int, n_articles: int) -> int:
    """``workers`` as asked; 0 means automatic: every core for a large batch, else one.

    Inside a daemonic process (a Dask or pool worker) it is always one: such processes may
    not start children, and the cluster already provides the parallelism.
    """
    if multiprocessing.current_process().daemon:
        return 1
    if workers > 0:
        return workers
    return (os.cpu_count() or 1) if n_articles >= PARALLEL_MIN_ARTICLES else 1


def warm_up() -> None:
    """Load the extractor's dictionaries and gazetteer once in this process.

    Worker processes are forked after this, so they share the loaded data instead of each
    spending a second or more loading it again.
    """
    from newsevents.extract import extract_events

    extract_events({"id": "warm-up", "text": "Officials met in Kyiv on Monday.", "published_at": None})


def extract_mentions_parallel(articles: Sequence[dict[str, Any]], workers: int, chunk: int = 200) -> Extracted:
    """Same result as :func:`extract_mentions`, spread over ``workers`` processes, order kept."""
    workers = resolve_workers(workers, len(articles))
    if workers <= 1 or len(articles) <= chunk:
        return extract_mentions(articles)
    warm_up()
    parts = [articles[i:i + chunk] for i in range(0, len(articles), chunk)]
    rows: list[dict[str, Any]] = []
    failures: dict[str, str] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        for part_rows, part_failures in pool.map(extract_mentions, parts):
            rows.extend(part_rows)
            failures.update(part_failures)
    return rows, failures


def chunked(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    """Consecutive slices of at most ``size`` items."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
