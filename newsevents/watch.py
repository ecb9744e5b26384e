"""Folder watching, as pure logic: which article files are new or changed since the last look.

``newsevents watch DIR`` turns every new or changed article file into one event; a
deployment triggered by that event runs the pipeline on the folder. This module only
decides *what changed*: it fingerprints the folder's article files (mtime, size and a
content hash), compares them with the fingerprints remembered in a small JSON state
file, and describes the events to send. Sending them is the command's job (it is the
only place that imports Prefect), and the state is saved only after sending succeeded,
so a failed send is simply retried on the next scan.

Why all three fingerprints: mtime and size are free to read, so an unchanged file is
never re-read; the hash decides, so a file touched or copied over with the same bytes
is not reported again. A file modified within the last ``settle`` seconds may still be
being written; it is left for the next scan instead of being ingested half-written.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from newsevents.errors import NewsEventsError
from newsevents.seeds import seed_files

#: Event name sent per new or changed article file.
DROPPED_EVENT = "newsevents.article.dropped"
#: Resource id prefix of those events (the trigger in prefect.yaml matches ``newsevents.file.*``).
FILE_RESOURCE_PREFIX = "newsevents.file."
STATE_VERSION = 1


@dataclass(frozen=True)
class Fingerprint:
    """What identifies one version of a file."""

    mtime_ns: int
    size: int
    sha256: str


@dataclass(frozen=True)
class Change:
    """A new or changed article file, relative to the watched folder."""

    path: str
    kind: Literal["new", "changed"]
    fingerprint: Fingerprint


@dataclass(frozen=True)
class Scan:
    """One look at the folder: what changed, what is still being written, and the new state."""

    changes: list[Change]
    unsettled: list[str]
    state: dict[str, Fingerprint]


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def scan(folder: Path, previous: Mapping[str, Fingerprint], settle: float = 1.0,
         now: float | None = None) -> Scan:
    """Compare the folder's article files with ``previous``; files that vanished are forgotten.

    Unsettled files (modified less than ``settle`` seconds ago) keep their previous
    fingerprint in the returned state, so they are reported once they settle.
    """
    if not folder.is_dir():
        raise NewsEventsError(f"{folder} is not a folder", hint="pass the folder to watch, e.g. `newsevents watch seeds`")
    now = time.time() if now is None else now
    changes: list[Change] = []
    unsettled: list[str] = []
    state: dict[str, Fingerprint] = {}
    for path in seed_files(folder):
        key = path.relative_to(folder).as_posix()
        try:
            stat = path.stat()
        except FileNotFoundError:  # deleted between listing and stat
            continue
        before = previous.get(key)
        if before and (before.mtime_ns, before.size) == (stat.st_mtime_ns, stat.st_size):
            state[key] = before
            continue
        if now - stat.st_mtime_ns / 1e9 < settle:
            unsettled.append(key)
            if before:
                state[key] = before
            continue
        current = Fingerprint(stat.st_mtime_ns, stat.st_size, file_hash(path))
        state[key] = current
        if before is None:
            changes.append(Change(key, "new", current))
        elif before.sha256 != current.sha256:
            changes.append(Change(key, "changed", current))
    return Scan(changes, unsettled, state)


def event_spec(folder: Path, change: Change, db: str | None) -> dict[str, Any]:
    """The event for one change, as plain data: ``event``, ``resource`` and ``payload``.

    The payload carries everything the triggered deployment needs (the folder to ingest
    and the warehouse to write), so the trigger passes it on without looking anything up.
    """
    path = (folder / change.path).resolve()
    return {
        "event": DROPPED_EVENT,
        "resource": {"prefect.resource.id": f"{FILE_RESOURCE_PREFIX}{path}", "prefect.resource.name": path.name},
        "payload": {"path": str(path), "folder": str(folder.resolve()), "db": db, "change": change.kind,
                    "size": change.fingerprint.size, "sha256": change.fingerprint.sha256},
    }


def default_state_path(folder: Path, state_dir: Path) -> Path:
    """One state file per watched folder, named after the folder and a hash of its full path."""
    resolved = folder.resolve()
    digest = hashlib.sha1(str(resolved).encode()).hexdigest()[:10]
    return state_dir / f"{resolved.name or 'root'}-{digest}.json"


def load_state(path: Path) -> dict[str, Fingerprint]:
    """Remembered fingerprints; a missing or unreadable state file means "nothing seen yet"."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != STATE_VERSION:
            return {}
        return {key: Fingerprint(**value) for key, value in data["files"].items()}
    except (OSError, ValueError, TypeError, KeyError):
        return {}


def save_state(path: Path, folder: Path, state: Mapping[str, Fingerprint]) -> None:
    """Write atomically (temp file + rename), so a crash never leaves half a state file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"version": STATE_VERSION, "folder": str(folder.resolve()),
            "files": {key: asdict(value) for key, value in sorted(state.items())}}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(body, indent=1), encoding="utf-8")
    os.replace(tmp, path)
