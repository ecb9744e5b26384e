"""The quality-report task: write the static HTML report and summarise the last runs in Prefect."""

from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.artifacts import create_markdown_artifact

from newsevents.report import write_report
from newsevents.report.glance import glance_markdown
from tasks import TASK_DEFAULTS


@task(name="write-quality-report", **TASK_DEFAULTS)
def write_quality_report(db: Path, out: Path, runs: int) -> str:
    """Read the warehouse read-only (never blocks a pipeline run for long), write the page.

    The markdown artifact repeats the at-a-glance table so the Prefect UI shows the
    state of data quality without opening the file.
    """
    path, last = write_report(db, out, runs)
    create_markdown_artifact(
        key="newsevents-quality-report",
        markdown=f"## Last {len(last)} runs\n\n{glance_markdown(last)}\n\nHTML report: `{path}`\n",
        description=f"data quality of the last {len(last)} runs",
    )
    return str(path)
