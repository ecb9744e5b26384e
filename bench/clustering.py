"""Benchmark: event clustering and near-duplicate detection at 10k and 100k items.

Run ``python -m bench.clustering`` (``--sizes 10000 100000``, ``--no-memory`` to skip the
second, traced run). Synthetic data, fixed seed:

* mentions: ``n / 4`` real happenings, each reported 1-7 times by different outlets with
  jittered coordinates, a date off by at most one day for some reports and rising tolls;
  40% of them in one country (a hot spot, as Ukraine is in the seed data). The time span
  grows with n (about 275 mentions a day: 10k = 36 days, 100k = one year), so the daily
  volume, and with it the block sizes, stay the same: a warehouse grows by adding days.
  ``--fixed-days D`` packs every size into D days instead (denser blocks, slower).
* articles: ~180-word texts from a 6,000-word vocabulary; one in ten is a lightly edited
  copy of another.

Each stage is timed without tracing, then re-run under ``tracemalloc`` for peak Python
memory. Near-linear growth shows as a per-item time that stays flat from 10k to 100k.
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from newsevents.dedup.clustering import cluster_mentions
from newsevents.dedup.config import load_config
from newsevents.dedup.near_duplicates import find_near_duplicates

_COUNTRIES = [(f"C{i:02d}", -40 + (i * 7) % 90, -100 + (i * 37) % 220) for i in range(40)]
_TYPES = ["ASSAULT", "ASSAULT", "COERCE", "PROTEST", "CONSULT", "AGREE", "ACCUSE", "AID"]
_PRECISIONS = ["city", "city", "city", "admin1", "country"]


def synthetic_mentions(n: int, seed: int = 1, days: int | None = None) -> list[dict[str, Any]]:
    """About ``n`` flat mentions of ``n / 4`` happenings over ``days`` (default n / 275)."""
    rng = random.Random(seed)
    span = days or max(1, round(n / 275))
    start = date(2025, 1, 1)
    rows: list[dict[str, Any]] = []
    event = 0
    while len(rows) < n:
        country, lat0, lon0 = _COUNTRIES[0] if rng.random() < 0.4 else rng.choice(_COUNTRIES)
        lat, lon = lat0 + rng.uniform(-4, 4), lon0 + rng.uniform(-6, 6)
        day = start + timedelta(days=rng.randrange(span))
        etype = rng.choice(_TYPES)
        a1, a2 = f"actor{rng.randrange(60)}", f"actor{rng.randrange(60)}"
        toll = rng.choice([None, None, rng.randrange(1, 40)])
        for k in range(rng.randint(1, 7)):
            precision = rng.choice(_PRECISIONS)
            jitter = 0.02 if precision == "city" else 0.5
            rows.append({
                "event_id": f"e{event:07d}-{k}", "article_id": f"a{event:07d}-{k}",
                "source": f"outlet{rng.randrange(50)}",
                "published_at": f"{day + timedelta(days=k // 3)}T{rng.randrange(24):02d}:00:00Z",
                "event_type": etype, "actor1_canonical": a1, "actor1_country": country,
                "actor2_canonical": a2 if rng.random() < 0.8 else None, "actor2_country": country,
                "location_name": f"place{event}", "location_country": country,
                "latitude": lat + rng.uniform(-jitter, jitter) if precision != "country" else None,
                "longitude": lon + rng.uniform(-jitter, jitter) if precision != "country" else None,
                "location_precision": precision,
                "event_date": str(day + timedelta(days=1 if rng.random() < 0.1 else 0)),
                "fatalities": None if toll is None else toll + k, "injured": None,
            })
        event += 1
    return rows[:n]


def synthetic_articles(n: int, seed: int = 2) -> list[tuple[str, str]]:
    """``n`` (article_id, text) pairs; one in ten is a lightly edited copy of another."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(6000)]
    weights = [1 / (i + 1) for i in range(len(vocab))]
    out: list[tuple[str, str]] = []
    for i in range(n):
        if out and rng.random() < 0.1:
            words = rng.choice(out)[1].split()
            for _ in range(2):
                words[rng.randrange(len(words))] = rng.choice(vocab)
            text = " ".join(words) + " reporting by staff"
        else:
            text = " ".join(rng.choices(vocab, weights, k=rng.randint(150, 210)))
        out.append((f"art{i:07d}", text))
    return out


def _measure(fn: Callable[[], Any], memory: bool) -> tuple[float, float | None, Any]:
    t0 = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - t0
    peak = None
    if memory:
        tracemalloc.start()
        fn()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return seconds, peak, result


def main(argv: list[str] | None = None) -> int:
    """Print one line per stage and size: seconds, microseconds per item, peak MiB."""
    parser = argparse.ArgumentParser(prog="python -m bench.clustering")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--no-memory", action="store_true", help="skip the traced run for peak memory")
    parser.add_argument("--fixed-days", type=int, default=None, help="pack every size into this many days")
    args = parser.parse_args(argv)
    config = load_config()
    print(f"{'stage':<16}{'n':>9}{'seconds':>10}{'us/item':>10}{'peak MiB':>10}  result")
    for n in args.sizes:
        mentions = synthetic_mentions(n, days=args.fixed_days)
        secs, peak, result = _measure(lambda: cluster_mentions(mentions, config), not args.no_memory)
        note = f"{len(set(result.values()))} clusters"
        print(f"{'clustering':<16}{n:>9}{secs:>10.2f}{secs / n * 1e6:>10.1f}{peak or 0:>10.1f}  {note}")
        articles = synthetic_articles(n)
        secs, peak, result = _measure(
            lambda: find_near_duplicates(articles, [], config.near_dup_max_distance, config.shingle_size),
            not args.no_memory)
        note = f"{len(result)} near-duplicates"
        print(f"{'near-duplicates':<16}{n:>9}{secs:>10.2f}{secs / n * 1e6:>10.1f}{peak or 0:>10.1f}  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
