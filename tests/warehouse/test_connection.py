import subprocess
import sys
import threading
import time

import pytest

from newsevents.errors import WarehouseError
from warehouse.connection import connect
from warehouse.lock import writer_lock
from warehouse.migrate import available


def test_migrations_apply_once_and_record_the_version(db_path):
    with connect(db_path) as con:
        versions = [v for (v,) in con.execute("select version from ops.schema_version order by 1").fetchall()]
    assert versions == [m.version for m in available()]
    with connect(db_path) as con:  # second open: nothing re-applied
        assert con.execute("select count(*) from ops.schema_version").fetchone()[0] == len(versions)


def test_missing_warehouse_is_a_clear_error_for_readers(tmp_path):
    with pytest.raises(WarehouseError, match="no warehouse at") as err:
        with connect(tmp_path / "nope.duckdb", read_only=True):
            pass
    assert "newsevents run" in str(err.value)


def test_corrupt_file_is_named_with_a_fix(tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a database" * 500)
    with pytest.raises(WarehouseError) as err:
        with connect(bad):
            pass
    assert str(bad) in str(err.value) and "hint" in str(err.value)


def test_locked_by_another_process_waits_then_names_the_problem(db_path):
    with connect(db_path):
        pass
    holder = subprocess.Popen([sys.executable, "-c",
                               f"import duckdb,time; c=duckdb.connect({str(db_path)!r}); print('ok', flush=True); time.sleep(30)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        start = time.monotonic()
        with pytest.raises(WarehouseError, match="locked by another process"):
            with connect(db_path, read_only=True, wait_seconds=1.0):
                pass
        assert time.monotonic() - start >= 0.9
    finally:
        holder.kill()
        holder.wait()


def test_writer_lock_queues_a_second_writer(tmp_path):
    db = tmp_path / "w.duckdb"
    order: list[str] = []

    def second():
        with writer_lock(db, owner="second"):
            order.append("second")

    with writer_lock(db, owner="first"):
        t = threading.Thread(target=second)
        t.start()
        time.sleep(0.5)
        order.append("first-done")
    t.join(5)
    assert order == ["first-done", "second"]


def test_writer_lock_times_out_with_a_message(tmp_path):
    db = tmp_path / "w.duckdb"
    with writer_lock(db, owner="first"):
        result: list[Exception] = []

        def contender():
            try:
                with writer_lock(db, owner="second", timeout=0.5):
                    pass
            except WarehouseError as exc:
                result.append(exc)

        t = threading.Thread(target=contender)
        t.start()
        t.join(5)
    assert result and "writer lock" in str(result[0])


def test_duckdb_memory_is_bounded_and_the_bound_can_be_changed(db_path, monkeypatch):
    """DuckDB's own default (80% of RAM, kept as cache) made a long run's process grow without bound."""
    with connect(db_path) as con:
        assert con.execute("select current_setting('memory_limit')").fetchone()[0] == "488.2 MiB"  # 512MB
    monkeypatch.setenv("NEWSEVENTS_DUCKDB_MEMORY", "1GB")
    with connect(db_path, read_only=True) as con:
        assert con.execute("select current_setting('memory_limit')").fetchone()[0] == "953.6 MiB"
