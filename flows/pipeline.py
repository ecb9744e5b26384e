"""The newsevents pipeline, end to end: ingest → normalize → extract → stage → validate → publish.

Read it as a table of contents; every step is a task that calls the domain or the
warehouse. The flow holds the warehouse's writer lock for its whole run (overlapping
runs wait their turn and say so) but opens the DuckDB file only in short bursts, so
analysts' read-only queries get in between.
"""

from __future__ import annotations

from prefect import flow, get_run_logger

from flows.runners import check_runner, extraction_runner
from flows.runs import new_run_id, writing
from flows.steps import BATCH_ARTICLES, ingest_sources, process_keys
from newsevents import settings
from newsevents.extract import EXTRACTOR_VERSION
from newsevents.mentions import extraction_pool
from newsevents.summary import RunSummary
from tasks.process import pending_keys, start_run


@flow(name="newsevents-pipeline", description="Ingest seeds and feeds, extract events, validate, publish.")
def pipeline(seeds_dir: str | None = None, feeds: list[str] | None = None, use_feed_config: bool = True,
             allow_private_hosts: bool = False, db: str | None = None, reports_dir: str | None = None,
             chunk_size: int = 2000, workers: int = 0, task_runner: str = "thread",
             dask_address: str | None = None, batch_size: int = BATCH_ARTICLES) -> dict:
    """One full run; returns the run summary as a dict."""
    check_runner(task_runner, dask_address)
    db_path, run_id = settings.db_path(db), new_run_id()
    summary = RunSummary(run_id=run_id, db=str(db_path))
    # One pool of worker processes (started only if there is enough work) normalizes what lands
    # and extracts what is processed.
    with summary.timed("flow"), writing(db_path, run_id), extraction_pool(workers):
        start_run(db_path, run_id, "pipeline", EXTRACTOR_VERSION)
        ingest_sources(db_path, run_id, summary, seeds_dir, feeds or [], use_feed_config, allow_private_hosts)
        keys = pending_keys(db_path)
        with extraction_runner(task_runner, dask_address):
            process_keys(db_path, run_id, summary, keys, settings.reports_dir(reports_dir), chunk_size, workers,
                         batch_size)
    get_run_logger().info(summary.render())
    return summary.as_dict()
