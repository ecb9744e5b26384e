"""Processing tasks: stage a batch, extract events, validate, publish or quarantine."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from prefect import task

from newsevents.mentions import extract_mentions, extract_mentions_parallel, extractor_input
from newsevents.normalize import NormalizedArticle, normalize
from newsevents.quality.gate import GateResult, validate
from newsevents.quality.suites import load_suites
from tasks import TASK_DEFAULTS
from warehouse import publish as publish_sql
from warehouse import quality_store, raw, runs, staging
from warehouse.connection import connect


@task(name="start-run", **TASK_DEFAULTS)
def start_run(db: Path, run_id: str, flow: str, extractor_version: str) -> list[tuple[str, str]]:
    """Record the run, clear stale staging, and return the pending (article_id, content_hash) keys."""
    with connect(db) as con:
        runs.start_run(con, run_id, flow, extractor_version)
        staging.clear(con)
        return [(r["article_id"], r["content_hash"]) for r in raw.pending_articles(con)]


@task(name="stage-articles", **TASK_DEFAULTS)
def stage_articles(db: Path, run_id: str, keys: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """Re-normalize one chunk from raw, stage it, and return the extractor inputs."""
    with connect(db) as con:
        rows = raw.articles_by_key(con, keys)
        articles = [a for a in (normalize(raw.as_incoming(r), r["ingested_at"]) for r in rows)
                    if isinstance(a, NormalizedArticle)]
        staging.insert_articles(con, run_id, articles)
    return [extractor_input(a) for a in articles]


@task(name="extract-events", retries=1, **TASK_DEFAULTS)
def extract_events(articles: list[dict[str, Any]], workers: int = 1) -> list[dict[str, Any]]:
    """CPU-bound and pure: safe to run on a process pool or a Dask worker."""
    return extract_mentions_parallel(articles, workers) if workers > 1 else extract_mentions(articles)


@task(name="stage-events", **TASK_DEFAULTS)
def stage_events(db: Path, run_id: str, rows: list[dict[str, Any]]) -> int:
    with connect(db) as con:
        return staging.insert_mentions(con, run_id, rows)


@task(name="validate-batch", **TASK_DEFAULTS)
def validate_batch(db: Path, run_id: str, expectations_dir: Path, docs_dir: Path | None) -> GateResult:
    """Run every suite on the staged batch and keep the results in the validation history."""
    suites = load_suites(expectations_dir)
    with connect(db) as con:
        frames = staging.validation_frames(con)
    result = validate(frames, suites, run_id, docs_dir)
    with connect(db) as con:
        quality_store.record_outcomes(con, run_id, result.outcomes)
    return result


@task(name="publish-batch", **TASK_DEFAULTS)
def publish_batch(db: Path, run_id: str, gate: GateResult) -> publish_sql.PublishOutcome:
    with connect(db) as con:
        return publish_sql.publish(con, run_id, gate.row_reasons("articles"), gate.row_reasons("events"),
                                   gate.batch_failures())


@task(name="finish-run", **TASK_DEFAULTS)
def finish_run(db: Path, run_id: str, **fields: Any) -> None:
    with connect(db) as con:
        runs.update_run(con, run_id, finished=True, **fields)
