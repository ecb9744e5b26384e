"""The quality report on a schedule: the same page ``newsevents report`` writes, from Prefect.

Read-only: it never takes the writer lock, so it can run while the pipeline is publishing
(DuckDB readers wait for the writer's short transactions).
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow

from newsevents import settings
from tasks.quality_report import write_quality_report


@flow(name="newsevents-quality-report",
      description="Write the static HTML data-quality report (runs, volumes, failures, quarantine, map) "
                  "and a markdown artifact with the last runs at a glance.")
def quality_report(db: str | None = None, out: str | None = None, runs: int = 20) -> str:
    """Returns the path of the HTML report written."""
    target = Path(out).expanduser().resolve() if out else settings.reports_dir() / "report.html"
    return write_quality_report(settings.db_path(db), target, runs)
