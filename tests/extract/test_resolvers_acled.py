"""Measured accuracy of the place, date and count resolvers on ACLED's human-coded notes.

Runs only when ../shared (the gold corpora) is present; skips cleanly otherwise. Floors are
set a little under what was achieved (see docs in the report of issue 3), so a change that
makes the resolvers worse fails here. "Best place" = the first city/admin2-level mention
with coordinates, else the first mention with coordinates; "fatalities" is the first killed
count in the notes, 0 when none (ACLED codes unknown as 0).
"""

import csv
import datetime as dt
import math
from pathlib import Path

import pytest

from newsevents.extract.counts import find_counts
from newsevents.extract.dates import find_dates
from newsevents.extract.places import Gazetteer

GOLD = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "gold" / "acled_2020_05_global.csv"

pytestmark = [pytest.mark.shared,
              pytest.mark.skipif(not GOLD.exists(), reason="../shared gold corpus not present")]


def _km(a, b):
    dy = (a[0] - b[0]) * 111.2
    dx = (a[1] - b[1]) * 111.2 * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(dx, dy)


@pytest.fixture(scope="module")
def rows():
    with GOLD.open(newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["latitude"] and r["notes"]]


def test_place_within_25km(rows):
    gaz = Gazetteer.default()
    hits = 0
    for r in rows:
        ms = [m for m in gaz.find(r["notes"]) if m.place.lat is not None]
        best = next((m for m in ms if m.place.precision in ("city", "admin2")), ms[0] if ms else None)
        gold = (float(r["latitude"]), float(r["longitude"]))
        hits += best is not None and _km((best.place.lat, best.place.lon), gold) <= 25
    assert hits / len(rows) >= 0.62  # achieved 0.64 on all 5,070 rows (November 2026)


def test_date_exact(rows):
    hits = 0
    for r in rows:
        ds = find_dates(r["notes"], None)
        hits += bool(ds) and ds[0].date == dt.datetime.strptime(r["event_date"], "%d-%b-%y").date()
    assert hits / len(rows) >= 0.99  # achieved 0.996


def test_fatalities_exact(rows):
    hits = 0
    for r in rows:
        killed = [c for c in find_counts(r["notes"]) if c.kind == "killed"]
        hits += (killed[0].value if killed else 0) == int(r["fatalities"])
    assert hits / len(rows) >= 0.90  # achieved 0.916 (first killed count, whole note)
