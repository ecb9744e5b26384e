"""A mention prepared once for comparison: parsed dates, folded names, its family.

Why: clustering compares each mention with many candidates; parsing ISO dates and
case-folding actor names inside the pair loop would dominate the run time at 100k
mentions. :func:`prepare` does that work once per mention and is the only place that
knows the flat column names of :data:`newsevents.schema.MENTION_COLUMNS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from typing import Any

from newsevents.dedup.config import DedupConfig

#: ISO string used when a mention has no publication time: sorts after every real one.
NO_TIME = "9999-12-31T23:59:59Z"


@dataclass(frozen=True, slots=True)
class MentionView:
    """The fields of one mention that matching uses, normalised."""

    event_id: str
    article_id: str
    source: str
    published_at: str          # ISO; NO_TIME when unknown
    event_type: str
    family: str
    symmetric: bool
    day: int | None            # proleptic ordinal of the event date (None: unknown)
    country: str | None        # location country, upper-case ISO alpha-3
    admin1: str | None
    place: str | None          # folded location name
    lat: float | None
    lon: float | None
    precision: str             # location precision; "country" when unknown
    actor1: tuple[str | None, str | None]  # (folded canonical-or-name, country)
    actor2: tuple[str | None, str | None]
    fatalities: int | None
    injured: int | None


def _fold(value: Any) -> str | None:
    if type(value) is str:
        return _fold_text(value)
    text = " ".join(str(value).split()).casefold() if value is not None else ""
    return text or None


@lru_cache(maxsize=1 << 16)
def _fold_text(value: str) -> str | None:
    """Folded names repeat across mentions (actors, places): cached."""
    return " ".join(value.split()).casefold() or None


def _day(value: Any) -> int | None:
    if not value:
        return None
    return _ordinal(str(value)[:10])


@lru_cache(maxsize=1 << 14)
def _ordinal(day: str) -> int | None:
    """Ordinal of an ISO day; cached because a batch covers few distinct days."""
    try:
        return date.fromisoformat(day).toordinal()
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _actor(m: Mapping[str, Any], n: int) -> tuple[str | None, str | None]:
    name = _fold(m.get(f"actor{n}_canonical")) or _fold(m.get(f"actor{n}_name"))
    country = m.get(f"actor{n}_country")
    return name, (str(country).upper() if country else None)


def event_day(m: Mapping[str, Any]) -> int | None:
    """The event date as an ordinal; falls back to the publication date when missing."""
    return _day(m.get("event_date")) or _day(m.get("published_at"))


def prepare(m: Mapping[str, Any], config: DedupConfig) -> MentionView:
    """Build the comparison view of one flat mention row (MENTION_COLUMNS + source, published_at)."""
    fam = config.family(m.get("event_type"))
    lat, lon = _float(m.get("latitude")), _float(m.get("longitude"))
    if lat is None or lon is None:
        lat = lon = None
    country = m.get("location_country")
    precision = m.get("location_precision") or "country"
    if precision not in config.max_km:
        precision = "country"
    return MentionView(
        event_id=str(m["event_id"]), article_id=str(m.get("article_id") or ""),
        source=str(m.get("source") or ""),
        published_at=str(m.get("published_at") or NO_TIME),
        event_type=str(m.get("event_type") or "UNKNOWN"),
        family=fam.name, symmetric=fam.symmetric, day=event_day(m),
        country=str(country).upper() if country else None,
        admin1=_fold(m.get("location_admin1")), place=_fold(m.get("location_name")),
        lat=lat, lon=lon, precision=precision,
        actor1=_actor(m, 1), actor2=_actor(m, 2),
        fatalities=_int(m.get("fatalities")), injured=_int(m.get("injured")),
    )
