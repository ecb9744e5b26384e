"""Cross-article deduplication (issue 7): one real-world happening, many reports.

Pure domain logic, no Prefect or DuckDB: the flows call these functions and store the
results. Two stages:

1. :mod:`~newsevents.dedup.near_duplicates`: copies of an article (syndication, light
   rewrites) are linked to their original before extraction, so they add no mentions.
2. :mod:`~newsevents.dedup.clustering`: extracted mentions from different articles that
   describe the same happening are linked (:mod:`~newsevents.dedup.scoring`, blocked by
   :mod:`~newsevents.dedup.blocking`) and summarised by :mod:`~newsevents.dedup.canonical`.

Settings: :mod:`~newsevents.dedup.config` (``dedup.yaml``). Method: ``docs/dedup.md``.
"""

from newsevents.dedup.canonical import CANONICAL_COLUMNS, canonical_event
from newsevents.dedup.clustering import affected_blocks, block_key, cluster_id_for, cluster_mentions
from newsevents.dedup.config import DedupConfig, load_config
from newsevents.dedup.near_duplicates import (
    content_hash, find_near_duplicates, find_near_duplicates_sigs, signature, signatures,
)

__all__ = [
    "CANONICAL_COLUMNS", "DedupConfig", "affected_blocks", "block_key", "canonical_event",
    "cluster_id_for", "cluster_mentions", "content_hash", "find_near_duplicates",
    "find_near_duplicates_sigs", "load_config", "signature", "signatures",
]
