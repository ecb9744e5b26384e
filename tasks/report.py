"""Reporting tasks: the run's outcome as Prefect artifacts (markdown and a table)."""

from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from newsevents.summary import RunSummary
from tasks import TASK_DEFAULTS
from warehouse import runs
from warehouse.connection import connect


@task(name="count-events-by-type", **TASK_DEFAULTS)
def run_event_types(db: Path, run_id: str) -> dict[str, int]:
    with connect(db) as con:
        return runs.events_by_type(con, run_id)


@task(name="publish-run-artifacts", **TASK_DEFAULTS)
def publish_run_artifacts(summary: RunSummary) -> None:
    """Every run ends with its counts and data-quality outcome visible in Prefect's UI."""
    key = "newsevents-run-summary"
    create_markdown_artifact(key=key, markdown="```\n" + summary.render() + "\n```",
                             description=f"newsevents run {summary.run_id}: {summary.status}")
    rows = [{"metric": k, "value": str(v)} for k, v in summary.as_dict().items()
            if isinstance(v, (int, str)) and k not in ("db",)]
    create_table_artifact(key="newsevents-run-counts", table=rows, description=f"counts of {summary.run_id}")
