"""`newsevents run` without PREFECT_API_URL starts Prefect's temporary server itself, early, and
leaves nothing running behind it: not after a normal run, not after `kill -9`."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from orchestration_helpers import NEWSEVENTS, child_env, kill_group, write_seeds


def children(pid: int) -> dict[int, str]:
    """Child processes of ``pid``: pid → command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if ppid == pid:
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError, ValueError):
            continue
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def start(tmp_path: Path, seeds: Path) -> subprocess.Popen:
    env = child_env(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="90")
    env.pop("PREFECT_API_URL", None)
    return subprocess.Popen([NEWSEVENTS, "run", "--seeds", str(seeds), "--db", str(tmp_path / "w.duckdb"),
                             "--no-feed-config", "--reports", str(tmp_path / "reports"), "--json"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def server_of(proc: subprocess.Popen) -> int:
    servers: list[int] = []
    assert wait_until(lambda: bool(servers.extend(p for p, cmd in children(proc.pid).items() if "uvicorn" in cmd)
                                   or servers), 60), "no temporary server was started"
    return servers[0]


@contextlib.contextmanager
def run_with_server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen, int]]:
    """A `newsevents run` over two seed files, and the pid of the temporary server it started."""
    seeds = tmp_path / "seeds"
    write_seeds(seeds, 2)
    proc = start(tmp_path, seeds)
    try:
        yield proc, server_of(proc)
    finally:
        kill_group(proc)


def test_a_run_starts_its_temporary_server_and_stops_it(tmp_path):
    with run_with_server(tmp_path) as (proc, server):
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err[-2000:]
        assert '"status": "published"' in out
        assert wait_until(lambda: not alive(server), 10), "the temporary server outlived the run"


def test_the_temporary_server_dies_with_a_killed_run(tmp_path):
    with run_with_server(tmp_path) as (proc, server):
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert wait_until(lambda: not alive(server), 10), "the temporary server outlived a killed run"
