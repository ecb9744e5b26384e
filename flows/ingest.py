"""Ingestion on its own (the scheduled deployment): land new articles, then announce them.

Emits ``newsevents.articles.landed`` with the batch id when new articles landed; the
``process`` deployment is triggered by that event, so extraction is event-driven, not polled.
"""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.events import emit_event

from flows.runs import new_run_id, writing
from flows.steps import ingest_sources
from newsevents import settings
from newsevents.mentions import extraction_pool
from newsevents.summary import RunSummary
from tasks.process import finish_run, start_run

LANDED_EVENT = "newsevents.articles.landed"


@flow(name="newsevents-ingest", description="Poll feeds and read seeds; land new articles in raw; emit an event.")
def ingest(seeds_dir: str | None = None, feeds: list[str] | None = None, use_feed_config: bool = True,
           allow_private_hosts: bool = False, db: str | None = None) -> dict:
    db_path, run_id = settings.db_path(db), new_run_id()
    summary = RunSummary(run_id=run_id, db=str(db_path), status="landed")
    with writing(db_path, run_id), extraction_pool(0):  # workers normalize a large landing
        start_run(db_path, run_id, "ingest", None)
        ingest_sources(db_path, run_id, summary, seeds_dir, feeds or [], use_feed_config, allow_private_hosts)
        finish_run(db_path, run_id, status="landed" if summary.articles_new else "nothing_new",
                   articles_seen=summary.articles_seen, articles_new=summary.articles_new,
                   articles_skipped=summary.articles_skipped, articles_rejected=summary.articles_rejected,
                   dq_outcome="skipped", message=f"{summary.articles_new} new articles landed")
    if summary.articles_new:
        emit_event(event=LANDED_EVENT, resource={"prefect.resource.id": f"newsevents.batch.{run_id}"},
                   payload={"batch_id": run_id, "db": str(db_path), "articles": summary.articles_new})
    get_run_logger().info("%s new articles landed (batch %s)", summary.articles_new, run_id)
    return summary.as_dict()
