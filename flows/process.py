"""Extract, validate and publish what ingestion landed (triggered by ``newsevents.articles.landed``)."""

from __future__ import annotations

from prefect import flow, get_run_logger

from flows.runners import check_runner, extraction_runner
from flows.runs import new_run_id, writing
from flows.steps import process_keys
from newsevents import settings
from newsevents.extract import EXTRACTOR_VERSION
from newsevents.summary import RunSummary
from tasks.process import pending_keys, start_run


@flow(name="newsevents-process", description="Extract events from landed articles, validate, publish.")
def process(batch_id: str | None = None, db: str | None = None, reports_dir: str | None = None,
            chunk_size: int = 2000, workers: int = 0, task_runner: str = "thread",
            dask_address: str | None = None) -> dict:
    """Process one landed batch; with no ``batch_id``, every pending article (catch-up)."""
    check_runner(task_runner, dask_address)
    db_path, run_id = settings.db_path(db), new_run_id()
    summary = RunSummary(run_id=run_id, db=str(db_path))
    with writing(db_path, run_id):
        start_run(db_path, run_id, "process", EXTRACTOR_VERSION)
        keys = pending_keys(db_path, batch_id)
        with extraction_runner(task_runner, dask_address):
            process_keys(db_path, run_id, summary, keys, settings.reports_dir(reports_dir), chunk_size, workers)
    get_run_logger().info(summary.render())
    return summary.as_dict()
