"""``make bench`` / ``python -m bench``: every benchmark, one table, appended to bench/results.jsonl.

Sizes for the end-to-end runs default to 1,000 / 10,000 / 100,000 articles; set
``BENCH_SIZES="1000 10000"`` (or ``--sizes 1000 10000``) for a quicker pass. Component
benchmarks (extraction, feeds, clustering) run as their own modules and print their own
tables. ``python -m bench --help`` lists the options.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from bench import pipeline

RESULTS = Path(__file__).resolve().parent / "results.jsonl"
COMPONENTS = ("bench.extraction", "bench.feeds", "bench.clustering")


def machine() -> dict[str, object]:
    mem_kb = 0
    try:
        mem_kb = int(next(l for l in open("/proc/meminfo") if l.startswith("MemTotal")).split()[1])
    except (OSError, StopIteration, ValueError):
        pass
    return {"cpus": os.cpu_count(), "cpu_model": cpu_model(), "mem_gb": round(mem_kb / 1024 / 1024, 1),
            "python": platform.python_version(), "platform": platform.platform()}


def cpu_model() -> str:
    """The CPU's name: "2 cores" of one host can be a third slower than of another (bench.extraction's
    one-core rate, recorded beside it, is the yardstick to compare runs across machines)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            return next(l.split(":", 1)[1].strip() for l in handle if l.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or "unknown"


def table(result: dict) -> str:
    lines = ["articles   wall s   articles/s   peak MB   main MB   PSS MB   events   status",
             "--------   ------   ----------   -------   -------   ------   ------   ------"]
    for n, v in result["sizes"].items():
        lines.append(f"{int(n):>8}   {v['wall_s']:>6}   {v['articles_per_s']:>10}   {v['peak_mb']:>7}   "
                     f"{v.get('main_peak_mb', ''):>7}   {v.get('tree_pss_peak_mb', ''):>6}   "
                     f"{v['events']:>6}   {v['status']}")
    lines.append("(peak MB: largest process's max RSS from wait4, shared pages included; main MB: the pipeline "
                 "process's peak RSS; PSS MB: peak of all processes' proportional set size, the memory really used)")
    if "nothing_new_s" not in result:
        return "\n".join(lines)
    lines.append(f"nothing new (median of 3, start-up included): {result['nothing_new_s']} s")
    lines.append(f"fixed cost per run: {result['fixed_cost_s']} s; per article: {result['per_article_ms']} ms")
    inc = result["incremental_100"]
    lines.append("100 new articles: " + ", ".join(f"{k.replace('_', ' ')} {v} s" for k, v in inc.items()
                                                 if k != "ratio") + f" (ratio {inc['ratio']})")
    largest = result["sizes"][max(result["sizes"], key=int)]
    total = sum(largest["phases"].values()) or 1.0
    shares = sorted(largest["phases"].items(), key=lambda kv: -kv[1])
    lines.append("phase shares at the largest size: " + ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in shares))
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="End-to-end pipeline benchmark (the real CLI per run), then the "
        "component benchmarks; everything is appended to bench/results.jsonl.")
    parser.add_argument("--sizes", type=int, nargs="+", metavar="N",
                        default=[int(s) for s in os.environ.get("BENCH_SIZES", "1000 10000 100000").split()],
                        help="articles per end-to-end run (default: $BENCH_SIZES or 1000 10000 100000)")
    parser.add_argument("--work", type=Path, metavar="DIR", default=None,
                        help="keep corpora and warehouses in DIR and reuse corpora already there "
                             "(default: a temporary folder, removed afterwards)")
    parser.add_argument("--sizes-only", action="store_true",
                        help="measure the sizes only: no nothing-new or incremental runs")
    parser.add_argument("--no-components", action="store_true",
                        help="skip the component benchmarks (also BENCH_COMPONENTS=0)")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/results.jsonl")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = args.sizes
    print(f"end-to-end pipeline, sizes {sizes}", flush=True)
    result = pipeline.run(sizes, work=args.work, extras=not args.sizes_only)
    record = {"at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
              "pipeline": result}
    print(table(result), flush=True)
    components = os.environ.get("BENCH_COMPONENTS", "1") == "1" and not args.no_components
    for module in COMPONENTS if components else ():
        print(f"\n== {module}", flush=True)
        done = subprocess.run([sys.executable, "-m", module], capture_output=True, text=True)
        print(done.stdout[-4000:] or done.stderr[-2000:], flush=True)
        record[module] = done.stdout[-4000:]
    if not args.no_record:
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")
        print(f"\nappended to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
