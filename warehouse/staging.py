"""The staging layer: this run's normalized articles and extracted event mentions."""

from __future__ import annotations

import json
from collections.abc import Sequence

import duckdb
import pandas as pd

from newsevents.normalize import NormalizedArticle
from warehouse.connection import registered
from warehouse.sql import load

VALIDATION_DATASETS = ("articles", "events", "batch", "feed_health")


def clear(con: duckdb.DuckDBPyConnection) -> None:
    """Empty staging; leftovers of a crashed run are re-derived from raw, never trusted."""
    con.execute(load("staging/clear"))


def insert_articles(con: duckdb.DuckDBPyConnection, run_id: str, articles: Sequence[NormalizedArticle],
                    simhashes: dict[str, int] | None = None, duplicates: dict[str, str] | None = None) -> int:
    """Stage normalized articles, with their similarity signature and near-duplicate link."""
    if not articles:
        return 0
    simhashes, duplicates = simhashes or {}, duplicates or {}
    frame = pd.DataFrame([{
        "run_id": run_id, "article_id": a.article_id, "content_hash": a.content_hash, "source": a.source,
        "url": a.url, "title": a.title, "text": a.text, "language": a.language,
        "published_at": a.published_at, "published_at_is_fallback": a.published_at_is_fallback,
        "ingested_at": a.ingested_at, "word_count": a.word_count,
        "simhash": simhashes.get(a.article_id), "duplicate_of": duplicates.get(a.article_id),
        "flags": list(a.flags),
    } for a in articles])
    frame["simhash"] = frame["simhash"].astype("Int64")
    with registered(con, staged_articles=frame):
        con.execute(load("staging/insert_articles"))
    return len(frame)


def insert_mentions(con: duckdb.DuckDBPyConnection, run_id: str, rows: Sequence[dict]) -> int:
    """Stage flattened event mentions (see ``newsevents.schema.flatten_event``)."""
    if not rows:
        return 0
    frame = pd.DataFrame([{**r, "run_id": run_id, "quantities": json.dumps(r.get("quantities") or [])}
                          for r in rows])
    for col in ("quad_class", "geonames_id", "fatalities", "injured", "evidence_start", "evidence_end"):
        frame[col] = frame[col].astype("Int64")
    with registered(con, staged_mentions=frame):
        con.execute(load("staging/insert_mentions"))
    return len(frame)


def mark_extraction_failures(con: duckdb.DuckDBPyConnection, failures: dict[str, str]) -> None:
    """Record why the extractor failed on an article; the articles suite blocks such rows."""
    if failures:
        con.executemany(load("staging/mark_extraction_failure"), [[reason, aid] for aid, reason in failures.items()])


def validation_frames(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """The DataFrames the suites validate (GX's SQL path does not work with DuckDB)."""
    return {name: con.execute(load(f"validation/{name}")).df() for name in VALIDATION_DATASETS}


def signatures(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    """(article_id, simhash) of originals already published or staged, for near-duplicate checks."""
    return [(a, int(h)) for a, h in con.execute(load("published/signatures")).fetchall()]


def counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(articles, event mentions) currently staged."""
    row = con.execute("SELECT (SELECT count(*) FROM staging.articles), "
                      "(SELECT count(*) FROM staging.event_mentions)").fetchone()
    return int(row[0]), int(row[1])
