"""Pair match score: do two mentions describe the same real-world happening?

The score of a pair (a, b) is a weighted mean of five components in [0, 1]::

    score = w_type*S_type + w_actors*S_actors + w_location*S_loc + w_date*S_date + w_counts*S_counts

(weights from ``dedup.yaml``, normalised to sum 1). The pair is linked when no veto applies
and ``score >= threshold``. Vetoes (score 0): different type family; event dates more than
``date_window_days`` apart; different (or one unknown) location country when
``require_same_country``; coordinates further apart than ``max_km`` of the coarser
precision; an actor slot below ``min_actor_score``; conflicting counts (a later report far
below an earlier one) when ``counts.veto_on_conflict``.

* S_type: 1 for the same event type, ``same_family_type_score`` for another type of the family.
* S_actors: mean over the two actor slots; a slot scores 1 for the same name, ``unknown_score``
  when a side (or, for different names, a country) is missing, ``actor_same_country_score``
  for different names of one country, else 0 (a known conflict). Directed families
  (ASSAULT: A->B is not B->A) compare slot by slot; symmetric families (CONSULT, AGREE:
  talks A-B are talks B-A) take the better of both orders. Veto when either slot scores
  below ``min_actor_score`` (so talks USA-UKR never merge with talks USA-RUS).
* S_loc: with both coordinates ``1 - km/max_km``; otherwise 1 for the same place name,
  ``location_same_admin1_score`` for the same admin1, else ``location_country_only_score``.
* S_date: ``1 - |days| / (window + 1)``; ``unknown_score`` when a date is unknown.
* S_counts: per figure (fatalities, injured) both sides report: 1 if equal; ``rise_score``
  if the later report is higher (tolls rise as bodies are found); ``small_drop_score`` if it
  is lower within the tolerance; else 0 (conflict). Mean of the figures, ``unknown_score``
  when none is comparable. "Later" is by ``published_at``, then event id.

The score is symmetric: score(a, b) == score(b, a), which clustering relies on.
"""

from __future__ import annotations

import math

from newsevents.dedup.config import DedupConfig
from newsevents.dedup.features import MentionView

_EARTH_KM = 6371.0088
_PRECISION_RANK = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def coarser_precision(a: str, b: str) -> str:
    """The less precise of two location precisions (its max_km applies to the pair)."""
    return a if _PRECISION_RANK.get(a, 3) >= _PRECISION_RANK.get(b, 3) else b


def _slot(x: tuple[str | None, str | None], y: tuple[str | None, str | None], c: DedupConfig,
          host: str | None = None) -> float:
    if x[0] is None or y[0] is None:
        return c.unknown_score
    if x[0] == y[0]:
        return 1.0
    if x[1] is None or y[1] is None or host in (x[1], y[1]):
        return c.unknown_score
    return c.actor_same_country_score if x[1] == y[1] else 0.0


def actor_slots(a: MentionView, b: MentionView, c: DedupConfig) -> tuple[float, float]:
    """Per-slot actor similarity in the best allowed order (only as written if directed).

    In symmetric families an actor from the country where the meeting took place (the
    host or mediator: Turkey at Istanbul talks) is no evidence either way, because
    reports name hosts as participants; elsewhere a different country is a conflict.
    """
    if not a.symmetric:
        return (_slot(a.actor1, b.actor1, c), _slot(a.actor2, b.actor2, c))
    host = a.country if a.country == b.country else None
    direct = (_slot(a.actor1, b.actor1, c, host), _slot(a.actor2, b.actor2, c, host))
    swapped = (_slot(a.actor1, b.actor2, c, host), _slot(a.actor2, b.actor1, c, host))
    return max(direct, swapped, key=lambda s: (sum(s), min(s)))


def actor_score(a: MentionView, b: MentionView, c: DedupConfig) -> float:
    """Actor-pair similarity: mean of the two slots."""
    return sum(actor_slots(a, b, c)) / 2


def _figure(earlier: int | None, later: int | None, c: DedupConfig) -> float | None:
    if earlier is None or later is None:
        return None
    if earlier == later:
        return 1.0
    k = c.counts
    if later > earlier:
        return float(k["rise_score"])
    if earlier - later <= max(k["drop_abs_tolerance"], k["drop_rel_tolerance"] * earlier):
        return float(k["small_drop_score"])
    return 0.0


def counts_score(a: MentionView, b: MentionView, c: DedupConfig) -> tuple[float, bool]:
    """(S_counts, conflict): compatibility of the reported figures, later vs earlier."""
    early, late = (a, b) if (a.published_at, a.event_id) <= (b.published_at, b.event_id) else (b, a)
    same_time = a.published_at == b.published_at
    parts = []
    for e, l in ((early.fatalities, late.fatalities), (early.injured, late.injured)):
        if same_time and e is not None and l is not None:
            e, l = min(e, l), max(e, l)  # no order between simultaneous reports
        s = _figure(e, l, c)
        if s is not None:
            parts.append(s)
    if not parts:
        return c.unknown_score, False
    return sum(parts) / len(parts), min(parts) == 0.0


def location_score(a: MentionView, b: MentionView, c: DedupConfig) -> float:
    """Place similarity; 0 means the places are too far apart (a veto)."""
    if a.lat is not None and b.lat is not None:
        limit = c.max_km[coarser_precision(a.precision, b.precision)]
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        return 0.0 if km > limit else max(1e-6, 1.0 - km / limit) if limit else 1.0
    if a.place and a.place == b.place:
        return 1.0
    if a.admin1 and a.admin1 == b.admin1:
        return c.location_same_admin1_score
    return c.location_country_only_score


def _score(a: MentionView, b: MentionView, c: DedupConfig, why: dict[str, object] | None = None) -> float:
    """The documented pair score; 0.0 when a veto applies (named in ``why`` if given)."""

    def veto(reason: str) -> float:
        if why is not None:
            why["veto"] = reason
        return 0.0

    if a.family != b.family:
        return veto("type family")
    if c.require_same_country and a.country != b.country:
        return veto("country")
    if a.day is not None and b.day is not None:
        gap = abs(a.day - b.day)
        if gap > c.date_window_days:
            return veto("date window")
        s_date = 1.0 - gap / (c.date_window_days + 1)
    else:
        s_date = c.unknown_score
    s_loc = location_score(a, b, c)
    if s_loc == 0.0:
        return veto("distance")
    slots = actor_slots(a, b, c)
    if min(slots) < c.min_actor_score:
        return veto("actor conflict")
    s_act = sum(slots) / 2
    s_cnt, conflict = counts_score(a, b, c)
    if conflict and c.counts["veto_on_conflict"]:
        return veto("counts conflict")
    s_type = 1.0 if a.event_type == b.event_type else c.same_family_type_score
    w = c.weights
    if why is not None:
        why.update(type=s_type, actors=s_act, location=s_loc, date=s_date, counts=s_cnt)
    return (w["type"] * s_type + w["actors"] * s_act + w["location"] * s_loc
            + w["date"] * s_date + w["counts"] * s_cnt)


def match_score(a: MentionView, b: MentionView, c: DedupConfig) -> float:
    """The documented pair score; 0.0 when a veto applies."""
    return _score(a, b, c)


def explain(a: MentionView, b: MentionView, c: DedupConfig) -> dict[str, object]:
    """Score, components and veto of one pair: for reviewing why reports did (not) merge."""
    why: dict[str, object] = {}
    why["score"] = round(_score(a, b, c, why), 4)
    why["match"] = why["score"] >= c.threshold
    return why


def is_match(a: MentionView, b: MentionView, c: DedupConfig) -> bool:
    """True when the pair should be linked into one cluster."""
    return match_score(a, b, c) >= c.threshold
