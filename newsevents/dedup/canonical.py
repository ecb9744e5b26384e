"""Canonical event: one row that summarises a cluster of mentions.

Rules (each deterministic, whatever the input order):

* ``event_id``: the cluster id (:func:`~newsevents.dedup.clustering.cluster_id_for` of
  the earliest mention by published_at, then event_id).
* ``event_type``: the type most mentions give; ties go to the higher summed confidence,
  then alphabetical order.
* Representative mention: the highest-confidence mention of that type (ties: earliest,
  then event id). Descriptive fields (mode, CAMEO, Goldstein, ACLED types, status,
  evidence) come from it; ``representative_event_id`` names it.
* Actors: the (actor1, actor2) pair most mentions of the type give (ties: confidence).
* Location: the finest precision reported, then the place most mentions give, then confidence.
* ``event_date``: the earliest reported date (with that mention's precision).
* ``fatalities`` / ``injured``: the best-supported figure: the value reported by the most
  distinct sources; ties go to the most recent report, then to the higher value. Every
  reported figure stays in the mentions, so a rising toll remains queryable there.
* ``confidence``: the highest confidence of any mention.
* ``num_mentions``, ``num_sources`` (distinct outlets), ``num_articles`` (distinct
  articles), ``first_seen`` / ``last_seen`` (min / max published_at).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from newsevents.dedup.clustering import cluster_id_for
from newsevents.dedup.features import NO_TIME

_ACTOR = ("name", "canonical", "country", "type")
_LOCATION = ("location_name", "location_country", "location_admin1", "latitude", "longitude",
             "geonames_id", "location_precision")
_FROM_REPRESENTATIVE = ("event_mode", "cameo_code", "quad_class", "goldstein",
                        "acled_event_type", "acled_sub_event_type", "status",
                        "evidence_text", "quantities", "extractor_version")
_PRECISION_RANK = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}

CANONICAL_COLUMNS: tuple[str, ...] = (
    "event_id", "event_type", *_FROM_REPRESENTATIVE,
    *(f"actor{n}_{f}" for n in (1, 2) for f in _ACTOR), *_LOCATION,
    "event_date", "date_precision", "fatalities", "fatalities_qualifier", "injured",
    "injured_qualifier", "confidence", "num_mentions", "num_sources", "num_articles",
    "first_seen", "last_seen", "representative_event_id",
)


def _conf(m: Mapping[str, Any]) -> float:
    return float(m.get("confidence") or 0.0)


def _pub(m: Mapping[str, Any]) -> str:
    return str(m.get("published_at") or NO_TIME)


def _vote(items: Sequence[Mapping[str, Any]], key: Callable[[Mapping[str, Any]], Any],
          rank: Callable[[Mapping[str, Any]], Any] = lambda m: 0,
          conf: Sequence[float] | None = None) -> Any:
    """The key value with the best (rank, count, summed confidence, repr) - deterministic.

    One pass with running totals (clusters of hundreds of mentions are common in busy
    news); ``conf`` are the items' confidences when the caller has them already.
    """
    stats: dict[Any, list] = {}
    for m, c in zip(items, conf if conf is not None else map(_conf, items)):
        k, r = key(m), rank(m)
        s = stats.get(k)
        if s is None:
            stats[k] = [r, 1, c]
        else:
            if r > s[0]:
                s[0] = r
            s[1] += 1
            s[2] += c
    return max(stats, key=lambda k: (*stats[k], repr(k)))


def best_figure(mentions: Sequence[Mapping[str, Any]], field: str) -> tuple[int | None, str | None]:
    """(value, qualifier) best supported for ``field`` ("fatalities" or "injured")."""
    support: dict[int, set[str]] = defaultdict(set)
    latest: dict[int, tuple[str, str, str | None]] = {}
    for m in mentions:
        value = m.get(field)
        if value is None:
            continue
        value = int(value)
        support[value].add(str(m.get("source") or m.get("article_id")))
        stamp = (_pub(m), str(m["event_id"]), m.get(f"{field}_qualifier"))
        if value not in latest or stamp[:2] > latest[value][:2]:
            latest[value] = stamp
    if not support:
        return None, None
    best = max(support, key=lambda v: (len(support[v]), latest[v][:2], v))
    return best, latest[best][2]


def canonical_event(mentions: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Summarise the mentions of one cluster as a canonical event row (CANONICAL_COLUMNS)."""
    if not mentions:
        raise ValueError("canonical_event needs at least one mention")
    if len(mentions) == 1:
        return _single_event(mentions[0])
    return _general_event(mentions)


def _general_event(mentions: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The rules of the module docstring, for any non-empty cluster."""
    ordered = sorted(mentions, key=lambda m: (_pub(m), str(m["event_id"])))
    conf = [_conf(m) for m in ordered]
    event_type = _vote(ordered, lambda m: m.get("event_type"), conf=conf)
    typed = [(m, c) for m, c in zip(ordered, conf) if m.get("event_type") == event_type]
    rep = max(typed, key=lambda mc: mc[1])[0]  # max() keeps the first (earliest) of equal confidences
    out: dict[str, Any] = {"event_id": cluster_id_for(str(ordered[0]["event_id"])), "event_type": event_type}
    out.update({f: rep.get(f) for f in _FROM_REPRESENTATIVE})
    pairs = [tuple(m.get(f"actor{n}_canonical") or m.get(f"actor{n}_name") for n in (1, 2)) for m, _ in typed]
    pair = _vote(range(len(typed)), pairs.__getitem__, conf=[c for _, c in typed])
    actor_src = max((mc for mc, p in zip(typed, pairs) if p == pair), key=lambda mc: mc[1])[0]
    out.update({f"actor{n}_{f}": actor_src.get(f"actor{n}_{f}") for n in (1, 2) for f in _ACTOR})
    places = [(m.get("location_name"), m.get("location_country")) for m in ordered]
    ranks = [-_PRECISION_RANK.get(m.get("location_precision") or "country", 3) for m in ordered]
    k = _vote(range(len(ordered)), places.__getitem__, ranks.__getitem__, conf=conf)
    loc_src = ordered[max((i for i in range(len(ordered)) if places[i] == k), key=lambda i: (ranks[i], conf[i]))]
    out.update({f: loc_src.get(f) for f in _LOCATION})
    dated = [m for m in ordered if m.get("event_date")]
    first = min(dated, key=lambda m: (str(m["event_date"])[:10], _pub(m))) if dated else None
    out["event_date"] = str(first["event_date"])[:10] if first else None
    out["date_precision"] = first.get("date_precision") if first else None
    for field in ("fatalities", "injured"):
        out[field], out[f"{field}_qualifier"] = best_figure(ordered, field)
    out["confidence"] = max(conf)
    out["num_mentions"] = len(ordered)
    out["num_sources"] = len({m.get("source") for m in ordered if m.get("source")})
    out["num_articles"] = len({m.get("article_id") for m in ordered if m.get("article_id")})
    stamps = [str(m["published_at"]) for m in ordered if m.get("published_at")]
    out["first_seen"] = min(stamps) if stamps else None
    out["last_seen"] = max(stamps) if stamps else None
    out["representative_event_id"] = rep["event_id"]
    return {c: out.get(c) for c in CANONICAL_COLUMNS}


def _single_event(m: Mapping[str, Any]) -> dict[str, Any]:
    """:func:`canonical_event` of a one-mention cluster (most clusters): every vote is that mention.

    Why a separate path: at 120k mentions about half the clusters are single reports, and
    the general rules (sorting, votes, figure support) cost ~25 us each for nothing.
    """
    out: dict[str, Any] = {"event_id": cluster_id_for(str(m["event_id"])), "event_type": m.get("event_type")}
    out.update({f: m.get(f) for f in _FROM_REPRESENTATIVE})
    out.update({f"actor{n}_{f}": m.get(f"actor{n}_{f}") for n in (1, 2) for f in _ACTOR})
    out.update({f: m.get(f) for f in _LOCATION})
    dated = bool(m.get("event_date"))
    out["event_date"] = str(m["event_date"])[:10] if dated else None
    out["date_precision"] = m.get("date_precision") if dated else None
    for field in ("fatalities", "injured"):
        value = m.get(field)
        out[field], out[f"{field}_qualifier"] = (None, None) if value is None else (
            int(value), m.get(f"{field}_qualifier"))
    out["confidence"] = _conf(m)
    out["num_mentions"] = 1
    out["num_sources"] = 1 if m.get("source") else 0
    out["num_articles"] = 1 if m.get("article_id") else 0
    stamp = str(m["published_at"]) if m.get("published_at") else None
    out["first_seen"] = out["last_seen"] = stamp
    out["representative_event_id"] = m["event_id"]
    return {c: out.get(c) for c in CANONICAL_COLUMNS}
