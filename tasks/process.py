"""Processing tasks: stage a batch, extract events, validate, publish or quarantine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from prefect import task

from newsevents.clusters import Deduplicator
from newsevents.dedup import load_config, signatures
from newsevents.dedup.signature_index import SignatureIndex
from newsevents.mentions import Extracted, extract_mentions_parallel, extractor_input
from newsevents.normalize import NormalizedArticle, normalize
from newsevents.quality.gate import GateResult, Validator, validate
from newsevents.quality.suites import load_suites
from tasks import TASK_DEFAULTS, Opaque
from warehouse import publish as publish_sql
from warehouse import quality_store, raw, runs, staging
from warehouse.connection import connect


@task(name="start-run", **TASK_DEFAULTS)
def start_run(db: Path, run_id: str, flow: str, extractor_version: str) -> None:
    """Record the run and clear staging (leftovers of a crashed run are re-derived from raw)."""
    with connect(db) as con:
        runs.start_run(con, run_id, flow, extractor_version)
        staging.clear(con)


@task(name="find-pending-articles", **TASK_DEFAULTS)
def pending_keys(db: Path, batch_id: str | None = None) -> list[tuple[str, str]]:
    """Raw versions not yet published or quarantined: of one batch, or all (crash recovery)."""
    with connect(db) as con:
        return raw.pending_keys(con, batch_id)


@task(name="find-stored-articles", **TASK_DEFAULTS)
def stored_keys(db: Path, since: datetime | None = None) -> list[tuple[str, str]]:
    """The latest raw version of every article (ingested since ``since``), for reprocessing."""
    with connect(db) as con:
        return raw.latest_keys(con, since)


@dataclass
class PreparedChunk:
    """One chunk of raw versions made ready to extract, before it is staged.

    ``duplicates`` (near-duplicate id → original id) is provisional: it was found against the
    originals known when the chunk was prepared. :func:`stage_prepared` decides for good.
    """

    articles: list[NormalizedArticle]
    simhashes: dict[str, int]
    duplicates: dict[str, str]

    def originals(self) -> list[tuple[str, int]]:
        """(article_id, signature) of the chunk's provisional originals."""
        return [(a.article_id, self.simhashes[a.article_id]) for a in self.articles
                if a.article_id not in self.duplicates and a.article_id in self.simhashes]

    def extractor_inputs(self, only: set[str] | None = None) -> list[dict[str, Any]]:
        """Inputs for the provisional originals (or for the ids in ``only``), in chunk order."""
        return [extractor_input(a) for a in self.articles
                if (a.article_id in only if only is not None else a.article_id not in self.duplicates)]


@task(name="load-signatures", **TASK_DEFAULTS)
def load_signatures(db: Path) -> SignatureIndex:
    """The signatures of the originals published or staged, indexed once for a run (see
    :mod:`newsevents.dedup.signature_index` why); read again after a publish quarantined some."""
    with connect(db) as con:
        return SignatureIndex(staging.signatures(con), load_config().near_dup_max_distance)


@task(name="prepare-articles", **TASK_DEFAULTS)
def prepare_articles(db: Path, keys: Sequence[tuple[str, str]],
                     unstaged: Sequence[tuple[str, int]] = (), index: SignatureIndex | None = None) -> PreparedChunk:
    """Read one chunk's normalized articles from raw, sign them, find near-duplicates provisionally.

    The normalized form and signature stored at landing are used (versions landed before they
    were stored are normalized and signed again). ``unstaged`` are the originals of chunks
    prepared earlier but not yet staged: with those and the originals already published or
    staged, the provisional
    duplicates are the ones :func:`stage_prepared` will find, unless a publish in between
    quarantined an original. Nothing is written: this may run while an earlier batch is
    still to be published. ``index``: the run's signatures (read from the warehouse without one).
    """
    config = load_config()
    with connect(db) as con:
        rows = raw.articles_by_key(con, keys)
        if index is None:
            index = SignatureIndex(staging.signatures(con), config.near_dup_max_distance)
    articles, simhashes = [], {}
    for row in rows:
        article = raw.stored_normalized(row) or normalize(raw.as_incoming(row), row["ingested_at"])
        if isinstance(article, NormalizedArticle):
            articles.append(article)
            stored = raw.stored_simhash(row, config.shingle_size)
            if stored is not None:
                simhashes[article.article_id] = stored
    del rows
    unsigned = [(a.article_id, a.text) for a in articles if a.article_id not in simhashes]
    simhashes.update(signatures(unsigned, config.shingle_size) if unsigned else {})
    return PreparedChunk(articles, simhashes, index.match(simhashes, list(unstaged)))


@task(name="stage-prepared", **TASK_DEFAULTS)
def stage_prepared(db: Path, run_id: str, chunk: PreparedChunk, index: SignatureIndex | None = None) -> dict[str, str]:
    """Link the chunk's near-duplicates to the originals published or staged now; stage it.

    Returns the duplicates (id → original) as staged; they may differ from the provisional
    ones when an original was quarantined since the chunk was prepared. The run's ``index``
    learns the chunk's originals.
    """
    with connect(db) as con:
        current = index or SignatureIndex(staging.signatures(con), load_config().near_dup_max_distance)
        duplicates = current.match(chunk.simhashes)
        staging.insert_articles(con, run_id, chunk.articles, chunk.simhashes, duplicates)
    if index is not None:
        index.add([(a, s) for a, s in chunk.simhashes.items() if a not in duplicates])
    return duplicates


@task(name="stage-articles", **TASK_DEFAULTS)
def stage_articles(db: Path, run_id: str, keys: Sequence[tuple[str, str]]) -> tuple[list[dict[str, Any]], int]:
    """Prepare and stage one chunk at once; return the extractor inputs and the number of near-duplicates."""
    chunk = prepare_articles.fn(db, keys)
    duplicates = stage_prepared.fn(db, run_id, chunk)
    return [extractor_input(a) for a in chunk.articles if a.article_id not in duplicates], len(duplicates)


@task(name="extract-events", retries=1, **TASK_DEFAULTS)
def extract_events(articles: Opaque, workers: int = 0) -> Extracted:
    """CPU-bound and pure: safe to run on a process pool or a Dask worker.

    ``articles`` is an :class:`~tasks.Opaque` list of extractor inputs (see there why).
    """
    return extract_mentions_parallel(articles.value, workers)


@task(name="stage-events", **TASK_DEFAULTS)
def stage_events(db: Path, run_id: str, extracted: Extracted) -> int:
    """Stage the mentions, and mark the articles the extractor failed on (the gate quarantines them)."""
    rows, failures = extracted
    with connect(db) as con:
        staging.mark_extraction_failures(con, failures)
        return staging.insert_mentions(con, run_id, rows)


@task(name="validate-batch", **TASK_DEFAULTS)
def validate_batch(db: Path, run_id: str, expectations_dir: Path, docs_dir: Path | None,
                   validator: Validator | None = None) -> GateResult:
    """Run every suite on the staged batch and keep the results in the validation history.

    With a run's ``validator`` (see :class:`~newsevents.quality.gate.Validator`) its context
    is reused and the Data Docs wait for :func:`build_data_docs`; without one, this batch is
    validated on its own and its Data Docs are built at once.
    """
    with connect(db) as con:
        frames = staging.validation_frames(con)
    if validator is None:
        result = validate(frames, load_suites(expectations_dir), run_id, docs_dir)
    else:
        result = validator.validate(frames, run_id)
    with connect(db) as con:
        quality_store.record_outcomes(con, run_id, result.outcomes)
    return result


@task(name="prepare-validation", **TASK_DEFAULTS)
def prepare_validation(validator: Validator) -> None:
    """Set up the run's Great Expectations context and checkpoints ahead of the first batch."""
    validator.prepare()


@task(name="build-data-docs", **TASK_DEFAULTS)
def build_data_docs(validator: Validator) -> None:
    """Great Expectations' Data Docs for every batch the run validated, built once."""
    validator.build_docs()


@task(name="publish-batch", **TASK_DEFAULTS)
def publish_batch(db: Path, run_id: str, gate: GateResult) -> publish_sql.PublishOutcome:
    with connect(db) as con:
        return publish_sql.publish(con, run_id, gate.row_reasons("articles"), gate.row_reasons("events"),
                                   gate.batch_failures(), Deduplicator())


@task(name="finish-run", **TASK_DEFAULTS)
def finish_run(db: Path, run_id: str, **fields: Any) -> None:
    with connect(db) as con:
        runs.update_run(con, run_id, finished=True, **fields)
