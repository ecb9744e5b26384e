"""End-to-end pipeline benchmark: the real CLI, real files, real warehouse, one process per run.

For each size it writes a corpus of distinct articles (``bench.corpus``), runs
``newsevents run`` as a child process and records wall time, peak memory and the run's
own phase timings. Peak memory is reported three ways: ``peak_mb`` is the largest
process's max RSS as ``wait4`` reports it (it counts pages a forked worker shares with
its parent, so it can exceed what is really used); ``main_peak_mb`` and
``tree_pss_peak_mb`` come from sampling ``/proc`` every half second: the pipeline
process's own RSS and the proportional set size (shared pages split between their
users) summed over the process and all its children, i.e. the memory the run really
occupies. Then it measures:

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
import threading
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
    main_peak_mb: float = 0.0
    tree_pss_peak_mb: float = 0.0
    cpu_s: float = 0.0

    @property
    def phases(self) -> dict[str, float]:
        timings = dict(self.summary.get("timings") or {})
        flow = timings.pop("flow", 0.0)
        timings["startup_and_prefect_overhead"] = max(0.0, self.wall_s - flow)
        return timings


class MemorySampler:
    """Samples a process and its descendants every ``interval`` seconds from ``/proc`` (Linux).

    Records the process's own peak RSS and the peak of the summed PSS of the whole tree
    (shared pages divided among the processes that map them: real memory, not counted twice),
    and the CPU time the tree used (each process's last sampled user + system time: workers
    started by a fork server are not the run's waited-for children, so ``wait4`` misses them).
    """

    def __init__(self, pid: int, interval: float = 0.5) -> None:
        self.pid, self.interval = pid, interval
        self.main_peak_kb = self.tree_pss_peak_kb = 0
        self._cpu_ticks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> "MemorySampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    @property
    def cpu_s(self) -> float:
        return sum(self._cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")

    def sample(self) -> None:
        tree = _tree(self.pid)
        self.main_peak_kb = max(self.main_peak_kb, _status_kb(self.pid, "VmRSS"))
        self.tree_pss_peak_kb = max(self.tree_pss_peak_kb, sum(_pss_kb(p) for p in tree))
        for pid in tree:
            self._cpu_ticks[pid] = max(self._cpu_ticks.get(pid, 0), _cpu_ticks(pid))


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _cpu_ticks(pid: int) -> int:
    """User + system clock ticks of one process (its own, not its children's)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_cli(seeds: Path, db: Path, reports: Path, extra: list[str] | None = None) -> RunMeasure:
    """One ``newsevents run`` in a child process; wall time, the child's peak RSS and sampled memory."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    args = NEWSEVENTS + ["run", "--seeds", str(seeds), "--db", str(db), "--reports", str(reports),
                         "--no-feed-config", "--json", *(extra or [])]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, env=env, text=True)
        with MemorySampler(proc.pid) as memory:
            _, status, usage = os.wait4(proc.pid, 0)  # wait4: the child's own rusage (peak RSS)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if code not in (0, 3):
            raise RuntimeError(f"newsevents run failed ({code}): {err.read()[-2000:]}")
        summary = json.loads(out.read())
    peak_mb = round(usage.ru_maxrss / 1024, 1)  # Linux reports KiB
    return RunMeasure(summary.get("articles_new", 0), wall, peak_mb, summary,
                      round(memory.main_peak_kb / 1024, 1), round(memory.tree_pss_peak_kb / 1024, 1),
                      round(max(memory.cpu_s, usage.ru_utime + usage.ru_stime), 1))


def measure_size(n: int, work: Path, repeats: int = 1) -> RunMeasure:
    """Median (by wall time) of ``repeats`` fresh runs of ``n`` articles (the corpus is reused if written)."""
    seeds = work / f"seeds-{n}"
    if len(list(seeds.glob("*.md"))) != n:
        shutil.rmtree(seeds, ignore_errors=True)
        write_corpus(seeds, n)
    runs = []
    for i in range(repeats):
        db = work / f"wh-{n}-{i}" / "w.duckdb"
        shutil.rmtree(db.parent, ignore_errors=True)
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
    shutil.rmtree(seeds, ignore_errors=True)
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


def run(sizes: list[int], repeats_small: int = 3, keep: bool = False, work: Path | None = None,
        extras: bool = True) -> dict[str, Any]:
    """All pipeline measurements as one JSON-able dict.

    ``work`` reuses a folder (corpora already written there are kept; implies ``keep``);
    ``extras=False`` measures only the sizes (no idle or incremental runs).
    """
    keep = keep or work is not None
    work = work or Path(tempfile.mkdtemp(prefix="newsevents-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        result: dict[str, Any] = {"sizes": {}}
        for n in sizes:
            load_before = round(os.getloadavg()[0], 2)
            m = measure_size(n, work, repeats_small if n <= 10000 else 1)
            result["sizes"][n] = {"wall_s": round(m.wall_s, 2), "peak_mb": m.peak_mb,
                                  "main_peak_mb": m.main_peak_mb, "tree_pss_peak_mb": m.tree_pss_peak_mb,
                                  "cpu_s": m.cpu_s, "load_before": load_before,
                                  "articles_per_s": round(n / m.wall_s, 1),
                                  "events": m.summary.get("events_extracted"),
                                  "status": m.summary.get("status"),
                                  "phases": {k: round(v, 2) for k, v in m.phases.items()}}
            print(f"  {n:>7} articles: {m.wall_s:7.1f} s, {n / m.wall_s:7.1f} articles/s, peak {m.peak_mb} MB "
                  f"(pipeline process {m.main_peak_mb} MB, all processes' PSS {m.tree_pss_peak_mb} MB); "
                  f"CPU {m.cpu_s} s; load average before {load_before}", flush=True)
        if not extras:
            return result
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
