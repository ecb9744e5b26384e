"""Suite files are edited by hand: every mistake is named by file, line or expectation index."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from newsevents import settings
from newsevents.errors import ConfigError
from newsevents.quality.gate import validate
from newsevents.quality.suites import load_suite, load_suites


def write(tmp_path: Path, doc: object, name: str = "events.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, indent=2) if not isinstance(doc, str) else doc, encoding="utf-8")
    return path


def suite(*expectations: dict) -> dict:
    return {"name": "events", "meta": {"dataset": "events", "key_column": "event_id"},
            "expectations": list(expectations)}


def test_project_suites_load():
    suites = load_suites(settings.EXPECTATIONS_DIR)
    assert {s.dataset for s in suites} >= {"articles", "events", "batch", "feed_health"}
    assert all(e["severity"] in ("critical", "warning") for s in suites for e in s.expectations)


def test_bad_json_names_the_file_and_line(tmp_path):
    path = write(tmp_path, '{\n  "name": "events",\n  "expectations": [\n    {"type": "x",}\n  ]\n}\n')
    with pytest.raises(ConfigError) as err:
        load_suite(path)
    assert str(path) in str(err.value) and "line 4" in str(err.value)


def test_unknown_severity_names_the_expectation_index(tmp_path):
    ok = {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "event_id"}}
    path = write(tmp_path, suite(ok, ok, dict(ok, severity="fatal")))
    with pytest.raises(ConfigError) as err:
        load_suite(path)
    message = str(err.value)
    assert f"{path}: expectations[2]" in message and "'fatal'" in message and "critical" in message


@pytest.mark.parametrize("doc, fragment", [
    ({"expectations": []}, "meta.dataset is missing"),
    ({"meta": {"dataset": "events"}}, '"expectations" list'),
    (suite({"kwargs": {"column": "event_id"}}), "expectations[0]: each expectation needs a \"type\""),
    (suite({"type": "expect_column_values_to_not_be_null", "kwargs": ["event_id"]}), "kwargs must be an object"),
])
def test_malformed_suites_are_named(tmp_path, doc, fragment):
    path = write(tmp_path, doc)
    with pytest.raises(ConfigError) as err:
        load_suite(path)
    assert str(path) in str(err.value) and fragment in str(err.value)


def test_unknown_expectation_type_is_a_config_error_naming_file_and_index(tmp_path):
    """Only GX knows its expectation types, so this surfaces when the suite is first run."""
    good = {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "event_id"}}
    path = write(tmp_path, suite(good, {"type": "expect_column_values_to_be_purple", "kwargs": {"column": "x"}}))
    with pytest.raises(ConfigError) as err:
        validate({"events": pd.DataFrame({"event_id": ["e1"]})}, [load_suite(path)], "run-loader")
    assert f"{path}: expectations[1] (expect_column_values_to_be_purple)" in str(err.value)


def test_editing_a_suite_file_changes_the_gate_without_code(tmp_path):
    """The same out-of-range value blocks under "critical" and only reports once edited to "warning"."""
    rule = {"type": "expect_column_values_to_be_between", "kwargs": {"column": "goldstein", "min_value": -10,
                                                                      "max_value": 10}, "severity": "critical"}
    frame = {"events": pd.DataFrame({"event_id": ["e1", "e2"], "goldstein": [3.0, 12.5]})}
    path = write(tmp_path, suite(rule))
    before = validate(frame, [load_suite(path)], "run-edit-1")
    write(tmp_path, suite(dict(rule, severity="warning")))
    after = validate(frame, [load_suite(path)], "run-edit-2")
    assert before.dq_outcome == "failed" and before.row_reasons("events") == {
        "e2": ["events:expect_column_values_to_be_between(goldstein)"]}
    assert after.dq_outcome == "warning" and after.row_reasons("events") == {}
