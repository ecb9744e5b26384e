"""Two real processes against one warehouse file: runs queue, analysts' reads get through.

(a) Two ``newsevents run`` processes started together: both succeed, one says in its log
that it waited for the writer lock, and nothing is published twice.
(b) ``newsevents sql`` started while a run is in progress succeeds: the run holds the
writer *lock* for its whole length but the DuckDB *file* only for short transactions,
and readers retry while a transaction holds it.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import time
from pathlib import Path

import pytest

from orchestration_helpers import NEWSEVENTS, child_env, kill_group, write_seeds
from warehouse_reads import query

WAIT_MESSAGE = "waiting for the warehouse writer lock"


def run_env(tmp_path: Path) -> dict[str, str]:
    """Both processes share one Prefect home, as two `newsevents run` on one checkout would.

    Each starts Prefect's temporary server; on a loaded CI machine two of them starting
    at once can need more than Prefect's default 20 s, hence the longer start-up allowance.
    """
    return child_env(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="90")


def start_run(seeds: Path, db: Path, tmp_path: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([NEWSEVENTS, "run", "--seeds", str(seeds), "--db", str(db), "--no-feed-config",
                             "--reports", str(tmp_path / "reports")], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def lock_is_held(db: Path) -> bool:
    path = Path(str(db) + ".lock")
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


@pytest.mark.slow
def test_two_runs_at_once_queue_and_publish_once(seeds, tmp_path):
    db = tmp_path / "wh" / "newsevents.duckdb"
    env = run_env(tmp_path)
    first = start_run(seeds, db, tmp_path, env)
    second = start_run(seeds, db, tmp_path, env)
    try:
        outs = [p.communicate(timeout=400) for p in (first, second)]
    finally:
        kill_group(first)
        kill_group(second)
    for proc, (out, err) in zip((first, second), outs):
        assert proc.returncode == 0, f"exit {proc.returncode}\n{out[-2000:]}\n{err[-4000:]}"
    waited = [err for _, err in outs if WAIT_MESSAGE in err]
    assert len(waited) == 1, "exactly one run waited for the other, and said so"

    articles = len(list(seeds.glob("*.md")))
    assert query(db, "select count(*), count(distinct article_id) from raw.articles") == [(articles, articles)]
    assert query(db, "select count(*), count(distinct article_id) from published.articles") == [(articles, articles)]
    assert query(db, "select count(*) = count(distinct event_id) from published.event_mentions") == [(True,)]
    assert query(db, "select count(*) = count(distinct event_id) from published.events") == [(True,)]
    statuses = sorted(s for (s,) in query(db, "select status from ops.runs"))
    assert statuses == ["nothing_new", "published"]


@pytest.mark.slow
def test_analyst_query_succeeds_while_a_run_is_writing(tmp_path):
    seeds, db = tmp_path / "seeds", tmp_path / "wh" / "newsevents.duckdb"
    env = run_env(tmp_path)
    write_seeds(seeds, count=3)
    warmup = start_run(seeds, db, tmp_path, env)
    try:
        _, err = warmup.communicate(timeout=300)
    finally:
        kill_group(warmup)
    assert warmup.returncode == 0, err[-3000:]
    (before,), = query(db, "select count(*) from published.events")

    write_seeds(seeds, offset=3)
    run = start_run(seeds, db, tmp_path, env)
    try:
        deadline = time.monotonic() + 120
        while not lock_is_held(db) and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert lock_is_held(db), "the run never took the writer lock"
        answers = []
        while run.poll() is None and len(answers) < 5:
            sql = subprocess.run([NEWSEVENTS, "sql", "select count(*) as n from published.events", "--db", str(db),
                                  "--format", "csv"], env=env, capture_output=True, text=True, timeout=120)
            assert sql.returncode == 0, sql.stderr
            answers.append((int(sql.stdout.split()[-1]), lock_is_held(db)))
        _, err = run.communicate(timeout=400)
    finally:
        kill_group(run)
    assert run.returncode == 0, err[-3000:]
    assert answers and answers[0][1], "the first query ran while the run held the writer lock"
    (after,), = query(db, "select count(*) from published.events")
    assert all(n in (before, after) for n, _ in answers), "readers see before or after, never half a publish"
