"""The report's sections, one function each: rows in, an HTML fragment out.

Each section says plainly when it has nothing to show (a new warehouse, no failures yet)
rather than drawing an empty chart, so an empty report is still readable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from typing import Any

from newsevents.report.map import dot_map
from newsevents.report.svg import PALETTE, bar_chart, daily_series
from newsevents.report.tables import badge, reasons_list, table

Rows = Sequence[Mapping[str, Any]]


def runs(runs: Rows) -> str:
    return table([("run", "run_id"), ("flow", "flow"), ("started (UTC)", "started_at"),
                  ("status", lambda r: badge(r.get("status"))), ("articles", "articles_published"),
                  ("events", "events_published"), ("quarantined", "rows_quarantined"),
                  ("dq", lambda r: badge(r.get("dq_outcome"))),
                  ("failed critical checks", lambda r: reasons_list(r.get("failed_critical")))],
                 runs, "no runs recorded yet: run `newsevents run`")


def _days(rows: Rows) -> list[date]:
    return [d if isinstance(d, date) else date.fromisoformat(str(d)) for d in (r["day"] for r in rows)]


def volume(rows: Rows) -> str:
    if not rows:
        return '<p class="empty">nothing published yet</p>'
    ordered = sorted(rows, key=lambda r: str(r["day"]))
    chart = daily_series(_days(ordered), {"articles (by publication day)": [r["articles"] for r in ordered],
                                          "events (by event day)": [r["events"] for r in ordered]},
                         "Published articles and events per day")
    return chart + f'<p class="meta">Last {len(ordered)} days with data.</p>'


def types_and_countries(types: Rows, countries: Rows) -> str:
    def chart(rows: Rows, title: str, color: str) -> str:
        if not rows:
            return f'<div><h3>{escape(title)}</h3><p class="empty">no events yet</p></div>'
        items = [(str(r["label"]), float(r["n"])) for r in rows]
        return f"<div><h3>{escape(title)}</h3>{bar_chart(items, title, color)}</div>"

    return (f'<div class="grid2">{chart(types, "Events by type (PLOVER)", PALETTE[0])}'
            f'{chart(countries, "Events by country (ISO3 of location)", PALETTE[3])}</div>')


def failures(days: Rows, checks: Rows) -> str:
    if not days:
        return '<p class="empty">no validations recorded yet</p>'
    ordered = sorted(days, key=lambda r: str(r["day"]))
    chart = daily_series(_days(ordered), {"critical failed": [r["critical_failed"] for r in ordered],
                                          "warnings failed": [r["warnings_failed"] for r in ordered]},
                         "Failed checks per day", colors=("#dc2626", "#f59e0b"))
    top = table([("suite", "suite"), ("expectation", "expectation_type"), ("column", "column_name"),
                 ("severity", lambda r: badge(r.get("severity"))), ("failures", "failures"), ("runs", "runs"),
                 ("first failed", "first_failed"), ("last failed", "last_failed"),
                 ("unexpected rows", "unexpected_rows")], checks, "no check has ever failed")
    return f"{chart}<h3>Checks that fail most</h3>{top}"


def quarantined(rows: Rows) -> str:
    """Articles and event mentions together; an event names its article under its own id."""
    def row_id(r: Mapping[str, Any]) -> str:
        own = f'<code>{escape(str(r["row_id"]))}</code>'
        if r.get("kind") == "event" and r.get("article_id"):
            own += f'<br><small>article <code>{escape(str(r["article_id"]))}</code></small>'
        return own

    return table([("quarantined (UTC)", "quarantined_at"), ("run", "run_id"), ("kind", "kind"), ("row", row_id),
                  ("what", "description"), ("why", lambda r: reasons_list(r.get("reasons")))],
                 rows, "nothing quarantined")


def located(rows: Rows) -> str:
    if not rows:
        return '<p class="empty">no located events yet</p>'
    listing = table([("date", "event_date"), ("type", "event_type"), ("ACLED", "acled_event_type"),
                     ("place", "location_name"), ("country", "location_country"), ("lat", "latitude"),
                     ("lon", "longitude"), ("precision", "location_precision"), ("fatalities", "fatalities"),
                     ("mentions", "num_mentions")], rows)
    return (dot_map(rows, f"Map of {len(rows)} located events") +
            '<p class="meta">Red: assault and coercion; blue: other types. Dot size grows with mentions.</p>'
            + listing)
