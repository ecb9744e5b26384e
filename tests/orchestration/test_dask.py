"""Extraction on a local Dask cluster publishes exactly the rows the default runner does.

Runs under Prefect's test harness (a temporary server), like tests/flows. The Dask
cluster is real: two worker processes started by prefect-dask's ``DaskTaskRunner``.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows import runners
from flows.pipeline import pipeline
from flows.runners import build_task_runner, check_runner
from newsevents.errors import NewsEventsError
from orchestration_helpers import write_seeds

#: Columns that legitimately differ between two runs: run ids and clock times.
VOLATILE = ("run_id", "batch_id", "ingested_at")


@pytest.fixture(scope="module", autouse=True)
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


def published_rows(db: Path) -> dict[str, list[tuple]]:
    """Every published table, sorted, without the columns that name a run or a time."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [t for (t,) in con.execute("select table_name from information_schema.tables "
                                            "where table_schema = 'published' order by 1").fetchall()]
        out = {}
        for table in tables:
            columns = [c for (c,) in con.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'published' and table_name = ? order by ordinal_position", [table]).fetchall()
                if c not in VOLATILE]
            select = ", ".join(f'"{c}"' for c in columns)
            out[table] = con.execute(f"select {select} from published.{table} order by all").fetchall()
        return out
    finally:
        con.close()


@pytest.mark.slow
def test_dask_runner_publishes_the_same_rows(tmp_path, monkeypatch):
    seeds, default_db, dask_db = tmp_path / "seeds", tmp_path / "thread.duckdb", tmp_path / "dask.duckdb"
    write_seeds(seeds, count=8)
    started = []
    monkeypatch.setattr(runners, "build_task_runner",
                        lambda *a, **k: started.append(build_task_runner(*a, **k)) or started[-1])

    plain = pipeline(seeds_dir=str(seeds), use_feed_config=False, db=str(default_db),
                     reports_dir=str(tmp_path / "r1"), chunk_size=4)
    on_dask = pipeline(seeds_dir=str(seeds), use_feed_config=False, db=str(dask_db),
                       reports_dir=str(tmp_path / "r2"), chunk_size=4, task_runner="dask")

    assert [type(r).__name__ for r in started] == ["DaskTaskRunner"]
    assert started[0]._cluster is not None, "extraction did not reach the local Dask cluster"
    assert plain["events_published"] > 0
    assert on_dask["status"] == plain["status"]
    assert on_dask["events_extracted"] == plain["events_extracted"]
    assert on_dask["events_published"] == plain["events_published"]
    expected, actual = published_rows(default_db), published_rows(dask_db)
    assert set(expected) >= {"articles", "events", "event_mentions"}
    for table in expected:
        assert actual[table] == expected[table], table


def test_runner_choice_is_validated():
    assert type(build_task_runner("thread")).__name__ == "ThreadPoolTaskRunner"
    assert type(build_task_runner("process")).__name__ == "ProcessPoolTaskRunner"
    remote = build_task_runner("dask", "tcp://127.0.0.1:8786")
    assert type(remote).__name__ == "DaskTaskRunner" and remote.address == "tcp://127.0.0.1:8786"
    with pytest.raises(NewsEventsError):
        check_runner("spark")
    with pytest.raises(NewsEventsError):
        check_runner("thread", "tcp://127.0.0.1:8786")
