"""The event record contract shared by the extractor, the warehouse and the quality suites.

Every extracted event is a plain ``dict`` with exactly the keys of :data:`EVENT_FIELDS`
(nested ``actor1``/``actor2``/``location``/``evidence`` dicts included). Keeping the
contract in one small module lets the extractor, the JSON Lines CLI, the warehouse
flattening and the Great Expectations vocabularies agree without importing each other.
"""

from __future__ import annotations

from typing import Any, TypedDict

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

#: ACLED event types and their sub-event types, in ACLED's exact spelling.
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}
ACLED_SUB_TYPES: tuple[str, ...] = tuple(s for subs in ACLED_TYPES.values() for s in subs)

STATUSES: tuple[str, ...] = ("occurred", "planned", "threatened", "failed", "denied", "claimed")
QUALIFIERS: tuple[str, ...] = ("exact", "at_least", "about", "up_to", "range")
LOCATION_PRECISIONS: tuple[str, ...] = ("city", "admin2", "admin1", "country")
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")
ACTOR_TYPES: tuple[str, ...] = (
    "GOV", "MIL", "REB", "POL", "CVL", "IGO", "NGO", "MED", "BUS", "PRO", "COP", "JUD",
    "CRM", "REL", "REF", "UNK",
)


class Actor(TypedDict):
    name: str          # text as written, e.g. "US President Donald Trump"
    canonical: str     # canonical name, e.g. "Donald Trump"
    country: str | None  # ISO 3166-1 alpha-3
    type: str          # one of ACTOR_TYPES


class Location(TypedDict):
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    precision: str     # one of LOCATION_PRECISIONS


class Quantity(TypedDict):
    kind: str          # e.g. "prisoners_released", "detained", "protesters"
    value: int
    qualifier: str


class Evidence(TypedDict):
    text: str
    start: int         # character offsets into the article text
    end: int


EVENT_FIELDS: tuple[str, ...] = (
    "article_id", "event_id", "event_type", "event_mode", "cameo_code", "quad_class",
    "goldstein", "acled_event_type", "acled_sub_event_type", "status", "actor1", "actor2",
    "location", "event_date", "date_precision", "fatalities", "fatalities_qualifier",
    "injured", "injured_qualifier", "quantities", "evidence", "confidence",
    "extractor_version",
)

Event = dict[str, Any]


def missing_fields(event: Event) -> list[str]:
    """Return the contract fields an event lacks, so producers fail loudly, not downstream."""
    return [f for f in EVENT_FIELDS if f not in event]


#: Column names of an event as one flat warehouse row (``published.event_mentions``).
MENTION_COLUMNS: tuple[str, ...] = (
    "event_id", "article_id", "event_type", "event_mode", "cameo_code", "quad_class",
    "goldstein", "acled_event_type", "acled_sub_event_type", "status",
    "actor1_name", "actor1_canonical", "actor1_country", "actor1_type",
    "actor2_name", "actor2_canonical", "actor2_country", "actor2_type",
    "location_name", "location_country", "location_admin1", "latitude", "longitude",
    "geonames_id", "location_precision", "event_date", "date_precision",
    "fatalities", "fatalities_qualifier", "injured", "injured_qualifier", "quantities",
    "evidence_text", "evidence_start", "evidence_end", "confidence", "extractor_version",
)


def flatten_event(event: Event) -> dict[str, Any]:
    """Flatten the nested event contract into one warehouse row (see MENTION_COLUMNS).

    Quantities stay a list of dicts; the warehouse stores them as JSON.
    """
    actor1 = event.get("actor1") or {}
    actor2 = event.get("actor2") or {}
    loc = event.get("location") or {}
    ev = event.get("evidence") or {}
    return {
        "event_id": event["event_id"],
        "article_id": event["article_id"],
        "event_type": event["event_type"],
        "event_mode": event.get("event_mode"),
        "cameo_code": event.get("cameo_code"),
        "quad_class": event.get("quad_class"),
        "goldstein": event.get("goldstein"),
        "acled_event_type": event.get("acled_event_type"),
        "acled_sub_event_type": event.get("acled_sub_event_type"),
        "status": event.get("status"),
        "actor1_name": actor1.get("name"),
        "actor1_canonical": actor1.get("canonical"),
        "actor1_country": actor1.get("country"),
        "actor1_type": actor1.get("type"),
        "actor2_name": actor2.get("name"),
        "actor2_canonical": actor2.get("canonical"),
        "actor2_country": actor2.get("country"),
        "actor2_type": actor2.get("type"),
        "location_name": loc.get("name"),
        "location_country": loc.get("country"),
        "location_admin1": loc.get("admin1"),
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "geonames_id": loc.get("geonames_id"),
        "location_precision": loc.get("precision"),
        "event_date": event.get("event_date"),
        "date_precision": event.get("date_precision"),
        "fatalities": event.get("fatalities"),
        "fatalities_qualifier": event.get("fatalities_qualifier"),
        "injured": event.get("injured"),
        "injured_qualifier": event.get("injured_qualifier"),
        "quantities": list(event.get("quantities") or []),
        "evidence_text": ev.get("text"),
        "evidence_start": ev.get("start"),
        "evidence_end": ev.get("end"),
        "confidence": event.get("confidence"),
        "extractor_version": event.get("extractor_version"),
    }
