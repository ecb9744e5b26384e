"""Session fixtures for the data-quality tests: the project's suites and a scenario warehouse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from dq_batches import Batch, Warehouse, article, event, published_checksum

from newsevents import settings
from newsevents.quality.suites import SuiteFile, load_suites
from warehouse.connection import connect


@pytest.fixture(scope="session")
def suites() -> list[SuiteFile]:
    return load_suites(settings.EXPECTATIONS_DIR)


@pytest.fixture(scope="session")
def make_warehouse(tmp_path_factory: pytest.TempPathFactory, suites: list[SuiteFile]):
    def make(name: str) -> Warehouse:
        return Warehouse(tmp_path_factory.mktemp(name) / "newsevents.duckdb", suites)
    return make


@dataclass
class Scenario:
    """One warehouse taken through a good, a batch-failing and a warning-only run, in that order."""

    warehouse: Warehouse
    good: Batch
    after_good: dict[str, tuple[int, str]]
    batch_failure: Batch
    after_batch_failure: dict[str, tuple[int, str]]
    warning: Batch
    warning_articles: list[str]


def set_feed(wh: Warehouse, consecutive_failures: int) -> None:
    """One configured feed in ops.feed_state, healthy (0) or failing, for the feed_health suite."""
    with connect(wh.path) as con:
        con.execute("INSERT OR REPLACE INTO ops.feed_state (url, name, last_fetch_at, last_outcome, "
                    "last_success_at, consecutive_failures, items_seen) VALUES ('https://example.org/feed.xml', "
                    "'example', now()::TIMESTAMP - INTERVAL 1 HOUR, ?, now()::TIMESTAMP - INTERVAL 2 HOUR, ?, 12)",
                    ["new" if consecutive_failures == 0 else "error", consecutive_failures])


@pytest.fixture(scope="session")
def scenario(make_warehouse) -> Scenario:
    wh = make_warehouse("scenario")
    set_feed(wh, 0)
    good_articles = [article(i) for i in range(1, 4)]
    good_events = [event(i * 10 + j, a.article_id, event_date=date(2025, 5, 10 + j))
                   for i, a in enumerate(good_articles, 1) for j in range(3)]
    good = wh.run("run-1-good", good_articles, good_events)
    after_good = published_checksum(wh)

    # 100 well-formed articles and no events at all: the extractor is broken (batch-level, critical).
    silent = wh.run("run-2-no-events", [article(1000 + i) for i in range(100)], [])
    after_silent = published_checksum(wh)

    # Only warnings: short texts, French, fallback dates, no actor1 anywhere, a failing feed.
    set_feed(wh, 9)
    soft = [article(2000 + i, text=f"Court adjourned in Lyon, case {i}.", language="fr",
                    published_at_is_fallback=True) for i in range(3)]
    soft_events = [event(2000 + i, a.article_id, actor1_canonical=None, actor1_name=None, actor1_country=None,
                         actor1_type=None) for i, a in enumerate(soft)]
    warning = wh.run("run-3-warnings", soft, soft_events)
    return Scenario(wh, good, after_good, silent, after_silent, warning, [a.article_id for a in soft])
