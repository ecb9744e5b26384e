"""Ingestion tasks: read sources, normalize, land new versions in the raw layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

from prefect import task

from newsevents.articles import IncomingArticle, article_fingerprint
from newsevents.feeds.models import FeedResult
from newsevents.mentions import shared_pool
from newsevents.dedup import load_config
from newsevents.errors import ConfigError
from newsevents.normalize import NormalizedArticle, Rejection, normalize_and_sign
from newsevents.seeds import FileStat, SeedFile, read_seed, read_seed_list, read_seeds, scan_seeds
from tasks import TASK_DEFAULTS
from warehouse import feed_store, raw, seed_store
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
    pool = shared_pool(len(paths))  # a run's worker pool, when there is one and enough files
    if pool is not None:
        return [item for part in pool.map(partial(read_seed_list, root=seeds_dir), paths) for item in part]
    return [read_seed(p, seeds_dir) for p in paths]


@task(name="list-seed-files", **TASK_DEFAULTS)
def list_seed_files(seeds_dir: Path) -> list[SeedFile]:
    """The seed folder's article files, each with its ref and stat (taken now, before reading)."""
    return scan_seeds(seeds_dir)


@task(name="unchanged-seed-files", **TASK_DEFAULTS)
def unchanged_seed_files(db: Path, seeds_dir: Path, stats: dict[str, FileStat]) -> set[str]:
    """Refs of the seed files that are as they were when last read (their input is in raw)."""
    with connect(db) as con:
        return seed_store.unchanged(con, str(seeds_dir), stats)


@task(name="land-articles", **TASK_DEFAULTS)
def land_articles(db: Path, batch_id: str, items: list[IncomingArticle | Rejection],
                  feed_results: list[FeedResult] | None = None,
                  seed_stats: tuple[Path, dict[str, FileStat]] | None = None) -> Landing:
    """Normalize for identity, skip versions raw already holds, land the rest and the rejections.

    Feed results are recorded (items marked seen, health updated) in the SAME transaction
    that lands their articles: an item is never marked seen unless its article is stored.
    ``seed_stats`` (the seed folder, and ref → stat taken before ``items`` were read from it)
    are remembered in that transaction too, with each file's fingerprint, so a file that is
    still the same on the next run is not read again.
    """
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    feed_results = feed_results or []
    read_files = _read_files(items, seed_stats)
    with connect(db) as con:
        for result in feed_results:
            items = items + feed_store.filter_new(con, result.feed_url, result.articles)
    fingerprints = [fingerprint(i) for i in items]  # each input hashed once
    with connect(db) as con:
        seen = raw.known_inputs(con, fingerprints)
    unchanged = sum(1 for f in fingerprints if f in seen)
    todo = [(i, f) for i, f in zip(items, fingerprints) if f not in seen]
    pairs: dict[tuple[str, str], tuple[IncomingArticle, NormalizedArticle]] = {}
    # Each rejection keeps the fingerprint of the input it came from, so a re-run skips it.
    rejections = [(i, f) for i, f in todo if isinstance(i, Rejection)]
    incoming = [(i, f) for i, f in todo if isinstance(i, IncomingArticle)]
    shingle_size = _shingle_size()
    simhashes: dict[str, int] = {}
    for (item, item_fingerprint), (result, simhash) in zip(
            incoming, _normalize_and_sign([i for i, _ in incoming], now, shingle_size)):
        if isinstance(result, Rejection):
            rejections.append((result, item_fingerprint))
        else:
            pairs.setdefault((result.article_id, result.content_hash), (item, result))
            if simhash is not None:
                simhashes[result.article_id] = simhash
    with connect(db) as con:
        known = raw.known_versions(con, list(pairs))
        new = [pair for key, pair in pairs.items() if key not in known]
        with transaction(con):
            raw.insert_articles(con, batch_id, new, simhashes, shingle_size)
            raw.insert_rejections(con, batch_id, rejections, now)
            if seed_stats is not None:
                seed_store.record(con, str(seed_stats[0]), [(ref, stat, fingerprints[index])
                                                           for index, ref, stat in read_files], now)
            for result in feed_results:
                feed_store.record_result(con, result, own_transaction=False)
    return Landing(seen=len(todo) + unchanged, new=len(new),
                   skipped=len(todo) - len(rejections) - len(new) + unchanged, rejected=len(rejections))


def _normalize_and_sign(articles: list[IncomingArticle], now: datetime, shingle_size: int | None
                        ) -> list[tuple[NormalizedArticle | Rejection, int | None]]:
    """Normalize (and sign) on the run's worker pool when there is one and enough articles, else here."""
    work = partial(normalize_and_sign, now=now, shingle_size=shingle_size)
    pool = shared_pool(len(articles))
    if pool is None:
        return work(articles)
    return [result for part in pool.map(work, articles) for result in part]


def _shingle_size() -> int | None:
    """The near-duplicate shingle size; None when dedup.yaml is broken (staging reports that)."""
    try:
        return load_config().shingle_size
    except ConfigError:
        return None


def _read_files(items: list[IncomingArticle | Rejection],
                seed_stats: tuple[Path, dict[str, FileStat]] | None) -> list[tuple[int, str, FileStat]]:
    """(index in ``items``, ref, stat) of the items read from seed files whose stat was taken."""
    if seed_stats is None:
        return []
    stats = seed_stats[1]
    return [(index, item.source_ref, stats[item.source_ref]) for index, item in enumerate(items)
            if item.source_ref in stats]


def fingerprint(item: IncomingArticle | Rejection) -> str:
    """The raw-input fingerprint of an article or of a rejected input."""
    return article_fingerprint(item) if isinstance(item, IncomingArticle) else raw.rejection_fingerprint(item)
