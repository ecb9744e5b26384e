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
from newsevents.dedup.config import DedupConfig


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
        by_id = {m["event_id"]: m for m in mentions}
        rows = []
        for cluster_id, members in sorted(groups.items()):
            row = canonical_event(members)
            row["event_id"] = cluster_id
            row["article_id"] = by_id[row["representative_event_id"]]["article_id"]
            rows.append(row)
        return mapping, rows
