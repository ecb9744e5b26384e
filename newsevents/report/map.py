"""A dot map of located events on an equirectangular grid (longitude → x, latitude → y).

No coastlines: shipping a world outline would mean bundling map data, and a grid with
labelled meridians and parallels plus place names is enough to see where events
cluster. The view zooms to the events' extent (never narrower than 40° × 20°) so a
regional story is not three dots in a corner of the world; dots are sized by mentions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from newsevents.report.svg import num, svg_open

VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})
#: Places named next to their dot; beyond this the names would hide the dots.
MAX_LABELS = 25
MIN_SPAN_LON = 40.0


def project(lat: float, lon: float, width: float, height: float) -> tuple[float, float]:
    """Equirectangular projection of (lat, lon) degrees onto a width × height box."""
    return (lon + 180.0) / 360.0 * width, (90.0 - lat) / 180.0 * height


def extent(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(west, north, span_lon, span_lat) around the points: padded, 2:1, clamped to the world."""
    if not points:
        return -180.0, 90.0, 360.0, 180.0
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    span_lon = min(max(max(lons) - min(lons) + 20.0, 2 * (max(lats) - min(lats) + 10.0), MIN_SPAN_LON), 360.0)
    span_lat = span_lon / 2
    mid_lon, mid_lat = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    west = min(max(mid_lon - span_lon / 2, -180.0), 180.0 - span_lon)
    north = max(min(mid_lat + span_lat / 2, 90.0), -90.0 + span_lat)
    return west, north, span_lon, span_lat


def dot_map(events: Sequence[Mapping[str, Any]], label: str, width: int = 720) -> str:
    """Events with ``latitude``/``longitude`` as dots; violent types in red, others in blue."""
    located = [e for e in events if e.get("latitude") is not None and e.get("longitude") is not None
               and -90 <= e["latitude"] <= 90 and -180 <= e["longitude"] <= 180]
    west, north, span_lon, _ = extent([(float(e["latitude"]), float(e["longitude"])) for e in located])
    scale = width / span_lon  # user units per degree
    height = width // 2

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (lon - west) * scale, (north - lat) * scale

    step = 30 if span_lon > 120 else 10 if span_lon > 40 else 5
    parts = [svg_open(width, height, label), f'<rect width="{width}" height="{height}" class="sea"/>']
    for lon in range(-180, 181, step):
        x, _ = xy(0, lon)
        if 0 <= x <= width:
            parts.append(f'<line x1="{num(x)}" x2="{num(x)}" y1="0" y2="{height}" class="{"axis" if lon == 0 else "grid"}"/>'
                         f'<text x="{num(x + 2)}" y="{height - 4}" class="val">{lon}°</text>')
    for lat in range(-90, 91, step):
        _, y = xy(lat, 0)
        if 0 <= y <= height:
            parts.append(f'<line x1="0" x2="{width}" y1="{num(y)}" y2="{num(y)}" class="{"axis" if lat == 0 else "grid"}"/>'
                         f'<text x="2" y="{num(y - 2)}" class="val">{lat}°</text>')
    labelled: set[str] = set()
    for event in located:
        x, y = xy(float(event["latitude"]), float(event["longitude"]))
        radius = 4 + 2 * math.log2(max(int(event.get("num_mentions") or 1), 1))
        color = "#dc2626" if event.get("event_type") in VIOLENT_TYPES else "#2563eb"
        tip = " · ".join(str(v) for v in (event.get("location_name"), event.get("location_country"),
                                           event.get("event_date"), event.get("event_type")) if v)
        parts.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(radius)}" fill="{color}" '
                     f'fill-opacity="0.7" stroke="#fff" stroke-width="0.5"><title>{escape(tip)}</title></circle>')
        name = str(event.get("location_name") or "")
        if name and name not in labelled and len(labelled) < MAX_LABELS:
            labelled.add(name)
            right = x > width - 8 * len(name) - 20  # near the right edge: name to the left of the dot
            tx, anchor = (x - radius - 2, "end") if right else (x + radius + 2, "start")
            parts.append(f'<text x="{num(tx)}" y="{num(y + 4)}" text-anchor="{anchor}" class="lbl">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)
