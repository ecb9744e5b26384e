"""Builders for staged batches in a real DuckDB warehouse, and the gate as the pipeline runs it.

A plain module (not conftest.py) so test modules can import it by a name no other test
folder uses.

Rows go in through the same functions the pipeline uses (``raw.insert_articles``,
``staging.insert_articles/insert_mentions``), are validated from
``staging.validation_frames`` and published with ``tasks.process.publish_batch`` (its
plain function, no Prefect server), so the tests follow the pipeline if it changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import duckdb

from newsevents.articles import IncomingArticle
from newsevents.normalize import NormalizedArticle
from newsevents.quality.gate import GateResult, validate
from newsevents.quality.suites import SuiteFile
from newsevents.schema import MENTION_COLUMNS
from warehouse import quality_store, raw, runs, staging
from warehouse.connection import connect

PUBLISHED = datetime(2025, 5, 18, 9, 30)
TEXT = ("Hundreds of protesters marched through central Kharkiv on Saturday demanding the release of "
        "detained journalists, and police said the rally ended peacefully in the evening.")


def article(n: int, **changes: Any) -> NormalizedArticle:
    """A valid article numbered ``n``; ``changes`` override fields (to break one rule)."""
    text = changes.pop("text", f"{TEXT} Report {n}.")
    base = NormalizedArticle(
        article_id=f"a_{n:016x}", content_hash=hashlib.sha256(f"{n}:{text}".encode()).hexdigest(),
        source="test", source_ref=f"test/{n}", url=f"https://example.org/{n}", title=f"Rally {n}",
        text=text, language="en", published_at=PUBLISHED, published_at_is_fallback=False,
        ingested_at=datetime.now(timezone.utc).replace(tzinfo=None), word_count=len(text.split()))
    return replace(base, **changes)


def event(n: int, article_id: str, **changes: Any) -> dict[str, Any]:
    """A valid flat event row (every column of ``MENTION_COLUMNS``) for ``article_id``."""
    row = {
        "event_id": f"e_{n:018x}", "article_id": article_id, "event_type": "PROTEST", "event_mode": None,
        "cameo_code": "141", "quad_class": 3, "goldstein": -6.5, "acled_event_type": "Protests",
        "acled_sub_event_type": "Peaceful protest", "status": "occurred",
        "actor1_name": "protesters", "actor1_canonical": "Protesters (Ukraine)", "actor1_country": "UKR",
        "actor1_type": "PRO", "actor2_name": "police", "actor2_canonical": "Police (Ukraine)",
        "actor2_country": "UKR", "actor2_type": "COP", "location_name": "Kharkiv", "location_country": "UKR",
        "location_admin1": "Kharkiv", "latitude": 49.98, "longitude": 36.25, "geonames_id": 706483,
        "location_precision": "city", "event_date": date(2025, 5, 17), "date_precision": "day",
        "fatalities": 0, "fatalities_qualifier": "exact", "injured": 2, "injured_qualifier": "about",
        "quantities": [], "evidence_text": "Hundreds of protesters marched through central Kharkiv",
        "evidence_start": 0, "evidence_end": 54, "confidence": 0.8, "extractor_version": "test-1",
    }
    assert set(row) == set(MENTION_COLUMNS)
    row.update(changes)
    return row


@dataclass
class Batch:
    """One staged, validated and published batch, with what the warehouse holds afterwards."""

    run_id: str
    gate: GateResult
    outcome: Any
    article_reasons: dict[str, list[list[str]]]  # article_id → reasons of each quarantined row
    event_reasons: dict[str, list[list[str]]]


class Warehouse:
    """A temporary warehouse file that batches are run through, one run each."""

    def __init__(self, path: Path, suites: list[SuiteFile]) -> None:
        self.path, self.suites = path, suites
        with connect(path):
            pass  # create and migrate

    def run(self, run_id: str, articles: list[NormalizedArticle], events: list[dict[str, Any]],
            without_raw: frozenset[str] = frozenset(), extraction_failures: dict[str, str] | None = None) -> Batch:
        """Land, stage, validate, record and publish one batch as the pipeline does.

        ``extraction_failures`` (article id → error) marks articles the extractor failed on,
        as the pipeline's stage-events task does.
        """
        from tasks.process import publish_batch

        with connect(self.path) as con:
            runs.start_run(con, run_id, "test", "test-1")
            raw.insert_articles(con, run_id, [(incoming(a), a) for a in articles
                                              if a.article_id not in without_raw])
            staging.insert_articles(con, run_id, articles)
            staging.insert_mentions(con, run_id, events)
            if extraction_failures:
                staging.mark_extraction_failures(con, extraction_failures)
            frames = staging.validation_frames(con)
        gate = validate(frames, self.suites, run_id)
        with connect(self.path) as con:
            quality_store.record_outcomes(con, run_id, gate.outcomes)
        outcome = publish_batch.fn(self.path, run_id, gate)
        with connect(self.path) as con:
            status = "published" if not outcome.articles_quarantined and not outcome.events_quarantined else (
                "partially_published" if outcome.articles_published else "quarantined")
            runs.update_run(con, run_id, finished=True, status=status, dq_outcome=gate.dq_outcome,
                            articles_published=outcome.articles_published,
                            events_published=outcome.events_published,
                            rows_quarantined=outcome.articles_quarantined + outcome.events_quarantined)
            return Batch(run_id, gate, outcome, _reasons(con, "articles", "article_id", run_id),
                         _reasons(con, "event_mentions", "event_id", run_id))

    def query(self, sql: str) -> list[tuple]:
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()


def incoming(a: NormalizedArticle) -> IncomingArticle:
    return IncomingArticle(source=a.source, source_ref=a.source_ref, text=a.text, title=a.title, url=a.url,
                           published_at=a.published_at.isoformat() if a.published_at else None,
                           language=a.language)


def _reasons(con: duckdb.DuckDBPyConnection, table: str, key: str, run_id: str) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}
    for row_key, reasons in con.execute(f"SELECT {key}, reasons FROM quarantine.{table} WHERE run_id = ?",
                                        [run_id]).fetchall():
        out.setdefault(row_key, []).append(sorted(reasons))
    return out


def published_checksum(wh: Warehouse) -> dict[str, tuple[int, str]]:
    """Per published table: (row count, md5 of its rows sorted as text): byte-for-byte identity."""
    tables = [t for (t,) in wh.query("SELECT table_name FROM information_schema.tables "
                                     "WHERE table_schema = 'published' ORDER BY 1")]
    return {t: wh.query(f"SELECT count(*), md5(coalesce(string_agg(r::VARCHAR, chr(10) ORDER BY r::VARCHAR), '')) "
                        f"FROM published.{t} AS r")[0] for t in tables}
