"""Linking a batch to stored clusters gives exactly what re-clustering everything gives."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest
from conftest import mention
from test_clustering import _random_mentions, _sumy_bus_strike

from newsevents.clusters import Deduplicator
from newsevents.dedup.clustering import affected_blocks, block_key, cluster_mentions
from newsevents.dedup.columns import candidate_arrays, columns_for
from newsevents.dedup.features import prepare
from newsevents.dedup.link_table import table_columns, table_from_rows
from newsevents.dedup.linking import link_new, touching_pairs

CONFIGS = [{}, {"grid_degrees": 0.1}, {"date_window_days": 3}, {"require_same_country": False},
           {"grid_degrees": 0.05, "date_window_days": 0}]


def _scattered(n: int, seed: int) -> list[dict]:
    """Mentions spread over many grid cells and precisions, some without date or publication time."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        row = mention(f"s{i:04d}", source=rng.choice("abc"),
                      published_at=rng.choice([None, f"2025-05-{rng.randint(10, 13):02d}T0{rng.randint(0, 9)}:00:00Z"]),
                      event_type=rng.choice(["ASSAULT", "COERCE", "CONSULT", "AGREE"]),
                      a1=rng.choice(["RUS", "UKR", None]), a2=rng.choice(["CVL", "UKR", None]),
                      date=rng.choice([None, "2025-05-11", "2025-05-12", "2025-05-13"]),
                      fatalities=rng.choice([None, 3, 4]), injured=rng.choice([None, 1]))
        precision = rng.choice(["city", "city", "admin2", "admin1", "country", None])
        lat, lon = 50.0 + rng.uniform(-2.5, 2.5), 34.0 + rng.uniform(-3.5, 3.5)
        row.update(latitude=None if precision == "country" else lat, longitude=None if precision == "country" else lon,
                   location_precision=precision, location_name=f"place{rng.randint(0, 8)}",
                   location_admin1=rng.choice(["Sumy", "Kharkiv", None]))
        rows.append(row)
    return rows


def _rows() -> list[dict]:
    return _random_mentions(140, seed=31) + _sumy_bus_strike() + _scattered(160, seed=4)


@pytest.mark.parametrize("changes", CONFIGS)
def test_touching_pairs_are_the_candidate_pairs_with_a_new_side(config, changes) -> None:
    cfg = replace(config, **changes)
    rows = _rows()
    rng = random.Random(5)
    new_ids = {m["event_id"] for m in rows if rng.random() < 0.3}
    table = table_from_rows([{**m, "cluster_id": "c"} for m in rows if m["event_id"] not in new_ids],
                            [m for m in rows if m["event_id"] in new_ids])
    t = table_columns(table, cfg)
    expected = {(int(a), int(b)) for i, j in candidate_arrays(t.columns, cfg) for a, b in zip(i, j)
                if table.is_new[a] or table.is_new[b]}
    got = [(int(a), int(b)) for i, j in touching_pairs(t, table.is_new, cfg) for a, b in zip(i, j)]
    assert expected and set(got) == expected
    assert len(got) == len(expected)  # each pair once


def test_table_columns_equal_the_columns_of_prepared_views(config) -> None:
    rows = _rows()
    table = table_from_rows([], rows)
    views = sorted((prepare(m, config) for m in rows), key=lambda v: (v.published_at, v.event_id))
    from_views, from_table = columns_for(views, config), table_columns(table, config).columns
    for field in ("family", "symmetric", "day", "has_day", "lat", "lon", "has_xy", "max_km", "rank",
                  "figures", "has_figure", "order"):
        assert np.array_equal(getattr(from_views, field), getattr(from_table, field)), field
    interned = [(f, slice(None)) for f in ("event_type", "country", "place", "admin1", "published")]
    for field, part in interned + [("actors", np.s_[:, [0, 2]]), ("actors", np.s_[:, [1, 3]])]:
        a, b = (getattr(cols, field)[part].ravel().tolist() for cols in (from_views, from_table))
        assert len(set(zip(a, b))) == len(set(a)) == len(set(b)), field  # the same partition of values
        assert [x == -1 for x in a] == [y == -1 for y in b], field


@pytest.mark.parametrize("changes", CONFIGS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_linking_a_batch_equals_clustering_everything(config, changes, seed) -> None:
    cfg = replace(config, **changes)
    rows = _rows()
    random.Random(seed).shuffle(rows)
    stored_rows, batch = rows[:230], rows[230:]
    stored = cluster_mentions(stored_rows, cfg)  # the warehouse: event_id -> cluster id
    stored_rows = [{**m, "cluster_id": stored[m["event_id"]]} for m in stored_rows]
    blocks = affected_blocks(batch, cfg)
    reachable = [m for m in stored_rows if block_key(m, cfg) in blocks]
    dedup = Deduplicator(cfg)
    groups = dedup.link(table_from_rows(reachable, batch))
    joined = {c for g in groups for c in g.cluster_ids}
    members = [m for m in stored_rows if m["cluster_id"] in joined]
    mapping, canonical = dedup.merge(groups, batch, members)

    everything = cluster_mentions(rows, cfg)
    assert {**stored, **mapping} == everything
    assert set(mapping) == {m["event_id"] for m in batch + members}
    # The canonical rows are those re-clustering the joined clusters whole would write.
    _, expected_rows = dedup.recluster(members + batch)
    assert sorted(canonical, key=lambda r: r["event_id"]) == sorted(expected_rows, key=lambda r: r["event_id"])
    assert joined  # the data does link new mentions to stored clusters


def test_a_batch_without_stored_rows_forms_its_own_clusters(config) -> None:
    batch = _sumy_bus_strike()
    groups = link_new(table_from_rows([], batch), config)
    assert [(sorted(g.new_event_ids), g.cluster_ids) for g in groups] == [(["m1", "m2", "m3"], ())]
