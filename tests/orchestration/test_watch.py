"""The watcher's pure logic: fingerprints, new/changed detection, settling, state round trip."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from newsevents.watch import (DROPPED_EVENT, Fingerprint, default_state_path, event_spec, load_state, save_state,
                              scan)

OLD = time.time() - 60


def put(folder: Path, name: str, text: str, mtime: float = OLD) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.utime(path, (mtime, mtime))
    return path


def test_new_then_nothing_then_changed(tmp_path):
    put(tmp_path, "a.md", "alpha")
    put(tmp_path, "sub/b.txt", "beta")
    put(tmp_path, "README.md", "docs are not articles")
    put(tmp_path, "image.png", "not an article")
    first = scan(tmp_path, {})
    assert [(c.path, c.kind) for c in first.changes] == [("a.md", "new"), ("sub/b.txt", "new")]
    assert scan(tmp_path, first.state).changes == []

    put(tmp_path, "a.md", "alpha, edited", mtime=OLD + 5)
    third = scan(tmp_path, first.state)
    assert [(c.path, c.kind) for c in third.changes] == [("a.md", "changed")]


def test_touch_without_new_bytes_is_not_a_change(tmp_path):
    put(tmp_path, "a.md", "alpha")
    first = scan(tmp_path, {})
    put(tmp_path, "a.md", "alpha", mtime=OLD + 30)
    again = scan(tmp_path, first.state)
    assert again.changes == [] and again.state["a.md"].mtime_ns != first.state["a.md"].mtime_ns


def test_file_still_being_written_waits_for_the_next_scan(tmp_path):
    put(tmp_path, "fresh.md", "half writ", mtime=time.time())
    first = scan(tmp_path, {}, settle=30)
    assert first.changes == [] and first.unsettled == ["fresh.md"] and "fresh.md" not in first.state
    later = scan(tmp_path, first.state, settle=30, now=time.time() + 60)
    assert [c.path for c in later.changes] == ["fresh.md"]


def test_deleted_files_are_forgotten(tmp_path):
    path = put(tmp_path, "a.md", "alpha")
    first = scan(tmp_path, {})
    path.unlink()
    assert scan(tmp_path, first.state).state == {}


def test_state_round_trip_and_bad_state(tmp_path):
    state = {"a.md": Fingerprint(1, 2, "ab")}
    path = default_state_path(tmp_path / "inbox", tmp_path / "state")
    assert path.name.startswith("inbox-")
    save_state(path, tmp_path, state)
    assert load_state(path) == state
    path.write_text("{not json")
    assert load_state(path) == {}
    assert load_state(tmp_path / "missing.json") == {}


def test_event_carries_folder_path_and_db(tmp_path):
    put(tmp_path, "a.md", "alpha")
    [change] = scan(tmp_path, {}).changes
    spec = event_spec(tmp_path, change, "/data/wh.duckdb")
    assert spec["event"] == DROPPED_EVENT
    assert spec["resource"]["prefect.resource.id"] == f"newsevents.file.{tmp_path.resolve() / 'a.md'}"
    assert spec["payload"]["folder"] == str(tmp_path.resolve())
    assert spec["payload"]["db"] == "/data/wh.duckdb" and spec["payload"]["change"] == "new"


def test_watch_without_a_server_fails_clearly(tmp_path):
    env = dict(os.environ, PREFECT_API_URL="http://127.0.0.1:9/api", PREFECT_HOME=str(tmp_path / "ph"))
    done = subprocess.run([str(Path(sys.executable).with_name("newsevents")), "watch", str(tmp_path), "--once",
                           "--state", str(tmp_path / "s.json")], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode != 0
    assert "no Prefect server" in done.stderr and "make serve" in done.stderr
