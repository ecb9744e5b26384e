"""One module per CLI sub-command; each exposes ``register(subparsers)``.

Modules are discovered automatically by :func:`newsevents.cli.build_parser`. Keep
module-level imports light: import heavy libraries inside the command's ``run``.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from typing import Any


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """Every command that touches the warehouse takes ``--db PATH`` (else ``NEWSEVENTS_DB``)."""
    parser.add_argument(
        "--db", metavar="PATH", default=None,
        help="DuckDB warehouse file (default: $NEWSEVENTS_DB or warehouse/newsevents.duckdb)",
    )


def add_flow_arguments(parser: argparse.ArgumentParser) -> None:
    """Options shared by the commands that run a flow."""
    parser.add_argument("--reports", metavar="DIR", default=None, help="reports folder (default: reports/)")
    parser.add_argument("--chunk-size", type=int, default=2000, help="articles per extraction batch")
    parser.add_argument("--workers", type=int, default=0,
                        help="extraction processes (default 0: every core for large batches, else one)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="show Prefect's run logs")


def prepare_prefect(verbose: bool) -> None:
    """Project-local Prefect home, no telemetry, quiet console unless asked: before Prefect loads.

    Without ``-v`` Prefect's console handler shows nothing (run logs still reach Prefect's
    API and UI); what a person must see — a run waiting for the writer lock — is printed
    by the ``newsevents`` logger on stderr instead.
    """
    import logging

    from newsevents import settings

    os.environ.setdefault("PREFECT_HOME", str(settings.PROJECT_ROOT / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    # Prefect's temporary server may need more than its 20 s default on a loaded machine.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    notices = logging.getLogger("newsevents.notices")
    notices.addHandler(handler)
    notices.setLevel(logging.INFO)
    notices.propagate = False


def start_prefect_server() -> None:
    """Start Prefect's temporary API server now, so it boots while the flow's modules import.

    Without ``PREFECT_API_URL`` a flow run starts Prefect's temporary server itself when it
    first needs the API: it imports Prefect's server code into this process (≈2 s) and then
    waits for the server process to boot (≈3 s), both before the run can begin. Started here,
    the same server process (same command, same settings, same Prefect home and database)
    boots in parallel, this process never imports the server code, and the flow finds it
    through ``PREFECT_API_URL``. The server is stopped when this process exits, after
    Prefect has flushed its logs and events, and dies with it if it is killed.

    Nothing happens when ``PREFECT_API_URL`` is set (a running server, ``make serve``'s or
    any other, is used as it is) or when Prefect's ephemeral mode is switched off. Call
    :func:`wait_for_prefect_server` before running the flow. Call after
    :func:`prepare_prefect`.
    """
    global _server
    from prefect.context import refresh_global_settings_context
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    if settings.api.url or not settings.server.ephemeral.enabled or _server is not None:
        return
    _server = _TemporaryServer(settings.server.ephemeral.startup_timeout_seconds,
                               settings.to_environment_variables(exclude_unset=True))
    os.environ["PREFECT_API_URL"] = _server.api_url
    refresh_global_settings_context()
    atexit.register(_stop_server)  # registered before Prefect's own exit handlers, so it runs after them


def wait_for_prefect_server() -> None:
    """Wait until the server of :func:`start_prefect_server` answers; if it cannot start,
    stop it and leave the API to Prefect's own temporary server, as if it had never been started."""
    if _server is None or _server.wait_healthy():
        return
    from prefect.context import refresh_global_settings_context

    _stop_server()
    os.environ.pop("PREFECT_API_URL", None)
    refresh_global_settings_context()


class _TemporaryServer:
    """Prefect's temporary server process (the command of ``prefect.server.api.server.SubprocessASGIServer``)."""

    def __init__(self, timeout_s: float, settings_env: dict[str, str]) -> None:
        self.timeout_s, self.settings_env = timeout_s, settings_env
        self.port = _free_port()
        self.process = self._start()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def _start(self) -> subprocess.Popen:
        import prefect

        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
               "PREFECT__SERVER_FINAL": "1", **self.settings_env}
        env.pop("PREFECT_API_URL", None)
        return subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(prefect.__module_path__.parent), "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
             "--log-level", "error", "--lifespan", "on"],
            env=env, preexec_fn=_die_with_parent)

    def wait_healthy(self) -> bool:
        deadline = time.monotonic() + self.timeout_s
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code == 3:  # uvicorn: the port was taken in the meantime; as Prefect does, try another
                from prefect.context import refresh_global_settings_context

                self.port = _free_port()
                self.process = self._start()
                os.environ["PREFECT_API_URL"] = self.api_url
                refresh_global_settings_context()
                continue
            if code is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as response:
                    if response.status == 200:
                        return True
            except OSError:
                pass
            time.sleep(0.1)
        return False

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


_server: _TemporaryServer | None = None


def _stop_server() -> None:
    global _server
    if _server is not None:
        _server.stop()
        _server = None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:
    """In the server process: be terminated when the CLI process dies, even by ``kill -9`` (Linux)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def print_summary(summary: dict[str, Any], as_json: bool) -> int:
    """Print a flow's run summary; exit 3 when rows were quarantined, else 0."""
    from newsevents.summary import RunSummary

    print(json.dumps(summary, default=str, indent=2) if as_json else RunSummary(**summary).render())
    return 3 if summary.get("rows_quarantined") else 0
