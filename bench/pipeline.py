"""End-to-end pipeline benchmark: the real CLI, real files, real warehouse, one process per run.

For each size it writes a corpus of distinct articles (``bench.corpus``), runs
``newsevents run`` as a child process and records wall time, peak memory (the child's
max RSS from ``wait4``) and the run's own phase timings. Then it measures:

* a run with nothing new (median of several), start-up included;
* an incremental run of 100 new articles into an empty warehouse and into the largest
  one, to show that cost follows the new articles, not the warehouse's size;
* the fixed and per-article cost, from a least-squares line through (articles, wall).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import write_corpus

NEWSEVENTS = [sys.executable, "-m", "newsevents.cli"]


@dataclass
class RunMeasure:
    articles: int
    wall_s: float
    peak_mb: float
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def phases(self) -> dict[str, float]:
        timings = dict(self.summary.get("timings") or {})
        flow = timings.pop("flow", 0.0)
        timings["startup_and_prefect_overhead"] = max(0.0, self.wall_s - flow)
        return timings


def run_cli(seeds: Path, db: Path, reports: Path, extra: list[str] | None = None) -> RunMeasure:
    """One ``newsevents run`` in a child process; wall time and the child's peak RSS."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    args = NEWSEVENTS + ["run", "--seeds", str(seeds), "--db", str(db), "--reports", str(reports),
                         "--no-feed-config", "--json", *(extra or [])]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, env=env, text=True)
        _, status, usage = os.wait4(proc.pid, 0)  # wait4: the child's own rusage (peak RSS)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if code not in (0, 3):
            raise RuntimeError(f"newsevents run failed ({code}): {err.read()[-2000:]}")
        summary = json.loads(out.read())
    peak_mb = round(usage.ru_maxrss / 1024, 1)  # Linux reports KiB
    return RunMeasure(summary.get("articles_new", 0), wall, peak_mb, summary)


def measure_size(n: int, work: Path, repeats: int = 1) -> RunMeasure:
    """Median (by wall time) of ``repeats`` fresh runs of ``n`` articles."""
    seeds = work / f"seeds-{n}"
    write_corpus(seeds, n)
    runs = []
    for i in range(repeats):
        db = work / f"wh-{n}-{i}" / "w.duckdb"
        runs.append(run_cli(seeds, db, work / f"reports-{n}-{i}"))
    runs.sort(key=lambda r: r.wall_s)
    return runs[len(runs) // 2]


def nothing_new(n_db: Path, seeds: Path, work: Path, repeats: int = 3) -> float:
    """Median wall time of a run that finds nothing new (start-up included)."""
    return statistics.median(run_cli(seeds, n_db, work / "reports-idle").wall_s for _ in range(repeats))


def incremental(n_existing: int, work: Path, new: int = 100) -> RunMeasure:
    """``new`` fresh articles into the warehouse built by ``measure_size(n_existing)`` (reused)."""
    db = work / f"wh-{n_existing}-0" / "w.duckdb"
    seeds = work / f"incr-{n_existing}"
    write_corpus(seeds, new, start=10_000_000 + n_existing)
    return run_cli(seeds, db, work / "reports-incr")


def linear_fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least-squares (intercept s, slope s/article) through (articles, seconds)."""
    if len(points) < 2:
        return points[0][1] if points else 0.0, 0.0
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x in xs)
    return my - slope * mx, slope


def run(sizes: list[int], repeats_small: int = 3, keep: bool = False) -> dict[str, Any]:
    """All pipeline measurements as one JSON-able dict."""
    work = Path(tempfile.mkdtemp(prefix="newsevents-bench-"))
    try:
        result: dict[str, Any] = {"sizes": {}}
        for n in sizes:
            m = measure_size(n, work, repeats_small if n <= 1000 else 1)
            result["sizes"][n] = {"wall_s": round(m.wall_s, 2), "peak_mb": m.peak_mb,
                                  "articles_per_s": round(n / m.wall_s, 1),
                                  "events": m.summary.get("events_extracted"),
                                  "status": m.summary.get("status"),
                                  "phases": {k: round(v, 2) for k, v in m.phases.items()}}
            print(f"  {n:>7} articles: {m.wall_s:7.1f} s, {n / m.wall_s:7.1f} articles/s, peak {m.peak_mb} MB",
                  flush=True)
        largest = max(sizes)
        idle = nothing_new(work / f"wh-{largest}-0" / "w.duckdb", work / f"seeds-{largest}", work)
        result["nothing_new_s"] = round(idle, 2)
        small, big = incremental(min(sizes), work), incremental(largest, work)
        result["incremental_100"] = {f"into_{min(sizes)}": round(small.wall_s, 2),
                                     f"into_{largest}": round(big.wall_s, 2),
                                     "ratio": round(big.wall_s / small.wall_s, 2)}
        fixed, per_article = linear_fit([(n, v["wall_s"]) for n, v in result["sizes"].items()])
        result["fixed_cost_s"], result["per_article_ms"] = round(fixed, 2), round(per_article * 1000, 2)
        return result
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
