"""Columnar clustering is an optimisation only: the same candidate pairs and links as the scalar code."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from conftest import mention
from test_clustering import _random_mentions, _sumy_bus_strike

from newsevents.dedup.blocking import candidate_pairs
from newsevents.dedup.clustering import _cluster_views_scalar, cluster_views
from newsevents.dedup.columns import candidate_arrays, columns_for, match_arrays
from newsevents.dedup.features import prepare
from newsevents.dedup.scoring import is_match


def _views(rows, cfg):
    return sorted((prepare(m, cfg) for m in rows), key=lambda v: (v.published_at, v.event_id))


def _rows() -> list[dict]:
    rows = _random_mentions(200, seed=21) + _sumy_bus_strike()
    rows += [mention("nodate", date=None, published_at="2025-05-12T08:00:00Z", place="istanbul",
                     event_type="CONSULT", a1="TUR", a2="USA"),
             mention("nodate2", date=None, published_at="2025-05-12T08:00:00Z", place="istanbul",
                     event_type="AGREE", a1="USA", a2="TUR", fatalities=3)]
    return rows


@pytest.mark.parametrize("changes", [{}, {"grid_degrees": 0.1}, {"date_window_days": 3},
                                     {"require_same_country": False}])
def test_same_pairs_and_links_as_scalar(config, changes) -> None:
    cfg = replace(config, **changes)
    views = _views(_rows(), cfg)
    cols = columns_for(views, cfg)
    got = [(int(a), int(b)) for i, j in candidate_arrays(cols, cfg) for a, b in zip(i, j)]
    expected = list(candidate_pairs(views, cfg))
    assert sorted(got) == sorted(expected)
    i, j = np.array([p[0] for p in expected]), np.array([p[1] for p in expected])
    assert match_arrays(cols, i, j, cfg).tolist() == [is_match(views[a], views[b], cfg) for a, b in expected]
    assert cluster_views(views, cfg) == _cluster_views_scalar(views, cfg)


def test_figures_too_large_for_arrays_fall_back_to_scalar(config) -> None:
    rows = _sumy_bus_strike()
    rows[0]["fatalities"] = 10**20
    views = _views(rows, config)
    assert columns_for(views, config) is None
    assert cluster_views(views, config) == _cluster_views_scalar(views, config)


def test_empty_input(config) -> None:
    assert cluster_views([], config) == []


def test_lowest_in_component_equals_union_find() -> None:
    import random

    from newsevents.dedup.clustering import _find, _lowest_in_component

    rng = random.Random(4)
    for n in (1, 2, 10, 200, 2000):
        for m in (0, n // 3, n, 3 * n):
            i = np.array([rng.randrange(n) for _ in range(m)], dtype=np.int64)
            j = np.array([rng.randrange(n) for _ in range(m)], dtype=np.int64)
            if n > 100:  # long chains too
                chain = np.array(rng.sample(range(n), n // 2), dtype=np.int64)
                i, j = np.concatenate([i, chain[:-1]]), np.concatenate([j, chain[1:]])
            parent = list(range(n))
            for a, b in zip(i.tolist(), j.tolist()):
                ra, rb = _find(parent, a), _find(parent, b)
                parent[max(ra, rb)] = min(ra, rb)
            assert _lowest_in_component(n, i, j).tolist() == [_find(parent, k) for k in range(n)]


def test_small_batches_give_the_same_pairs(config, monkeypatch) -> None:
    from newsevents.dedup import columns

    views = _views(_rows(), config)
    whole = sorted((int(a), int(b)) for i, j in candidate_arrays(columns_for(views, config), config)
                   for a, b in zip(i, j))
    monkeypatch.setattr(columns, "_BATCH", 7)
    monkeypatch.setattr(columns, "_OWNERS", 5)
    small = sorted((int(a), int(b)) for i, j in candidate_arrays(columns_for(views, config), config)
                   for a, b in zip(i, j))
    assert small == whole
    assert cluster_views(views, config) == _cluster_views_scalar(views, config)
