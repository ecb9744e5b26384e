"""Shared builders for the dedup tests: short literal mentions in the flat warehouse shape."""

from __future__ import annotations

from typing import Any

import pytest

from newsevents.dedup.config import DedupConfig, load_config
from newsevents.schema import MENTION_COLUMNS

PLACES = {
    "sumy": ("Sumy", "UKR", "Sumy", 50.9077, 34.7981, "city"),
    "sumy_region": ("Sumy", "UKR", "Sumy", 50.9077, 34.7981, "admin1"),
    "bilopillia": ("Bilopillia", "UKR", "Sumy", 51.150, 34.308, "city"),
    "kharkiv": ("Kharkiv", "UKR", "Kharkiv", 49.9935, 36.2304, "city"),
    "istanbul": ("Istanbul", "TUR", "Istanbul", 41.0082, 28.9784, "city"),
    "ankara": ("Ankara", "TUR", "Ankara", 39.9334, 32.8597, "city"),
    "ukraine": ("Ukraine", "UKR", None, None, None, "country"),
}
ACTORS = {
    "RUS": ("Russia", "RUS"), "UKR": ("Ukraine", "UKR"), "CVL": ("civilians", "UKR"),
    "TUR": ("Hakan Fidan", "TUR"), "USA": ("United States", "USA"), None: (None, None),
}


def mention(event_id: str, article_id: str | None = None, source: str = "wire",
            published_at: str = "2025-05-17T12:00:00Z", event_type: str = "ASSAULT",
            a1: str | None = "RUS", a2: str | None = "CVL", place: str = "sumy",
            date: str | None = "2025-05-17", fatalities: int | None = None,
            injured: int | None = None, confidence: float = 0.9, **extra: Any) -> dict[str, Any]:
    """One flat mention row (all MENTION_COLUMNS + source, published_at)."""
    row: dict[str, Any] = dict.fromkeys(MENTION_COLUMNS)
    name, country, admin1, lat, lon, precision = PLACES[place]
    row.update(event_id=event_id, article_id=article_id or f"art-{event_id}", event_type=event_type,
               location_name=name, location_country=country, location_admin1=admin1,
               latitude=lat, longitude=lon, location_precision=precision, event_date=date,
               date_precision="day", fatalities=fatalities, injured=injured, confidence=confidence,
               status="occurred", quantities=[], source=source, published_at=published_at)
    for n, key in ((1, a1), (2, a2)):
        actor_name, actor_country = ACTORS[key]
        row.update({f"actor{n}_name": actor_name, f"actor{n}_canonical": actor_name,
                    f"actor{n}_country": actor_country, f"actor{n}_type": "GOV"})
    row.update(extra)
    return row


@pytest.fixture(scope="session")
def config() -> DedupConfig:
    return load_config()
