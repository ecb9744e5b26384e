"""The report renders in a real headless browser, offline (skips cleanly without Chromium/Chrome)."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from newsevents.report import write_report
from newsevents.report.html import HEADINGS

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name) or (name if Path(name).is_file() else None)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> str:
    path = find_browser()
    if path is None:
        pytest.skip("no chromium or google-chrome installed")
    return path


def headless(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """One headless run with networking features off and a throw-away profile."""
    return subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
         f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def page(report_db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "report.html"
    write_report(report_db, out)
    return out


def test_screenshot_is_a_real_page(browser, page, tmp_path):
    shot = tmp_path / "report.png"
    result = headless(browser, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1200,2000",
                      page.as_uri())
    assert shot.is_file(), result.stderr[-2000:]
    assert png_size(shot) == (1200, 2000)
    assert shot.stat().st_size > 20_000, "a blank page compresses to a few KB"


def test_dom_has_the_sections_and_charts(browser, page, tmp_path):
    result = headless(browser, tmp_path / "profile", "--dump-dom", page.as_uri())
    dom = result.stdout
    assert "<h1>newsevents — data quality report</h1>" in dom, result.stderr[-2000:]
    for heading in HEADINGS:
        assert f"<h2>{heading}</h2>" in dom
    assert dom.count("<svg") >= 5 and "Sumy" in dom
