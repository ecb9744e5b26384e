"""``newsevents report`` on a warehouse with real history, on a new one and on a missing one."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from newsevents.cli import main
from newsevents.report.html import HEADINGS

EXTERNAL = re.compile(r"""(?:src|href|xlink:href|action)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def report(db: Path, out: Path, capsys, *extra: str) -> tuple[int, str, str]:
    code = main(["report", "--db", str(db), "--out", str(out), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_prints_the_last_runs_and_writes_the_html(report_db, tmp_path, capsys):
    out = tmp_path / "out" / "report.html"
    code, printed, _ = report(report_db, out, capsys, "--runs", "5")
    assert code == 0
    lines = printed.splitlines()
    assert lines[0].split() == ["run", "started", "status", "articles", "events", "quarantined", "dq",
                                "failed", "critical", "checks"]
    newest, oldest = lines[2].split(), lines[3].split()
    assert newest[0] == "run-20250518T110000-bbbbbb" and newest[3] == "quarantined" and newest[7] == "failed"
    assert "articles:expect_column_values_to_be_between(hours_ahead_of_now)" in lines[2]
    assert oldest[0] == "run-20250518T100000-aaaaaa" and oldest[3] == "published" and oldest[4] == "1"
    assert lines[-1] == f"report: {out}"

    page = out.read_text(encoding="utf-8")
    for heading in HEADINGS:
        assert f"<h2>{heading}</h2>" in page
    assert "Sumy" in page and "UKR" in page, "a located event of the seed article"
    assert "hours_ahead_of_now" in page and "article quarantined" in page, "quarantine reasons"
    assert page.count("<svg") >= 5, "volume, types, countries, failures and the map"


def test_html_is_self_contained(report_db, tmp_path, capsys):
    out = tmp_path / "report.html"
    report(report_db, out, capsys)
    page = out.read_text(encoding="utf-8")
    assert not EXTERNAL.search(page), EXTERNAL.search(page)
    assert "<script" not in page.lower() and "@import" not in page and "url(" not in page
    assert "<link" not in page.lower(), "CSS is inline"


def test_runs_limits_the_table(report_db, tmp_path, capsys):
    _, printed, _ = report(report_db, tmp_path / "r.html", capsys, "--runs", "1")
    assert "run-20250518T110000-bbbbbb" in printed and "run-20250518T100000-aaaaaa" not in printed
    assert "(1 row)" in printed


def test_new_warehouse_reports_nothing_yet(empty_db, tmp_path, capsys):
    out = tmp_path / "report.html"
    code, printed, _ = report(empty_db, out, capsys)
    assert code == 0 and printed.startswith("no runs recorded yet")
    page = out.read_text(encoding="utf-8")
    assert "no runs recorded yet" in page and "nothing published yet" in page and "nothing quarantined" in page
    assert "Not in this warehouse" not in page


def test_missing_warehouse_is_a_clear_error(tmp_path, capsys):
    out = tmp_path / "report.html"
    code, _, err = report(tmp_path / "nope.duckdb", out, capsys)
    assert code == 2 and "no warehouse at" in err and "newsevents run" in err
    assert not out.exists()


def test_foreign_duckdb_file_shows_what_is_missing(tmp_path, capsys):
    db = tmp_path / "other.duckdb"
    duckdb.connect(str(db)).close()
    out = tmp_path / "report.html"
    code, printed, _ = report(db, out, capsys)
    assert code == 0 and "no runs recorded yet" in printed
    assert "Not in this warehouse" in out.read_text(encoding="utf-8")


def test_report_opens_read_only(report_db, tmp_path, capsys):
    """A reader must never write: the file is byte-identical after a report."""
    before = report_db.read_bytes()
    report(report_db, tmp_path / "r.html", capsys)
    assert report_db.read_bytes() == before


def test_unwritable_output_is_a_clear_error(empty_db, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, _, err = report(empty_db, blocker / "report.html", capsys)
    assert code == 2 and "cannot write the report" in err and "--out" in err
