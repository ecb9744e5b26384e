"""The quality report as one self-contained HTML page: inline CSS, inline SVG, no scripts.

Why static: the report is opened from a file share, an e-mail attachment or a CI
artifact, often offline; it must show the same thing everywhere, forever, without
fetching a charting library. Input is plain rows (see ``warehouse/report_store.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from html import escape
from typing import Any

from newsevents.report import sections as sec
from newsevents.report.style import CSS
from newsevents.report.tables import text

Rows = Sequence[Mapping[str, Any]]

HEADINGS = ("Last runs", "Articles and events over time", "Events by type and country",
            "Data-quality failures over time", "Latest quarantined rows", "Located events")


def render_page(runs: Rows, sections: Mapping[str, Rows], *, source: str, generated_at: datetime,
                missing: Sequence[str] = ()) -> str:
    """The full page; ``sections`` holds the rows of each report query by name."""
    def rows(name: str) -> Rows:
        return sections.get(name, [])

    note = (f'<p class="empty">Not in this warehouse (older schema?): {escape(", ".join(missing))}</p>'
            if missing else "")
    body = [
        "<h1>newsevents — data quality report</h1>",
        f'<p class="meta">Warehouse {escape(source)} · generated {text(generated_at)} UTC</p>', note,
        _cards((rows("totals") or [{}])[0]),
        f"<h2>{HEADINGS[0]}</h2>", sec.runs(runs),
        f"<h2>{HEADINGS[1]}</h2>", sec.volume(rows("daily_volume")),
        f"<h2>{HEADINGS[2]}</h2>", sec.types_and_countries(rows("events_by_type"), rows("events_by_country")),
        f"<h2>{HEADINGS[3]}</h2>", sec.failures(rows("failures_by_day"), rows("failing_checks")),
        f"<h2>{HEADINGS[4]}</h2>", sec.quarantined(rows("quarantined")),
        f"<h2>{HEADINGS[5]}</h2>", sec.located(rows("located_events")),
        "<footer>Static report written by <code>newsevents report</code>; the SQL behind every figure is in "
        "<code>warehouse/sql/report/</code>.</footer>",
    ]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>newsevents quality report</title><style>{CSS}</style></head>"
            f"<body>{''.join(body)}</body></html>\n")


def _cards(totals: Mapping[str, Any]) -> str:
    labels = (("articles", "articles published"), ("events", "canonical events"),
              ("mentions", "event mentions"), ("located_events", "located events"),
              ("quarantined_articles", "articles quarantined"), ("quarantined_events", "events quarantined"),
              ("runs", "runs"))
    cards = "".join(f'<div class="card"><b>{text(totals.get(k, 0))}</b><span>{escape(v)}</span></div>'
                    for k, v in labels)
    return f'<div class="cards">{cards}</div>'
