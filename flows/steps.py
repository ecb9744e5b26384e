"""Step sequences shared by the flows (plain functions composing tasks, no logic of their own).

``ingest_sources`` lands new articles from seeds and feeds in raw; ``process_keys`` extracts,
validates and publishes a set of raw article versions. The flows in this package are
these two steps arranged differently: all at once (``pipeline``), split by an event
(``ingest`` → ``process``), or over stored articles again (``reprocess``).

Bulk arguments (articles, extracted rows, gate results) are passed wrapped in ``quote``:
otherwise Prefect walks every element of every parameter looking for futures, which cost
more than the extraction itself on a 2,000-article chunk.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from prefect.futures import PrefectFuture
from prefect.utilities.annotations import quote

from flows.runs import forget_task_results
from newsevents import settings
from newsevents.feeds.config import FeedConfig, feed_from_url, load_feeds
from newsevents.feeds.fetch import make_client
from newsevents.feeds.models import FeedResult
from newsevents.feeds.poll import due_feeds, failed_result
from newsevents.feeds.politeness import HostPoliteness
from newsevents.mentions import Extracted, chunked, extraction_pool
from newsevents.quality.gate import Validator
from newsevents.quality.suites import load_suites
from newsevents.summary import RunSummary
from tasks.feeds import load_feed_states, poll_feed
from tasks.ingest import land_articles, list_seed_files, read_seed_files, unchanged_seed_files
from tasks import Opaque
from tasks.process import (PreparedChunk, build_data_docs, extract_events, finish_run, load_signatures,
                           prepare_articles, prepare_validation, publish_batch, stage_events, stage_prepared,
                           validate_batch)
from tasks.quality_report import write_quality_report
from tasks.report import publish_run_artifacts, run_event_types


def ingest_sources(db: Path, run_id: str, summary: RunSummary, seeds_dir: str | None, feed_urls: Sequence[str],
                   use_feed_config: bool, allow_private_hosts: bool) -> None:
    """Read seeds and poll feeds, then land every new article version in raw.

    ``seeds_dir=None`` reads the default seed folder. Ad hoc ``feed_urls`` are polled even
    while backing off (a person asked for them); configured feeds only when due.
    """
    seeds = Path(seeds_dir) if seeds_dir else settings.DEFAULT_SEEDS
    files = list_seed_files(seeds)
    adhoc = {f.url: f for f in (feed_from_url(u) for u in feed_urls)}
    configured = [f for f in (load_feeds() if use_feed_config else []) if f.url not in adhoc]
    results: list[FeedResult] = []
    if adhoc or configured:
        with summary.timed("fetch_feeds"):
            results = poll_all(db, list(adhoc.values()), configured, allow_private_hosts)
        summary.feeds = [{"name": r.feed_name, "outcome": r.outcome,
                          "detail": r.error_class or f"{len(r.articles)} new items"} for r in results]
    # Seeds are read and landed a chunk at a time, so a folder of 100,000 files never sits in memory.
    # A file whose stat is the one recorded when it was last read is not read again.
    root = seeds.resolve()
    with summary.timed("read_seeds"):
        stats = {f.ref: f.stat for f in files if f.stat is not None}
        same = unchanged_seed_files(db, root, quote(stats)) if stats else set()
        to_read = [f for f in files if f.ref not in same]
    summary.articles_seen += len(same)
    summary.articles_skipped += len(same)
    for index, chunk in enumerate(chunked(to_read, LAND_CHUNK) if to_read else [[]]):
        with summary.timed("read_seeds"):
            items = read_seed_files(seeds, quote([f.path for f in chunk])) if chunk else []
        with summary.timed("land_raw"):
            landing = land_articles(db, run_id, quote(items), quote(results if index == 0 else []),
                                    quote((root, {f.ref: f.stat for f in chunk if f.stat is not None})))
        summary.articles_seen += landing.seen
        summary.articles_new += landing.new
        summary.articles_skipped += landing.skipped
        summary.articles_rejected += landing.rejected
        forget_task_results()


def poll_all(db: Path, adhoc: list[FeedConfig], configured: list[FeedConfig],
             allow_private_hosts: bool) -> list[FeedResult]:
    """Poll every due feed concurrently (one task each); a feed that keeps failing gets an error result."""
    states = load_feed_states(db)
    feeds = adhoc + due_feeds(configured, states)
    client, politeness = make_client(), HostPoliteness()
    try:
        futures = [(f, poll_feed.submit(f, states.get(f.url), client, politeness, allow_private_hosts))
                   for f in feeds]
        results = []
        for feed, future in futures:
            value = future.result(raise_on_failure=False)
            results.append(value if not isinstance(value, BaseException) else failed_result(feed, value))
        return results
    finally:
        client.close()


#: Seed files read and landed together.
LAND_CHUNK = 5000
#: Articles validated and published together (one write-audit-publish cycle). Bounds memory:
#: a 100,000-article backlog is published as 20 atomic batches, never held in memory at once.
BATCH_ARTICLES = 5000
_DQ_ORDER = {"skipped": 0, "passed": 1, "warning": 2, "failed": 3}


def process_keys(db: Path, run_id: str, summary: RunSummary, keys: Sequence[tuple[str, str]], reports: Path,
                 chunk_size: int, workers: int, batch_size: int = BATCH_ARTICLES) -> RunSummary:
    """Stage, extract, validate and publish the given raw versions, batch by batch; record the outcome."""
    summary.articles_processed = len(keys)
    with extraction_pool(workers, len(keys)):
        extract_and_publish(db, run_id, summary, keys, reports, chunk_size, workers, batch_size)
    if not keys:
        summary.status = "nothing_new"
    else:
        summary.status = ("published" if not summary.rows_quarantined else
                          "partially_published" if summary.articles_published else "quarantined")
        summary.events_by_type = run_event_types(db, run_id)
        summary.reports = str(reports / "data_docs" / "index.html")
    finish_run(db, run_id, status=summary.status, articles_seen=summary.articles_seen,
               articles_new=summary.articles_new, articles_skipped=summary.articles_skipped,
               articles_rejected=summary.articles_rejected, articles_duplicate=summary.articles_duplicate,
               articles_published=summary.articles_published, events_extracted=summary.events_extracted,
               events_published=summary.events_published, rows_quarantined=summary.rows_quarantined,
               dq_outcome=summary.dq_outcome, message=summary.message)
    publish_run_artifacts(summary)
    if keys:
        with summary.timed("report"):
            summary.html_report = write_quality_report(db, reports / "report.html", 20)
    return summary


#: Chunks whose extraction is under way ahead of the chunk being staged. The extraction
#: workers keep working on them while this process stages, validates and publishes, so the
#: cores are not idle during the steps that only this process can do.
EXTRACT_AHEAD = 2


@dataclass
class _InFlight:
    chunk: PreparedChunk
    extraction: PrefectFuture
    ends_batch: bool


def extract_and_publish(db: Path, run_id: str, summary: RunSummary, keys: Sequence[tuple[str, str]],
                        reports: Path, chunk_size: int, workers: int, batch_size: int) -> None:
    """Write (stage and extract chunk by chunk), audit (Great Expectations), publish (one transaction)
    for each batch of ``batch_size`` keys.

    Extraction runs ahead: up to :data:`EXTRACT_AHEAD` chunks past the one being staged are
    prepared and submitted first, across batch boundaries, so the workers extract the next
    batch while this one is validated and published. The result is the same as one chunk after
    the other: a chunk's near-duplicates are decided when it is staged (see ``stage_prepared``),
    and an article found to be an original only then is extracted then.
    """
    plan: deque[tuple[list[tuple[str, str]], bool]] = deque()  # (chunk, whether it ends its batch)
    for batch in chunked(list(keys), batch_size):
        chunks = list(chunked(batch, chunk_size))
        plan.extend((list(chunk), i == len(chunks) - 1) for i, chunk in enumerate(chunks))
    in_flight: deque[_InFlight] = deque()
    validator: Validator | None = None  # the run's Great Expectations context, set up once
    index = None  # the signatures of the originals published or staged, read once

    def submit_next() -> None:
        nonlocal index
        chunk, ends_batch = plan.popleft()
        unstaged = [o for f in in_flight for o in f.chunk.originals()]
        with summary.timed("stage"):
            if index is None:
                index = load_signatures(db)
            prepared = prepare_articles(db, quote(chunk), quote(unstaged), quote(index))
        extraction = extract_events.submit(Opaque(prepared.extractor_inputs()), workers)
        in_flight.append(_InFlight(prepared, extraction, ends_batch))

    while plan or in_flight:
        while plan and len(in_flight) <= EXTRACT_AHEAD:
            submit_next()
        if validator is None:
            # Set up Great Expectations while the workers extract the first chunks (this process
            # would only wait for them), not after them.
            with summary.timed("validate"):
                validator = Validator(load_suites(settings.EXPECTATIONS_DIR), reports / "data_docs")
                prepare_validation(quote(validator))
        current = in_flight[0]
        with summary.timed("stage"):
            duplicates = stage_prepared(db, run_id, quote(current.chunk), quote(index))
        summary.articles_duplicate += len(duplicates)
        with summary.timed("extract"):
            extracted = _final_extraction(current, duplicates, workers)
        in_flight.popleft()  # its originals are staged now
        with summary.timed("stage"):
            summary.events_extracted += stage_events(db, run_id, quote(extracted))
        if current.ends_batch and audit_and_publish(db, run_id, summary, reports, validator):
            with summary.timed("stage"):
                index = load_signatures(db)  # quarantined originals leave the index
    if validator is not None:
        with summary.timed("validate"):
            build_data_docs(quote(validator))


def _final_extraction(current: _InFlight, duplicates: dict[str, str], workers: int) -> Extracted:
    """The chunk's extraction for the originals as staged: drop articles that turned out to be
    near-duplicates, extract those that turned out to be originals (rare: their provisional
    original was quarantined in between)."""
    rows, failures = current.extraction.result()
    provisional = set(current.chunk.duplicates)
    if provisional == set(duplicates):
        return rows, failures
    rows = [r for r in rows if r["article_id"] not in duplicates]
    failures = {a: f for a, f in failures.items() if a not in duplicates}
    late = provisional - set(duplicates)
    if late:
        more_rows, more_failures = extract_events.submit(
            Opaque(current.chunk.extractor_inputs(only=late)), workers).result()
        rows, failures = rows + more_rows, {**failures, **more_failures}
    return rows, failures


def audit_and_publish(db: Path, run_id: str, summary: RunSummary, reports: Path, validator: Validator) -> int:
    """Audit the staged batch (Great Expectations) and publish it (one transaction).

    Returns the number of articles quarantined."""
    with summary.timed("validate"):
        gate = validate_batch(db, run_id, settings.EXPECTATIONS_DIR, reports / "data_docs", quote(validator))
    with summary.timed("publish"):
        outcome = publish_batch(db, run_id, quote(gate))
    if _DQ_ORDER[gate.dq_outcome] > _DQ_ORDER[summary.dq_outcome]:
        summary.dq_outcome = gate.dq_outcome
    summary.failed_checks = sorted(set(summary.failed_checks) | {o.label for o in gate.outcomes if o.blocking})
    summary.warnings = sorted(set(summary.warnings) | {o.label for o in gate.outcomes
                                                      if not o.success and not o.blocking})
    summary.articles_published += outcome.articles_published
    summary.events_published += outcome.events_published
    summary.rows_quarantined += outcome.articles_quarantined + outcome.events_quarantined
    forget_task_results()
    return outcome.articles_quarantined
