"""``newsevents watch DIR``: one Prefect event per new or changed article file in a folder.

The command only *announces* files; the ``pipeline-on-dropped-file`` deployment (see
prefect.yaml) is triggered by each event and runs the pipeline on the folder. So the
watcher stays tiny and never touches the warehouse, and a dropped article reaches the
published tables through the same validated path as everything else.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from newsevents.commands import add_db_argument

#: Where ``make serve`` puts the Prefect API; used when PREFECT_API_URL is not set.
DEFAULT_API_URL = "http://127.0.0.1:4200/api"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("watch", help="emit an event per new or changed article file in a folder",
                       description="Watch a folder and emit a Prefect event (newsevents.article.dropped) per new "
                                   "or changed article file; the pipeline-on-dropped-file deployment runs the "
                                   "pipeline on the folder for each. Needs a running Prefect server (make serve).")
    p.add_argument("folder", metavar="DIR", help="folder of article files (.md, .txt), e.g. seeds or an inbox")
    add_db_argument(p)
    p.add_argument("--interval", type=float, default=5.0, metavar="S", help="seconds between scans (default 5)")
    p.add_argument("--once", action="store_true", help="scan once, emit, and exit")
    p.add_argument("--state", metavar="PATH", default=None,
                   help="fingerprint state file (default: .prefect/watch/<folder>-<hash>.json)")
    p.add_argument("--settle", type=float, default=1.0, metavar="S",
                   help="ignore files modified less than S seconds ago until the next scan (default 1)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from newsevents import settings
    from newsevents.commands import prepare_prefect
    from newsevents.errors import NewsEventsError
    from newsevents.watch import default_state_path, event_spec, load_state, save_state, scan

    if args.interval <= 0:
        raise NewsEventsError("--interval must be positive", hint="e.g. --interval 5")
    folder = Path(args.folder).expanduser()
    if not folder.is_dir():
        raise NewsEventsError(f"{folder} is not a folder", hint="create it, or pass the folder to watch")
    db = str(settings.db_path(args.db))
    state_path = Path(args.state) if args.state else default_state_path(folder, settings.PROJECT_ROOT / ".prefect" / "watch")
    os.environ.setdefault("PREFECT_API_URL", DEFAULT_API_URL)
    prepare_prefect(verbose=False)
    _require_server()

    print(f"watching {folder.resolve()} (state {state_path}); events go to {os.environ['PREFECT_API_URL']}",
          file=sys.stderr)
    state = load_state(state_path)
    settle_rounds = 0
    while True:
        result = scan(folder, state, settle=args.settle)
        if result.changes:
            _emit([event_spec(folder, change, db) for change in result.changes])
            for change in result.changes:
                print(f"{change.kind:7} {change.path}", flush=True)
        save_state(state_path, folder, result.state)  # only after the events were sent
        state = result.state
        if args.once and (not result.unsettled or settle_rounds >= 10):
            return 0
        settle_rounds = settle_rounds + 1 if result.unsettled else 0
        time.sleep(args.settle if args.once else args.interval)


def _require_server() -> None:
    """Fail fast and clearly when no Prefect server is listening: events would be lost."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    from newsevents.errors import NewsEventsError

    with get_client(sync_client=True) as client:
        problem = client.api_healthcheck()
    if problem is not None:
        raise NewsEventsError(f"no Prefect server at {PREFECT_API_URL.value()} ({type(problem).__name__})",
                              hint="start one with `make serve`, or set PREFECT_API_URL")


def _emit(specs: list[dict]) -> None:
    """Send the events and wait until they are sent (the CLI may exit right after)."""
    import asyncio

    from prefect.events import Event
    from prefect.events.clients import get_events_client

    async def send() -> None:
        async with get_events_client() as client:
            for spec in specs:
                await client.emit(Event(**spec))

    asyncio.run(send())
