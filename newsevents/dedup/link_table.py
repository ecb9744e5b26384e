"""Mentions as column arrays straight from the warehouse, without one Python object per row.

Why: when a batch is published, its new mentions are compared with every stored mention in
the blocks they can reach. In a dense warehouse that is most of it (a million rows at
100,000 articles), and :func:`~newsevents.dedup.features.prepare` costs ~17 us and ~1 KB per
row. Here the warehouse hands over numbers as arrays and every text column as small integer
codes plus the list of its distinct raw values; the rules of ``prepare`` (folding, upper-
casing, defaults, the event-date fallback) run once per distinct value and reach the rows
by array indexing. The result is the same :class:`~newsevents.dedup.columns.ViewColumns`
``columns_for`` builds from prepared views, so the pair score is computed by the same code.

Rows must come in (published_at, event_id) order with unknown publication times last (the
order ``cluster_mentions`` sorts views in), so a row's index is its rank in that order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from newsevents.dedup.columns import ViewColumns, _EXACT_INT
from newsevents.dedup.config import DedupConfig
from newsevents.dedup.features import NO_TIME, MentionView, _fold
from newsevents.dedup.scoring import _PRECISION_RANK

#: Text columns the warehouse sends as codes (index into that column's distinct values).
TEXT_COLUMNS: tuple[str, ...] = (
    "event_type", "location_country", "location_admin1", "location_name", "location_precision",
    "actor1_canonical", "actor1_name", "actor1_country", "actor2_canonical", "actor2_name",
    "actor2_country", "published_at", "cluster_id",
)
#: Number columns the warehouse sends as masked arrays (masked = NULL). The days are
#: proleptic ordinals (``date.toordinal()``) of the event date and of the publication date.
NUMBER_COLUMNS: tuple[str, ...] = ("event_day", "published_day", "latitude", "longitude",
                                   "fatalities", "injured")


@dataclass(frozen=True)
class LinkTable:
    """Stored mentions a batch may link to, and the batch's new mentions, column-wise.

    ``codes[c][row]`` indexes ``values[c]`` (the distinct raw values, ``None`` for NULL);
    ``cluster_id`` is NULL on new rows; ``new_event_ids`` are the new rows' ids in row order.
    """

    is_new: np.ndarray
    numbers: Mapping[str, np.ma.MaskedArray]
    codes: Mapping[str, np.ndarray]
    values: Mapping[str, Sequence[Any]]
    new_event_ids: Sequence[str]

    def __len__(self) -> int:
        return len(self.is_new)


@dataclass(frozen=True)
class TableColumns:
    """:class:`ViewColumns` of a :class:`LinkTable` plus what blocking needs besides."""

    columns: ViewColumns
    gridded: np.ndarray        # coordinates usable for the grid (precision finer than country)
    cluster: np.ndarray        # cluster code of stored rows, -1 on new rows


class _Views(Sequence[MentionView]):
    """The rows as views, built only when asked (the few pairs the scalar code re-decides).

    Event ids are the rows' ranks, zero-padded: (published_at, id) then orders the views as
    (published_at, event_id) orders the mentions, which is all the score uses ids for.
    """

    def __init__(self, n: int, build: Callable[[int], MentionView]) -> None:
        self._n, self._build = n, build

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self._build(k) for k in range(*i.indices(self._n))]
        return self._build(int(i))


def _known(column: np.ma.MaskedArray) -> tuple[np.ndarray, np.ndarray]:
    """(data, known mask) of a masked column."""
    data = np.ma.getdata(column)
    return data, ~np.ma.getmaskarray(column)


def _lookup(values: Sequence[Any], rule: Callable[[Any], Any]) -> list[Any]:
    return [rule(v) for v in values]


def _ids(*folded: list[Any]) -> list[np.ndarray]:
    """Ids for per-code values of several columns in one shared space (None -> -1)."""
    space: dict[Any, int] = {None: -1}
    out = []
    for col in folded:
        out.append(np.fromiter((space.setdefault(v, len(space) - 1) for v in col), dtype=np.int64,
                               count=len(col)))
    return out


def _country(value: Any) -> str | None:
    return str(value).upper() if value else None


def table_columns(table: LinkTable, config: DedupConfig) -> TableColumns | None:
    """The arrays of :func:`~newsevents.dedup.columns.columns_for` for ``table``; None when a
    number does not fit them exactly (NaN coordinates, huge figures): use the scalar path then."""
    n = len(table)
    codes, values, num = table.codes, table.values, table.numbers
    lat, has_lat = _known(num["latitude"])
    lon, has_lon = _known(num["longitude"])
    if np.isnan(lat[has_lat]).any() or np.isnan(lon[has_lon]).any():
        return None
    figures = [_known(num[f]) for f in ("fatalities", "injured")]
    if any((np.abs(v[k].astype(float)) >= _EXACT_INT).any() for v, k in figures):
        return None
    has_xy = has_lat & has_lon
    event_day, has_event_day = _known(num["event_day"])
    pub_day, has_pub_day = _known(num["published_day"])
    day = np.where(has_event_day, event_day, np.where(has_pub_day, pub_day, 0)).astype(np.int64)
    has_day = has_event_day | has_pub_day

    raw_type = values["event_type"]
    types = _lookup(raw_type, lambda t: str(t or "UNKNOWN"))
    families = [config.family(t) for t in raw_type]
    precisions = _lookup(values["location_precision"],
                         lambda p: p if (p or "country") in config.max_km else "country")
    precisions = [p or "country" for p in precisions]
    countries = {c: _lookup(values[c], _country) for c in ("location_country", "actor1_country", "actor2_country")}
    published = _lookup(values["published_at"], lambda p: str(p or NO_TIME))
    folded = {c: _lookup(values[c], _fold) for c in ("location_admin1", "location_name", "actor1_canonical",
                                                     "actor1_name", "actor2_canonical", "actor2_name")}

    (type_id,), (family_id,), (place_id,), (admin1_id,), (pub_id,) = (
        _ids(types), _ids([f.name for f in families]), _ids(folded["location_name"]),
        _ids(folded["location_admin1"]), _ids(published))
    country_id, a1c_id, a2c_id = _ids(countries["location_country"], countries["actor1_country"],
                                      countries["actor2_country"])
    names = _ids(folded["actor1_canonical"], folded["actor1_name"], folded["actor2_canonical"], folded["actor2_name"])
    a1 = _actor_ids(names[0][codes["actor1_canonical"]], names[1][codes["actor1_name"]])
    a2 = _actor_ids(names[2][codes["actor2_canonical"]], names[3][codes["actor2_name"]])
    precision_code = codes["location_precision"]
    max_km = np.array([config.max_km[p] for p in precisions], dtype=float)[precision_code]
    rank = np.array([_PRECISION_RANK.get(p, 3) for p in precisions], dtype=np.int64)[precision_code]
    is_country = np.array([p == "country" for p in precisions], dtype=bool)[precision_code]
    (fat, has_fat), (inj, has_inj) = figures
    country = country_id[codes["location_country"]]
    cols = ViewColumns(
        views=_Views(n, lambda i: _view(i, table, types, families, countries, folded, precisions, published,
                                        day, has_day, lat, lon, has_xy, fat, has_fat, inj, has_inj)),
        event_type=type_id[codes["event_type"]], family=family_id[codes["event_type"]],
        symmetric=np.array([f.symmetric for f in families], dtype=bool)[codes["event_type"]],
        country=country, day=day, has_day=has_day,
        lat=np.where(has_xy, lat, 0.0), lon=np.where(has_xy, lon, 0.0), has_xy=has_xy,
        max_km=max_km, rank=rank, place=place_id[codes["location_name"]],
        admin1=admin1_id[codes["location_admin1"]],
        actors=np.stack([a1, a1c_id[codes["actor1_country"]], a2, a2c_id[codes["actor2_country"]]], axis=1),
        figures=np.stack([np.where(has_fat, fat, 0), np.where(has_inj, inj, 0)], axis=1).astype(np.int64),
        has_figure=np.stack([has_fat, has_inj], axis=1),
        published=pub_id[codes["published_at"]], order=np.arange(n, dtype=np.int64),
    )
    cluster = np.where(table.is_new, -1, codes["cluster_id"]).astype(np.int64)
    return TableColumns(cols, has_xy & ~is_country, cluster)


def _actor_ids(canonical: np.ndarray, name: np.ndarray) -> np.ndarray:
    """The folded canonical name, or the folded name as written when there is none (as ``prepare``)."""
    return np.where(canonical >= 0, canonical, name)


def _view(i: int, t: LinkTable, types: list, families: list, countries: dict, folded: dict, precisions: list,
          published: list, day: np.ndarray, has_day: np.ndarray, lat: np.ndarray, lon: np.ndarray,
          has_xy: np.ndarray, fat: np.ndarray, has_fat: np.ndarray, inj: np.ndarray, has_inj: np.ndarray
          ) -> MentionView:
    """Row ``i`` as the view ``prepare`` would build (ids replaced by ranks, see :class:`_Views`)."""
    c = {k: int(v[i]) for k, v in t.codes.items()}
    fam = families[c["event_type"]]

    def actor(n: int) -> tuple[str | None, str | None]:
        return (folded[f"actor{n}_canonical"][c[f"actor{n}_canonical"]] or folded[f"actor{n}_name"][c[f"actor{n}_name"]],
                countries[f"actor{n}_country"][c[f"actor{n}_country"]])

    return MentionView(
        event_id=f"{i:012d}", article_id="", source="", published_at=published[c["published_at"]],
        event_type=types[c["event_type"]], family=fam.name, symmetric=fam.symmetric,
        day=int(day[i]) if has_day[i] else None, country=countries["location_country"][c["location_country"]],
        admin1=folded["location_admin1"][c["location_admin1"]], place=folded["location_name"][c["location_name"]],
        lat=float(lat[i]) if has_xy[i] else None, lon=float(lon[i]) if has_xy[i] else None,
        precision=precisions[c["location_precision"]], actor1=actor(1), actor2=actor(2),
        fatalities=int(fat[i]) if has_fat[i] else None, injured=int(inj[i]) if has_inj[i] else None,
    )


def _ordinal(value: Any) -> int | None:
    return date.fromisoformat(str(value)[:10]).toordinal() if value else None


def table_from_rows(stored: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]) -> LinkTable:
    """The :class:`LinkTable` the warehouse would send for these rows (flat mention rows with
    ``source`` and ``published_at``; stored ones with ``cluster_id``). For tests and benchmarks."""
    rows = [(False, m) for m in stored] + [(True, m) for m in new]
    rows.sort(key=lambda r: (r[1].get("published_at") is None, str(r[1].get("published_at") or ""),
                             str(r[1]["event_id"])))
    numbers = {
        "event_day": [_ordinal(m.get("event_date")) for _, m in rows],
        "published_day": [_ordinal(m.get("published_at")) for _, m in rows],
        **{c: [m.get(c) for _, m in rows] for c in ("latitude", "longitude", "fatalities", "injured")},
    }
    codes, values = {}, {}
    for c in TEXT_COLUMNS:
        column = [None if is_new and c == "cluster_id" else m.get(c) for is_new, m in rows]
        distinct = sorted(set(column), key=lambda v: (v is None, "" if v is None else str(v)))
        index = {v: k for k, v in enumerate(distinct)}
        codes[c] = np.array([index[v] for v in column], dtype=np.int64)
        values[c] = distinct
    return LinkTable(
        is_new=np.array([is_new for is_new, _ in rows], dtype=bool),
        numbers={c: np.ma.masked_invalid(np.array([np.nan if v is None else v for v in col], dtype=float))
                 for c, col in numbers.items()},
        codes=codes, values=values, new_event_ids=[m["event_id"] for is_new, m in rows if is_new])
