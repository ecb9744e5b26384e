"""HTML tables and small formatting rules shared by every report section.

Every value passes through :func:`cell`, which escapes it: report data comes from news
articles and feeds, so a headline may well contain ``<script>``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from html import escape
from typing import Any

#: (header, row key) or (header, function of the row returning already-escaped HTML).
Column = tuple[str, "str | Callable[[Mapping[str, Any]], str]"]
#: Row keys shown as identifiers (monospace, never wrapped) or times (never wrapped).
ID_KEYS = frozenset({"run_id", "row_id", "article_id", "event_id"})
TIME_KEYS = frozenset({"started_at", "quarantined_at", "first_failed", "last_failed", "event_date", "day"})

TONE = {"published": "ok", "passed": "ok", "partially_published": "warn", "warning": "warn",
        "quarantined": "bad", "failed": "bad", "critical": "bad", "running": "muted",
        "nothing_new": "muted", "skipped": "muted"}


def text(value: Any) -> str:
    """A value as escaped text: NULL as an em dash, lists joined, times to the minute."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return escape(f"{value:.4g}")
    if isinstance(value, (list, tuple)):
        return escape("; ".join(str(v) for v in value))
    return escape(str(value))


def badge(value: Any) -> str:
    """A coloured label for statuses, outcomes and severities."""
    if value is None:
        return "—"
    return f'<span class="badge {TONE.get(str(value), "muted")}">{escape(str(value))}</span>'


def reasons_list(values: Sequence[Any] | None) -> str:
    if not values:
        return "—"
    return '<ul class="reasons">' + "".join(f"<li>{escape(str(v))}</li>" for v in values) + "</ul>"


def table(columns: Sequence[Column], rows: Sequence[Mapping[str, Any]], empty: str = "nothing yet") -> str:
    """An HTML table; numeric cells right-aligned; ``empty`` shown instead when there are no rows."""
    if not rows:
        return f'<p class="empty">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h, _ in columns)
    body = []
    for row in rows:
        cells = []
        for _, key in columns:
            if callable(key):
                cells.append(f"<td>{key(row)}</td>")
            else:
                value = row.get(key)
                numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
                css = "n" if numeric else "id" if key in ID_KEYS else "when" if key in TIME_KEYS else ""
                cells.append(f'<td class="{css}">{text(value)}</td>' if css else f"<td>{text(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'
