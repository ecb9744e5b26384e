"""The scheduled quality-report flow writes the HTML page and a markdown artifact in Prefect."""

from __future__ import annotations

import asyncio
import inspect

from flows.report import quality_report
from warehouse import runs
from warehouse.connection import connect


def test_flow_signature_is_what_the_deployment_schedules():
    params = inspect.signature(quality_report.fn).parameters
    assert [(p.name, p.default) for p in params.values()] == [("db", None), ("out", None), ("runs", 20)]
    assert quality_report.name == "newsevents-quality-report" and quality_report.description


def test_flow_writes_the_report_and_an_artifact(db_path, tmp_path):
    with connect(db_path) as con:
        runs.start_run(con, "run-20250518T100000-report", "pipeline", "test-1")
        runs.update_run(con, "run-20250518T100000-report", finished=True, status="nothing_new",
                        dq_outcome="skipped")
    out = tmp_path / "site" / "report.html"

    path = quality_report(db=str(db_path), out=str(out), runs=5)

    assert path == str(out) and out.is_file()
    assert "run-20250518T100000-report" in out.read_text(encoding="utf-8")
    markdown = asyncio.run(_latest_artifact("newsevents-quality-report"))
    assert "| run | started | status |" in markdown and "run-20250518T100000-report" in markdown


async def _latest_artifact(key: str) -> str:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    async with get_client() as client:
        found = await client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])))
    assert found, f"no artifact {key}"
    return str(max(found, key=lambda a: a.created).data)
