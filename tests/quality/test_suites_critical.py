"""Every suite passes a good batch, and every critical expectation is broken once and caught.

The critical expectations are read from ``expectations/*.json`` at collection time, so a
new critical rule without a way to break it here fails the test (add it to the tables
below). Row-level rules are broken in different rows of ONE staged batch (one GX run);
the batch-level rule uses the scenario's 100-articles-no-events batch; rules on columns
the warehouse declares NOT NULL are broken in the DataFrame, since DuckDB refuses them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

import duckdb
import pytest
from dq_batches import article, event

from newsevents import settings
from newsevents.quality.gate import validate
from newsevents.quality.suites import load_suites
from warehouse import staging
from warehouse.connection import connect

HOST = article(1).article_id  # the valid article every broken event belongs to
CRITICAL = [pytest.param(s.name, e, id=f"{s.name}[{i}]:{e['type'].removeprefix('expect_')}({e['kwargs'].get('column')})")
            for s in load_suites(settings.EXPECTATIONS_DIR) for i, e in enumerate(s.expectations)
            if e["severity"] == "critical"]


@dataclass
class Break:
    """Rows that break one rule, and the key (article_id or event_id) GX must blame."""

    key: str
    articles: list = field(default_factory=list)
    events: list = field(default_factory=list)
    without_raw: frozenset[str] = frozenset()
    copies: int = 1  # quarantined rows expected under that key
    extraction_failures: dict[str, str] = field(default_factory=dict)


def _article(n: int, **changes: Any) -> Break:
    a = article(n, **changes)
    return Break(a.article_id, articles=[a])


def _event(n: int, **changes: Any) -> Break:
    e = event(n, HOST, **changes)
    return Break(e["event_id"], events=[e])


def _duplicate_article(n: int) -> Break:
    first, second = article(n), article(n, text=f"{article(n).text} Updated.")
    return Break(first.article_id, articles=[first, second], copies=2)


def _duplicate_event(n: int) -> Break:
    e = event(n, HOST)
    return Break(e["event_id"], events=[e, dict(e, evidence_start=5)], copies=2)


def _unsourced_article(n: int) -> Break:
    a = article(n)
    return Break(a.article_id, articles=[a], without_raw=frozenset({a.article_id}))


def _html_article(n: int) -> Break:
    """Its valid event must follow it into quarantine as 'article quarantined'."""
    a = article(n, text=f"{article(n).text} <b>Breaking</b>")
    return Break(a.article_id, articles=[a], events=[event(n, a.article_id)])


def _extractor_failed(n: int) -> Break:
    a = article(n)
    return Break(a.article_id, articles=[a], extraction_failures={a.article_id: "extractor_error: ValueError: boom"})


FUTURE = datetime.now(timezone.utc).replace(tzinfo=None) + timedelta(days=3)
ROW_BREAKS: dict[tuple[str, str, str], Callable[[int], Break]] = {
    ("articles", "expect_column_values_to_be_unique", "article_id"): _duplicate_article,
    ("articles", "expect_column_values_to_match_regex", "article_id"): lambda n: _article(n, article_id=f"bad-{n}"),
    ("articles", "expect_column_values_to_not_be_null", "published_at"): lambda n: _article(n, published_at=None),
    ("articles", "expect_column_values_to_be_in_set", "source_exists"): _unsourced_article,
    ("articles", "expect_column_values_to_be_between", "text_length"): lambda n: _article(n, text="", word_count=0),
    ("articles", "expect_column_values_to_be_in_set", "has_html"): _html_article,
    ("articles", "expect_column_values_to_be_in_set", "language"): lambda n: _article(n, language="xx"),
    ("articles", "expect_column_values_to_be_between", "hours_ahead_of_now"): lambda n: _article(n, published_at=FUTURE),
    ("articles", "expect_column_values_to_be_null", "extraction_error"): _extractor_failed,
    ("events", "expect_column_values_to_be_unique", "event_id"): _duplicate_event,
    ("events", "expect_column_values_to_be_in_set", "article_exists"):
        lambda n: Break(f"e_{n:018x}", events=[event(n, "a_ffffffffffffffff")]),
    ("events", "expect_column_values_to_be_in_set", "event_type"): lambda n: _event(n, event_type="DANCE"),
    ("events", "expect_column_values_to_not_be_null", "event_type"): lambda n: _event(n, event_type=None),
    ("events", "expect_column_values_to_be_in_set", "acled_event_type"): lambda n: _event(n, acled_event_type="Parties"),
    ("events", "expect_column_values_to_be_in_set", "acled_sub_event_type"):
        lambda n: _event(n, acled_sub_event_type="Picnic"),
    ("events", "expect_column_values_to_be_in_set", "status"): lambda n: _event(n, status="rumoured"),
    ("events", "expect_column_values_to_be_in_set", "quad_class"): lambda n: _event(n, quad_class=7),
    ("events", "expect_column_values_to_be_between", "goldstein"): lambda n: _event(n, goldstein=12.5),
    ("events", "expect_column_values_to_be_between", "confidence"): lambda n: _event(n, confidence=1.5),
    ("events", "expect_column_values_to_not_be_null", "confidence"): lambda n: _event(n, confidence=None),
    ("events", "expect_column_values_to_be_in_set", "actor1_country"): lambda n: _event(n, actor1_country="XXX"),
    ("events", "expect_column_values_to_be_in_set", "actor2_country"): lambda n: _event(n, actor2_country="YYY"),
    ("events", "expect_column_values_to_be_in_set", "location_country"): lambda n: _event(n, location_country="ZZZ"),
    ("events", "expect_column_values_to_be_in_set", "actor1_type"): lambda n: _event(n, actor1_type="ALIEN"),
    ("events", "expect_column_values_to_be_in_set", "actor2_type"): lambda n: _event(n, actor2_type="ALIEN"),
    ("events", "expect_column_values_to_be_in_set", "location_precision"):
        lambda n: _event(n, location_precision="street"),
    ("events", "expect_column_values_to_be_in_set", "date_precision"): lambda n: _event(n, date_precision="hour"),
    ("events", "expect_column_values_to_be_in_set", "fatalities_qualifier"):
        lambda n: _event(n, fatalities_qualifier="many"),
    ("events", "expect_column_values_to_be_in_set", "injured_qualifier"): lambda n: _event(n, injured_qualifier="many"),
    ("events", "expect_column_values_to_be_between", "latitude"): lambda n: _event(n, latitude=95.0),
    ("events", "expect_column_values_to_be_between", "longitude"): lambda n: _event(n, longitude=-200.0),
    ("events", "expect_column_values_to_be_between", "fatalities"): lambda n: _event(n, fatalities=250_000),
    ("events", "expect_column_values_to_be_between", "injured"): lambda n: _event(n, injured=-1),
    ("events", "expect_column_values_to_be_between", "evidence_length"): lambda n: _event(n, evidence_text=""),
    ("events", "expect_column_values_to_not_be_null", "extractor_version"): lambda n: _event(n, extractor_version=None),
    ("events", "expect_column_values_to_be_between", "days_after_published"):
        lambda n: _event(n, event_date=date(2025, 5, 28), status="occurred"),
}
#: Columns DuckDB declares NOT NULL in staging: the rule is broken in the validated DataFrame.
FRAME_BREAKS = {("articles", "expect_column_values_to_not_be_null", c) for c in ("article_id", "content_hash", "source")} | {
    ("events", "expect_column_values_to_not_be_null", c) for c in ("event_id", "article_id")}
BATCH_BREAKS = {("batch", "expect_column_values_to_be_between", "events_per_article")}


def _key(suite: str, config: dict[str, Any]) -> tuple[str, str, str]:
    return suite, config["type"], config["kwargs"].get("column")


def _label(suite: str, config: dict[str, Any]) -> str:
    return f"{suite}:{config['type']}({config['kwargs']['column']})"


def _outcome(gate, suite: str, config: dict[str, Any]):
    """The outcome of one suite-file expectation (type, column and severity identify it)."""
    found = [o for o in gate.outcomes if (o.suite, o.expectation_type, o.column, o.severity)
             == (suite, config["type"], config["kwargs"].get("column"), config["severity"])]
    assert len(found) == 1, f"{suite} {config['type']}({config['kwargs'].get('column')}) not validated once"
    return found[0]


@pytest.fixture(scope="module")
def broken(make_warehouse):
    """ONE batch: valid host article and events, plus one broken row (or pair) per row-level rule."""
    wh = make_warehouse("broken")
    breaks = {key: make(100 + i) for i, (key, make) in enumerate(ROW_BREAKS.items())}
    articles = [article(1)] + [a for b in breaks.values() for a in b.articles]
    events = [event(1, HOST), event(2, HOST)] + [e for b in breaks.values() for e in b.events]
    without_raw = frozenset().union(*(b.without_raw for b in breaks.values()))
    failures = {k: v for b in breaks.values() for k, v in b.extraction_failures.items()}
    return wh, breaks, wh.run("run-broken", articles, events, without_raw, failures)


@pytest.fixture(scope="module")
def frame_broken(make_warehouse):
    """NULLs DuckDB would refuse, written straight into the frames GX validates (one GX run)."""
    wh = make_warehouse("frames")
    with connect(wh.path) as con:
        staging.insert_articles(con, "run-frames", [article(i) for i in range(1, 5)])
        staging.insert_mentions(con, "run-frames", [event(i, article(1).article_id) for i in range(1, 4)])
        frames = staging.validation_frames(con)
    for row, column in enumerate(("article_id", "content_hash", "source")):
        frames["articles"].loc[row, column] = None
    for row, column in enumerate(("event_id", "article_id")):
        frames["events"].loc[row, column] = None
    return wh, validate(frames, wh.suites, "run-frames")


def test_good_batch_passes_every_suite(scenario, suites):
    gate = scenario.good.gate
    assert gate.dq_outcome == "passed", [o.label for o in gate.outcomes if not o.success]
    for suite in suites:  # every expectation of every suite, feed health included, was run
        for config in suite.expectations:
            assert _outcome(gate, suite.name, config).success
    assert scenario.good.outcome.articles_quarantined == scenario.good.outcome.events_quarantined == 0
    assert scenario.good.outcome.articles_published == 3 and scenario.good.outcome.events_published == 9


@pytest.mark.parametrize("suite, config", CRITICAL)
def test_each_critical_rule_is_caught(suite, config, broken, frame_broken, scenario):
    key = _key(suite, config)
    assert key in ROW_BREAKS or key in FRAME_BREAKS or key in BATCH_BREAKS, (
        f"no test breaks critical rule {key}: add it to ROW_BREAKS, FRAME_BREAKS or BATCH_BREAKS")
    label = _label(suite, config)
    if key in ROW_BREAKS:
        wh, breaks, batch = broken
        brk = breaks[key]
        outcome = _outcome(batch.gate, suite, config)
        assert not outcome.success and outcome.blocking
        assert outcome.failing_keys == [brk.key]
        quarantined = batch.article_reasons if suite == "articles" else batch.event_reasons
        assert quarantined[brk.key] == [[label]] * brk.copies, "exactly this reason, on every copy"
        table, column = ("articles", "article_id") if suite == "articles" else ("event_mentions", "event_id")
        assert wh.query(f"SELECT count(*) FROM published.{table} WHERE {column} = '{brk.key}'") == [(0,)]
    elif key in FRAME_BREAKS:
        wh, gate = frame_broken
        outcome = _outcome(gate, suite, config)
        assert not outcome.success and outcome.blocking and outcome.unexpected_count == 1
        table = "articles" if suite == "articles" else "event_mentions"
        with connect(wh.path) as con, pytest.raises(duckdb.ConstraintException):
            con.execute(f"UPDATE staging.{table} SET {config['kwargs']['column']} = NULL")
    else:
        batch = scenario.batch_failure
        outcome = _outcome(batch.gate, suite, config)
        assert not outcome.success and outcome.failing_keys is None
        assert batch.gate.batch_failures() == [label]
        assert len(batch.article_reasons) == 100
        assert all(r == [[f"batch: {label}"]] for r in batch.article_reasons.values())


def test_valid_rows_of_a_broken_batch_publish(broken):
    wh, breaks, batch = broken
    assert wh.query("SELECT article_id FROM published.articles") == [(HOST,)]
    assert sorted(wh.query("SELECT event_id FROM published.event_mentions")) == [
        (event(1, HOST)["event_id"],), (event(2, HOST)["event_id"],)]
    html = breaks[("articles", "expect_column_values_to_be_in_set", "has_html")]
    assert batch.event_reasons[html.events[0]["event_id"]] == [["article quarantined"]]
    assert batch.gate.dq_outcome == "failed"
