"""Columnar clustering: candidate pairs and the pair score for many pairs at once (numpy).

Why: at 120k mentions blocking offers a few million candidate pairs, and scoring them one
by one in Python (:func:`~newsevents.dedup.scoring.is_match`, ~3 us a pair) dominated the
publishing transaction. Here every view becomes one row of integer/float columns
(strings interned to ints, None as -1), :func:`candidate_arrays` yields exactly the pairs
:func:`~newsevents.dedup.blocking.candidate_pairs` yields (same owner side, same grid
cells) as index arrays, and :func:`match_arrays` evaluates the documented score with array
operations in the same arithmetic order as :func:`~newsevents.dedup.scoring._score`.

Exactness: +, -, *, / and comparisons are IEEE-identical to Python floats; only numpy's
sin/cos/asin (haversine, grid radius) may differ from :mod:`math` in the last bit. Every
value that close to a decision (a distance at its limit, a score at the threshold, a grid
radius at an integer) is re-decided by the scalar code, so the links are the same.
:func:`columns_for` returns None (the caller falls back to the scalar loop) when a value
does not fit the arrays exactly (figures or dates beyond 2**52, NaN
coordinates, keys beyond int64).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

from newsevents.dedup.blocking import _KM_PER_DEGREE, _radius_cells
from newsevents.dedup.config import DedupConfig
from newsevents.dedup.features import MentionView
from newsevents.dedup.scoring import _PRECISION_RANK, _EARTH_KM, is_match

#: Relative margin below which a float decision is re-checked by the scalar code.
_MARGIN = 1e-9
#: Candidate pairs scored per array batch (bounds memory on dense blocks).
_BATCH = 1 << 18
#: Gridded views whose cell queries are built at once.
_OWNERS = 1 << 14
_EXACT_INT = 1 << 52


@dataclass(frozen=True, slots=True)
class ViewColumns:
    """The comparison fields of ``views`` as arrays (row ``i`` is ``views[i]``)."""

    views: Sequence[MentionView]
    event_type: np.ndarray   # interned ids; -1 means None
    family: np.ndarray
    symmetric: np.ndarray    # bool
    country: np.ndarray
    day: np.ndarray          # ordinal, 0 when unknown
    has_day: np.ndarray
    lat: np.ndarray          # float, 0.0 when unknown
    lon: np.ndarray
    has_xy: np.ndarray       # coordinates known (prepare sets lat and lon together)
    max_km: np.ndarray       # max_km of the view's own precision
    rank: np.ndarray         # precision rank (coarser is higher)
    place: np.ndarray
    admin1: np.ndarray
    actors: np.ndarray       # (n, 4): actor1 name, actor1 country, actor2 name, actor2 country
    figures: np.ndarray      # (n, 2): fatalities, injured (0 when unknown)
    has_figure: np.ndarray   # (n, 2) bool
    published: np.ndarray    # interned published_at
    order: np.ndarray        # rank by (published_at, event_id): "earlier" in counts_score


def _intern(*columns: Sequence[object]) -> list[np.ndarray]:
    """Ids for the values of ``columns`` in one shared space (so they compare across columns); None -> -1."""
    ids = {x: k for k, x in enumerate(dict.fromkeys(chain.from_iterable(columns)))}
    ids[None] = -1
    return [np.fromiter(map(ids.__getitem__, col), dtype=np.int64, count=len(col)) for col in columns]


def _floats(column: Sequence[float | None]) -> tuple[np.ndarray, np.ndarray] | None:
    """(values with None as 0.0, known mask); None when the column holds NaN or a huge value."""
    values = np.array(column, dtype=float)  # None -> nan
    missing = np.isnan(values)
    if int(missing.sum()) != column.count(None) or (np.abs(values[~missing]) >= _EXACT_INT).any():
        return None
    return np.where(missing, 0.0, values), ~missing


def _order(published: Sequence[str], event_ids: Sequence[str], published_id: np.ndarray) -> np.ndarray:
    """Rank of each view by (published_at, event_id): the identity when already sorted (as always
    from ``cluster_mentions``), checked cheaply: strings sorted, and event ids among equal times."""
    pub = list(published)
    ties = np.flatnonzero(published_id[1:] == published_id[:-1]).tolist()
    if pub == sorted(pub) and all(event_ids[k] < event_ids[k + 1] for k in ties):
        return np.arange(len(pub), dtype=np.int64)
    keys = list(zip(published, event_ids))
    order = np.empty(len(keys), dtype=np.int64)
    order[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
    return order


def columns_for(views: Sequence[MentionView], config: DedupConfig) -> ViewColumns | None:
    """Intern and pack ``views``; None when some value cannot be represented exactly."""
    if not views:
        return None
    (etype, family, symmetric, country, day, lat, lon, precision, place, admin1, a1n, a1c, a2n, a2c,
     fatalities, injured, published, event_id) = zip(*[
        (v.event_type, v.family, v.symmetric, v.country, v.day, v.lat, v.lon, v.precision,
         v.place or None, v.admin1 or None, *v.actor1, *v.actor2, v.fatalities, v.injured,
         v.published_at, v.event_id) for v in views])
    try:
        numbers = [_floats(col) for col in (day, lat, lon, fatalities, injured)]
    except OverflowError:
        return None
    if any(x is None for x in numbers):
        return None
    (day_v, has_day), (lat_v, has_lat), (lon_v, _), (fat_v, has_fat), (inj_v, has_inj) = numbers  # type: ignore[misc]
    (type_id,), (family_id,), (place_id,), (admin1_id,), (published_id,) = (
        _intern(etype), _intern(family), _intern(place), _intern(admin1), _intern(published))
    country_id, a1c_id, a2c_id = _intern(country, a1c, a2c)
    a1n_id, a2n_id = _intern(a1n, a2n)
    rank_of = {p: _PRECISION_RANK.get(p, 3) for p in set(precision)}
    return ViewColumns(
        views=views, event_type=type_id, family=family_id,
        symmetric=np.array(symmetric, dtype=bool), country=country_id,
        day=day_v.astype(np.int64), has_day=has_day, lat=lat_v, lon=lon_v, has_xy=has_lat,
        max_km=np.fromiter(map(config.max_km.__getitem__, precision), dtype=float, count=len(views)),
        rank=np.fromiter(map(rank_of.__getitem__, precision), dtype=np.int64, count=len(views)),
        place=place_id, admin1=admin1_id,
        actors=np.stack([a1n_id, a1c_id, a2n_id, a2c_id], axis=1),
        figures=np.stack([fat_v, inj_v], axis=1).astype(np.int64),
        has_figure=np.stack([has_fat, has_inj], axis=1),
        published=published_id, order=_order(published, event_id, published_id),
    )


# --- candidate pairs -------------------------------------------------------------------------

def _expand(owner: np.ndarray, lo: np.ndarray, hi: np.ndarray, perm: np.ndarray
            ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Pairs (owner[q], perm[lo[q]:hi[q]]) for every query q, in batches of about _BATCH."""
    lens = hi - lo
    keep = lens > 0
    owner, lo, lens = owner[keep], lo[keep], lens[keep]
    ends = np.cumsum(lens)
    start = 0
    while start < len(lens):
        stop = int(np.searchsorted(ends, (ends[start] - lens[start]) + _BATCH, side="right"))
        stop = max(stop, start + 1)
        n = lens[start:stop]
        first = np.cumsum(n) - n
        pos = np.arange(int(n.sum()), dtype=np.int64) - np.repeat(first - lo[start:stop], n)
        yield np.repeat(owner[start:stop], n), perm[pos]
        start = stop


def _block_codes(c: ViewColumns, config: DedupConfig) -> tuple[np.ndarray, int]:
    """One int per (family, country, day) block, so that ``code + dd`` is the block ``dd`` days on.

    Unknown days get a code no window can reach from a known day (they are only compared
    among themselves, as in :func:`~newsevents.dedup.blocking.candidate_pairs`).
    """
    w = config.date_window_days
    country = c.country if config.require_same_country else np.zeros_like(c.country)
    pairs: dict[tuple[int, int], int] = {}
    fc = np.fromiter((pairs.setdefault(k, len(pairs)) for k in zip(c.family.tolist(), country.tolist())),
                     dtype=np.int64, count=len(c.family))
    known = c.day[c.has_day]
    dmin, dmax = (int(known.min()), int(known.max())) if len(known) else (0, 0)
    none_code = dmax - dmin + 3 * w + 2
    span = none_code + w + 1
    day_code = np.where(c.has_day, c.day - dmin + w, none_code)
    return fc * span + day_code, span * max(len(pairs), 1)


def _dlon_cells(c: ViewColumns, idx: np.ndarray, config: DedupConfig) -> np.ndarray:
    """Longitude radius in cells of the views ``idx`` (as ``_radius_cells``; recheck near integers)."""
    g = config.grid_degrees
    km = c.max_km[idx]
    far = np.minimum(89.0, np.abs(c.lat[idx]) + km / _KM_PER_DEGREE)
    x = km / (_KM_PER_DEGREE * g * np.maximum(np.cos(np.radians(far)), 1e-3))
    out = np.minimum(np.ceil(x), math.ceil(360 / g)).astype(np.int64)
    close = np.abs(x - np.round(x)) <= _MARGIN * np.maximum(x, 1.0)
    for k in np.flatnonzero(close).tolist():
        out[k] = _radius_cells(c.views[int(idx[k])], config)[1]
    return out


def candidate_arrays(c: ViewColumns, config: DedupConfig) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Batches of index pairs (i, j): exactly the pairs ``candidate_pairs`` yields, same orientation."""
    n = len(c.views)
    w = config.date_window_days
    block, _ = _block_codes(c, config)
    gridded = c.has_xy & np.fromiter((v.precision != "country" for v in c.views), dtype=bool, count=n)
    offsets = np.arange(-w, w + 1, dtype=np.int64)

    # Views without usable coordinates: their whole block, each pair once.
    by_block = np.argsort(block, kind="stable")
    sorted_block = block[by_block]
    loose = np.flatnonzero(~gridded)
    if len(loose):
        owner = np.repeat(loose, len(offsets))
        keys = (block[loose][:, None] + offsets[None, :]).ravel()
        lo = np.searchsorted(sorted_block, keys, side="left")
        hi = np.searchsorted(sorted_block, keys, side="right")
        for i, j in _expand(owner, lo, hi, by_block):
            keep = (j != i) & (gridded[j] | (i < j))
            yield i[keep], j[keep]

    # Gridded views: the cells within their search radius; the larger radius owns the pair.
    grid = np.flatnonzero(gridded)
    yield from grid_pairs(c, block, grid, grid, config)


def grid_pairs(c: ViewColumns, block: np.ndarray, owners: np.ndarray, targets: np.ndarray,
               config: DedupConfig) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The gridded candidate pairs (i, j) with i in ``owners`` and j in ``targets`` (both gridded views).

    Each owner searches the cells within its own radius; a pair is kept where the owner has
    the larger radius (ties: the lower index), so with owners = targets = every gridded view
    each pair comes once, and with disjoint owner sets the results are disjoint.
    """
    if not len(owners) or not len(targets):
        return
    g = config.grid_degrees
    w = config.date_window_days
    cell_a = np.floor(c.lat / g).astype(np.int64)
    cell_b = np.floor(c.lon / g).astype(np.int64)
    both = np.concatenate([owners, targets])
    amin, bmin = int(cell_a[both].min()), int(cell_b[both].min())
    rows, cols = int(cell_a[both].max()) - amin + 1, int(cell_b[both].max()) - bmin + 1
    dlat_of = {km: math.ceil(km / (_KM_PER_DEGREE * g)) for km in set(c.max_km[owners].tolist())}
    dlat = np.fromiter((dlat_of[km] for km in c.max_km[owners].tolist()), dtype=np.int64, count=len(owners))
    dlon = _dlon_cells(c, owners, config)
    if (int(block.max()) + 1 + w) * rows * cols >= 1 << 62:
        raise OverflowError("grid keys do not fit int64")
    code = ((block[targets] * rows) + (cell_a[targets] - amin)) * cols + (cell_b[targets] - bmin)
    by_code = np.argsort(code, kind="stable")
    sorted_code = code[by_code]
    a, b = cell_a[owners], cell_b[owners]
    for first in range(0, len(owners), _OWNERS):  # owners in chunks: bounded query arrays
        mine = np.arange(first, min(first + _OWNERS, len(owners)))
        per = (2 * w + 1) * (2 * dlat[mine] + 1)  # queries per owner: days x cell rows
        q_owner = np.repeat(mine, per)
        k = np.arange(len(q_owner)) - np.repeat(np.cumsum(per) - per, per)
        dd = k // (2 * dlat[q_owner] + 1) - w
        row = a[q_owner] + k % (2 * dlat[q_owner] + 1) - dlat[q_owner]
        b_lo = np.maximum(b[q_owner] - dlon[q_owner], bmin)
        b_hi = np.minimum(b[q_owner] + dlon[q_owner], bmin + cols - 1)
        ok = (row >= amin) & (row < amin + rows) & (b_lo <= b_hi)
        q_owner, dd, row, b_lo, b_hi = q_owner[ok], dd[ok], row[ok], b_lo[ok], b_hi[ok]
        base = ((block[owners][q_owner] + dd) * rows + (row - amin)) * cols
        lo = np.searchsorted(sorted_code, base + (b_lo - bmin), side="left")
        hi = np.searchsorted(sorted_code, base + (b_hi - bmin), side="right")
        for qi, j in _expand(q_owner, lo, hi, targets[by_code]):
            i = owners[qi]
            ri, rj = c.max_km[i], c.max_km[j]
            keep = (ri > rj) | ((ri == rj) & (i < j))
            yield i[keep], j[keep]


# --- the score --------------------------------------------------------------------------------

def _slot(xn: np.ndarray, xc: np.ndarray, yn: np.ndarray, yc: np.ndarray, host: np.ndarray | None,
          c: DedupConfig) -> np.ndarray:
    """``scoring._slot`` over arrays of interned (name, country) ids."""
    hosted = np.zeros(len(xn), dtype=bool) if host is None else (host >= 0) & ((host == xc) | (host == yc))
    return np.where((xn < 0) | (yn < 0), c.unknown_score,
                    np.where(xn == yn, 1.0,
                             np.where((xc < 0) | (yc < 0) | hosted, c.unknown_score,
                                      np.where(xc == yc, c.actor_same_country_score, 0.0))))


def _actor_slots(c: ViewColumns, i: np.ndarray, j: np.ndarray, config: DedupConfig
                 ) -> tuple[np.ndarray, np.ndarray]:
    """``scoring.actor_slots``: slot by slot, or the better order in symmetric families
    (computed for the symmetric pairs only: most pairs are directed)."""
    x, y = c.actors[i], c.actors[j]
    slot1 = _slot(x[:, 0], x[:, 1], y[:, 0], y[:, 1], None, config)
    slot2 = _slot(x[:, 2], x[:, 3], y[:, 2], y[:, 3], None, config)
    sym = np.flatnonzero(c.symmetric[i])
    if not len(sym):
        return slot1, slot2
    x, y = x[sym], y[sym]
    host = np.where(c.country[i[sym]] == c.country[j[sym]], c.country[i[sym]], -1)
    d = (_slot(x[:, 0], x[:, 1], y[:, 0], y[:, 1], host, config),
         _slot(x[:, 2], x[:, 3], y[:, 2], y[:, 3], host, config))
    s = (_slot(x[:, 0], x[:, 1], y[:, 2], y[:, 3], host, config),
         _slot(x[:, 2], x[:, 3], y[:, 0], y[:, 1], host, config))
    d_sum, s_sum = d[0] + d[1], s[0] + s[1]
    swap = (s_sum > d_sum) | ((s_sum == d_sum) & (np.minimum(*s) > np.minimum(*d)))
    slot1[sym] = np.where(swap, s[0], d[0])
    slot2[sym] = np.where(swap, s[1], d[1])
    return slot1, slot2


def _counts(c: ViewColumns, i: np.ndarray, j: np.ndarray, config: DedupConfig
            ) -> tuple[np.ndarray, np.ndarray]:
    """``scoring.counts_score``: (S_counts, conflict), later report vs earlier."""
    k = config.counts
    i_first = c.order[i] <= c.order[j]
    same_time = c.published[i] == c.published[j]
    parts, present = [], []
    for f in (0, 1):
        fi, fj = c.figures[i, f], c.figures[j, f]
        e, l = np.where(i_first, fi, fj), np.where(i_first, fj, fi)
        e, l = np.where(same_time, np.minimum(e, l), e), np.where(same_time, np.maximum(e, l), l)
        tolerance = np.maximum(float(k["drop_abs_tolerance"]), k["drop_rel_tolerance"] * e.astype(float))
        s = np.where(e == l, 1.0, np.where(l > e, float(k["rise_score"]),
                                           np.where((e - l) <= tolerance, float(k["small_drop_score"]), 0.0)))
        parts.append(s)
        present.append(c.has_figure[i, f] & c.has_figure[j, f])
    both = present[0] & present[1]
    score = np.where(both, (parts[0] + parts[1]) / 2,
                     np.where(present[0], parts[0], np.where(present[1], parts[1], config.unknown_score)))
    conflict = (present[0] & (parts[0] == 0.0)) | (present[1] & (parts[1] == 0.0))
    return score, conflict


def _location(c: ViewColumns, i: np.ndarray, j: np.ndarray, config: DedupConfig
              ) -> tuple[np.ndarray, np.ndarray]:
    """(S_loc, uncertain): ``scoring.location_score`` and where numpy trig may decide otherwise."""
    xy = c.has_xy[i] & c.has_xy[j]
    limit = np.where(c.rank[i] >= c.rank[j], c.max_km[i], c.max_km[j])
    p1, p2 = np.radians(c.lat[i]), np.radians(c.lat[j])
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(c.lon[j] - c.lon[i]) / 2) ** 2
    km = 2 * _EARTH_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = 1.0 - km / limit
    near = np.where(frac > 1e-6, frac, 1e-6)
    by_xy = np.where(km > limit, 0.0, np.where(limit != 0, near, 1.0))
    place = (c.place[i] >= 0) & (c.place[i] == c.place[j])
    admin1 = (c.admin1[i] >= 0) & (c.admin1[i] == c.admin1[j])
    by_name = np.where(place, 1.0, np.where(admin1, config.location_same_admin1_score,
                                            config.location_country_only_score))
    uncertain = xy & (np.abs(km - limit) <= _MARGIN * np.maximum(limit, 1.0))
    return np.where(xy, by_xy, by_name), uncertain


def match_arrays(c: ViewColumns, i: np.ndarray, j: np.ndarray, config: DedupConfig) -> np.ndarray:
    """Bool per pair: ``is_match(views[i], views[j])``, evaluated column-wise.

    The exact vetoes (integer comparisons: family, country, date gap, actor slots, count
    conflicts) run first and the rest is computed only for the pairs they leave: in busy
    blocks most candidate pairs fall there, and the distance is the dearest part.
    """
    match = np.zeros(len(i), dtype=bool)
    veto = c.family[i] != c.family[j]
    if config.require_same_country:
        veto |= c.country[i] != c.country[j]
    dated = c.has_day[i] & c.has_day[j]
    gap = np.abs(c.day[i] - c.day[j])
    veto |= dated & (gap > config.date_window_days)
    rest = np.flatnonzero(~veto)
    i, j, dated, gap = i[rest], j[rest], dated[rest], gap[rest]
    slot1, slot2 = _actor_slots(c, i, j, config)
    veto = np.minimum(slot1, slot2) < config.min_actor_score
    s_cnt, conflict = _counts(c, i, j, config)
    if config.counts["veto_on_conflict"]:
        veto |= conflict
    keep = ~veto
    rest, i, j, dated, gap = rest[keep], i[keep], j[keep], dated[keep], gap[keep]
    slot1, slot2, s_cnt = slot1[keep], slot2[keep], s_cnt[keep]
    s_date = np.where(dated, 1.0 - gap / (config.date_window_days + 1), config.unknown_score)
    s_loc, uncertain = _location(c, i, j, config)
    s_act = (slot1 + slot2) / 2
    s_type = np.where(c.event_type[i] == c.event_type[j], 1.0, config.same_family_type_score)
    w = config.weights
    score = (w["type"] * s_type + w["actors"] * s_act + w["location"] * s_loc
             + w["date"] * s_date + w["counts"] * s_cnt)
    match[rest] = (s_loc != 0.0) & (score >= config.threshold)
    uncertain |= np.abs(score - config.threshold) <= _MARGIN
    for k in np.flatnonzero(uncertain).tolist():
        match[rest[k]] = is_match(c.views[int(i[k])], c.views[int(j[k])], config)
    return match


def matching_pairs(views: Sequence[MentionView], config: DedupConfig) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Batches of the linked pairs among ``views``; raises OverflowError when not representable."""
    if not views:
        return
    cols = columns_for(views, config)
    if cols is None:
        raise OverflowError("values do not fit the arrays exactly")
    for i, j in candidate_arrays(cols, config):
        if len(i):
            m = match_arrays(cols, i, j, config)
            yield i[m], j[m]
