"""A warehouse with real history for the report: the seed article published, a bad copy quarantined.

Built without a Prefect server (seconds, not a server start): the pipeline's own tasks are
called as plain functions (``task.fn``) in the order ``flows/steps.py`` runs them, so the
real normalizer, extractor, Great Expectations gate and publisher write the history.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents import settings
from newsevents.articles import IncomingArticle
from newsevents.extract import EXTRACTOR_VERSION
from newsevents.seeds import read_seeds
from warehouse.connection import connect

FUTURE = IncomingArticle(
    source="seed", source_ref="future.md", title="Tear gas in Kharkiv", published_at="2095-05-18",
    text="KHARKIV, May 17 (Reuters) - Police fired tear gas at hundreds of protesters in Kharkiv on Friday, "
         "injuring 12 people, regional officials said. Separately, a Russian missile strike on a market in "
         "Odesa killed three civilians on Thursday, the city's mayor said.")


def run_batch(db: Path, run_id: str, items: list[IncomingArticle]) -> None:
    """One pipeline run, task by task: the tasks' plain functions, in ``flows/steps.py`` order."""
    from tasks import Opaque
    from tasks.ingest import land_articles
    from tasks.process import (extract_events, finish_run, pending_keys, publish_batch, stage_articles,
                               stage_events, start_run, validate_batch)

    start_run.fn(db, run_id, "test", EXTRACTOR_VERSION)
    landing = land_articles.fn(db, run_id, items)
    inputs, _ = stage_articles.fn(db, run_id, pending_keys.fn(db))
    extracted = stage_events.fn(db, run_id, extract_events.fn(Opaque(inputs)))
    gate = validate_batch.fn(db, run_id, settings.EXPECTATIONS_DIR, None)
    outcome = publish_batch.fn(db, run_id, gate)
    quarantined = outcome.articles_quarantined + outcome.events_quarantined
    finish_run.fn(db, run_id, dq_outcome=gate.dq_outcome,
                  status="published" if not quarantined else
                  "partially_published" if outcome.articles_published else "quarantined",
                  articles_new=landing.new, articles_published=outcome.articles_published,
                  events_extracted=extracted, events_published=outcome.events_published,
                  rows_quarantined=quarantined)


@pytest.fixture(scope="session")
def report_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run 1 publishes the seed article; run 2 brings an article dated 2095, quarantined with its events."""
    db = tmp_path_factory.mktemp("report") / "newsevents.duckdb"
    seed = next(i for i in read_seeds(settings.DEFAULT_SEEDS) if isinstance(i, IncomingArticle))
    run_batch(db, "run-20250518T100000-aaaaaa", [seed])
    run_batch(db, "run-20250518T110000-bbbbbb", [FUTURE])
    return db


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    """A new warehouse: migrated, no runs, no rows."""
    db = tmp_path / "empty.duckdb"
    with connect(db):
        pass
    return db
