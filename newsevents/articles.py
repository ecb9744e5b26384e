"""The article as it enters the pipeline, before normalization.

Seeds, feeds and the folder watcher all produce :class:`IncomingArticle`; the normalizer
turns it into the stable, hashed record the warehouse stores. Keeping one input type
means every source gets the same normalization, identity and quarantine rules.
"""

from __future__ import annotations

import hashlib
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


def input_hash(source: str, source_ref: str, *parts: object) -> str:
    """Fingerprint of exactly what a source delivered (cheap: no normalization).

    A re-run compares fingerprints first, so unchanged inputs are skipped without being
    normalized again, and an input that was rejected is recorded once, not on every run.
    """
    digest = hashlib.sha256(f"{source}\x1f{source_ref}".encode("utf-8", "surrogatepass"))
    for part in parts:
        digest.update(b"\x1f")
        digest.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def article_fingerprint(article: IncomingArticle) -> str:
    return input_hash(article.source, article.source_ref, article.url, article.title, article.published_at,
                      article.language, article.external_id, article.text)
