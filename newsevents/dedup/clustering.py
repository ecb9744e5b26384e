"""Event clustering: link matching mentions and name each connected group.

Algorithm: mentions are sorted by (published_at, event_id); every pair that blocking
allows (:func:`~newsevents.dedup.blocking.candidate_pairs`) and the score accepts
(:func:`~newsevents.dedup.scoring.is_match`) is an edge; clusters are the connected
components. Components do not depend on the order edges are found, and the pair score is
symmetric, so the result is independent of input order. For speed the pairs and scores are
computed as arrays (:mod:`~newsevents.dedup.columns`, same links); the scalar loop
(:func:`_cluster_views_scalar`) remains the reference and the fallback.

Cluster id: ``"ev_" + sha1(anchor event_id)[:20]`` where the anchor is the cluster's
earliest mention by (published_at, event_id). New reports usually arrive later than the
first one, so a cluster keeps its id when a mention joins it; when two clusters merge,
the id of the earlier one survives.

Incremental contract (why connected components): re-clustering any set made of whole
existing clusters plus new mentions reproduces exactly what clustering everything would
give, because the only new edges touch new mentions. So the caller selects existing
mentions ``WHERE block_key IN affected_blocks(new)``, widens the selection to the whole
clusters those mentions belong to, calls :func:`cluster_mentions` on that plus the new
mentions, and replaces those clusters.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from newsevents.dedup.blocking import affected_blocks, block_key, candidate_pairs
from newsevents.dedup.columns import matching_pairs
from newsevents.dedup.config import DedupConfig, load_config
from newsevents.dedup.features import MentionView, prepare
from newsevents.dedup.scoring import is_match

__all__ = ["affected_blocks", "block_key", "cluster_id_for", "cluster_mentions"]


def cluster_id_for(anchor_event_id: str) -> str:
    """Stable cluster id derived from the anchor (earliest) mention's event id."""
    return "ev_" + hashlib.sha1(anchor_event_id.encode("utf-8")).hexdigest()[:20]


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def cluster_views(views: Sequence[MentionView], config: DedupConfig) -> list[int]:
    """Union-find over matching candidate pairs; returns each view's root index.

    ``views`` must be sorted by (published_at, event_id): the root of a component is its
    lowest index, i.e. its earliest mention. The pairs are scored column-wise
    (:mod:`~newsevents.dedup.columns`, the same links as :func:`is_match`); the scalar loop
    remains for data the arrays cannot hold exactly.
    """
    try:
        edges = list(matching_pairs(views, config))
    except OverflowError:
        return _cluster_views_scalar(views, config)
    if not edges:
        return list(range(len(views)))
    return _lowest_in_component(len(views), np.concatenate([e[0] for e in edges]),
                                np.concatenate([e[1] for e in edges])).tolist()


def _lowest_in_component(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """For each node, the lowest index of its connected component (what the union-find gives).

    Min-label propagation over the edges with pointer jumping: every label is a node of the
    same component no greater than the node, and the loop ends when no edge can lower one.
    """
    label = np.arange(n)
    while True:
        low = np.minimum(label[i], label[j])
        new = label.copy()
        np.minimum.at(new, label[i], low)  # lower the current roots, not just the endpoints
        np.minimum.at(new, label[j], low)
        new = np.minimum(new, new[new])
        while True:  # pointer jumping: follow labels to their fixed point
            jumped = new[new]
            if np.array_equal(jumped, new):
                break
            new = jumped
        if np.array_equal(new, label):
            return label
        label = new


def _cluster_views_scalar(views: Sequence[MentionView], config: DedupConfig) -> list[int]:
    """The reference loop: pairs already in one component are not scored."""
    parent = list(range(len(views)))
    for i, j in candidate_pairs(views, config):
        ri, rj = _find(parent, i), _find(parent, j)
        if ri != rj and is_match(views[i], views[j], config):
            parent[max(ri, rj)] = min(ri, rj)
    return [_find(parent, i) for i in range(len(views))]


def cluster_mentions(
    mentions: Sequence[Mapping[str, Any]], config: DedupConfig | None = None
) -> dict[str, str]:
    """Map each mention's ``event_id`` to its canonical cluster id.

    ``mentions`` are flat rows with the MENTION_COLUMNS keys plus ``source`` and
    ``published_at`` (ISO). Event ids must be unique (ValueError otherwise).
    """
    config = config or load_config()
    views = sorted((prepare(m, config) for m in mentions), key=lambda v: (v.published_at, v.event_id))
    for a, b in zip(views, views[1:]):
        if a.event_id == b.event_id:
            raise ValueError(f"duplicate event_id {a.event_id!r} passed to cluster_mentions")
    seen = {v.event_id for v in views}
    if len(seen) != len(views):
        raise ValueError("duplicate event_id passed to cluster_mentions")
    roots = cluster_views(views, config)
    names = {r: cluster_id_for(views[r].event_id) for r in set(roots)}  # one sha1 per cluster
    return {v.event_id: names[r] for v, r in zip(views, roots)}
