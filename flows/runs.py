"""Run identity and the writer lock, shared by every flow that writes the warehouse."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from prefect import get_run_logger

from warehouse.lock import writer_lock


def new_run_id() -> str:
    """Sortable, unique run id: UTC time plus a random suffix."""
    return f"run-{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"


class _Notices(logging.LoggerAdapter):
    """Log to the flow run (Prefect's UI) and to ``newsevents.notices`` (the terminal)."""

    def log(self, level: int, msg: object, *args: object, **kwargs: object) -> None:
        self.logger.log(level, msg, *args, **kwargs)
        logging.getLogger("newsevents.notices").log(level, msg, *args)


@contextmanager
def writing(db: Path, run_id: str) -> Iterator[None]:
    """Hold the warehouse writer lock; a run that has to wait says so in its log and on the terminal."""
    with writer_lock(db, owner=run_id, logger=_Notices(get_run_logger(), {})):
        yield


def forget_task_results() -> None:
    """Let go of finished tasks' return values between batches.

    Prefect keeps every task's result in the flow run context (``run_results``, keyed by
    ``id(result)``) to draw dependency arrows in its UI. In a long run that means every
    batch's articles and extracted rows stay in memory until the flow ends; clearing the
    map after a batch is published keeps memory flat, at the cost of those arrows across
    batches.
    """
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    if context is not None:
        context.run_results.clear()
