"""The last runs at a glance: one row per run, the same columns in the terminal, HTML and Prefect.

A single definition of the columns keeps the three views from drifting apart; an
operator reading the CLI output and the Prefect artifact sees the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from newsevents.table import render_table

COLUMNS = ("run", "started", "status", "articles", "events", "quarantined", "dq", "failed critical checks")


def started(value: Any) -> str:
    """Minutes are precise enough to tell runs apart; seconds only add noise."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return "" if value is None else str(value)[:16]


def glance_rows(runs: Sequence[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """One tuple per run in :data:`COLUMNS` order; failed checks joined with ", "."""
    return [(r["run_id"], started(r.get("started_at")), r.get("status"), r.get("articles_published") or 0,
             r.get("events_published") or 0, r.get("rows_quarantined") or 0, r.get("dq_outcome") or "",
             ", ".join(r.get("failed_critical") or []))
            for r in runs]


def glance_text(runs: Sequence[Mapping[str, Any]]) -> str:
    """The terminal table (long failure lists are cut; the HTML report has them in full)."""
    if not runs:
        return "no runs recorded yet"
    return render_table(COLUMNS, glance_rows(runs), max_cell=70)


def glance_markdown(runs: Sequence[Mapping[str, Any]]) -> str:
    """A GitHub-flavoured markdown table, as Prefect renders markdown artifacts."""
    if not runs:
        return "_no runs recorded yet_"

    def cell(value: Any) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in glance_rows(runs)]
    return "\n".join(lines)
