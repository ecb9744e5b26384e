"""Run identity and the writer lock, shared by every flow that writes the warehouse."""

from __future__ import annotations

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


@contextmanager
def writing(db: Path, run_id: str) -> Iterator[None]:
    """Hold the warehouse writer lock; a run that has to wait says so in its log."""
    with writer_lock(db, owner=run_id, logger=get_run_logger()):
        yield
