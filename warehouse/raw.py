"""The raw layer: article versions exactly as delivered, and rejected inputs, append-only."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime

import duckdb
import pandas as pd

from newsevents.articles import IncomingArticle, article_fingerprint, input_hash
from newsevents.normalize import NormalizedArticle, Rejection
from warehouse.connection import registered
from warehouse.sql import load


def known_versions(con: duckdb.DuckDBPyConnection, keys: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (article_id, content_hash) pairs among ``keys`` that raw already holds."""
    if not keys:
        return set()
    with registered(con, candidates=pd.DataFrame(keys, columns=["article_id", "content_hash"])):
        return {(a, h) for a, h in con.execute(load("raw/known_versions")).fetchall()}


def known_inputs(con: duckdb.DuckDBPyConnection, fingerprints: Sequence[str]) -> set[str]:
    """The input fingerprints raw already holds (as an article version or a rejection)."""
    if not fingerprints:
        return set()
    with registered(con, fingerprints=pd.DataFrame({"input_hash": list(fingerprints)}, dtype="object")):
        return {h for (h,) in con.execute(load("raw/known_inputs")).fetchall()}


def rejection_fingerprint(rejection: Rejection) -> str:
    return input_hash(rejection.source, rejection.source_ref, rejection.reason, rejection.content)


def insert_articles(con: duckdb.DuckDBPyConnection, batch_id: str,
                    pairs: Sequence[tuple[IncomingArticle, NormalizedArticle]],
                    simhashes: Mapping[str, int] | None = None, shingle_size: int | None = None) -> int:
    """Land new versions: the source's own text and fields, keyed by the normalized identity,
    and beside them their normalized form (``raw.normalized_articles``) and, when given, their
    near-duplicate signature (article id → SimHash over ``shingle_size``-word shingles), so
    staging reads them instead of normalizing and signing every article a second time."""
    if not pairs:
        return 0
    simhashes = simhashes or {}
    normalized = pd.DataFrame([{
        "article_id": n.article_id, "content_hash": n.content_hash, "url": n.url, "title": n.title,
        "text": n.text, "language": n.language, "published_at": n.published_at,
        "published_at_is_fallback": n.published_at_is_fallback, "word_count": n.word_count,
        "flags": list(n.flags), "simhash": simhashes.get(n.article_id),
        "simhash_shingles": shingle_size if n.article_id in simhashes else None,
    } for _, n in pairs])
    normalized["simhash"] = normalized["simhash"].astype("Int64")
    normalized["simhash_shingles"] = normalized["simhash_shingles"].astype("Int64")
    incoming = pd.DataFrame([{
        "article_id": n.article_id, "content_hash": n.content_hash, "batch_id": batch_id,
        "source": a.source, "source_ref": a.source_ref, "external_id": a.external_id, "url": a.url,
        "title": a.title, "text": a.text, "published_at": a.published_at, "language": a.language,
        "flags": list(a.flags), "metadata": json.dumps(a.metadata, default=str), "ingested_at": n.ingested_at,
        "input_hash": article_fingerprint(a),
    } for a, n in pairs])
    with registered(con, incoming=incoming, normalized=normalized):
        con.execute(load("raw/insert_articles"))
        con.execute(load("raw/insert_normalized"))
    return len(incoming)


def insert_rejections(con: duckdb.DuckDBPyConnection, batch_id: str,
                      rejections: Sequence[tuple[Rejection, str]], received_at: datetime) -> int:
    """Keep every rejected input whole, with the reason it could not become an article."""
    if not rejections:
        return 0
    frame = pd.DataFrame([{"batch_id": batch_id, "source": r.source, "source_ref": r.source_ref,
                           "reason": r.reason, "content": r.content, "received_at": received_at,
                           "input_hash": fingerprint}
                          for r, fingerprint in rejections])
    with registered(con, rejections=frame):
        con.execute(load("raw/insert_rejections"))
    return len(frame)


def pending_keys(con: duckdb.DuckDBPyConnection, batch_id: str | None = None) -> list[tuple[str, str]]:
    """(article_id, content_hash) of the raw versions not yet published or quarantined (all
    batches when ``batch_id`` is None). Keys only: a backlog of 100,000 texts never sits in memory."""
    return [(a, h) for a, h in con.execute(load("raw/pending_articles"), {"batch_id": batch_id}).fetchall()]


def articles_by_key(con: duckdb.DuckDBPyConnection, keys: Sequence[tuple[str, str]]) -> list[dict]:
    """Raw rows for the given (article_id, content_hash) pairs: one chunk of work at a time.

    Each row carries the version's stored normalized form (``is_normalized``, ``norm_*``;
    see :func:`stored_normalized`) and, only where there is none, the delivered ``text``.
    """
    if not keys:
        return []
    with registered(con, wanted=pd.DataFrame(list(keys), columns=["article_id", "content_hash"])):
        return _dicts(con.execute(load("raw/articles_by_key")))


def latest_keys(con: duckdb.DuckDBPyConnection, since: datetime | None = None) -> list[tuple[str, str]]:
    """(article_id, content_hash) of the latest raw version of every article (ingested since
    ``since``), for reprocessing."""
    return [(a, h) for a, h in con.execute(load("raw/latest_articles"), {"since": since}).fetchall()]


def stored_simhash(row: dict, shingle_size: int) -> int | None:
    """The signature stored at landing for a row of :func:`articles_by_key`, if it was computed
    over ``shingle_size``-word shingles; else None (sign the text then)."""
    if row.get("norm_simhash") is None or row.get("norm_simhash_shingles") != shingle_size:
        return None
    return int(row["norm_simhash"])


def stored_normalized(row: dict) -> NormalizedArticle | None:
    """The normalized article stored at landing for a row of :func:`articles_by_key`, or None
    when the version predates ``raw.normalized_articles`` (normalize ``as_incoming(row)`` then)."""
    if not row.get("is_normalized"):
        return None
    return NormalizedArticle(
        article_id=row["article_id"], content_hash=row["content_hash"], source=row["source"],
        source_ref=row["source_ref"], url=row["norm_url"], title=row["norm_title"], text=row["norm_text"],
        language=row["norm_language"], published_at=row["norm_published_at"],
        published_at_is_fallback=bool(row["norm_published_at_is_fallback"]), ingested_at=row["ingested_at"],
        word_count=row["norm_word_count"], external_id=row["external_id"], flags=list(row["norm_flags"] or []),
    )


def as_incoming(row: dict) -> IncomingArticle:
    """Rebuild the incoming article from its raw row, so re-normalizing reproduces the record."""
    meta = row.get("metadata")
    return IncomingArticle(
        source=row["source"], source_ref=row["source_ref"], text=row["text"], title=row["title"],
        url=row["url"], published_at=row["published_at"], language=row["language"],
        external_id=row["external_id"], flags=list(row["flags"] or []),
        metadata=json.loads(meta) if isinstance(meta, str) else (meta or {}),
    )


def _dicts(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]
