"""What the gate means for the published tables: critical failures change nothing, warnings block nothing."""

from __future__ import annotations


def test_critical_batch_failure_leaves_published_tables_byte_for_byte_unchanged(scenario):
    assert scenario.after_good["articles"][0] == 3, "the good batch was published first"
    assert scenario.after_batch_failure == scenario.after_good
    failed = scenario.batch_failure
    assert failed.gate.dq_outcome == "failed"
    assert failed.outcome.articles_published == failed.outcome.events_published == 0
    assert failed.outcome.articles_quarantined == 100
    wh = scenario.warehouse
    assert wh.query("SELECT count(*) FROM staging.articles") == [(0,)], "staging is cleared either way"
    assert wh.query("SELECT count(*) FROM raw.articles WHERE batch_id = 'run-2-no-events'") == [(100,)], \
        "nothing valid is lost: raw keeps every input for a re-run"


def test_warnings_are_recorded_but_do_not_block(scenario):
    batch = scenario.warning
    assert batch.gate.dq_outcome == "warning"
    assert batch.outcome.articles_published == 3 and batch.outcome.events_published == 3
    assert batch.outcome.articles_quarantined == batch.outcome.events_quarantined == 0
    assert not batch.article_reasons and not batch.event_reasons
    wh = scenario.warehouse
    ids = ", ".join(f"'{a}'" for a in scenario.warning_articles)
    assert wh.query(f"SELECT count(*) FROM published.articles WHERE article_id IN ({ids})") == [(3,)]
    failed = {(suite, column) for suite, column, severity in wh.query(
        "SELECT suite, column_name, severity FROM ops.validation_results "
        "WHERE run_id = 'run-3-warnings' AND NOT success")
        if severity == "warning"}
    assert failed == {("articles", "word_count"), ("articles", "language"), ("articles", "published_at_is_fallback"),
                      ("events", "actor1_canonical"), ("feed_health", "consecutive_failures")}
    assert wh.query("SELECT count(*) FROM ops.validation_results "
                    "WHERE run_id = 'run-3-warnings' AND NOT success AND severity = 'critical'") == [(0,)]
    assert wh.query("SELECT status, dq_outcome FROM ops.runs WHERE run_id = 'run-3-warnings'") == [
        ("published", "warning")]


def test_history_keeps_every_expectation_of_every_run(scenario, suites):
    per_run = dict(scenario.warehouse.query(
        "SELECT run_id, count(*) FROM ops.validation_results GROUP BY 1"))
    expected = sum(len(s.expectations) for s in suites)
    assert per_run == {"run-1-good": expected, "run-2-no-events": expected, "run-3-warnings": expected}
    (unexpected, examples), = scenario.warehouse.query(
        "SELECT unexpected_count, unexpected_examples FROM ops.validation_results "
        "WHERE run_id = 'run-3-warnings' AND column_name = 'word_count'")
    assert unexpected == 3 and examples.startswith("[")
