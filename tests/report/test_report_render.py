"""Pure rendering: escaping, projection, charts and the at-a-glance table, no warehouse."""

from __future__ import annotations

from datetime import date, datetime

from newsevents.report.glance import glance_markdown, glance_text
from newsevents.report.html import render_page
from newsevents.report.map import dot_map, extent, project
from newsevents.report.svg import bar_chart, daily_series

HOSTILE = '<script>alert("x")</script>'


def test_every_text_is_escaped():
    runs = [{"run_id": HOSTILE, "started_at": datetime(2025, 5, 18, 9, 30), "status": "quarantined",
             "failed_critical": [HOSTILE]}]
    sections = {
        "quarantined": [{"kind": "article", "row_id": "a_1", "article_id": "a_1", "run_id": "r",
                         "description": HOSTILE, "reasons": [HOSTILE], "quarantined_at": datetime(2025, 5, 18)}],
        "events_by_type": [{"label": HOSTILE, "n": 2}],
        "located_events": [{"latitude": 50.0, "longitude": 30.0, "location_name": HOSTILE, "event_type": "ASSAULT"}],
    }
    page = render_page(runs, sections, source=HOSTILE, generated_at=datetime(2025, 5, 18))
    assert "<script" not in page
    assert "&lt;script&gt;" in page


def test_equirectangular_projection_and_zoom():
    assert project(90, -180, 360, 180) == (0, 0)
    assert project(0, 0, 360, 180) == (180, 90)
    assert project(-90, 180, 360, 180) == (360, 180)
    assert extent([]) == (-180.0, 90.0, 360.0, 180.0)
    west, north, span_lon, span_lat = extent([(50.9, 34.8), (41.0, 28.9)])
    assert span_lon == 2 * span_lat >= 40 and west <= 28.9 and west + span_lon >= 34.8
    assert north >= 50.9 and north - span_lat <= 41.0
    west, north, span_lon, span_lat = extent([(-33.9, 151.2), (40.7, -74.0)])
    assert -180 <= west and west + span_lon <= 180 and north <= 90 and north - span_lat >= -90


def test_map_skips_rows_without_valid_coordinates():
    svg = dot_map([{"latitude": None, "longitude": 3.0}, {"latitude": 95.0, "longitude": 0.0},
                   {"latitude": 10.0, "longitude": 10.0, "location_name": "X"}], "m")
    assert svg.count("<circle") == 1 and ">X</text>" in svg


def test_charts_have_titles_and_values():
    bars = bar_chart([("PROTEST", 3), ("ASSAULT", 1)], "Events by type")
    assert bars.count("<rect") == 2 and "<title>Events by type</title>" in bars and ">3</text>" in bars
    series = daily_series([date(2025, 5, 1), date(2025, 5, 9)], {"articles": [1, 4], "events": [0, 2]}, "t")
    assert series.count("<polyline") == 2 and "2025-05-09" in series
    single = daily_series([date(2025, 5, 1)], {"articles": [0]}, "t")  # one day, all zero: no division by zero
    assert "<circle" in single


def test_glance_table_and_markdown():
    runs = [{"run_id": "run-1", "started_at": datetime(2025, 5, 18, 9, 30, 12), "status": "partially_published",
             "articles_published": 4, "events_published": 9, "rows_quarantined": 2, "dq_outcome": "failed",
             "failed_critical": ["events:expect_column_values_to_be_in_set(status)", "a|b"]}]
    text = glance_text(runs)
    assert "2025-05-18 09:30" in text and "partially_published" in text and "(1 row)" in text
    markdown = glance_markdown(runs).splitlines()
    assert markdown[0].startswith("| run | started |") and markdown[1].startswith("|---|")
    assert "a\\|b" in markdown[2]
    assert glance_text([]) == "no runs recorded yet"
