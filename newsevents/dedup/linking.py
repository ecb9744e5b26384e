"""Adding a batch of new mentions to stored clusters without re-clustering the stored ones.

Why: stored clusters are connected components of the match graph, and new mentions only
add edges that touch a new mention. So the clusters after the batch are the components of
a small graph: the new mentions, plus each stored cluster as one node, joined by the
matching pairs that involve a new mention. Pairs between two stored mentions are never
scored again, and stored clusters that no new mention links to are not touched at all
(their canonical rows stay as they are). The result is what re-clustering everything
would give, because the candidate pairs are exactly those blocking offers
(:func:`~newsevents.dedup.columns.candidate_arrays`) that involve a new mention.

:func:`touching_pairs` finds those pairs without enumerating stored-stored ones: each new
mention searches its blocks for pairs with a coarse (ungridded) side; on the grid, new
mentions search among all rows and stored mentions search among the new ones, each with
its own radius as blocking does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from newsevents.dedup.clustering import _lowest_in_component
from newsevents.dedup.columns import _block_codes, _expand, grid_pairs, match_arrays
from newsevents.dedup.config import DedupConfig
from newsevents.dedup.link_table import LinkTable, TableColumns, table_columns


@dataclass(frozen=True)
class Group:
    """One cluster after the batch: its new mentions and the stored clusters they join."""

    new_event_ids: tuple[str, ...]
    cluster_ids: tuple[str, ...]


def _oriented(i: np.ndarray, j: np.ndarray, own_i: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, other) of each pair: ``i`` where ``own_i``, else ``j``."""
    return np.where(own_i, i, j), np.where(own_i, j, i)


def touching_pairs(t: TableColumns, is_new: np.ndarray, config: DedupConfig) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Batches of the candidate pairs (owner, other) that involve at least one new row.

    Exactly the pairs of ``candidate_arrays`` with a new side, in the same orientation,
    each once.
    """
    c, gridded = t.columns, t.gridded
    w = config.date_window_days
    offsets = np.arange(-w, w + 1, dtype=np.int64)
    block, _ = _block_codes(c, config)
    new = np.flatnonzero(is_new)
    if not len(new):
        return
    # Pairs with a coarse side: its whole block window (the coarse side owns; both coarse: lower index).
    by_block = np.argsort(block, kind="stable")
    sorted_block = block[by_block]
    keys = (block[new][:, None] + offsets[None, :]).ravel()
    owner = np.repeat(new, len(offsets))
    lo = np.searchsorted(sorted_block, keys, side="left")
    hi = np.searchsorted(sorted_block, keys, side="right")
    loose = ~gridded
    for x, y in _expand(owner, lo, hi, by_block):
        own_x = loose[x] & (gridded[y] | (x < y))
        # a pair of two new rows is found from both: keep it where the searching row owns it
        keep = (x != y) & (loose[x] | loose[y]) & (own_x | ~is_new[y])
        yield _oriented(x[keep], y[keep], own_x[keep])
    # Gridded pairs: a new owner searches every gridded row; a stored owner searches the new ones.
    grid = np.flatnonzero(gridded)
    yield from grid_pairs(c, block, new[gridded[new]], grid, config)
    yield from grid_pairs(c, block, grid[~is_new[grid]], new[gridded[new]], config)


def link_new(table: LinkTable, config: DedupConfig) -> list[Group] | None:
    """The clusters the new rows of ``table`` form with the stored ones (see the module docstring).

    Every new mention is in exactly one group; a group without stored clusters is a new
    cluster. None when the numbers do not fit the arrays exactly (re-cluster instead).
    """
    t = table_columns(table, config)
    if t is None:
        return None
    is_new = np.asarray(table.is_new, dtype=bool)
    n = len(table)
    edges_i, edges_j = [np.empty(0, dtype=np.int64)], [np.empty(0, dtype=np.int64)]
    try:
        for i, j in touching_pairs(t, is_new, config):
            if len(i):
                linked = match_arrays(t.columns, i, j, config)
                edges_i.append(i[linked])
                edges_j.append(j[linked])
    except OverflowError:
        return None
    i, j = np.concatenate(edges_i), np.concatenate(edges_j)
    # Nodes: new rows as themselves, stored rows as their cluster (n + cluster code).
    node = np.where(is_new, np.arange(n), n + t.cluster)
    new_rows = np.flatnonzero(is_new)
    ends = np.concatenate([node[new_rows], node[i], node[j]])
    ids, inverse = np.unique(ends, return_inverse=True)
    m = len(new_rows)
    label = _lowest_in_component(len(ids), inverse[m:m + len(i)], inverse[m + len(i):])
    groups: dict[int, tuple[list[str], list[str]]] = {}
    for k, row in enumerate(new_rows.tolist()):
        groups.setdefault(int(label[inverse[k]]), ([], []))[0].append(table.new_event_ids[k])
    cluster_values = table.values["cluster_id"]
    for node_id, lab in zip(ids.tolist(), label.tolist()):
        if node_id >= n and lab in groups:
            groups[lab][1].append(cluster_values[node_id - n])
    return [Group(tuple(new), tuple(sorted(stored))) for new, stored in groups.values()]
