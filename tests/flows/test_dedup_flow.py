"""Cross-article deduplication through the real pipeline: reports merge, across runs too."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.pipeline import pipeline
from warehouse_reads import query

FIRST = """---
title: Drone hits bus in Sumy region
url: https://wire-one.example/sumy-bus
source: wire-one
published_at: 2025-05-17T12:00:00Z
---
A Russian drone struck a passenger bus in the Sumy region on Saturday, killing nine civilians, the regional
administration said.
"""
SECOND = """---
title: Sumy bus strike toll
url: https://daily-two.example/world/sumy-strike
source: daily-two
published_at: 2025-05-17T18:00:00Z
---
Nine people were killed and seven wounded when a Russian drone hit a bus carrying civilians in the Sumy region
on Saturday, Ukrainian officials said.
"""
OTHER_DAY = """---
title: Another strike on Sumy
url: https://wire-one.example/sumy-again
source: wire-one
published_at: 2025-05-25T10:00:00Z
---
A Russian drone struck a bus in the Sumy region on Sunday, killing two civilians, officials said.
"""


def events(db: Path) -> list[tuple]:
    return query(db, "select event_date::VARCHAR, num_mentions, num_sources, num_articles, fatalities, injured "
                     "from published.events where event_type = 'ASSAULT' order by event_date")


def test_reports_of_one_strike_merge_across_runs_and_distinct_strikes_do_not(db_path, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "one.md").write_text(FIRST)
    pipeline(seeds_dir=str(seeds), use_feed_config=False, db=str(db_path), reports_dir=str(tmp_path / "r"))
    assert events(db_path) == [("2025-05-17", 1, 1, 1, 9, None)]

    (seeds / "two.md").write_text(SECOND)
    (seeds / "three.md").write_text(OTHER_DAY)
    pipeline(seeds_dir=str(seeds), use_feed_config=False, db=str(db_path), reports_dir=str(tmp_path / "r"))
    # The later report joins the first run's event; the strike a week later stays its own event.
    assert events(db_path) == [("2025-05-17", 2, 2, 2, 9, 7), ("2025-05-25", 1, 1, 1, 2, None)]
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        mentions = con.execute("select count(*), count(distinct cluster_id) from published.event_mentions "
                               "where event_type = 'ASSAULT'").fetchone()
    finally:
        con.close()
    assert mentions == (3, 2), "every report stays queryable as a mention"


@pytest.mark.parametrize("members_per_part", [50_000, 1])
def test_a_backlog_is_published_in_batches_with_the_same_result(db_path, tmp_path, monkeypatch, members_per_part):
    """Chunks and batches bound memory; clustering across batches gives what one batch would
    (also when the joined clusters' members are read one cluster at a time)."""
    import flows.steps
    import warehouse.publish

    monkeypatch.setattr(flows.steps, "LAND_CHUNK", 2)  # seeds land two files at a time
    monkeypatch.setattr(warehouse.publish, "MEMBERS_PER_PART", members_per_part)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in (("one.md", FIRST), ("two.md", SECOND), ("three.md", OTHER_DAY)):
        (seeds / name).write_text(text)
    summary = pipeline(seeds_dir=str(seeds), use_feed_config=False, db=str(db_path), reports_dir=str(tmp_path / "r"),
                       batch_size=1)
    assert summary["articles_new"] == 3 and summary["articles_published"] == 3
    assert summary["status"] == "published"
    assert events(db_path) == [("2025-05-17", 2, 2, 2, 9, 7), ("2025-05-25", 1, 1, 1, 2, None)]


def _strike(day: int, source: str) -> str:
    return (f"---\ntitle: Drone strike in Sumy\nurl: https://{source}.example/sumy-{day}\nsource: {source}\n"
            f"published_at: 2025-05-{day:02d}T20:00:00Z\n---\nOn {day} May 2025 a Russian drone struck a passenger "
            "bus in the Sumy region, killing nine civilians, the regional administration said.\n")


def test_a_report_that_bridges_two_published_events_moves_one_into_the_other(db_path, tmp_path):
    """Published mentions change cluster (the UPDATE of published.event_mentions) and keep their block keys."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.md").write_text(_strike(16, "wire-one"))
    (seeds / "c.md").write_text(_strike(18, "daily-two"))
    pipeline(seeds_dir=str(seeds), use_feed_config=False, db=str(db_path), reports_dir=str(tmp_path / "r"))
    before = dict(query(db_path, "select event_id, block_key from published.event_mentions "
                                 "where event_type = 'ASSAULT'"))
    assert len(query(db_path, "select * from published.events where event_type = 'ASSAULT'")) == 2

    (seeds / "b.md").write_text(_strike(17, "third-paper"))
    pipeline(seeds_dir=str(seeds), use_feed_config=False, db=str(db_path), reports_dir=str(tmp_path / "r"))
    rows = query(db_path, "select event_id, block_key, cluster_id from published.event_mentions "
                          "where event_type = 'ASSAULT'")
    assert len(rows) == 3 and len({r[2] for r in rows}) == 1, "the bridging report joined both events into one"
    assert {e: b for e, b, _ in rows if e in before} == before, "moved mentions keep their block keys"
    assert [r[0] for r in query(db_path, "select num_mentions from published.events "
                                         "where event_type = 'ASSAULT'")] == [3]
