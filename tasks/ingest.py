"""Ingestion tasks: read sources, normalize, land new versions in the raw layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from prefect import task

from newsevents.articles import IncomingArticle, article_fingerprint
from newsevents.feeds.models import FeedResult
from newsevents.normalize import NormalizedArticle, Rejection, normalize
from newsevents.seeds import read_seed, read_seeds, seed_files
from tasks import TASK_DEFAULTS
from warehouse import feed_store, raw
from warehouse.connection import connect, transaction


@dataclass(frozen=True)
class Landing:
    """What one ingestion did: the analyst-facing counts of the run summary."""

    seen: int
    new: int
    skipped: int
    rejected: int


@task(name="read-seeds", **TASK_DEFAULTS)
def read_seed_files(seeds_dir: Path, paths: list[Path] | None = None) -> list[IncomingArticle | Rejection]:
    """The seed folder's articles, or just ``paths`` of it (ingestion goes chunk by chunk)."""
    if paths is None:
        return list(read_seeds(seeds_dir))
    return [read_seed(p, seeds_dir) for p in paths]


@task(name="list-seed-files", **TASK_DEFAULTS)
def list_seed_files(seeds_dir: Path) -> list[Path]:
    return seed_files(seeds_dir)


@task(name="land-articles", **TASK_DEFAULTS)
def land_articles(db: Path, batch_id: str, items: list[IncomingArticle | Rejection],
                  feed_results: list[FeedResult] | None = None) -> Landing:
    """Normalize for identity, skip versions raw already holds, land the rest and the rejections.

    Feed results are recorded (items marked seen, health updated) in the SAME transaction
    that lands their articles: an item is never marked seen unless its article is stored.
    """
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    feed_results = feed_results or []
    with connect(db) as con:
        for result in feed_results:
            items = items + feed_store.filter_new(con, result.feed_url, result.articles)
    with connect(db) as con:
        seen = raw.known_inputs(con, [fingerprint(i) for i in items])
    unchanged = [i for i in items if fingerprint(i) in seen]
    items = [i for i in items if fingerprint(i) not in seen]
    pairs: dict[tuple[str, str], tuple[IncomingArticle, NormalizedArticle]] = {}
    # Each rejection keeps the fingerprint of the input it came from, so a re-run skips it.
    rejections = [(i, fingerprint(i)) for i in items if isinstance(i, Rejection)]
    for item in items:
        if isinstance(item, IncomingArticle):
            result = normalize(item, now)
            if isinstance(result, Rejection):
                rejections.append((result, fingerprint(item)))
            else:
                pairs.setdefault((result.article_id, result.content_hash), (item, result))
    with connect(db) as con:
        known = raw.known_versions(con, list(pairs))
        new = [pair for key, pair in pairs.items() if key not in known]
        with transaction(con):
            raw.insert_articles(con, batch_id, new)
            raw.insert_rejections(con, batch_id, rejections, now)
            for result in feed_results:
                feed_store.record_result(con, result, own_transaction=False)
    return Landing(seen=len(items) + len(unchanged), new=len(new),
                   skipped=len(items) - len(rejections) - len(new) + len(unchanged), rejected=len(rejections))


def fingerprint(item: IncomingArticle | Rejection) -> str:
    """The raw-input fingerprint of an article or of a rejected input."""
    return article_fingerprint(item) if isinstance(item, IncomingArticle) else raw.rejection_fingerprint(item)
