"""The article as it enters the pipeline, before normalization.

Seeds, feeds and the folder watcher all produce :class:`IncomingArticle`; the normalizer
turns it into the stable, hashed record the warehouse stores. Keeping one input type
means every source gets the same normalization, identity and quarantine rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class IncomingArticle:
    """One article as a source delivered it.

    ``published_at`` is the date string as given (ISO 8601 preferred) or ``None`` when the
    source has none; the normalizer then falls back to ingestion time and marks it.
    ``external_id`` is a feed GUID/entry id where one exists. ``flags`` carry source-side
    facts the analyst should see (e.g. ``"summary_only"``, ``"fulltext_failed"``,
    ``"bozo:<reason>"``).
    """

    source: str
    source_ref: str
    text: str
    title: str | None = None
    url: str | None = None
    published_at: str | None = None
    language: str | None = None
    external_id: str | None = None
    flags: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
