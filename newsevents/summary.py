"""The run summary: what one pipeline run did, for humans and for machines."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any


def new_run_id() -> str:
    """Sortable, unique run id: UTC time plus a random suffix."""
    return f"run-{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"


@dataclass
class RunSummary:
    """Counts and outcome of one run; ``render()`` is what ``make run`` prints."""

    run_id: str
    db: str
    status: str = "running"
    articles_seen: int = 0
    articles_new: int = 0
    articles_skipped: int = 0
    articles_rejected: int = 0
    articles_duplicate: int = 0
    articles_processed: int = 0
    articles_published: int = 0
    events_extracted: int = 0
    events_published: int = 0
    rows_quarantined: int = 0
    dq_outcome: str = "skipped"
    failed_checks: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    events_by_type: dict[str, int] = field(default_factory=dict)
    reports: str | None = None
    html_report: str | None = None
    feeds: list[dict[str, Any]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def timed(self, phase: str) -> Iterator[None]:
        """Add the wall time of a block to ``timings[phase]`` (seconds), for the benchmark's phase shares."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[phase] = round(self.timings.get(phase, 0.0) + time.perf_counter() - start, 4)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def message(self) -> str:
        if self.status == "nothing_new":
            if self.articles_rejected:
                return (f"nothing to publish: {self.articles_rejected} input(s) rejected, kept with the reason "
                        "in raw.rejected_inputs")
            if not self.articles_seen:
                return "nothing new: no articles found in the seed folder or feeds"
            return "nothing new: every article is already in the warehouse"
        if self.rows_quarantined:
            return (f"{self.rows_quarantined} rows quarantined by critical checks "
                    f"({'; '.join(self.failed_checks[:5])})")
        return f"published {self.articles_published} articles and {self.events_published} events"

    def render(self) -> str:
        """A short, scannable summary: counts, events by type, data quality, where to look."""
        lines = [
            f"run {self.run_id}: {self.status}  ({self.db})",
            f"  articles: {self.articles_new} new, {self.articles_skipped} already known, "
            f"{self.articles_rejected} rejected, {self.articles_duplicate} near-duplicates",
            f"  events:   {self.events_extracted} extracted, {self.events_published} published"
            + (f", {self.rows_quarantined} rows quarantined" if self.rows_quarantined else ""),
        ]
        if self.events_by_type:
            kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.events_by_type.items(), key=lambda kv: (-kv[1], kv[0])))
            lines.append(f"  by type:  {kinds}")
        lines.append(f"  quality:  {self.dq_outcome}"
                     + (f" — failed: {'; '.join(self.failed_checks[:5])}" if self.failed_checks else "")
                     + (f" — warnings: {'; '.join(self.warnings[:5])}" if self.warnings else ""))
        for feed in self.feeds:
            lines.append(f"  feed:     {feed.get('name')}: {feed.get('outcome')} {feed.get('detail') or ''}".rstrip())
        if self.html_report:
            lines.append(f"  report:   {self.html_report}")
        if self.reports:
            lines.append(f"  GX docs:  {self.reports}")
        lines.append(f"  {self.message}")
        return "\n".join(lines)
