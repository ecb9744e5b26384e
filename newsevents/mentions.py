"""From normalized articles to flat event-mention rows, in batches.

The extractor works on one article; the pipeline works on thousands. This module is the
batch boundary: it shapes articles into the extractor's input contract, flattens the
events for the warehouse, and optionally spreads the work over a process pool.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

from newsevents.normalize import NormalizedArticle
from newsevents.schema import flatten_event, missing_fields


def extractor_input(article: NormalizedArticle) -> dict[str, Any]:
    """The extractor's article contract (the same as ``newsevents extract`` reads)."""
    return {"id": article.article_id, "text": article.text, "title": article.title, "url": article.url,
            "published_at": article.published_at.isoformat() if article.published_at else None}


Extracted = tuple[list[dict[str, Any]], dict[str, str]]
R = TypeVar("R")


def extract_mentions(articles: Sequence[dict[str, Any]]) -> Extracted:
    """Extract and flatten every event of every article (single process).

    Returns ``(rows, failures)``. An article the extractor fails on is not allowed to sink
    the batch: its error goes to ``failures`` (article id → reason) and the quality gate
    quarantines that article with the reason, so it is kept for a fixed extractor to redo.
    """
    from newsevents.extract import extract_events

    rows: list[dict[str, Any]] = []
    failures: dict[str, str] = {}
    for article in articles:
        try:
            flat = []
            for event in extract_events(article):
                gaps = missing_fields(event)
                if gaps:
                    raise ValueError(f"event without {', '.join(gaps)}")
                flat.append(flatten_event(event))
        except Exception as exc:  # noqa: BLE001 - one article's failure stays its own
            failures[article["id"]] = f"extractor_error: {type(exc).__name__}: {exc}"[:500]
            continue
        rows.extend(flat)
    return rows, failures


#: Below this many articles a process pool costs more than it saves.
PARALLEL_MIN_ARTICLES = 400


def resolve_workers(workers: int, n_articles: int) -> int:
    """``workers`` as asked; 0 means automatic: every core for a large batch, else one.

    Inside a daemonic process (a Dask or pool worker) it is always one: such processes may
    not start children, and the cluster already provides the parallelism.
    """
    if multiprocessing.current_process().daemon:
        return 1
    if workers > 0:
        return workers
    return (os.cpu_count() or 1) if n_articles >= PARALLEL_MIN_ARTICLES else 1


def warm_up() -> None:
    """Load the extractor's dictionaries and gazetteer in this process (the gazetteer from its
    disk cache, about a second); the first extraction in a process does it anyway."""
    from newsevents.extract import extract_events

    extract_events({"id": "warm-up", "text": "Officials met in Kyiv on Monday.", "published_at": None})


def start_worker(owner_pid: int) -> None:
    """Initializer of a pool worker: exit when the process that owns the pool is gone.

    A worker blocked on a full result pipe would otherwise outlive a pipeline process killed
    with ``kill -9`` forever (it holds both ends of that pipe, so it never sees the reader go).
    The extractor's dictionaries and gazetteer are already in place: the fork server loaded
    them before forking (:mod:`newsevents.pool_preload`).
    """
    _exit_with(owner_pid)


def _exit_with(pid: int) -> None:
    """Watch ``pid`` from a daemon thread (a Linux pidfd) and end this process when it exits."""
    try:
        handle = os.pidfd_open(pid)
    except (AttributeError, OSError):  # not Linux ≥ 5.3, or already gone
        if not _alive(pid):
            os._exit(1)
        return

    def watch() -> None:
        select.select([handle], [], [])
        os._exit(1)

    threading.Thread(target=watch, name="owner-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


#: How pool workers start. ``forkserver``: each worker is forked from a small, clean server
#: process and loads the extractor itself, so workers never inherit (nor, through Python's
#: reference counting, copy page by page) the pipeline process's memory, and the pipeline
#: process never loads the gazetteer at all. ``fork`` from a process holding a batch, Prefect
#: and pandas made every worker look as large as the pipeline process, and really become so.
#: The server itself loads the extractor first (:mod:`newsevents.pool_preload`), so the workers
#: share one copy of the gazetteer instead of loading one each.
POOL_START_METHOD = "forkserver"


class ExtractionPool:
    """Worker processes that extract batches of articles, started once and reused.

    Order is kept; parts of ``chunk`` articles go to the workers. Thread-safe: several
    extraction tasks may use one pool at the same time (their parts queue up in order).
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                context = multiprocessing.get_context(POOL_START_METHOD)
                if POOL_START_METHOD == "forkserver":
                    context.set_forkserver_preload(["newsevents.pool_preload"])
                self._executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                                     initializer=start_worker, initargs=(os.getpid(),))
            return self._executor

    def extract(self, articles: Sequence[dict[str, Any]], chunk: int = 200) -> Extracted:
        """Same result as :func:`extract_mentions`, spread over the workers."""
        rows: list[dict[str, Any]] = []
        failures: dict[str, str] = {}
        for part_rows, part_failures in self.map(extract_mentions, articles, chunk):
            rows.extend(part_rows)
            failures.update(part_failures)
        return rows, failures

    def map(self, fn: Callable[[Sequence[Any]], R], items: Sequence[Any], chunk: int = 200) -> list[R]:
        """``fn`` (a module-level function) over consecutive parts of ``items``, results in order."""
        parts = [items[i:i + chunk] for i in range(0, len(items), chunk)]
        executor = self._pool()
        try:
            return list(executor.map(fn, parts))
        except BrokenProcessPool:
            # A worker died (killed, out of memory): the next call (a task's retry) gets new workers.
            with self._lock:
                if self._executor is executor:
                    self._executor = None
            executor.shutdown(wait=False, cancel_futures=True)
            raise

    def close(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


class _SharedPool:
    """The pool of an :func:`extraction_pool` block: started on first use, if the work is large enough."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool: ExtractionPool | None = None
        self.expected = 0
        self._lock = threading.Lock()

    def expect(self, n_articles: int) -> None:
        """Size the pool for a block of ``n_articles``: if that is large enough, every call uses it."""
        self.expected = max(self.expected, n_articles)

    def get(self, n_items: int) -> ExtractionPool | None:
        """The pool, started now if needed; None when ``n_items`` (and what is expected) is better done here."""
        with self._lock:
            if self.pool is None:
                size = resolve_workers(self.workers, max(n_items, self.expected))
                if size <= 1:
                    return None
                self.pool = ExtractionPool(size)
            return self.pool

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()


_shared: _SharedPool | None = None
_shared_lock = threading.Lock()


@contextmanager
def extraction_pool(workers: int, n_articles: int = 0) -> Iterator[None]:
    """Within the block, parallel work in this process (extraction, and the normalization of
    landing) shares one pool of workers, kept for the block.

    A run extracts its articles chunk by chunk; without a shared pool each chunk started
    (and warmed up) its own workers. The pool starts on first use, sized by ``workers`` as
    :func:`resolve_workers` says for the larger of ``n_articles`` (the block's expected
    total) and that use's number of items; with one worker there is no pool and the work
    stays in this process. A block that does nothing in parallel starts no workers. A
    nested block shares the outer block's pool (``n_articles`` adds to what it expects).
    """
    global _shared
    with _shared_lock:
        outer = _shared
        if outer is None:
            _shared = _SharedPool(workers)
        shared = _shared
    shared.expect(n_articles)
    if outer is not None:
        yield
        return
    try:
        yield
    finally:
        with _shared_lock:
            _shared = None
        shared.close()


def shared_pool(n_items: int) -> ExtractionPool | None:
    """The pool of the enclosing :func:`extraction_pool` block for ``n_items`` of work, or None
    (no block, a pool worker itself, or work too small to be worth the pool)."""
    shared = _shared
    if shared is None or multiprocessing.current_process().daemon:
        return None
    return shared.get(n_items)


def extract_mentions_parallel(articles: Sequence[dict[str, Any]], workers: int, chunk: int = 200) -> Extracted:
    """Same result as :func:`extract_mentions`, spread over ``workers`` processes, order kept.

    Inside :func:`extraction_pool` the shared pool is used; otherwise a pool is started for
    this call when ``workers`` resolves to more than one.
    """
    if not articles:
        return [], {}
    if _shared is not None and not multiprocessing.current_process().daemon:
        pool = shared_pool(len(articles))
        return pool.extract(articles, chunk) if pool is not None else extract_mentions(articles)
    workers = resolve_workers(workers, len(articles))
    if workers <= 1 or len(articles) <= chunk:
        return extract_mentions(articles)
    pool = ExtractionPool(workers)
    try:
        return pool.extract(articles, chunk)
    finally:
        pool.close()


def chunked(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    """Consecutive slices of at most ``size`` items."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
