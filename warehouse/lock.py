"""The writer lock: one pipeline run writes to a warehouse file at a time.

DuckDB itself refuses a second writing process outright; an OS file lock beside the
database turns that refusal into an orderly queue. A run that has to wait logs who
holds the lock, then proceeds when it is released — overlapping runs never fail for
being concurrent. The lock dies with its process (``flock``), so a crashed or killed
run never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsevents.errors import WarehouseError

log = logging.getLogger(__name__)


def lock_path(db_path: Path) -> Path:
    return Path(str(db_path) + ".lock")


@contextmanager
def writer_lock(db_path: Path, owner: str, timeout: float | None = None,
                logger: logging.Logger | logging.LoggerAdapter | None = None) -> Iterator[None]:
    """Hold the exclusive writer lock for ``db_path``; wait (and say so) while another run holds it.

    ``timeout=None`` waits indefinitely; otherwise raise :class:`WarehouseError` after it.
    """
    logger = logger or log
    path = lock_path(db_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:  # read-only or full file system, permissions: the user's to fix
        raise WarehouseError(f"cannot create the writer lock {path}: {exc.strerror or exc}",
                             hint=f"the folder of the warehouse {db_path} must be writable (check its "
                                  "permissions, mount options and free space), or choose another "
                                  "location with --db") from exc
    try:
        _acquire(fd, path, owner, timeout, logger)
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{owner} pid={os.getpid()}\n".encode())
        except OSError:
            pass  # the owner note is informational; the flock is what excludes other writers
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def _acquire(fd: int, path: Path, owner: str, timeout: float | None, logger) -> None:
    start = time.monotonic()
    announced = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if announced:
                logger.info("%s: writer lock acquired after %.1f s", owner, time.monotonic() - start)
            return
        except BlockingIOError:
            if not announced:
                holder = path.read_text(errors="replace").strip() or "another run"
                logger.warning("%s: waiting for the warehouse writer lock held by %s", owner, holder)
                announced = True
            if timeout is not None and time.monotonic() - start > timeout:
                raise WarehouseError(f"timed out after {timeout:.0f} s waiting for the writer lock {path}",
                                     hint="another newsevents run is still writing; try again later")
            time.sleep(0.2)
