"""The ``extract`` and ``evaluate`` sub-commands, run through ``newsevents.cli.main``."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents import cli
from newsevents.schema import EVENT_FIELDS

REPO = Path(__file__).resolve().parents[2]
GOOD = {"id": "a1", "text": "On 3 May 2020, gunmen shot dead two civilians in Kabul, Afghanistan.", "published_at": None}


def _write_input(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    lines = [json.dumps(GOOD).encode(), b"{not json", json.dumps({"id": "x"}).encode(), b"\xff\xfe broken",
             json.dumps({"id": "a2", "text": "Nothing happened here.", "published_at": "2025-01-02"}).encode()]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_extract_reports_bad_lines_and_continues(tmp_path, capsys):
    assert cli.main(["extract", str(_write_input(tmp_path))]) == 0
    out, err = capsys.readouterr()
    events = [json.loads(line) for line in out.splitlines()]
    assert events and all(tuple(e) == EVENT_FIELDS for e in events)
    assert {e["article_id"] for e in events} == {"a1"}
    assert "line 2" in err and "not JSON" in err
    assert "line 3" in err and "missing text" in err
    assert "line 4" in err and "UTF-8" in err


def test_extract_reads_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((json.dumps(GOOD) + "\n").encode())))
    assert cli.main(["extract", "-"]) == 0
    e = json.loads(capsys.readouterr().out.splitlines()[0])
    assert e["event_type"] == "ASSAULT" and e["fatalities"] == 2 and e["event_date"] == "2020-05-03"


def test_extract_console_script_subprocess(tmp_path):
    exe = REPO / ".venv" / "bin" / "newsevents"
    if not exe.exists():
        exe_path = shutil.which("newsevents")
        if not exe_path:
            pytest.skip("newsevents console script not installed")
        exe = Path(exe_path)
    proc = subprocess.run([str(exe), "extract", str(_write_input(tmp_path))], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode().count("\n") >= 1
    assert b"line 2" in proc.stderr


def test_evaluate_on_tiny_csv(tmp_path, capsys):
    gold = tmp_path / "gold.csv"
    gold.write_text(
        "data_id,event_date,event_type,sub_event_type,actor1,country,admin1,location,latitude,longitude,fatalities,notes\n"
        '1,3-May-20,Protests,Peaceful protest,Protesters (Kenya),Kenya,Nairobi,Nairobi,-1.2833,36.8167,0,'
        '"On 3 May 2020, traders protested in Nairobi against market closures. [size=no report]"\n'
        '2,4-May-20,Explosions/Remote violence,Air/drone strike,Military Forces of Yemen,Yemen,Sanaa,Sanaa,15.35,44.2,0,'
        '"On 4 May 2020, coalition air strikes hit Sanaa city. No fatalities reported."\n',
        encoding="utf-8")
    assert cli.main(["evaluate", "--gold", str(gold), "--split", "all", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["rows"] == 2
    assert result["metrics"]["event_type"] == 1.0
    assert result["metrics"]["event_date"] == 1.0
    assert result["metrics"]["fatalities"] == 1.0
    assert cli.main(["evaluate", "--gold", str(gold), "--split", "all"]) == 0
    report = capsys.readouterr().out
    assert "event_type" in report and "Confusion" in report


def test_evaluate_missing_file_is_one_clear_error(tmp_path, capsys):
    assert cli.main(["evaluate", "--gold", str(tmp_path / "nope.csv")]) == 2
    assert "gold file not found" in capsys.readouterr().err


@pytest.mark.shared
def test_evaluate_on_shared_gold_sample(capsys):
    gold = REPO.parent / "shared" / "corpora" / "gold" / "acled_2020_05_global.csv"
    if not gold.exists():
        pytest.skip("../shared not present")
    assert cli.main(["evaluate", "--gold", str(gold), "--split", "check", "--limit", "200", "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)["metrics"]
    assert metrics["event_type"] >= 0.6 and metrics["event_date"] >= 0.9
