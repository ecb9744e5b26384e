"""Drill 5: bad configuration names the file, the line or key, and the fix.

feeds.yaml, dedup.yaml and the suite JSON files have no command-line flag, so each is
loaded from a broken copy through its library loader; feeds.yaml also goes through the
real CLI (``newsevents feeds`` and ``newsevents run``) with the settings module pointed
at the copy. prefect.yaml has no project loader: a malformed copy is checked the way
Prefect checks it (YAML, then the flow's parameter validation a worker runs).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from drill_support import REPO, assert_user_error, cli_with_patch
from newsevents.dedup.config import DEFAULT_CONFIG_PATH, load_config
from newsevents.errors import ConfigError
from newsevents.feeds.config import load_feeds
from newsevents.quality.suites import load_suite

FEEDS_TYPO = """\
feeds:
  - name: example wire
    url: https://example.org/feed.xml
    fulltxt: true
"""


def _error(call) -> ConfigError:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError) as info:
        call()
    return info.value


def test_unknown_feed_setting_names_file_entry_key_and_the_allowed_keys(tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text(FEEDS_TYPO)
    err = _error(lambda: load_feeds(path))
    assert str(path) in str(err) and "feeds[0] (example wire)" in str(err) and "fulltxt" in str(err)
    assert err.hint and "fulltext" in err.hint  # the allowed keys show the right spelling


def test_feeds_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text("feeds:\n  - name: a\n    url: [https://example.org/feed.xml\n")
    err = _error(lambda: load_feeds(path))
    assert str(path) in str(err) and re.search(r"line \d+", str(err)) and err.hint


@pytest.mark.slow
def test_bad_feeds_yaml_through_the_cli(tmp_path, drill_env):
    """``newsevents feeds`` and ``newsevents run`` print one line and a hint, no traceback."""
    path = tmp_path / "feeds.yaml"
    path.write_text(FEEDS_TYPO)
    patch = f"from pathlib import Path\nfrom newsevents import settings\nsettings.FEEDS_FILE = Path({str(path)!r})"
    result = cli_with_patch(patch, ["feeds", "--db", str(tmp_path / "none.duckdb")], drill_env)
    assert_user_error(result, str(path), "fulltxt", "allowed keys")
    empty = tmp_path / "seeds"
    empty.mkdir()
    result = cli_with_patch(patch, ["run", "--seeds", str(empty), "--db", str(tmp_path / "wh" / "n.duckdb"),
                                    "--reports", str(tmp_path / "reports")], drill_env, timeout=240)
    assert_user_error(result, str(path), "fulltxt", "allowed keys")


def _suite_copy(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    doc = json.loads((REPO / "expectations" / "events.json").read_text())
    edit(doc)
    path = tmp_path / "events.json"
    path.write_text(json.dumps(doc, indent=2))
    return path


def test_suite_json_syntax_error_names_line_and_column(tmp_path):
    path = tmp_path / "events.json"
    text = (REPO / "expectations" / "events.json").read_text()
    path.write_text(text.replace('"critical"', '"critical",', 1))  # trailing comma
    err = _error(lambda: load_suite(path))
    assert str(path) in str(err) and re.search(r"line \d+, column \d+", str(err)) and "json.tool" in err.hint


def test_suite_unknown_severity_names_the_entry_and_the_choices(tmp_path):
    def edit(doc):  # type: ignore[no-untyped-def]
        doc["expectations"][1]["severity"] = "fatal"

    path = _suite_copy(tmp_path, edit)
    err = _error(lambda: load_suite(path))
    assert str(path) in str(err) and "expectations[1]" in str(err) and "'fatal'" in str(err)
    assert "critical" in str(err) and "warning" in err.hint


def test_suite_unknown_expectation_type_names_the_entry(tmp_path):
    def edit(doc):  # type: ignore[no-untyped-def]
        doc["expectations"][2]["type"] = "expect_column_values_to_be_purple"

    from newsevents.quality.gate import validate

    suite = load_suite(_suite_copy(tmp_path, edit))  # the type is known only to GX: checked when validating
    err = _error(lambda: validate({suite.dataset: pd.DataFrame({"event_id": ["e1"]})}, [suite], "drill", None))
    assert str(suite.path) in str(err) and "expectations[2]" in str(err)
    assert "expect_column_values_to_be_purple" in str(err) and "GX" in err.hint


@pytest.mark.parametrize("mutate, key", [
    (lambda d: d["scoring"].update(treshold=0.5), "scoring.treshold"),
    (lambda d: d["near_duplicates"].update(max_distance="three"), "near_duplicates.max_distance"),
    (lambda d: d["scoring"].update(threshold=7), "scoring.threshold"),
    (lambda d: d["type_families"].setdefault("bogus", {"types": ["NOPE"], "symmetric": True}),
     "type_families.bogus.types"),
])
def test_bad_dedup_yaml_names_the_key_and_the_fix(tmp_path, mutate, key):
    doc = yaml.safe_load(DEFAULT_CONFIG_PATH.read_text())
    mutate(doc)
    path = tmp_path / "dedup.yaml"
    path.write_text(yaml.safe_dump(doc))
    err = _error(lambda: load_config(path))
    assert str(path) in str(err) and f"'{key}'" in str(err) and err.hint


def test_dedup_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "dedup.yaml"
    path.write_text(DEFAULT_CONFIG_PATH.read_text() + "\nscoring: [oops\n")
    err = _error(lambda: load_config(path))
    assert str(path) in str(err) and re.search(r"line \d+", str(err))


def test_malformed_prefect_yaml_parameter_is_named(tmp_path):
    """A copy of prefect.yaml with a wrong-typed and an unknown parameter: Prefect names both."""
    source = REPO / "prefect.yaml"
    if not source.is_file():
        pytest.skip("prefect.yaml is not in the repository yet")
    from prefect.exceptions import ParameterTypeError, SignatureMismatchError
    from prefect.flows import load_flow_from_entrypoint

    copy = tmp_path / "prefect.yaml"
    shutil.copy2(source, copy)
    doc = yaml.safe_load(copy.read_text())
    target = next(d for d in doc["deployments"] if d["entrypoint"].endswith("pipeline.py:pipeline"))
    flow = load_flow_from_entrypoint(str(REPO / target["entrypoint"].split(":")[0]) + ":pipeline")
    with pytest.raises(ParameterTypeError, match="chunk_size"):
        flow.validate_parameters({**(target.get("parameters") or {}), "chunk_size": "lots"})
    with pytest.raises(SignatureMismatchError, match="seeds_dir"):  # the message lists the real names
        flow.validate_parameters({**(target.get("parameters") or {}), "seeds": "x"})
    copy.write_text(copy.read_text().replace("deployments:", "deployments:\n  - name: [broken", 1))
    with pytest.raises(yaml.YAMLError) as info:
        yaml.safe_load(copy.read_text())
    assert "line" in str(info.value)
