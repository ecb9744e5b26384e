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
    candidates: re.Pattern[str]  # positions where some rule could match (a cheap pre-scan)


@lru_cache(maxsize=1)
def rules() -> RuleSet:
    """Load and compile the trigger rules once per process."""
    with open(DATA_DIR / "triggers.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    rules_: list[tuple[Rule, list[str]]] = []
    for r in data["rules"]:
        modes = tuple((m, re.compile(rf"\b(?:{p})\b", re.I)) for m, p in (r.get("modes") or {}).items())
        rule = Rule(
            id=r["id"], type=r["type"], mode=r.get("mode"), cameo=r.get("cameo"),
            acled=tuple(r["acled"]) if r.get("acled") else None, rank=int(r.get("rank", 0)),
            weight=float(r.get("weight", 0.7)), complement=r.get("scope") == "complement", modes=modes,
            weak=bool(r.get("weak")), any_frame=r.get("frame") == "any",
        )
        rules_.append((rule, [_lower(p) for p in r["patterns"]]))
    by_group, body = _dispatch(rules_)
    # Matching lower-cased text without re.IGNORECASE is about three times faster.
    pattern = re.compile(r"(?<![\w-])(?:%s)(?![\w])" % body)
    return RuleSet(by_group, pattern, _candidate_scanner(p for _, pats in rules_ for p in pats))


def _dispatch(rules_: list[tuple[Rule, list[str]]]) -> tuple[dict[str, Rule], str]:
    """One alternation, bucketed by each pattern's possible first characters.

    Python's regex engine tries every branch of an alternation at every word start; a
    lookahead on the first character lets it skip all buckets but one, which makes the
    scan several times faster. Within a bucket rules keep their file order.
    """
    buckets: dict[str, list[tuple[int, str]]] = {}
    anywhere: list[tuple[int, str]] = []
    for i, (_, pats) in enumerate(rules_):
        for p in pats:
            chars = _first_chars(p)
            if chars is None:
                anywhere.append((i, p))
            else:
                for c in chars:
                    buckets.setdefault(c, []).append((i, p))
    by_group: dict[str, Rule] = {}
    branches: list[str] = []
    for b, (c, items) in enumerate(sorted(buckets.items())):
        items = sorted(items + anywhere, key=lambda ip: ip[0])
        alts: list[str] = []
        for i in dict.fromkeys(i for i, _ in items):
            group = f"r{i}_{b}"
            by_group[group] = rules_[i][0]
            alts.append(f"(?P<{group}>{'|'.join(p for j, p in items if j == i)})")
        branches.append(f"(?={re.escape(c)})(?:{'|'.join(alts)})")
    if anywhere:
        alts = []
        for i in dict.fromkeys(i for i, _ in anywhere):
            group = f"r{i}_any"
            by_group[group] = rules_[i][0]
            alts.append(f"(?P<{group}>{'|'.join(p for j, p in anywhere if j == i)})")
        branches.append("|".join(alts))
    return by_group, "|".join(branches)


def _candidate_scanner(patterns) -> re.Pattern[str]:
    """A regex that finds, in one C-speed pass, the places where a trigger could begin.

    Every pattern's possible first three characters are enumerated and compiled into a
    character trie (``a(?:tt|ir)|k(?:il)...``), which the regex engine scans far faster
    than the full rule alternation; the full rules then run only at those places.
    """
    trie: dict = {}
    for p in patterns:
        for prefix in _prefixes(p, 3):
            node = trie
            for ch in prefix:
                node = node.setdefault(ch, {})
            node[""] = {}
    return re.compile(r"(?<![\w-])(?=%s)" % _trie_regex(trie))


def _trie_regex(node: dict) -> str:
    """Regex for the strings of a character trie (an empty key marks an end)."""
    if "" in node:
        return ""  # a shorter prefix already admits every continuation
    alts = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items())]
    return alts[0] if len(alts) == 1 else "(?:%s)" % "|".join(alts)


def _prefixes(pattern: str, k: int) -> set[str]:
    """All possible beginnings of a match, cut at ``k`` characters or where unknowable."""
    from re import _parser as sre_parse  # type: ignore[attr-defined]
    from re import _constants as c  # type: ignore[attr-defined]

    def seq(items, heads: set[str]) -> tuple[set[str], bool]:
        """Extend each head with the sequence; returns (heads, still_extendable)."""
        for op, av in items:
            heads, ok = item(op, av, heads)
            if not ok:
                return heads, False
        return heads, True

    def item(op, av, heads: set[str]) -> tuple[set[str], bool]:
        done = {h for h in heads if len(h) >= k}
        todo = heads - done
        if not todo:
            return heads, True
        if op is c.LITERAL:
            return done | {h + chr(av) for h in todo}, True
        if op is c.IN:
            chars = _class_chars(av, 12)
            if chars is None:
                return heads, False
            return done | {h + ch for h in todo for ch in chars}, True
        if op is c.SUBPATTERN:
            out, ok = seq(av[-1], todo)
            return done | out, ok
        if op is c.BRANCH:
            out: set[str] = set()
            all_ok = True
            for alt in av[1]:
                o, ok = seq(alt, todo)
                out |= o
                all_ok = all_ok and ok
            return done | out, all_ok
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] <= 1 and av[1] == 1:
            once, ok = seq(av[2], todo)
            return (done | todo | once if av[0] == 0 else done | once), ok
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return heads, True
        return heads, False

    heads, _ = seq(sre_parse.parse(pattern), {""})
    return {h[:k] for h in heads}


def _class_chars(items, max_range: int) -> set[str] | None:
    """The characters of a parsed ``[...]`` class, or None when it is negated, holds a category
    (\\w, \\d) or a range wider than ``max_range`` (too many to enumerate usefully)."""
    from re import _constants as c  # type: ignore[attr-defined]

    chars: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            chars.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] < max_range:
            chars.update(chr(x) for x in range(av[0], av[1] + 1))
        else:
            return None
    return chars


def _first_chars(pattern: str) -> set[str] | None:
    """Characters a match of ``pattern`` can start with, or None when it cannot tell."""
    from re import _parser as sre_parse  # type: ignore[attr-defined]
    from re import _constants as c  # type: ignore[attr-defined]

    def seq_first(seq) -> tuple[set[str] | None, bool]:
        out: set[str] = set()
        for op, av in seq:
            f, nullable = item_first(op, av)
            if f is None:
                return None, False
            out |= f
            if not nullable:
                return out, False
        return out, True

    def item_first(op, av) -> tuple[set[str] | None, bool]:
        if op is c.LITERAL:
            return {chr(av)}, False
        if op is c.IN:
            return _class_chars(av, 64), False
        if op is c.SUBPATTERN:
            return seq_first(av[-1])
        if op is c.BRANCH:
            out: set[str] = set()
            nullable = False
            for alt in av[1]:
                f, n = seq_first(alt)
                if f is None:
                    return None, False
                out |= f
                nullable = nullable or n
            return out, nullable
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            f, n = seq_first(av[2])
            return f, (av[0] == 0 or n)
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return set(), True
        return None, False

    chars, nullable = seq_first(sre_parse.parse(pattern))
    return None if chars is None or nullable else chars


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
    low = lower_same_length(text)
    match = rs.pattern.match
    out: list[Trigger] = []
    taken = 0
    for w in rs.candidates.finditer(low):
        pos = w.start()
        if pos < taken:
            continue
        m = match(low, pos)
        if m:
            out.append(Trigger(pos, m.end(), text[pos:m.end()], rs.rules[m.lastgroup or ""]))
            taken = m.end()
    return out


