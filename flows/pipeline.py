"""The newsevents pipeline, end to end: ingest → normalize → extract → stage → validate → publish.

Read it as a table of contents; every step is a task that calls the domain or the
warehouse. The flow holds the warehouse's writer lock for its whole run (overlapping
runs wait their turn and say so) but opens the DuckDB file only in short bursts, so
analysts' read-only queries get in between.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from pathlib import Path

from prefect import flow, get_run_logger

from newsevents import settings
from newsevents.extract import EXTRACTOR_VERSION
from newsevents.mentions import chunked
from newsevents.summary import RunSummary
from tasks.ingest import land_articles, read_seed_files
from tasks.process import (extract_events, finish_run, publish_batch, stage_articles, stage_events,
                           start_run, validate_batch)
from tasks.report import publish_run_artifacts, run_event_types
from warehouse.lock import writer_lock


def new_run_id() -> str:
    """Sortable, unique run id: UTC time plus a random suffix."""
    return f"run-{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"


@flow(name="newsevents-pipeline", description="Ingest seeds (and feeds), extract events, validate, publish.")
def pipeline(seeds_dir: str | None = None, db: str | None = None, reports_dir: str | None = None,
             chunk_size: int = 2000, workers: int = 1) -> dict:
    """One full run on the seed folder; returns the run summary as a dict."""
    db_path, run_id = settings.db_path(db), new_run_id()
    seeds = Path(seeds_dir) if seeds_dir else settings.DEFAULT_SEEDS
    logger = get_run_logger()
    with writer_lock(db_path, owner=run_id, logger=logger):
        items = read_seed_files(seeds)
        landing = land_articles(db_path, run_id, items)
        summary = RunSummary(run_id=run_id, db=str(db_path), articles_seen=landing.seen,
                             articles_new=landing.new, articles_skipped=landing.skipped,
                             articles_rejected=landing.rejected)
        process_pending(db_path, run_id, summary, settings.reports_dir(reports_dir), chunk_size, workers)
    logger.info(summary.render())
    return summary.as_dict()


def process_pending(db_path: Path, run_id: str, summary: RunSummary, reports: Path,
                    chunk_size: int = 2000, workers: int = 1, flow_name: str = "pipeline") -> RunSummary:
    """Extract, validate and publish every pending raw article. Caller holds the writer lock."""
    pending = start_run(db_path, run_id, flow_name, EXTRACTOR_VERSION)
    summary.articles_processed = len(pending)
    for keys in chunked(pending, chunk_size):
        articles = stage_articles(db_path, run_id, list(keys))
        rows = extract_events.submit(articles, workers).result()
        summary.events_extracted += stage_events(db_path, run_id, rows)
    if not pending:
        summary.status = "nothing_new"
    else:
        gate = validate_batch(db_path, run_id, settings.EXPECTATIONS_DIR, reports / "data_docs")
        outcome = publish_batch(db_path, run_id, gate)
        summary.dq_outcome = gate.dq_outcome
        summary.failed_checks = sorted({o.label for o in gate.outcomes if o.blocking})
        summary.warnings = sorted({o.label for o in gate.outcomes if not o.success and not o.blocking})
        summary.articles_published = outcome.articles_published
        summary.events_published = outcome.events_published
        summary.rows_quarantined = outcome.articles_quarantined + outcome.events_quarantined
        summary.status = ("published" if not summary.rows_quarantined else
                          "partially_published" if outcome.articles_published else "quarantined")
        summary.events_by_type = run_event_types(db_path, run_id)
        summary.reports = str(reports / "data_docs" / "index.html")
    finish_run(db_path, run_id, status=summary.status, articles_seen=summary.articles_seen,
               articles_new=summary.articles_new, articles_skipped=summary.articles_skipped,
               articles_rejected=summary.articles_rejected, articles_duplicate=summary.articles_duplicate,
               articles_published=summary.articles_published, events_extracted=summary.events_extracted,
               events_published=summary.events_published, rows_quarantined=summary.rows_quarantined,
               dq_outcome=summary.dq_outcome, message=summary.message)
    publish_run_artifacts(summary)
    return summary
