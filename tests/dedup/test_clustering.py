"""Clustering: same happening merges across outlets, distinct ones stay apart, order never matters."""

from __future__ import annotations

import random
from dataclasses import replace
from itertools import combinations

from conftest import mention

from newsevents.dedup.blocking import candidate_pairs
from newsevents.dedup.clustering import (
    affected_blocks, block_key, cluster_id_for, cluster_mentions, cluster_views,
)
from newsevents.dedup.features import prepare
from newsevents.dedup.scoring import is_match


def _groups(result: dict[str, str]) -> set[frozenset[str]]:
    by: dict[str, set[str]] = {}
    for eid, cid in result.items():
        by.setdefault(cid, set()).add(eid)
    return {frozenset(v) for v in by.values()}


def _sumy_bus_strike() -> list[dict]:
    return [
        mention("m1", source="kyiv-wire", published_at="2025-05-17T07:55:00Z", place="bilopillia", fatalities=9),
        mention("m2", source="eastern-daily", published_at="2025-05-17T11:20:00Z", place="sumy_region",
                fatalities=9, injured=4, a2=None),
        mention("m3", source="capital-times", published_at="2025-05-17T18:40:00Z", place="sumy_region",
                fatalities=9, injured=7),
    ]


def test_same_strike_from_three_outlets_merges(config) -> None:
    result = cluster_mentions(_sumy_bus_strike(), config)
    assert len(set(result.values())) == 1
    assert set(result.values()) == {cluster_id_for("m1")}  # named after the earliest report


def test_two_strikes_on_same_city_on_different_days_do_not_merge(config) -> None:
    rows = [mention("a1", date="2025-05-20", fatalities=1, injured=4, published_at="2025-05-20T09:00:00Z"),
            mention("a2", date="2025-05-20", fatalities=1, injured=4, published_at="2025-05-20T14:00:00Z"),
            mention("b1", date="2025-05-22", fatalities=2, injured=9, published_at="2025-05-22T12:00:00Z"),
            mention("b2", date="2025-05-22", fatalities=2, injured=9, published_at="2025-05-22T17:00:00Z")]
    assert _groups(cluster_mentions(rows, config)) == {frozenset({"a1", "a2"}), frozenset({"b1", "b2"})}


def test_same_talks_in_two_cities_do_not_merge(config) -> None:
    rows = [mention("i1", event_type="CONSULT", a1="RUS", a2="UKR", place="istanbul"),
            mention("i2", event_type="CONSULT", a1="UKR", a2="RUS", place="istanbul"),
            mention("k1", event_type="CONSULT", a1="RUS", a2="UKR", place="ankara")]
    assert _groups(cluster_mentions(rows, config)) == {frozenset({"i1", "i2"}), frozenset({"k1"})}


def test_talks_and_their_agreement_stay_separate(config) -> None:
    rows = [mention("t", event_type="CONSULT", a1="RUS", a2="UKR", place="istanbul"),
            mention("g", event_type="AGREE", a1="RUS", a2="UKR", place="istanbul")]
    assert len(set(cluster_mentions(rows, config).values())) == 2


def _random_mentions(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        place = rng.choice(["sumy", "sumy_region", "bilopillia", "kharkiv", "ukraine"])
        rows.append(mention(
            f"e{i:04d}", article_id=f"a{i // 2}", source=rng.choice("abcde"),
            published_at=f"2025-05-{rng.randint(10, 20):02d}T{rng.randint(0, 23):02d}:00:00Z",
            event_type=rng.choice(["ASSAULT", "ASSAULT", "COERCE", "CONSULT"]),
            a1=rng.choice(["RUS", "UKR", None]), a2=rng.choice(["CVL", "UKR", "RUS", None]), place=place,
            date=f"2025-05-{rng.randint(10, 14):02d}", fatalities=rng.choice([None, 1, 2, 9, 10]),
            injured=rng.choice([None, 4, 7])))
    return rows


def test_result_does_not_depend_on_input_order(config) -> None:
    rows = _random_mentions(150, seed=3) + _sumy_bus_strike()
    expected = cluster_mentions(rows, config)
    assert len(set(expected.values())) < len(rows)  # the data does merge
    rng = random.Random(11)
    for _ in range(6):
        shuffled = rows[:]
        rng.shuffle(shuffled)
        assert cluster_mentions(shuffled, config) == expected


def test_blocking_finds_the_same_components_as_all_pairs(config) -> None:
    """Blocking is an optimisation only: components equal those of scoring every pair."""
    cfg = replace(config, grid_degrees=0.25)
    views = sorted((prepare(m, cfg) for m in _random_mentions(120, seed=5)),
                   key=lambda v: (v.published_at, v.event_id))
    parent = list(range(len(views)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in combinations(range(len(views)), 2):
        if is_match(views[i], views[j], cfg):
            ri, rj = find(i), find(j)
            parent[max(ri, rj)] = min(ri, rj)
    assert [find(i) for i in range(len(views))] == cluster_views(views, cfg)
    pairs = list(candidate_pairs(views, cfg))
    assert len(pairs) == len({frozenset(p) for p in pairs})  # each pair offered once


def test_incremental_equals_full_clustering(config) -> None:
    """Cluster A, then add B via affected blocks (widened to whole clusters): same as A and B at once."""
    rows = _random_mentions(160, seed=9) + _sumy_bus_strike()
    rng = random.Random(2)
    rng.shuffle(rows)
    a, b = rows[:110], rows[110:]
    stored = cluster_mentions(a, config)  # the warehouse: event_id -> cluster id
    keys = {m["event_id"]: block_key(m, config) for m in a}
    blocks = affected_blocks(b, config)
    touched = {m["event_id"] for m in a if keys[m["event_id"]] in blocks}
    clusters = {stored[e] for e in touched}
    selected = [m for m in a if stored[m["event_id"]] in clusters]
    update = cluster_mentions(selected + b, config)
    merged = {**stored, **update}
    assert merged == cluster_mentions(rows, config)


def test_cluster_id_is_stable_when_a_later_mention_joins(config) -> None:
    rows = _sumy_bus_strike()
    before = cluster_mentions(rows[:2], config)
    after = cluster_mentions(rows, config)
    assert before["m1"] == after["m1"] == after["m3"]


def test_block_key_and_affected_blocks(config) -> None:
    m = mention("x", event_type="COERCE", date="2025-05-17")
    assert block_key(m, config) == "violent|2025-05-17|UKR"
    assert affected_blocks([m], config) == {f"violent|2025-05-{d}|UKR" for d in (16, 17, 18)}
    no_date = mention("y", date=None, published_at="2025-05-19T10:00:00Z", place="istanbul")
    assert block_key(no_date, config) == "violent|2025-05-19|TUR"  # falls back to the publication day


def test_duplicate_event_ids_are_rejected(config) -> None:
    import pytest

    with pytest.raises(ValueError, match="duplicate event_id"):
        cluster_mentions([mention("x"), mention("x")], config)
