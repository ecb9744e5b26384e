"""Load and validate ``feeds.yaml``: the reviewable list of feeds the pipeline polls.

Validation is strict (unknown keys, wrong types and bad URLs are errors) because a typo
in a config file that is silently ignored means a feed that is silently never polled.
Every error names the file, the entry and the key, and says how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsevents.errors import ConfigError

FEED_KEYS = {"name", "url", "fulltext", "tags", "enabled"}
TOP_KEYS = {"feeds", "defaults"}
DEFAULT_KEYS = {"fulltext", "enabled", "tags"}


@dataclass(frozen=True)
class FeedConfig:
    """One configured feed. ``enabled: false`` keeps it listed but not polled."""

    name: str
    url: str
    fulltext: bool = False
    tags: tuple[str, ...] = field(default_factory=tuple)
    enabled: bool = True


def feed_from_url(url: str, fulltext: bool = False) -> FeedConfig:
    """Build an ad-hoc feed for ``newsevents run --feed URL``; the name is the host."""
    _check_url(url, where="--feed", source="command line")
    return FeedConfig(name=urlsplit(url).hostname or url, url=url, fulltext=fulltext)


def load_feeds(path: Path | None = None, include_disabled: bool = False) -> list[FeedConfig]:
    """Read the feeds file; a missing file means no feeds (seeds-only runs still work)."""
    if path is None:
        from newsevents.settings import FEEDS_FILE

        path = FEEDS_FILE
    if not path.exists():
        return []
    doc = _read_yaml(path)
    feeds = parse_feeds(doc, source=str(path))
    return feeds if include_disabled else [f for f in feeds if f.enabled]


def _read_yaml(path: Path) -> Any:
    """Parse YAML, turning syntax errors into a ConfigError that names the file."""
    import yaml

    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc})", hint="fix the syntax") from exc


def parse_feeds(doc: Any, source: str) -> list[FeedConfig]:
    """Validate the parsed document; ``source`` names the file in messages."""
    if doc is None:
        return []
    if not isinstance(doc, dict):
        raise ConfigError(f"{source}: top level must be a mapping with a 'feeds' list",
                          hint="start the file with 'feeds:'")
    _no_unknown(doc, TOP_KEYS, source, "top level")
    defaults = doc.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise ConfigError(f"{source}: 'defaults' must be a mapping", hint="e.g. defaults: {enabled: false}")
    _no_unknown(defaults, DEFAULT_KEYS, source, "defaults")
    entries = doc.get("feeds") or []
    if not isinstance(entries, list):
        raise ConfigError(f"{source}: 'feeds' must be a list", hint="write each feed as '- name: ...'")
    feeds = [_parse_entry(e, i, defaults, source) for i, e in enumerate(entries)]
    _no_duplicates(feeds, source)
    return feeds


def _parse_entry(entry: Any, index: int, defaults: dict[str, Any], source: str) -> FeedConfig:
    """Validate one list item; merged with ``defaults`` so per-feed values win."""
    where = f"feeds[{index}]"
    if not isinstance(entry, dict):
        raise ConfigError(f"{source}: {where} must be a mapping", hint="give at least name and url")
    if isinstance(entry.get("name"), str):
        where = f"{where} ({entry['name']})"
    _no_unknown(entry, FEED_KEYS, source, where)
    merged = {**defaults, **entry}
    name = merged.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{source}: {where}: 'name' is missing or empty", hint="add name: <short label>")
    url = merged.get("url")
    if not isinstance(url, str):
        raise ConfigError(f"{source}: {where}: 'url' is missing", hint="add url: https://...")
    _check_url(url, where, source)
    return FeedConfig(
        name=name.strip(), url=url.strip(),
        fulltext=_bool(merged, "fulltext", False, where, source),
        tags=_tags(merged.get("tags"), where, source),
        enabled=_bool(merged, "enabled", True, where, source),
    )


def _check_url(url: str, where: str, source: str) -> None:
    """Only absolute http(s) URLs with a host are feeds we may fetch."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{source}: {where}: 'url' {url!r} is not an absolute http(s) URL",
                          hint="use a full URL such as https://example.org/feed.xml")


def _bool(entry: dict[str, Any], key: str, default: bool, where: str, source: str) -> bool:
    """YAML booleans only: the string "no" would otherwise be truthy."""
    value = entry.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"{source}: {where}: '{key}' must be true or false, got {value!r}",
                          hint=f"write {key}: true or {key}: false")
    return value


def _tags(value: Any, where: str, source: str) -> tuple[str, ...]:
    """Tags are an optional list of non-empty strings."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
        raise ConfigError(f"{source}: {where}: 'tags' must be a list of strings, got {value!r}",
                          hint="write tags: [world, politics]")
    return tuple(t.strip() for t in value)


def _no_unknown(mapping: dict[str, Any], allowed: set[str], source: str, where: str) -> None:
    """Unknown keys are usually typos of known ones; say which keys are allowed."""
    unknown = sorted(str(k) for k in mapping if k not in allowed)
    if unknown:
        raise ConfigError(f"{source}: {where}: unknown key(s) {', '.join(unknown)}",
                          hint=f"allowed keys: {', '.join(sorted(allowed))}")


def _no_duplicates(feeds: list[FeedConfig], source: str) -> None:
    """Two entries with one URL would be polled twice and fight over one health row."""
    seen: dict[str, str] = {}
    for feed in feeds:
        if feed.url in seen:
            raise ConfigError(f"{source}: feed {feed.name!r}: url {feed.url} is already used by "
                              f"{seen[feed.url]!r}", hint="remove one of the two entries")
        seen[feed.url] = feed.name
