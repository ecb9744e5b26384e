"""Batch extraction: one article's extractor failure stays its own."""

from __future__ import annotations

import newsevents.extract
from newsevents.mentions import extract_mentions, extract_mentions_parallel

GOOD = {"id": "a_good", "text": "A Russian drone struck a bus in the Sumy region on Saturday, killing nine civilians.",
        "published_at": "2025-05-18", "title": None, "url": None}
BAD = {"id": "a_bad", "text": "This article trips a bug.", "published_at": "2025-05-18", "title": None, "url": None}


def test_failures_are_reported_per_article_and_the_rest_extracts(monkeypatch):
    real = newsevents.extract.extract_events

    def flaky(article):
        if article["id"] == "a_bad":
            raise ValueError("boom")
        return real(article)

    monkeypatch.setattr(newsevents.extract, "extract_events", flaky)
    rows, failures = extract_mentions([BAD, GOOD])
    assert failures == {"a_bad": "extractor_error: ValueError: boom"}
    assert rows and {r["article_id"] for r in rows} == {"a_good"}
    assert rows[0]["event_type"] == "ASSAULT" and rows[0]["fatalities"] == 9


def test_parallel_extraction_gives_the_single_process_result():
    articles = [dict(GOOD, id=f"a_{i:03d}") for i in range(30)]
    assert extract_mentions_parallel(articles, workers=2, chunk=10) == extract_mentions(articles)


def test_pool_workers_end_when_the_process_that_owns_the_pool_is_killed():
    import os
    import signal
    import subprocess
    import sys
    import time

    script = ("import os, sys, time\n"
              "from newsevents.mentions import ExtractionPool\n"
              "pool = ExtractionPool(2)\n"
              f"pool.extract([{GOOD!r}] * 4, chunk=1)\n"
              "print(' '.join(str(p) for p in pool._executor._processes), flush=True)\n"
              "time.sleep(120)\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(p) for p in proc.stdout.readline().split()]
        assert len(workers) == 2
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(p) for p in workers):
            time.sleep(0.1)
        assert not any(_alive(p) for p in workers), "a worker outlived the killed owner of its pool"
    finally:
        proc.kill()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_landing_work_on_the_shared_pool_gives_the_in_process_result(tmp_path):
    from datetime import datetime
    from functools import partial

    from newsevents.mentions import PARALLEL_MIN_ARTICLES, extraction_pool, shared_pool
    from newsevents.normalize import normalize_all
    from newsevents.seeds import read_seed_list, seed_files

    for i in range(30):
        (tmp_path / f"a{i:02d}.md").write_text(f"---\ntitle: T{i}\nurl: https://x.example/{i}\n---\n"
                                               f"<p>Police arrested {i} protesters in Minsk on Sunday.</p>\n")
    (tmp_path / "empty.md").write_text(" ")
    paths = seed_files(tmp_path)
    now = datetime(2025, 5, 18, 12)
    with extraction_pool(0):
        assert shared_pool(1) is None, "small work stays in this process"
        pool = shared_pool(PARALLEL_MIN_ARTICLES)
        assert pool is not None and shared_pool(1) is pool, "once started, the pool serves every size"
        items = [i for part in pool.map(partial(read_seed_list, root=tmp_path), paths, chunk=7) for i in part]
        incoming = [i for i in items if not hasattr(i, "reason")]
        normalized = [n for part in pool.map(partial(normalize_all, now=now), incoming, chunk=7) for n in part]
    assert items == read_seed_list(paths, tmp_path)
    assert normalized == normalize_all(incoming, now)
    assert shared_pool(PARALLEL_MIN_ARTICLES) is None, "no pool outside the block"


def test_a_pool_whose_worker_died_starts_new_workers_for_the_next_call():
    import os
    import signal
    import time

    import pytest
    from concurrent.futures.process import BrokenProcessPool

    from newsevents.mentions import ExtractionPool

    pool = ExtractionPool(2)
    try:
        first = pool.extract([GOOD] * 2, chunk=1)
        executor = pool._executor
        os.kill(next(iter(executor._processes)), signal.SIGKILL)
        deadline = time.monotonic() + 30  # the executor notices the death on its own thread
        while not executor._broken and time.monotonic() < deadline:
            time.sleep(0.05)
        with pytest.raises(BrokenProcessPool):
            pool.extract([GOOD] * 4, chunk=1)
        assert pool.extract([GOOD] * 2, chunk=1) == first
    finally:
        pool.close()


def _gazetteer_loaded(part: list[int]) -> list[bool]:
    """Run in a pool worker: is the gazetteer already in this process (without loading it)?"""
    from newsevents.extract.places import Gazetteer

    return [Gazetteer.__dict__["default"].__func__.cache_info().currsize > 0 for _ in part]


def test_pool_workers_start_with_the_extractor_loaded_by_the_fork_server():
    """The workers share the fork server's copy of the gazetteer instead of loading one each."""
    from newsevents.mentions import ExtractionPool

    pool = ExtractionPool(2)
    try:
        assert pool.map(_gazetteer_loaded, [0, 1], chunk=1) == [[True], [True]]
    finally:
        pool.close()
