"""Settings: the packaged file loads; every mistake names the file, the key and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newsevents.dedup.config import DEFAULT_CONFIG_PATH, load_config
from newsevents.errors import ConfigError


def _write(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load(DEFAULT_CONFIG_PATH.read_text())
    mutate(data)
    path = tmp_path / "dedup.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_default_config_loads_with_normalised_weights() -> None:
    c = load_config()
    assert c.date_window_days == 1
    assert abs(sum(c.weights.values()) - 1.0) < 1e-9
    assert c.family("ASSAULT") is c.family("COERCE")
    assert c.family("CONSULT").symmetric and not c.family("ASSAULT").symmetric
    assert c.family("NOT_LISTED").types == ("NOT_LISTED",)


@pytest.mark.parametrize("mutate, key", [
    (lambda d: d["scoring"].update(treshold=0.5), "scoring.treshold"),
    (lambda d: d["scoring"]["weights"].pop("date"), "scoring.weights.date"),
    (lambda d: d["blocking"].update(date_window_days="one"), "blocking.date_window_days"),
    (lambda d: d["scoring"].update(threshold=1.5), "scoring.threshold"),
    (lambda d: d["type_families"]["violent"]["types"].append("EXPLODE"), "type_families.violent.types"),
    (lambda d: d["type_families"]["protest"]["types"].append("ASSAULT"), "type_families.protest.types"),
    (lambda d: d["scoring"]["max_km"].update(city=-1), "scoring.max_km.city"),
])
def test_bad_settings_name_file_key_and_fix(tmp_path: Path, mutate, key: str) -> None:
    path = _write(tmp_path, mutate)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    text = str(err.value)
    assert str(path) in text and f"'{key}'" in text and "hint:" in text


def test_missing_file_and_bad_yaml_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "absent.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("scoring: [unclosed")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(bad)
