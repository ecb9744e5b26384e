"""``python -m flows.serve start|stop|status``: newsevents running by itself on this machine.

``make serve`` = ``start``: a local Prefect server (SQLite in the project-local Prefect
home ``.prefect/``), the ``newsevents`` process work pool, every deployment of
prefect.yaml (``prefect deploy --all``) and one worker. Schedules and event triggers
need a real server — Prefect's temporary in-process server refuses them — which is why
this exists. ``make stop`` = ``stop``: ends exactly the processes ``start`` recorded in
``.prefect/serve.json``, nothing found by name.

Every wait is bounded and fails with the log file to read; a start that fails half-way
stops what it had started. It uses Prefect's own CLI in subprocesses on purpose: that is
what a user would type, and it keeps this module free of Prefect internals.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
POOL = "newsevents"
DEFAULT_PORT = 4200
SERVER_START_TIMEOUT = 120.0
DEPLOY_TIMEOUT = 300.0
STOP_TIMEOUT = 20.0


class ServeError(RuntimeError):
    """A step of start/stop failed; the message says which and where to look."""


@dataclass
class Services:
    """What ``start`` launched, as recorded in ``<home>/serve.json`` for ``stop``."""

    home: str
    port: int
    api_url: str
    server_pid: int
    worker_pid: int | None = None


def prefect_env(home: Path, port: int) -> dict[str, str]:
    """The environment every Prefect command and the worker (and its flow runs) get."""
    env = dict(os.environ)
    env.update(PREFECT_HOME=str(home), PREFECT_API_URL=f"http://127.0.0.1:{port}/api",
               PREFECT_SERVER_API_HOST="127.0.0.1", PREFECT_SERVER_API_PORT=str(port),
               PREFECT_SERVER_ANALYTICS_ENABLED="false", GX_ANALYTICS_ENABLED="false",
               PREFECT_UI_URL=f"http://127.0.0.1:{port}",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}")
    env.pop("PREFECT_API_KEY", None)  # a local server; never send a cloud key to it
    return env


def _prefect() -> str:
    return str(Path(sys.executable).with_name("prefect"))


def state_file(home: Path) -> Path:
    return home / "serve.json"


def read_services(home: Path) -> Services | None:
    try:
        return Services(**json.loads(state_file(home).read_text()))
    except (OSError, ValueError, TypeError):
        return None


def is_ours(pid: int | None) -> bool:
    """Alive, and still a Prefect process (a recycled PID belonging to something else is not ours)."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except (ProcessLookupError, PermissionError, FileNotFoundError):
        return False
    return "prefect" in cmdline


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def port_in_use(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """A long-running child in its own session, so ``stop`` can end it and all its children."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        return subprocess.Popen(args, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)


def _run(args: list[str], env: dict[str, str], timeout: float, what: str, log: Path) -> None:
    """A short Prefect CLI command; its output goes to ``log``; fail with the tail of it."""
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(args)}\n".encode())
        out.flush()
        try:
            done = subprocess.run(args, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise ServeError(f"{what} did not finish within {timeout:.0f} s (see {log})") from exc
    if done.returncode != 0:
        raise ServeError(f"{what} failed (exit {done.returncode}):\n{_tail(log)}\n(full log: {log})")


def _tail(log: Path, lines: int = 15) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def wait_healthy(api_url: str, process: subprocess.Popen, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if healthy(api_url):
            return
        if process.poll() is not None:
            raise ServeError(f"the Prefect server exited (code {process.returncode}):\n{_tail(log)}")
        time.sleep(0.5)
    raise ServeError(f"the Prefect server was not healthy within {timeout:.0f} s (see {log})")


def start(home: Path, port: int, worker: bool = True, deploy_timeout: float = DEPLOY_TIMEOUT,
          server_timeout: float = SERVER_START_TIMEOUT) -> Services:
    """Server → health → work pool → deployments → worker; stops everything again on failure."""
    home.mkdir(parents=True, exist_ok=True)
    running = read_services(home)
    if running and is_ours(running.server_pid):
        print(f"already running: {running.api_url.removesuffix('/api')} (stop with `make stop`)")
        return running
    if port_in_use(port):
        raise ServeError(f"port {port} on 127.0.0.1 is in use by another program; stop it, or choose another "
                         f"port: python -m flows.serve start --port {port + 1}")
    env = prefect_env(home, port)
    log = home / "serve.log"
    services = Services(home=str(home), port=port, api_url=env["PREFECT_API_URL"], server_pid=0)
    server = _spawn([_prefect(), "server", "start", "--host", "127.0.0.1", "--port", str(port)], env,
                    home / "server.log")
    services.server_pid = server.pid
    _save(home, services)
    try:
        print(f"starting the Prefect server on 127.0.0.1:{port} (PREFECT_HOME={home}) …", flush=True)
        wait_healthy(services.api_url, server, server_timeout, home / "server.log")
        print(f"creating work pool {POOL!r} (process) and registering the deployments in prefect.yaml …", flush=True)
        _run([_prefect(), "--no-prompt", "work-pool", "create", POOL, "--type", "process", "--overwrite"], env,
             60, "creating the work pool", log)
        _run([_prefect(), "--no-prompt", "deploy", "--all", "--prefect-file", str(REPO / "prefect.yaml")], env,
             deploy_timeout, "prefect deploy --all", log)
        if worker:
            process = _spawn([_prefect(), "worker", "start", "--pool", POOL, "--type", "process"], env,
                             home / "worker.log")
            services.worker_pid = process.pid
            _save(home, services)
            time.sleep(1.0)
            if process.poll() is not None:
                raise ServeError(f"the worker exited at once:\n{_tail(home / 'worker.log')}")
    except BaseException:
        stop(home)
        raise
    return services


def _save(home: Path, services: Services) -> None:
    tmp = state_file(home).with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(services), indent=1))
    os.replace(tmp, state_file(home))


def _end(pid: int | None, timeout: float = STOP_TIMEOUT) -> bool:
    """SIGTERM the process group ``start`` created, then SIGKILL after ``timeout``."""
    if not is_ours(pid):
        return False
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return True
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not _alive(pid):
                return True
            time.sleep(0.2)
    return not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)  # reap it when it is our own child
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead for our purposes
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except (OSError, IndexError):
        return True


def stop(home: Path) -> list[str]:
    """End the worker first (no new flow runs), then the server; forget the state file."""
    services = read_services(home)
    if services is None:
        return []
    ended = []
    if _end(services.worker_pid):
        ended.append(f"worker (pid {services.worker_pid})")
    if _end(services.server_pid):
        ended.append(f"server (pid {services.server_pid})")
    state_file(home).unlink(missing_ok=True)
    return ended


def status(home: Path) -> str:
    services = read_services(home)
    if services is None or not is_ours(services.server_pid):
        return "not running (start with `make serve`)"
    health = "healthy" if healthy(services.api_url) else "NOT healthy"
    worker = "running" if is_ours(services.worker_pid) else "not running"
    return (f"server pid {services.server_pid}: {health}, UI {services.api_url.removesuffix('/api')}\n"
            f"worker pid {services.worker_pid}: {worker} (pool {POOL!r})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.serve", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("start", "stop", "status"))
    parser.add_argument("--home", default=os.environ.get("PREFECT_HOME") or str(REPO / ".prefect"),
                        help="Prefect home (default: $PREFECT_HOME or .prefect/ in the repo)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("NEWSEVENTS_PREFECT_PORT", DEFAULT_PORT)))
    parser.add_argument("--no-worker", action="store_true", help="register the deployments but start no worker")
    args = parser.parse_args(argv)
    home = Path(args.home).expanduser().resolve()
    try:
        if args.action == "start":
            services = start(home, args.port, worker=not args.no_worker)
            ui = services.api_url.removesuffix("/api")
            print(f"Prefect UI: {ui}\n"
                  f"  deployments: {ui}/deployments   worker logs: {home / 'worker.log'}\n"
                  f"  drop articles in with: PREFECT_API_URL={services.api_url} .venv/bin/newsevents watch seeds\n"
                  f"  stop with: make stop")
        elif args.action == "stop":
            ended = stop(home)
            print("stopped " + ", ".join(ended) if ended else "nothing to stop")
        else:
            print(status(home))
    except ServeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; stopping what was started", file=sys.stderr)
        stop(home)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
