"""Score the extraction engine against ACLED-format gold data (pure: no I/O but reading CSV).

Each gold row's ``notes`` is one input article, given without a publication date so the
engine must read the date from the text. The engine's *primary* event for a row is its
highest-confidence event that carries an ACLED type. ACLED codes unknown fatalities as 0,
so a predicted ``None`` counts as 0 when fatalities are compared.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

Extractor = Callable[[dict[str, Any]], list[dict[str, Any]]]
SPLITS = ("check", "tune", "all")
GOLD_COLUMNS = ("notes", "event_date", "event_type", "sub_event_type", "actor1", "country",
                "latitude", "longitude", "fatalities")


def load_gold(path: str | Path) -> list[dict[str, str]]:
    """Read an ACLED-format CSV; raise ``ValueError`` naming missing columns."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in GOLD_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
        return [row for row in reader if (row.get("notes") or "").strip()]


def split_of(row: dict[str, str]) -> str:
    """Deterministic half: by a hash of the notes text, so copies of one report stay together."""
    digest = hashlib.sha1(row["notes"].strip().encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "check"


def select(rows: list[dict[str, str]], split: str = "check", limit: int | None = None) -> list[dict[str, str]]:
    """Rows of one split (``check``, ``tune`` or ``all``), at most ``limit`` of them."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; use one of {', '.join(SPLITS)}")
    chosen = rows if split == "all" else [r for r in rows if split_of(r) == split]
    return chosen[:limit] if limit else chosen


def parse_gold_date(value: str) -> str | None:
    """ACLED dates come as ``9-May-20``, ``09 May 2020`` or ISO; return ISO or None."""
    value = (value or "").strip()
    for fmt in ("%d-%b-%y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def primary_event(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The highest-confidence event with an ACLED type (the earliest on ties)."""
    best = None
    for e in events:
        if e.get("acled_event_type") and (best is None or e["confidence"] > best["confidence"]):
            best = e
    return best


_PAREN = re.compile(r"\(([^()]+)\)\s*$")
_OF = re.compile(r"\bof ([A-Z][\w' -]+?)(?:\s*\(|$)")


def gold_actor1_country(row: dict[str, str], lookup: Callable[[str], str | None]) -> str | None:
    """ISO3 of the gold actor1: "Police Forces of Mexico (2018-)" or "Protesters (Israel)"."""
    actor = (row.get("actor1") or "").strip()
    for rx in (_PAREN, _OF):
        m = rx.search(actor)
        if m:
            iso = lookup(m.group(1).strip())
            if iso:
                return iso
    return None


def _country_lookup() -> Callable[[str], str | None]:
    import pycountry

    cache: dict[str, str | None] = {}

    def lookup(name: str) -> str | None:
        if name not in cache:
            try:
                cache[name] = pycountry.countries.lookup(name).alpha_3
            except LookupError:
                hits = pycountry.countries.search_fuzzy(name) if len(name) > 3 else []
                cache[name] = hits[0].alpha_3 if hits else None
        return cache[name]

    def safe(name: str) -> str | None:
        try:
            return lookup(name)
        except LookupError:
            cache[name] = None
            return None

    return safe


def weighted_f1(pairs: Iterable[tuple[str, str | None]]) -> float:
    """Support-weighted mean of per-class F1 over the gold classes."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    support: Counter[str] = Counter()
    for gold, pred in pairs:
        support[gold] += 1
        if pred == gold:
            tp[gold] += 1
        else:
            fn[gold] += 1
            if pred is not None:
                fp[pred] += 1
    total = sum(support.values())
    if not total:
        return 0.0
    score = 0.0
    for cls, n in support.items():
        p = tp[cls] / (tp[cls] + fp[cls]) if tp[cls] + fp[cls] else 0.0
        r = tp[cls] / (tp[cls] + fn[cls]) if tp[cls] + fn[cls] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        score += f * n / total
    return score


def evaluate(rows: list[dict[str, str]], extract: Extractor) -> dict[str, Any]:
    """Run the extractor over gold rows and return metrics, a confusion table and misses."""
    lookup = _country_lookup()
    n = len(rows)
    hits: Counter[str] = Counter()
    counted: Counter[str] = Counter()
    sub_pairs: list[tuple[str, str | None]] = []
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    examples: list[dict[str, Any]] = []
    for i, row in enumerate(rows):
        events = extract({"id": row.get("data_id") or str(i), "text": row["notes"], "published_at": None})
        ev = primary_event(events)
        gold_type, gold_sub = row["event_type"], row["sub_event_type"]
        pred_type = ev["acled_event_type"] if ev else None
        pred_sub = ev["acled_sub_event_type"] if ev else None
        confusion[gold_type][pred_type or "(none)"] += 1
        sub_pairs.append((gold_sub, pred_sub))
        ok = {"event_type": pred_type == gold_type, "sub_event_type": pred_sub == gold_sub}
        gold_fat = int(float(row["fatalities"] or 0))
        ok["fatalities"] = ((ev or {}).get("fatalities") or 0) == gold_fat
        loc = (ev or {}).get("location") or {}
        try:
            glat, glon = float(row["latitude"]), float(row["longitude"])
        except (TypeError, ValueError):
            glat = glon = None
        if glat is not None:
            ok["location_25km"] = loc.get("lat") is not None and haversine_km(loc["lat"], loc["lon"], glat, glon) <= 25
        gdate = parse_gold_date(row["event_date"])
        if gdate:
            ok["event_date"] = (ev or {}).get("event_date") == gdate
        gc = gold_actor1_country(row, lookup)
        if gc:
            ok["actor1_country"] = (((ev or {}).get("actor1") or {}).get("country")) == gc
        for k, v in ok.items():
            counted[k] += 1
            hits[k] += int(v)
        if not all(ok.values()) and len(examples) < 200:
            examples.append({"notes": row["notes"][:300], "gold": [gold_type, gold_sub, gold_fat, row.get("location"), gdate],
                             "pred": [pred_type, pred_sub, (ev or {}).get("fatalities"), loc.get("name"), (ev or {}).get("event_date")],
                             "wrong": [k for k, v in ok.items() if not v]})
    metrics = {k: round(hits[k] / counted[k], 4) if counted[k] else None for k in
               ("event_type", "sub_event_type", "fatalities", "location_25km", "event_date", "actor1_country")}
    metrics["sub_event_weighted_f1"] = round(weighted_f1(sub_pairs), 4)
    return {"rows": n, "metrics": metrics, "counted": dict(counted),
            "confusion": {g: dict(c) for g, c in sorted(confusion.items())}, "misses": examples}


TARGETS = {"event_type": 0.90, "sub_event_weighted_f1": 0.80, "fatalities": 0.90, "location_25km": 0.80, "event_date": 0.95}


def format_report(result: dict[str, Any], title: str = "") -> str:
    """A readable plain-text report: metrics against targets and the confusion table."""
    lines = [f"Evaluation{': ' + title if title else ''}  ({result['rows']} rows)", ""]
    for k, v in result["metrics"].items():
        target = TARGETS.get(k)
        mark = "" if target is None or v is None else ("  ok" if v >= target else f"  below target {target:.2f}")
        lines.append(f"  {k:<24} {'n/a' if v is None else f'{v:.3f}'}{mark}")
    conf = result["confusion"]
    cols = sorted({p for c in conf.values() for p in c})
    short = {c: c.split("/")[0][:12] for c in cols}
    lines += ["", "Confusion (rows: gold ACLED type, columns: predicted)", ""]
    lines.append(f"  {'':<28}" + "".join(f"{short[c]:>13}" for c in cols))
    for g, c in conf.items():
        lines.append(f"  {g[:28]:<28}" + "".join(f"{c.get(p, 0):>13}" for p in cols))
    return "\n".join(lines)
