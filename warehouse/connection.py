"""The one module that opens DuckDB connections.

Why one module: DuckDB lets a single process hold a file for writing and then no other
process may open it at all. Every connection therefore goes through :func:`connect`,
which keeps write connections short, retries readers while a writer holds the file,
applies migrations, and turns DuckDB's low-level errors into messages that say what
is wrong and what to do.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from newsevents.errors import WarehouseError
from warehouse.migrate import apply_pending

log = logging.getLogger(__name__)

#: How long a reader waits for a writer to release the file before giving up.
READ_WAIT_SECONDS = 60.0
#: DuckDB's memory limit per process (``NEWSEVENTS_DUCKDB_MEMORY`` overrides, e.g. "2GB").
#: Why: DuckDB's default is 80% of RAM, and it keeps the blocks it has read cached up to
#: that limit; every checkpoint of a growing warehouse reads more of them, so a 100,000-
#: article run held ~2 GB of DuckDB cache alone. Work beyond the limit spills to disk.
DEFAULT_MEMORY_LIMIT = "512MB"


@contextmanager
def connect(db_path: Path, read_only: bool = False, wait_seconds: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse; migrations are applied on every read-write open (a no-op when current).

    Readers wait up to ``wait_seconds`` (default :data:`READ_WAIT_SECONDS`) for a writer in
    another process to finish its short transaction, instead of failing at once.
    """
    db_path = Path(db_path)
    if read_only and not db_path.exists():
        raise WarehouseError(
            f"no warehouse at {db_path}",
            hint="run `newsevents run` first, or pass the right file with --db / NEWSEVENTS_DB",
        )
    con = _open(db_path, read_only, READ_WAIT_SECONDS if wait_seconds is None else wait_seconds)
    try:
        if not read_only:
            _migrate(con, db_path)
        yield con
    except duckdb.Error as exc:
        # A write that fails because of the file system (disk full, read-only, permissions)
        # is the user's to fix, not a bug: say so instead of a DuckDB traceback.
        error = _environment_error(db_path, exc)
        if error is None:
            raise
        raise error from exc
    finally:
        con.close()


def _open(db_path: Path, read_only: bool, wait_seconds: float) -> duckdb.DuckDBPyConnection:
    """Open with retries on lock conflicts; translate every other failure."""
    if not read_only:
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WarehouseError(f"cannot create folder {db_path.parent}: {exc.strerror}",
                                 hint="choose a writable location with --db") from exc
    deadline = time.monotonic() + wait_seconds
    delay, announced = 0.05, False
    while True:
        try:
            return duckdb.connect(str(db_path), read_only=read_only, config={"memory_limit": _memory_limit()})
        except duckdb.Error as exc:
            message = str(exc)
            if not _is_lock_conflict(message) or time.monotonic() >= deadline:
                raise _translate(db_path, message) from exc
            if not announced:
                log.warning("warehouse %s is busy (another process is writing); waiting", db_path)
                announced = True
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def _memory_limit() -> str:
    return os.environ.get("NEWSEVENTS_DUCKDB_MEMORY", "").strip() or DEFAULT_MEMORY_LIMIT


def _migrate(con: duckdb.DuckDBPyConnection, db_path: Path) -> None:
    try:
        apply_pending(con)
    except duckdb.Error as exc:
        con.close()
        raise _translate(db_path, str(exc)) from exc


#: DuckDB messages that mean the file system refused a write.
_IO_FAILURES = ("no space left", "disk full", "read-only file system", "permission denied",
                "operation not permitted")


def _environment_error(db_path: Path, exc: BaseException) -> WarehouseError | None:
    """The translated error when ``exc`` or an exception in its chain is a file-system refusal.

    The chain matters: after a failed COMMIT, a caller's ``ROLLBACK`` raises "no
    transaction is active", which hides the "No space left on device" that caused it.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, duckdb.Error) and any(m in str(current).lower() for m in _IO_FAILURES):
            return _translate(db_path, str(current))
        current = current.__cause__ or current.__context__
    return None


def _is_lock_conflict(message: str) -> bool:
    return "lock" in message.lower() and ("conflicting" in message.lower() or "could not set" in message.lower())


def _translate(db_path: Path, message: str) -> WarehouseError:
    """Map DuckDB's error text to a specific, actionable error."""
    low = message.lower()
    if _is_lock_conflict(message):
        return WarehouseError(
            f"warehouse {db_path} is locked by another process",
            hint="wait for the running pipeline to finish (see `newsevents sql \"from ops.runs\"`), "
                 "or close the other DuckDB session holding the file",
        )
    if "no space" in low or "disk full" in low:
        return WarehouseError(f"disk full while writing {db_path}", hint="free disk space and run again; "
                              "nothing was half-published")
    if "read-only" in low or "permission denied" in low or "readonly" in low or "not permitted" in low:
        return WarehouseError(f"warehouse {db_path} cannot be written: {message.splitlines()[0]}",
                              hint="check the permissions of the file and its folder (and immutable "
                                   "attributes, `lsattr`), or choose another location with --db")
    if "not a valid duckdb" in low or "corrupt" in low or "invalid" in low and "file" in low:
        return WarehouseError(
            f"{db_path} is not a readable DuckDB {duckdb.__version__} warehouse ({message.splitlines()[0]})",
            hint="restore it from a backup or move it aside; `newsevents run` then builds a new one "
                 "from seeds and feeds",
        )
    if "version" in low and "storage" in low:
        return WarehouseError(f"{db_path} was written by another DuckDB version: {message.splitlines()[0]}",
                              hint=f"newsevents pins duckdb {duckdb.__version__}; open it with that version")
    return WarehouseError(f"cannot open warehouse {db_path}: {message.splitlines()[0]}")


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """One all-or-nothing transaction; the original error survives a failed COMMIT.

    After a COMMIT fails (disk full, say) DuckDB has already ended the transaction, so a
    ROLLBACK would raise "no transaction is active" and hide the real cause.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        raise


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, **frames: object) -> Iterator[duckdb.DuckDBPyConnection]:
    """Expose DataFrames to SQL under the given names for the duration of a block.

    Bulk rows move between Python and DuckDB this way (a scan of the frame, not one
    INSERT per row); unregistering afterwards keeps names from leaking between steps.
    """
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        yield con
    finally:
        for name in frames:
            try:
                con.unregister(name)
            except duckdb.Error:
                pass
