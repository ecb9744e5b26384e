"""Answer ``newsevents run`` without Prefect when there is nothing to do.

Why: a scheduled or habitual run usually finds nothing new, and then Prefect's temporary
server (≈4–5 s to boot, and gone when the process exits) is the whole cost. When no
Prefect server is configured, no ad hoc feed is asked for, no configured feed is due,
every seed file has the stat recorded when it was last read and raw holds no pending
version, the run is recorded (``ops.runs``, status ``nothing_new``) and summarised
exactly as the flow would, without starting Prefect. Anything else — including a busy
warehouse or a seed file whose stat cannot be taken — goes through the flow as usual.
"""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from newsevents import settings
from newsevents.errors import WarehouseError
from newsevents.seeds import scan_seeds
from newsevents.summary import RunSummary, new_run_id


def idle_run(args: argparse.Namespace) -> RunSummary | None:
    """The summary of a run with nothing to do, recorded; None when the flow must run."""
    if args.feed or os.environ.get("PREFECT_API_URL"):
        return None  # feeds to poll, or a real server whose UI should show the run
    db_path = settings.db_path(args.db)
    if not db_path.exists():
        return None
    import duckdb

    from newsevents.extract import EXTRACTOR_VERSION
    from warehouse import runs
    from warehouse.connection import connect
    from warehouse.lock import writer_lock

    summary = RunSummary(run_id=new_run_id(), db=str(db_path))
    with summary.timed("flow"):
        seeds = (Path(args.seeds) if args.seeds else settings.DEFAULT_SEEDS).resolve()
        if not seeds.is_dir():
            return None
        feeds = [] if args.no_feed_config else _configured_feeds()
        if feeds is None:
            return None
        with summary.timed("read_seeds"):
            files = scan_seeds(seeds)
            stats = {f.ref: f.stat for f in files if f.stat is not None}
        if len(stats) != len(files):
            return None
        try:
            # Read-only first: a run with work to do never takes the writer lock here (it would
            # only hand it back and take it again after Prefect has started).
            with connect(db_path, read_only=True, wait_seconds=0) as con:
                if not _nothing_to_do(con, seeds, stats, feeds):
                    return None
            with writer_lock(db_path, owner=summary.run_id, timeout=0, logger=_QUIET), connect(db_path) as con:
                if not _nothing_to_do(con, seeds, stats, feeds):  # a run may have landed in between
                    return None
                summary.status = "nothing_new"
                summary.articles_seen = summary.articles_skipped = len(stats)
                runs.start_run(con, summary.run_id, "pipeline", EXTRACTOR_VERSION)
                runs.update_run(con, summary.run_id, finished=True, status=summary.status,
                                articles_seen=summary.articles_seen, articles_skipped=summary.articles_skipped,
                                dq_outcome=summary.dq_outcome, message=summary.message)
        except (WarehouseError, duckdb.Error):
            return None  # busy, locked, older or unreadable: the flow waits, migrates or explains
    return summary


#: A held lock is not waited for here (the flow waits, and says so): nothing to announce.
_QUIET = logging.getLogger("newsevents.idle")
_QUIET.disabled = True


def _nothing_to_do(con, seeds: Path, stats: dict, feeds: list) -> bool:
    """Every seed file as last read, no version pending in raw, no configured feed due."""
    from warehouse import feed_store, raw, seed_store

    if feeds and _due(feeds, feed_store.load_states(con)):
        return False
    return len(seed_store.unchanged(con, str(seeds), stats)) == len(stats) and not raw.pending_keys(con)


def _configured_feeds() -> list | None:
    """The configured feeds (None when feeds.yaml is broken: the flow reports that)."""
    from newsevents.feeds.config import load_feeds

    try:
        return load_feeds()
    except Exception:  # noqa: BLE001 - any problem with the file is the flow's to report
        return None


def _due(feeds: list, states: dict) -> bool:
    from newsevents.feeds.poll import due_feeds

    return bool(due_feeds(feeds, states))
