"""Feed tasks: one poll per feed (Prefect retries transient failures), then record health."""

from __future__ import annotations

from pathlib import Path

import httpx
from prefect import task

from newsevents.feeds.config import FeedConfig
from newsevents.feeds.errors import TransientFeedError
from newsevents.feeds.models import FeedResult, FeedState
from newsevents.feeds.poll import fetch_one
from newsevents.feeds.politeness import HostPoliteness
from tasks import TASK_DEFAULTS
from warehouse import feed_store
from warehouse.connection import connect


def _transient(task, task_run, state) -> bool:
    """Retry only what may succeed later (timeouts, 5xx, 429); never a 404 or a non-feed."""
    try:
        state.result()
    except TransientFeedError:
        return True
    except Exception:
        return False
    return False


@task(name="load-feed-states", **TASK_DEFAULTS)
def load_feed_states(db: Path) -> dict[str, FeedState]:
    with connect(db) as con:
        return feed_store.load_states(con)


@task(name="poll-feed", retries=2, retry_delay_seconds=[2, 10], retry_condition_fn=_transient,
      task_run_name="poll-{feed.name}", **TASK_DEFAULTS)
def poll_feed(feed: FeedConfig, state: FeedState | None, client: httpx.Client, politeness: HostPoliteness,
              allow_private_hosts: bool) -> FeedResult:
    return fetch_one(feed, state, client, politeness, allow_private_hosts)
