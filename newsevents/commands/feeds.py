"""``newsevents feeds``: each feed's health, from the warehouse, as a table.

Configured feeds that were never polled (or are disabled) are listed too, so the table
answers "is every feed I listed actually working?" even on a brand-new warehouse.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from newsevents.commands import add_db_argument

COLUMNS = ("feed", "state", "last success", "last error", "fails", "items", "last new item", "next fetch")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``feeds`` sub-command."""
    parser = subparsers.add_parser("feeds", help="print each feed's health (last success, errors, items)")
    add_db_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read health read-only; a missing warehouse just means nothing was polled yet."""
    from newsevents import settings
    from newsevents.feeds.config import load_feeds

    configured = load_feeds(settings.FEEDS_FILE, include_disabled=True)
    health = _read_health(settings.db_path(args.db))
    rows = _rows(configured, health)
    if not rows:
        print(f"no feeds configured in {settings.FEEDS_FILE} and none polled yet")
        return 0
    print(_table(rows))
    return 0


def _read_health(db_path):  # type: ignore[no-untyped-def]
    """Health rows keyed by URL; empty when the warehouse file does not exist yet."""
    if not db_path.exists():
        return {}
    from warehouse.connection import connect
    from warehouse.feed_store import load_health

    with connect(db_path, read_only=True) as con:
        return {h.url: h for h in load_health(con)}


def _rows(configured, health) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    """One row per configured feed, then per polled feed not (or no longer) configured."""
    rows = []
    for feed in configured:
        h = health.pop(feed.url, None)
        rows.append(_row(feed.name, feed.url, h, "disabled" if not feed.enabled else None))
    for h in health.values():
        rows.append(_row(h.name or "", h.url, h, None))
    return rows


def _row(name: str, url: str, h, override: str | None) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    if h is None:
        return (f"{name} <{url}>", override or "never polled", "-", "-", "0", "0", "-", "-")
    state = override or ("ok" if h.consecutive_failures == 0 else "failing")
    error = f"{h.last_error_class} ({_when(h.last_error_at)})" if h.last_error_class else "-"
    return (f"{name} <{url}>", state, _when(h.last_success_at), error, str(h.consecutive_failures),
            str(h.items_seen), _when(h.last_new_item_at), _when(h.next_fetch_after))


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "-"


def _table(rows: list[tuple[str, ...]]) -> str:
    """Plain aligned columns: readable in a terminal and diff-able in a log."""
    widths = [max(len(r[i]) for r in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in [COLUMNS, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
