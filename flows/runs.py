"""Run identity and the writer lock, shared by every flow that writes the warehouse."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from prefect import get_run_logger

from newsevents.summary import new_run_id
from warehouse.lock import writer_lock

__all__ = ["forget_task_results", "new_run_id", "writing"]


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
