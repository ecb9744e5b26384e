"""Helpers shared by the failure drills: run the real CLI, mount file systems, read warehouses.

Kept out of ``conftest.py`` so the drills can import them by name; every helper bounds
its waits and cleans up the processes and mounts it creates.
"""

from __future__ import annotations

import contextlib
import csv
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from warehouse_reads import query  # noqa: F401  (re-exported: the drills read the warehouse with it)

REPO = Path(__file__).resolve().parents[2]
NEWSEVENTS = Path(sys.executable).with_name("newsevents")
SEED_ARTICLE = REPO / "seeds" / "2025-05-18-trump-putin-call-sumy-strike.md"
SHARED_ARTICLES = REPO.parent / "shared" / "corpora" / "articles" / "news_2025_full_text.csv"


@dataclass(frozen=True)
class Result:
    """What a finished CLI process left behind."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(args: Sequence[str], env: dict[str, str], timeout: float = 240.0) -> Result:
    """Run ``newsevents ARGS`` to completion (killed with its children after ``timeout``)."""
    return run_process([str(NEWSEVENTS), *args], env, timeout)


def run_process(argv: Sequence[str], env: dict[str, str], timeout: float) -> Result:
    proc = subprocess.Popen(list(argv), env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, errors="replace", start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        out, err = proc.communicate()
        pytest.fail(f"{' '.join(argv)} did not finish within {timeout:.0f} s\n{err[-3000:]}")
    finally:
        kill_group(proc)
    return Result(proc.returncode, out, err)


def cli_with_patch(patch: str, args: Sequence[str], env: dict[str, str], timeout: float = 120.0) -> Result:
    """Run the real CLI entry point in a fresh interpreter after a one-line setting change.

    For settings with no flag or variable (a reader's lock wait, the feeds file): the
    process, argument parsing and error printing are exactly the console script's.
    """
    code = f"import sys\n{patch}\nfrom newsevents.cli import main\nsys.exit(main(sys.argv[1:]))"
    return run_process([sys.executable, "-c", code, *args], env, timeout)


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL a process started with ``start_new_session=True`` and everything it started."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
    else:  # the leader is gone; its children (Prefect's helpers) may not be
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)


def assert_user_error(result: Result, *needles: str) -> None:
    """A failure a user can act on: non-zero exit, no traceback, the problem and a hint."""
    assert result.returncode != 0, result.stdout[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-4000:]
    assert "error: " in result.stderr and "hint: " in result.stderr, result.stderr[-4000:]
    for needle in needles:
        assert needle in result.stderr, f"{needle!r} not in:\n{result.stderr[-4000:]}"


@contextlib.contextmanager
def tmpfs(path: Path, size: str = "16m") -> Iterator[Path]:
    """Mount a private tmpfs at ``path`` (root only); skip the drill when that is impossible."""
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or 'mount failed'}); needs root")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30)


@contextlib.contextmanager
def read_only_view(source: Path, path: Path) -> Iterator[Path]:
    """A read-only bind mount of ``source`` at ``path``: read-only even for root (chmod is not)."""
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "--bind", "-o", "ro", str(source), str(path)],
                          capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        pytest.skip(f"cannot make a read-only bind mount ({done.stderr.strip() or 'mount failed'})")
    try:
        probe = path / ".probe"
        try:
            probe.write_text("x")
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.skip("bind mount is not read-only on this kernel")
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30)


def real_texts(limit: int) -> list[tuple[str, str]]:
    """(url, text) pairs from ../shared's news corpus when present, else an empty list."""
    if not SHARED_ARTICLES.is_file():
        return []
    csv.field_size_limit(1 << 30)
    with SHARED_ARTICLES.open(encoding="utf-8", newline="") as fh:
        return [(row["url"], row["text"]) for _, row in zip(range(limit), csv.DictReader(fh))]


def write_articles(folder: Path, count: int, start: int = 0, chars: int = 2500) -> list[Path]:
    """``count`` distinct, short news articles with front matter (URL and date given).

    Each mixes the shipped seed's violent-event paragraph (so the extractor finds events)
    with a slice of a real article (so near-duplicate detection keeps them apart);
    without ../shared the slice is a numbered variant of the seed itself.
    """
    folder.mkdir(parents=True, exist_ok=True)
    seed_body = SEED_ARTICLE.read_text(encoding="utf-8").split("---", 2)[2].strip()
    paragraphs = [p for p in seed_body.split("\n\n") if p.strip()]
    real = real_texts(400)
    paths = []
    for i in range(start, start + count):
        lead = paragraphs[i % len(paragraphs)].replace("nine", str(i % 40 + 2)).replace("seven", str(i % 9 + 1))
        if real:
            url, text = real[i % len(real)]
            offset = (i // len(real)) * chars
            body = text[offset:offset + chars] or text[:chars]
        else:
            url, body = f"https://example.org/drill/{i}", " ".join(paragraphs[(i + k) % len(paragraphs)] for k in range(3))
        path = folder / f"drill-{i:05d}.md"
        url = f"{url}{'&' if '?' in url else '?'}drill={i}"  # a distinct article, not a new version
        path.write_text(f"---\ntitle: Drill article {i}\nurl: {url}\n"
                        f"published_at: 2025-08-{i % 28 + 1:02d}T10:00:00Z\nlanguage: en\n---\n\n"
                        f"{lead}\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


