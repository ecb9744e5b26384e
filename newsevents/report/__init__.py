"""The static quality report: pure rendering of rows gathered from the warehouse.

Nothing here opens DuckDB or imports Prefect, so the same code serves the CLI
(``newsevents report``), the scheduled Prefect flow and the tests. The rows come from
``warehouse/report_store.py``; :func:`write_report` glues the two together.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from newsevents.errors import NewsEventsError
from newsevents.report.html import render_page


def write_report(db_path: Path, out: Path, runs: int = 20) -> tuple[Path, list[dict[str, Any]]]:
    """Read the warehouse read-only, write the HTML page to ``out``; return (path, last runs).

    The page is written to a temporary file first and renamed, so a browser or web server
    never sees half a report.
    """
    from warehouse import report_store
    from warehouse.connection import connect

    with connect(db_path, read_only=True) as con:
        data = report_store.gather(con, runs)
    page = render_page(data.runs, data.sections, source=str(db_path),
                       generated_at=datetime.now(timezone.utc).replace(tzinfo=None), missing=data.missing_tables)
    tmp = out.with_name(out.name + ".tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(page, encoding="utf-8")
        tmp.replace(out)
    except OSError as exc:
        raise NewsEventsError(f"cannot write the report to {out}: {exc.strerror or exc}",
                              hint="choose a writable file with --out") from exc
    return out, data.runs
