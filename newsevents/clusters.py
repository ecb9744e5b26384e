"""The deduplicator the publisher uses: blocking keys, affected blocks, re-clustering.

The warehouse runs clustering inside its publishing transaction but must not contain
domain logic, so it receives this small object. It wraps :mod:`newsevents.dedup` with one
loaded configuration and adds what the warehouse stores on a canonical event row: the
article of the representative mention (so every event's article exists).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newsevents.dedup import affected_blocks, block_key, canonical_event, cluster_mentions, load_config
from newsevents.dedup.clustering import cluster_id_for
from newsevents.dedup.config import DedupConfig
from newsevents.dedup.features import NO_TIME
from newsevents.dedup.link_table import LinkTable
from newsevents.dedup.linking import Group, link_new


class Deduplicator:
    """Cluster mentions into canonical events with one configuration (``dedup.yaml``)."""

    def __init__(self, config: DedupConfig | None = None) -> None:
        self.config = config or load_config()

    def block_key(self, mention: Mapping[str, Any]) -> str:
        return block_key(mention, self.config)

    def affected_blocks(self, new_mentions: Iterable[Mapping[str, Any]]) -> set[str]:
        return affected_blocks(new_mentions, self.config)

    def recluster(self, mentions: Sequence[Mapping[str, Any]]) -> tuple[dict[str, str], list[dict[str, Any]]]:
        """Map every mention to its cluster and build one canonical row per cluster."""
        mapping = cluster_mentions(mentions, self.config)
        groups: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for m in mentions:
            groups[mapping[m["event_id"]]].append(m)
        return mapping, [_canonical_row(cid, members) for cid, members in sorted(groups.items())]

    def link(self, table: LinkTable) -> list[Group] | None:
        """Which stored clusters each group of new mentions joins (None: re-cluster instead)."""
        return link_new(table, self.config)

    def merge(self, groups: Sequence[Group], new: Sequence[Mapping[str, Any]],
              stored: Sequence[Mapping[str, Any]]) -> tuple[dict[str, str], list[dict[str, Any]]]:
        """:meth:`recluster` for the clusters :meth:`link` found, without scoring again.

        ``stored`` are all members of the joined clusters (rows with ``cluster_id``). A group's
        id is that of its earliest mention, as :func:`cluster_mentions` names clusters.
        """
        new_by_id = {m["event_id"]: m for m in new}
        by_cluster: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for m in stored:
            by_cluster[m["cluster_id"]].append(m)
        mapping: dict[str, str] = {}
        rows = []
        for group in groups:
            members = [new_by_id[e] for e in group.new_event_ids]
            members += [m for c in group.cluster_ids for m in by_cluster[c]]
            anchor = min(members, key=lambda m: (str(m.get("published_at") or NO_TIME), str(m["event_id"])))
            cluster_id = cluster_id_for(str(anchor["event_id"]))
            mapping.update(dict.fromkeys((m["event_id"] for m in members), cluster_id))
            rows.append(_canonical_row(cluster_id, members))
        return mapping, rows


def _canonical_row(cluster_id: str, members: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The canonical event of one cluster, with the article of its representative mention."""
    row = canonical_event(members)
    row["event_id"] = cluster_id
    representative = row["representative_event_id"]
    row["article_id"] = next(m["article_id"] for m in members if m["event_id"] == representative)
    return row
