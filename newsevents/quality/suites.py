"""Suite files: Great Expectations Core 1.x JSON, one per dataset, edited without code changes.

A suite file is a GX ``ExpectationSuite`` as JSON plus two keys in its ``meta``:
``dataset`` (which warehouse DataFrame it validates) and ``key_column`` (the row id used
to quarantine failing rows). Each expectation carries GX's own ``severity``:
``critical`` blocks publishing, ``warning`` and ``info`` are reported only.
Problems are reported with the file and the expectation's position, never a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.errors import ConfigError

SEVERITIES = ("critical", "warning", "info")


@dataclass(frozen=True)
class SuiteFile:
    """A parsed suite file: what it validates and its expectation configurations."""

    name: str
    dataset: str
    key_column: str | None
    expectations: tuple[dict[str, Any], ...]
    path: Path


def load_suite(path: Path) -> SuiteFile:
    """Parse and check one suite file; errors name the file, the entry and the fix."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: line {exc.lineno}, column {exc.colno}: {exc.msg}",
                          hint="fix the JSON syntax (a validator such as `python -m json.tool FILE` shows it)") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("expectations"), list):
        raise ConfigError(f"{path}: a suite is an object with an \"expectations\" list",
                          hint="see expectations/events.json for the format")
    meta = doc.get("meta") or {}
    dataset = meta.get("dataset")
    if not dataset:
        raise ConfigError(f"{path}: meta.dataset is missing", hint='add "meta": {"dataset": "events", ...}')
    expectations = tuple(_checked(path, i, e) for i, e in enumerate(doc["expectations"]))
    return SuiteFile(str(doc.get("name") or path.stem), str(dataset), meta.get("key_column"), expectations, path)


def load_suites(directory: Path) -> list[SuiteFile]:
    """Every ``*.json`` suite in ``directory``, sorted by file name."""
    return [load_suite(p) for p in sorted(directory.glob("*.json"))]


def _checked(path: Path, index: int, exp: Any) -> dict[str, Any]:
    where = f"{path}: expectations[{index}]"
    if not isinstance(exp, dict) or not isinstance(exp.get("type"), str):
        raise ConfigError(f"{where}: each expectation needs a \"type\" string",
                          hint='e.g. {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "event_id"}}')
    severity = exp.get("severity", "critical")
    if severity not in SEVERITIES:
        raise ConfigError(f"{where} ({exp['type']}): severity {severity!r} is not one of {', '.join(SEVERITIES)}",
                          hint='use "critical" to block publishing or "warning" to report only')
    if not isinstance(exp.get("kwargs", {}), dict):
        raise ConfigError(f"{where} ({exp['type']}): kwargs must be an object")
    return {"type": exp["type"], "kwargs": dict(exp.get("kwargs", {})), "meta": dict(exp.get("meta", {})),
            "severity": severity}
