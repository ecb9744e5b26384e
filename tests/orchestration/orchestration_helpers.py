"""Helpers for the orchestration tests: seed folders, free ports, subprocess hygiene.

The articles come from the labelled dedup set in ``tests/dedup/data`` (distinct stories,
so none is dropped as a near-duplicate of another): several articles make a run take a
few seconds, long enough for a second process to overlap it.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GROUPS = REPO / "tests" / "dedup" / "data" / "groups.jsonl"
PYTHON = str(Path(sys.executable))
NEWSEVENTS = str(Path(sys.executable).with_name("newsevents"))


def corpus_articles() -> list[dict]:
    """The distinct articles of the labelled set (no near-duplicate copies)."""
    rows = [json.loads(line) for line in GROUPS.read_text().splitlines() if line.strip()]
    return [r for r in rows if "id" in r and not r.get("near_duplicate_of")]


def article_markdown(row: dict) -> str:
    front = {"title": row["title"], "url": f"https://example.org/test/{row['id']}", "source": row["source"],
             "published_at": row["published_at"], "language": "en"}
    lines = ["---", *(f"{k}: {json.dumps(v)}" for k, v in front.items()), "---", "", row["text"], ""]
    return "\n".join(lines)


def write_seeds(folder: Path, count: int | None = None, offset: int = 0) -> list[Path]:
    """Write ``count`` corpus articles (all when None) as Markdown seed files into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = corpus_articles()[offset:]
    rows = rows if count is None else rows[:count]
    paths = []
    for row in rows:
        path = folder / f"{row['id']}.md"
        path.write_text(article_markdown(row), encoding="utf-8")
        paths.append(path)
    return paths


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def child_env(**extra: str) -> dict[str, str]:
    """Environment for child processes: quiet, no telemetry, the venv first on PATH."""
    env = dict(os.environ)
    env.update(PREFECT_SERVER_ANALYTICS_ENABLED="false", GX_ANALYTICS_ENABLED="false",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}")
    env.update(extra)
    return env


def kill_group(proc: subprocess.Popen, timeout: float = 15) -> None:
    """End a child started with ``start_new_session=True`` and everything it spawned."""
    if proc.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=timeout)
            return
        except subprocess.TimeoutExpired:
            continue
