"""Extraction throughput: articles/s and tokens/s on one core and with a process pool.

Run ``.venv/bin/python -m bench.extraction [--runs N] [--articles N]``. Uses the 2025 news
corpus beside the project (``../shared/corpora/articles/news_2025_full_text.csv``) when it
is there, else generated ~600-word articles, so the benchmark always runs. Each figure
is the median of several runs; the first (warm-up) pass loads dictionaries and is not timed.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "articles" / "news_2025_full_text.csv"

_SENTENCES = [
    "On Saturday, a Russian drone struck a passenger bus in the Sumy region, killing at least nine civilians and wounding seven others.",
    "US President Donald Trump said he will speak by phone with Russian President Vladimir Putin on Monday.",
    "Hundreds of farmers protested outside the district office in Lahore, demanding compensation for damaged crops.",
    "Police fired tear gas to disperse the demonstrators, and 12 people were arrested.",
    "The talks lasted less than two hours and did not produce a ceasefire.",
    "Unidentified gunmen shot dead two men in a village near Kano on Tuesday, police said.",
    "The ministry said the new budget would be presented to parliament next month.",
    "Analysts say the coming weeks will show whether diplomacy can gain momentum.",
    "Ukraine and its Western allies have urged Russia to accept an unconditional 30-day ceasefire.",
    "Officials said the market reopened after repairs and that trade had returned to normal levels.",
]


def load_articles(limit: int, generated: bool = False) -> tuple[list[dict], str]:
    """Real articles when the shared corpus exists, else generated ones (~600 words)."""
    if CORPUS.exists() and not generated:
        csv.field_size_limit(sys.maxsize)
        with open(CORPUS, encoding="utf-8", newline="") as fh:
            rows = [r for r in csv.DictReader(fh) if (r.get("text") or "").strip()]
        arts = [{"id": str(i), "text": r["text"], "published_at": "2025-05-18"} for i, r in enumerate(rows[:limit])]
        return arts, f"{CORPUS.name} ({len(arts)} articles)"
    rng = random.Random(7)
    arts = []
    for i in range(limit):
        words, parts = 0, []
        while words < 600:
            s = rng.choice(_SENTENCES)
            parts.append(s)
            words += len(s.split())
        arts.append({"id": f"gen-{i}", "text": " ".join(parts), "published_at": "2025-05-18"})
    return arts, f"generated ({len(arts)} articles of ~600 words)"


def _work(chunk: list[dict]) -> int:
    from newsevents.extract import extract_events

    return sum(len(extract_events(a)) for a in chunk)


def _warm() -> int:
    return _work([{"id": "w", "text": _SENTENCES[0], "published_at": None}])


def one_core(articles: list[dict]) -> float:
    t0 = time.perf_counter()
    _work(articles)
    return time.perf_counter() - t0


def pooled(articles: list[dict], pool: ProcessPoolExecutor, workers: int) -> float:
    size = max(1, len(articles) // (workers * 4))
    chunks = [articles[i:i + size] for i in range(0, len(articles), size)]
    t0 = time.perf_counter()
    sum(pool.map(_work, chunks))
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.extraction", description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="timed runs per setting (median reported)")
    ap.add_argument("--articles", type=int, default=233, help="articles per run")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for the pool run")
    ap.add_argument("--generated", action="store_true", help="use generated ~600-word articles even if the corpus exists")
    args = ap.parse_args(argv)

    articles, source = load_articles(args.articles, args.generated)
    words = sum(len(a["text"].split()) for a in articles)
    print(f"corpus: {source}; {words / len(articles):.0f} words/article on average")
    _warm()
    _work(articles[:5])
    single = statistics.median(one_core(articles) for _ in range(args.runs))
    print(f"1 core      : {len(articles) / single:8.1f} articles/s  {words / single:10.0f} tokens/s"
          f"  ({len(articles) / single * (words / len(articles)) / 600:.1f} 600-word articles/s)")
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        list(pool.map(_warm_chunk, range(args.workers)))
        multi = statistics.median(pooled(articles, pool, args.workers) for _ in range(args.runs))
    print(f"{args.workers} processes : {len(articles) / multi:8.1f} articles/s  {words / multi:10.0f} tokens/s")
    print("tokens = whitespace-separated words; median of", args.runs, "runs")
    return 0


def _warm_chunk(_: int) -> int:
    return _warm()


if __name__ == "__main__":
    sys.exit(main())
