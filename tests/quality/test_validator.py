"""One Great Expectations context per run: every batch validated alike, Data Docs built once for all."""

from __future__ import annotations

from dq_batches import article, event, incoming

from newsevents.quality.gate import Validator, validate
from warehouse import raw, staging
from warehouse.connection import connect


def frames_for(db, run_id, articles, events):
    with connect(db) as con:
        staging.clear(con)
        raw.insert_articles(con, run_id, [(incoming(a), a) for a in articles])
        staging.insert_articles(con, run_id, articles)
        staging.insert_mentions(con, run_id, events)
        return staging.validation_frames(con)


def outcomes(result):
    return sorted((o.expectation_id, o.success, o.unexpected_count, tuple(o.failing_keys or ())) for o in result.outcomes)


def test_a_run_long_validator_gives_each_batch_the_outcomes_of_a_validation_on_its_own(db_path, tmp_path, suites):
    good = [article(i) for i in range(1, 4)]
    bad = [article(4, language=None), article(5, published_at=good[0].published_at.replace(year=2095))]
    batches = [frames_for(db_path, "run-x", good, [event(i, a.article_id) for i, a in enumerate(good)]),
               frames_for(db_path, "run-x", bad, [event(9, bad[0].article_id, event_type=None)])]
    docs = tmp_path / "docs"
    validator = Validator(suites, docs)
    results = [validator.validate(frames, "run-x") for frames in batches]
    assert not (docs / "index.html").exists(), "Data Docs wait for the end of the run"
    validator.build_docs()

    for frames, result in zip(batches, results):
        assert outcomes(result) == outcomes(validate(frames, suites, "run-x"))
    assert set(results[1].row_reasons("articles")) == {bad[1].article_id}
    assert not results[0].row_reasons("articles")
    assert (docs / "index.html").is_file()
    pages = sorted(p.name for p in (docs / "validations" / "articles").rglob("*.html")
                   if "aggregate" not in p.parts)
    assert pages == ["newsevents-articles.html"] * 2, "one page per batch validated"


def test_a_validator_that_validated_nothing_builds_no_docs(tmp_path, suites):
    Validator(suites, tmp_path / "docs").build_docs()
    assert not (tmp_path / "docs").exists()
