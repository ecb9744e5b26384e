"""Event triggers: the words that report an event, coded from data/triggers.yaml.

All rules' patterns are compiled into one alternation with a named group per rule, so an
article is scanned once, whatever the number of rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Rule:
    """One trigger rule (see the header of data/triggers.yaml)."""

    id: str
    type: str
    mode: str | None
    cameo: str | None
    acled: tuple[str, str] | None
    rank: int
    weight: float
    complement: bool
    weak: bool
    any_frame: bool
    modes: tuple[tuple[str, re.Pattern[str]], ...] = field(default=())


@dataclass(frozen=True)
class Trigger:
    """A rule firing at a span of the article."""

    start: int
    end: int
    text: str
    rule: Rule


@dataclass(frozen=True)
class RuleSet:
    rules: dict[str, Rule]
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def rules() -> RuleSet:
    """Load and compile the trigger rules once per process."""
    with open(DATA_DIR / "triggers.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    by_group: dict[str, Rule] = {}
    parts: list[str] = []
    for i, r in enumerate(data["rules"]):
        modes = tuple((m, re.compile(rf"\b(?:{p})\b", re.I)) for m, p in (r.get("modes") or {}).items())
        rule = Rule(
            id=r["id"], type=r["type"], mode=r.get("mode"), cameo=r.get("cameo"),
            acled=tuple(r["acled"]) if r.get("acled") else None, rank=int(r.get("rank", 0)),
            weight=float(r.get("weight", 0.7)), complement=r.get("scope") == "complement", modes=modes,
            weak=bool(r.get("weak")), any_frame=r.get("frame") == "any",
        )
        group = f"r{i}"
        by_group[group] = rule
        parts.append(f"(?P<{group}>{'|'.join(_lower(p) for p in r['patterns'])})")
    # Matching lower-cased text without re.IGNORECASE is about three times faster.
    pattern = re.compile(r"(?<![\w-])(?:%s)(?![\w])" % "|".join(parts))
    return RuleSet(by_group, pattern)


def _lower(pattern: str) -> str:
    """Lower-case a pattern's literal letters, leaving escapes such as \\S and \\W alone."""
    return re.sub(r"(?<!\\)[A-Z]", lambda m: m.group().lower(), pattern)


def lower_same_length(text: str) -> str:
    """``text.lower()`` with offsets preserved (a few characters grow when lower-cased)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def find_triggers(text: str) -> list[Trigger]:
    """All trigger matches in the text, left to right, non-overlapping.

    Where two rules could match at one position the earlier rule in the file wins, so
    specific rules are listed before generic ones.
    """
    rs = rules()
    out: list[Trigger] = []
    for m in rs.pattern.finditer(lower_same_length(text)):
        out.append(Trigger(m.start(), m.end(), text[m.start():m.end()], rs.rules[m.lastgroup or ""]))
    return out
