"""`make serve` for real, and a dropped file reaching the published tables with no manual step.

Starts ``python -m flows.serve`` exactly as ``make serve`` does — a real Prefect server
(SQLite, temporary PREFECT_HOME, a free 127.0.0.1 port), the process work pool, every
deployment of prefect.yaml and a worker — then drops two articles into an inbox folder
and runs ``newsevents watch --once``. The ``pipeline-on-dropped-file`` deployment's
trigger fires, the worker runs the pipeline, and the test polls the temporary DuckDB
file (read-only, retrying while a run writes) until the articles are published.
Schedules and triggers need this real server: the in-process test server refuses them.
Whatever happens, ``stop`` runs and every child process group is killed.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from orchestration_helpers import NEWSEVENTS, PYTHON, REPO, child_env, free_port, write_seeds

DEADLINE_SECONDS = 180


def api(url: str, path: str, body: dict | None = None) -> object:
    request = urllib.request.Request(f"{url}{path}", data=json.dumps(body or {}).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def published_urls(db: Path) -> set[str]:
    """Read-only and forgiving: the file may not exist yet or be held by a writer for a moment."""
    if not db.exists():
        return set()
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return set()
    try:
        return {url for (url,) in con.execute("select url from published.articles").fetchall()}
    except duckdb.Error:
        return set()
    finally:
        con.close()


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except (OSError, IndexError):
        return False


@pytest.mark.slow
def test_make_serve_then_a_dropped_file_is_published(tmp_path):
    home, port, db = tmp_path / "prefect-home", free_port(), tmp_path / "wh" / "newsevents.duckdb"
    env = child_env(PREFECT_HOME=str(home), NEWSEVENTS_DB=str(db), NEWSEVENTS_REPORTS=str(tmp_path / "reports"),
                    PREFECT_WORKER_QUERY_SECONDS="2", PREFECT_LOGGING_LEVEL="INFO")
    env.pop("PREFECT_API_URL", None)
    serve = [PYTHON, "-m", "flows.serve"]
    pids: list[int] = []
    try:
        started = subprocess.run([*serve, "start", "--home", str(home), "--port", str(port)], cwd=REPO, env=env,
                                 capture_output=True, text=True, timeout=400)
        state = json.loads((home / "serve.json").read_text()) if (home / "serve.json").exists() else {}
        pids = [p for p in (state.get("server_pid"), state.get("worker_pid")) if p]
        assert started.returncode == 0, started.stderr + started.stdout
        assert f"Prefect UI: http://127.0.0.1:{port}" in started.stdout
        api_url = state["api_url"]
        assert len(pids) == 2 and all(alive(p) for p in pids)

        deployments = {d["name"]: d for d in api(api_url, "/deployments/filter")}
        assert set(deployments) == {"ingest-every-15-min", "process-landed-batch", "pipeline-on-dropped-file",
                                    "daily-quality-report", "reprocess-manual"}
        assert deployments["ingest-every-15-min"]["schedules"], "the ingest schedule was registered"
        automations = api(api_url, "/automations/filter")
        assert {a["trigger"]["expect"][0] for a in automations} == {"newsevents.articles.landed",
                                                                    "newsevents.article.dropped"}

        inbox = tmp_path / "inbox"
        dropped = write_seeds(inbox, count=2)
        old = time.time() - 10
        for path in dropped:
            os.utime(path, (old, old))
        watched = subprocess.run([NEWSEVENTS, "watch", str(inbox), "--once", "--db", str(db),
                                  "--state", str(tmp_path / "watch.json")],
                                 env={**env, "PREFECT_API_URL": api_url}, capture_output=True, text=True, timeout=120)
        assert watched.returncode == 0, watched.stderr
        assert watched.stdout.split() == ["new", dropped[0].name, "new", dropped[1].name]

        expected = {f"https://example.org/test/{p.stem}" for p in dropped}
        deadline = time.monotonic() + DEADLINE_SECONDS
        while time.monotonic() < deadline and not expected <= published_urls(db):
            time.sleep(2)
        worker_log = (home / "worker.log").read_text(errors="replace")[-3000:]
        assert expected <= published_urls(db), f"not published within {DEADLINE_SECONDS} s; worker log:\n{worker_log}"

        runs = api(api_url, "/flow_runs/filter", {"deployments": {"id": {
            "any_": [deployments["pipeline-on-dropped-file"]["id"]]}}})
        assert runs and all(r["parameters"]["seeds_dir"] == str(inbox.resolve()) for r in runs)
        assert all(r["parameters"]["db"] == str(db) for r in runs)

        stopped = subprocess.run([*serve, "stop", "--home", str(home)], cwd=REPO, env=env, capture_output=True,
                                 text=True, timeout=60)
        assert stopped.returncode == 0 and "stopped" in stopped.stdout
        assert not any(alive(p) for p in pids)
        assert not (home / "serve.json").exists()
    finally:
        subprocess.run([*serve, "stop", "--home", str(home)], cwd=REPO, env=env, capture_output=True, timeout=60)
        for pid in pids:
            try:
                os.killpg(pid, 9)
            except (ProcessLookupError, PermissionError):
                pass
