"""Blocking: which mentions can possibly match, so clustering stays near-linear.

Two mentions are only ever compared when they share a type family, a location country
and event dates within ``date_window_days`` (the score vetoes everything else anyway).
The warehouse contract is one string per mention::

    block_key = "<family>|<YYYY-MM-DD or ->|<COUNTRY or ->"

(the country part is ``*`` when ``require_same_country`` is off). The lead stores it on
each mention row; :func:`affected_blocks` lists the keys of every block a batch of new
mentions can reach (their own day and the days within the window), so the existing
mentions to re-cluster are ``WHERE block_key IN (...)``, widened to whole clusters.

Inside a block, :func:`candidate_pairs` narrows further with a lat/lon grid so that busy
blocks (one country, one day, hundreds of strikes) do not become quadratic.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from newsevents.dedup.config import DedupConfig
from newsevents.dedup.features import MentionView, event_day

_KM_PER_DEGREE = 111.2


def _key(family: str, day: int | None, country: str | None, config: DedupConfig) -> str:
    day_s = date.fromordinal(day).isoformat() if day is not None else "-"
    place = (country or "-") if config.require_same_country else "*"
    return f"{family}|{day_s}|{place}"


def block_key(mention: Mapping[str, Any], config: DedupConfig) -> str:
    """The block of one flat mention row (store it in the warehouse next to the mention)."""
    country = mention.get("location_country")
    return _key(config.family(mention.get("event_type")).name, event_day(mention),
                str(country).upper() if country else None, config)


def affected_blocks(new_mentions: Iterable[Mapping[str, Any]], config: DedupConfig) -> set[str]:
    """Keys of every block whose existing mentions may match one of ``new_mentions``."""
    keys: set[str] = set()
    w = config.date_window_days
    for m in new_mentions:
        fam = config.family(m.get("event_type")).name
        day = event_day(m)
        country = m.get("location_country")
        country = str(country).upper() if country else None
        days: Iterable[int | None] = [None] if day is None else range(day - w, day + w + 1)
        keys.update(_key(fam, d, country, config) for d in days)
    return keys


def _radius_cells(v: MentionView, config: DedupConfig) -> tuple[int, int]:
    """Grid cells to search around ``v`` to cover its max_km in latitude and longitude."""
    km = config.max_km[v.precision]
    g = config.grid_degrees
    dlat = math.ceil(km / (_KM_PER_DEGREE * g))
    far = min(89.0, abs(v.lat or 0.0) + km / _KM_PER_DEGREE)
    dlon = math.ceil(km / (_KM_PER_DEGREE * g * max(math.cos(math.radians(far)), 1e-3)))
    return dlat, min(dlon, math.ceil(360 / g))


def candidate_pairs(views: Sequence[MentionView], config: DedupConfig) -> Iterator[tuple[int, int]]:
    """Yield each index pair (i, j) that blocking allows, exactly once.

    Mentions with usable coordinates (precision finer than country) are found through the
    grid; the side with the larger search radius (then the lower index) owns the pair.
    Mentions without coordinates are compared with their whole block and own those pairs.
    """
    g = config.grid_degrees
    place = config.require_same_country
    cells: dict[tuple, list[int]] = defaultdict(list)
    blocks: dict[tuple, list[int]] = defaultdict(list)
    gridded: list[bool] = []
    for i, v in enumerate(views):
        country = v.country if place else "*"
        has_xy = v.lat is not None and v.precision != "country"
        gridded.append(has_xy)
        blocks[(v.family, country, v.day)].append(i)
        if has_xy:
            cells[(v.family, country, v.day, math.floor(v.lat / g), math.floor(v.lon / g))].append(i)
    w = config.date_window_days
    for i, v in enumerate(views):
        country = v.country if place else "*"
        days = [None] if v.day is None else range(v.day - w, v.day + w + 1)
        if not gridded[i]:
            for d in days:
                for j in blocks.get((v.family, country, d), ()):
                    if j != i and (gridded[j] or i < j):
                        yield i, j
            continue
        ri = config.max_km[v.precision]
        dlat, dlon = _radius_cells(v, config)
        ci, cj = math.floor(v.lat / g), math.floor(v.lon / g)
        for d in days:
            for a in range(ci - dlat, ci + dlat + 1):
                for b in range(cj - dlon, cj + dlon + 1):
                    for j in cells.get((v.family, country, d, a, b), ()):
                        rj = config.max_km[views[j].precision]
                        if ri > rj or (ri == rj and i < j):
                            yield i, j
