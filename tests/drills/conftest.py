"""Drills run the real ``newsevents`` console script in subprocesses against real files.

One Prefect API server is started for the whole drill session and shared by every
subprocess (``PREFECT_API_URL``): without it each ``newsevents run`` starts its own
temporary server, which costs 15–25 s per run on a 2-core machine.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

SERVER_START_SECONDS = 90.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def drill_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Environment for CLI subprocesses: a shared Prefect server and a private Prefect home.

    Falls back to Prefect's per-process temporary server when ours does not come up.
    """
    home = tmp_path_factory.mktemp("prefect-home")
    env = dict(os.environ, PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               GX_ANALYTICS_ENABLED="false", PREFECT_UI_ENABLED="false", PYTHONUNBUFFERED="1")
    env.pop("PREFECT_API_URL", None)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    prefect = Path(sys.executable).with_name("prefect")
    log = (home / "server.log").open("wb")
    server = subprocess.Popen([str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline and server.poll() is None and not _healthy(url):
            time.sleep(0.5)
        yield dict(env, PREFECT_API_URL=url) if _healthy(url) else env
    finally:
        _kill_group(server)
        log.close()


def _kill_group(proc: subprocess.Popen) -> None:
    """Stop a process started with ``start_new_session=True`` and all its children."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, 15)
            proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, 9)
            except ProcessLookupError:
                pass
            proc.wait(timeout=10)
