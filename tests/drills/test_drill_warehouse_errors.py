"""Drill 3: a read-only, full, locked, missing or corrupt warehouse gives one clear error.

Each case runs the real ``newsevents`` console script and asserts a non-zero exit, no
traceback, the path at fault and a ``hint:`` saying what to do. Tests run as root, for
whom chmod changes nothing, so read-only is a read-only bind mount or ``chattr +i`` and
a full disk is a tiny tmpfs; each skips with the reason when the machine cannot do it.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drill_support import (assert_user_error, cli_with_patch, query, read_only_view, run_cli, tmpfs,
                           write_articles)
from warehouse.connection import connect

pytestmark = pytest.mark.slow


def _new_warehouse(path: Path) -> Path:
    """An empty, fully migrated warehouse, built in-process (no pipeline run needed)."""
    with connect(path):
        pass
    return path


def _run_args(db: Path, seeds: Path, tmp_path: Path) -> list[str]:
    return ["run", "--db", str(db), "--seeds", str(seeds), "--reports", str(tmp_path / "reports"),
            "--no-feed-config"]


def test_sql_on_a_missing_warehouse_says_run_first(tmp_path, drill_env):
    missing = tmp_path / "nowhere" / "newsevents.duckdb"
    result = run_cli(["sql", "select 1", "--db", str(missing)], drill_env, timeout=60)
    assert_user_error(result, str(missing), "newsevents run")
    assert not missing.exists(), "a reader must not create the warehouse"


def test_corrupt_warehouse_is_named_with_a_fix(tmp_path, drill_env, seed_dir):
    bad = tmp_path / "corrupt.duckdb"
    bad.write_bytes(random.Random(8).randbytes(300_000))
    before = bad.read_bytes()
    result = run_cli(["sql", "select 1", "--db", str(bad)], drill_env, timeout=60)
    assert_user_error(result, str(bad), "not a readable DuckDB", "move it aside")
    result = run_cli(_run_args(bad, seed_dir, tmp_path), drill_env)
    assert_user_error(result, str(bad), "not a readable DuckDB", "move it aside")
    assert bad.read_bytes() == before, "a failed run must leave the corrupt file as it was"


def test_locked_warehouse_names_the_holder_problem(tmp_path, drill_env):
    db = _new_warehouse(tmp_path / "locked.duckdb")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time\n"
                               f"con = duckdb.connect({str(db)!r})\nprint('holding', flush=True)\ntime.sleep(120)"],
        stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        # a reader waits READ_WAIT_SECONDS (60 s) for a writer; shortened here, nothing else changed
        result = cli_with_patch("import warehouse.connection as c; c.READ_WAIT_SECONDS = 1.0",
                                ["sql", "select count(*) from ops.runs", "--db", str(db)], drill_env, timeout=90)
        assert_user_error(result, str(db), "locked by another process", "close the other DuckDB session")
    finally:
        holder.kill()
        holder.wait(timeout=10)


def test_read_only_folder_refuses_run_but_serves_sql(tmp_path, drill_env, seed_dir):
    writable = tmp_path / "rw"
    writable.mkdir()
    _new_warehouse(writable / "newsevents.duckdb")
    with read_only_view(writable, tmp_path / "ro") as ro:
        db = ro / "newsevents.duckdb"
        result = run_cli(_run_args(db, seed_dir, tmp_path), drill_env)
        assert_user_error(result, str(db), "Read-only file system", "--db")
        # reading needs no write access: analysts can still query a read-only copy
        ok = run_cli(["sql", "select count(*) as n from published.articles", "--db", str(db)], drill_env,
                     timeout=60)
        assert ok.returncode == 0 and "Traceback" not in ok.stderr, ok.stderr[-3000:]


def test_immutable_warehouse_file_refuses_run(tmp_path, drill_env, seed_dir):
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    db = _new_warehouse(tmp_path / "imm" / "newsevents.duckdb")
    done = subprocess.run(["chattr", "+i", str(db)], capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        pytest.skip(f"this file system has no immutable attribute ({done.stderr.strip()})")
    try:
        result = run_cli(_run_args(db, seed_dir, tmp_path), drill_env)
        assert_user_error(result, str(db), "cannot be written", "permissions")
    finally:
        subprocess.run(["chattr", "-i", str(db)], capture_output=True, timeout=30)


def test_full_disk_fails_cleanly_and_publishes_nothing_partial(tmp_path, drill_env):
    with tmpfs(tmp_path / "small", size="3m") as small:
        db = _new_warehouse(small / "newsevents.duckdb")
        seeds = tmp_path / "seeds"
        write_articles(seeds, 40)
        rnd = random.Random(3)
        for i in range(40):  # incompressible bulk so that landing raw overflows 3 MB
            words = " ".join("".join(rnd.choices("abcdefghijklmnopqrstuvwxyz", k=rnd.randint(3, 9)))
                             for _ in range(9000))
            (seeds / f"bulk-{i:03d}.md").write_text(f"Bulk article {i}.\n\n{words}\n", encoding="utf-8")
        result = run_cli(_run_args(db, seeds, tmp_path), drill_env)
        assert_user_error(result, str(db), "disk full", "free disk space")
        # the warehouse still opens and holds nothing half-written
        assert query(db, "select count(*) from published.articles") == [(0,)]
        assert query(db, "select count(*) from raw.articles") == [(0,)]
