"""Drills 1 and 2: ``kill -9`` of a run while it publishes, then two runs at once to recover.

A warehouse holding a first small batch is hit by ``newsevents run`` on a few hundred
more articles, killed with SIGKILL at chosen moments: while landing raw articles, and
at several delays after validation, i.e. inside or around the one publishing
transaction. After every kill the warehouse must open and ``published.*`` must be
exactly as before the run (full rows) or exactly as after a completed run (compared
with the final, completed state) — never partial. Then two runs are started at once
(one waits for the other's writer lock) and between them they finish the work: every
input file is in raw, nothing is pending, every table still reads back whole.

The kill moments are found from the run's own log (``-v``), not from wall-clock
guesses, so the drill hits the same phases on a fast or a loaded machine.
"""

from __future__ import annotations

import queue
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from drill_support import NEWSEVENTS, REPO, kill_group, query, run_cli, write_articles
from warehouse.connection import connect

pytestmark = pytest.mark.slow

BASE_ARTICLES = 10
BATCH_ARTICLES = 300
#: (task whose "Finished" log line starts the clock, seconds to wait, then SIGKILL)
KILL_POINTS = (("read-seeds", 0.15), ("validate-batch", 0.0), ("validate-batch", 0.25), ("validate-batch", 0.6))
RUN_TIMEOUT = 300.0
PUBLISHED = ("articles", "event_mentions", "events")


@dataclass
class Kill:
    marker: str
    delay: float
    killed: bool = False
    outcome: str = ""  # "before" (rolled back) or "after" (committed)
    stable: dict | None = None


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every published row, in a stable order: for exact before/after comparisons."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(con.execute(f"select * from published.{t}").fetchall(), key=repr) for t in PUBLISHED}
    finally:
        con.close()


def _stable(db: Path) -> dict[str, list[tuple]]:
    """What two independent completions of the same work must share (no run ids or times)."""
    return {
        "articles": query(db, "select article_id, content_hash from published.articles order by 1"),
        "mentions": query(db, "select event_id, article_id, event_type, evidence_start "
                              "from published.event_mentions order by 1"),
        "quarantined": query(db, "select distinct article_id, content_hash from quarantine.articles order by 1"),
        "events": query(db, "select count(*) from published.events"),
    }


def _assert_consistent(db: Path) -> None:
    """No half-published article: every mention's article is published, and vice versa per run."""
    orphans = query(db, "select count(*) from published.event_mentions m "
                        "where not exists (select 1 from published.articles a where a.article_id = m.article_id)")
    assert orphans == [(0,)], "mentions of an article that is not published"
    split = query(db, "select count(*) from published.event_mentions m join published.articles a using (article_id) "
                      "where m.run_id <> a.run_id")
    assert split == [(0,)], "an article's mentions come from another run than the article: partial publish"
    dup = query(db, "select count(*) - count(distinct article_id) from published.articles")
    assert dup == [(0,)]


def _run_and_kill(cmd: list[str], env: dict[str, str], marker: str, delay: float) -> bool:
    """Start ``cmd``; SIGKILL its process group ``delay`` s after ``marker``'s task finished.

    Returns False when the run ended on its own before the marker appeared.
    """
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, errors="replace", start_new_session=True)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in proc.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + RUN_TIMEOUT
    try:
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1.0)
            except queue.Empty:
                continue
            if line is None:
                return False
            if f"Task run '{marker}-" in line and "Finished in state" in line:
                time.sleep(delay)
                if proc.poll() is not None:
                    return False
                kill_group(proc)
                return True
        pytest.fail(f"no '{marker}' log line within {RUN_TIMEOUT:.0f} s")
    finally:
        kill_group(proc)


def _copy_warehouse(src: Path, dst: Path) -> None:
    for suffix in ("", ".wal"):
        source, target = Path(str(src) + suffix), Path(str(dst) + suffix)
        if source.exists():
            shutil.copy2(source, target)
        elif target.exists():
            target.unlink()


def test_kill_minus_9_while_publishing_leaves_before_or_after_and_the_next_runs_finish(tmp_path, drill_env):
    db = tmp_path / "wh" / "newsevents.duckdb"
    base, batch = tmp_path / "base", tmp_path / "batch"
    write_articles(base, BASE_ARTICLES)
    inputs = write_articles(batch, BATCH_ARTICLES)  # the first BASE_ARTICLES files are the base's, unchanged
    reports = tmp_path / "reports"
    common = ["--db", str(db), "--reports", str(reports), "--no-feed-config"]

    first = run_cli(["run", "--seeds", str(base), *common], drill_env, timeout=RUN_TIMEOUT)
    assert first.returncode in (0, 3), first.stderr[-3000:]
    assert query(db, "select count(*) from published.articles")[0][0] > 0

    kills = [Kill(marker, delay) for marker, delay in KILL_POINTS]
    pre_run = tmp_path / "pre-run.duckdb"
    for kill in kills:
        before = _snapshot(db)
        _copy_warehouse(db, pre_run)
        kill.killed = _run_and_kill([str(NEWSEVENTS), "run", "-v", "--seeds", str(batch), *common],
                                    drill_env, kill.marker, kill.delay)
        with connect(db):  # opens read-write, replays or discards the WAL, applies migrations
            pass
        _assert_consistent(db)
        after = _snapshot(db)
        if after == before:
            kill.outcome = "before"
        else:
            kill.outcome, kill.stable = "after", _stable(db)
            _copy_warehouse(pre_run, db)  # so that the next kill point has a publish to interrupt
        print(f"kill after {kill.marker}+{kill.delay}s: killed={kill.killed} published={kill.outcome}")

    assert any(k.killed and k.outcome == "before" and k.marker == "validate-batch" for k in kills), \
        "no kill landed before the publishing transaction committed; the drill proved nothing"

    # Drill 2 on top: two runs started at once recover the work; one waits for the other.
    cmd = [str(NEWSEVENTS), "run", "--seeds", str(batch), *common]
    procs = [subprocess.Popen(cmd, env=drill_env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, errors="replace", start_new_session=True) for _ in range(2)]
    try:
        outs = [p.communicate(timeout=RUN_TIMEOUT) for p in procs]
    finally:
        for p in procs:
            kill_group(p)
    for p, (out, err) in zip(procs, outs):
        assert p.returncode in (0, 3), err[-3000:]
        assert "Traceback" not in err, err[-3000:]
    assert sum("waiting for the warehouse writer lock" in err for _, err in outs) == 1

    # Nothing lost: every input file is in raw (stored or rejected), nothing is left pending.
    refs = {r for (r,) in query(db, "select source_ref from raw.articles union select source_ref "
                                    "from raw.rejected_inputs")}
    assert refs == {p.name for p in inputs}
    assert query(db, "select count(*) from raw.articles") == [(len(inputs),)], "an article landed twice"
    pending = query(db, "select count(*) from raw.articles r where not exists (select 1 from published.articles p "
                        "where p.article_id = r.article_id and p.content_hash = r.content_hash) and not exists "
                        "(select 1 from quarantine.articles q where q.article_id = r.article_id "
                        "and q.content_hash = r.content_hash)")
    assert pending == [(0,)], "raw articles neither published nor quarantined after recovery"
    _assert_consistent(db)
    final = _stable(db)
    for kill in kills:
        if kill.outcome == "after":
            assert kill.stable == final, f"kill after {kill.marker}+{kill.delay}s left a different 'after'"
    _assert_reads_back_whole(db)


def _assert_reads_back_whole(db: Path) -> None:
    """Not corrupt: every table of every layer reads back completely (DuckDB checks block checksums)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute("select table_schema, table_name from information_schema.tables "
                             "where table_type = 'BASE TABLE'").fetchall()
        assert tables
        for schema, table in tables:
            n = con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()[0]
            assert len(con.execute(f'select * from "{schema}"."{table}"').fetchall()) == n
    finally:
        con.close()
