"""The signatures of stored originals, kept in memory for a whole run.

Why: every chunk of a run is checked against the originals already published or staged,
twice (provisionally when prepared, finally when staged). Reading them from the warehouse
and indexing them afresh each time made staging grow with the square of the run: at
100,000 articles, a third of the run. The index is read once; staged originals are added
as they are staged; a publish that quarantined articles makes the caller read it again.

:meth:`SignatureIndex.match` applies the original rule of
:mod:`~newsevents.dedup.near_duplicates` (``find_near_duplicates_sigs`` builds an index for
one call and matches through it). Search: the bulk of the signatures sits in sorted band tables
(pigeonhole banding, as there); recent additions sit in a small list that is searched
with the new signatures and folded into the tables when it grows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from newsevents.dedup.near_duplicates import _band_keys, _close_pairs, _table_key, _unsigned

#: Recent signatures searched without tables; beyond this many they are folded in.
_RECENT_MAX = 8192


class SignatureIndex:
    """(article_id, signature) of originals, searchable by Hamming distance."""

    def __init__(self, items: Iterable[tuple[str, int]], max_distance: int) -> None:
        self.max_distance = max_distance
        self._bands = _band_keys(max_distance)
        self._smallest: dict[int, list[str]] = {}  # unsigned signature -> its two smallest ids
        self._base = np.empty(0, dtype=np.uint64)   # signatures in the tables
        self._tables: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted keys, positions in _base)
        self._recent: list[int] = []                # signatures not yet in the tables
        self.add(items)
        self._fold()

    def __len__(self) -> int:
        return len(self._smallest)

    def add(self, items: Iterable[tuple[str, int]]) -> None:
        """Index more originals (e.g. a chunk's, once staged)."""
        _remember(self._smallest, items, self._recent)
        if len(self._recent) > _RECENT_MAX:
            self._fold()

    def _fold(self) -> None:
        self._base = np.unique(np.concatenate([self._base, np.array(self._recent, dtype=np.uint64)]))
        self._recent = []
        self._tables = []
        for bands in self._bands:
            keys = _table_key(self._base, bands)
            order = np.argsort(keys, kind="stable")
            self._tables.append((keys[order], order))

    def _near_base(self, probe: np.ndarray) -> list[set[int]]:
        """For each probe signature: the table signatures within the distance (itself included)."""
        out: list[set[int]] = [set() for _ in range(len(probe))]
        if not len(self._base) or not len(probe):
            return out
        for bands, (keys, order) in zip(self._bands, self._tables):
            pk = _table_key(probe, bands)
            lo = np.searchsorted(keys, pk, side="left")
            hi = np.searchsorted(keys, pk, side="right")
            mine, pos = _ranges(lo, hi)
            other = self._base[order[pos]]
            ok = np.bitwise_count(probe[mine] ^ other) <= self.max_distance
            for k, sig in zip(mine[ok].tolist(), other[ok].tolist()):
                out[k].add(sig)
        return out

    def match(self, new_sigs: Mapping[str, int], extra: Sequence[tuple[str, int]] = ()) -> dict[str, str]:
        """``find_near_duplicates_sigs(new_sigs, index + extra)``: each near-duplicate's original."""
        new = sorted(new_sigs.items())
        if not new:
            return {}
        extra_smallest: dict[int, list[str]] = {}
        extra_sigs: list[int] = []
        _remember(extra_smallest, extra, extra_sigs)
        uniq, inverse = np.unique(_unsigned([s for _, s in new]), return_inverse=True)
        inverse = inverse.ravel().tolist()
        near = self._near_base(uniq)
        # Recent and extra signatures, and the batch's own: one banded search over them all.
        side = np.array(self._recent + extra_sigs, dtype=np.uint64)
        everything = np.concatenate([side, uniq])
        close = _close_pairs(everything, np.arange(len(side), len(everything)), self.max_distance)
        within: list[list[int]] = [[] for _ in range(len(uniq))]
        for k in range(len(uniq)):
            for other in close.get(len(side) + k, ()):
                if other < len(side):
                    near[k].add(int(side[other]))
                else:
                    within[k].append(other - len(side))
            near[k].add(int(uniq[k]))  # an identical stored signature
        originals: dict[int, list[str]] = {}  # batch signature -> batch originals with it
        result: dict[str, str] = {}
        for (aid, _), k in zip(new, inverse):
            best = min((i for v in near[k] for i in (*self._smallest.get(v, ()), *extra_smallest.get(v, ()))
                        if i != aid), default=None)
            if best is None:
                best = min((i for v in (k, *within[k]) for i in originals.get(v, ()) if i != aid), default=None)
            if best is None:
                originals.setdefault(k, []).append(aid)
            else:
                result[aid] = best
        return result


def _ranges(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(query, position) for every position in each query's range ``lo[q]:hi[q]``."""
    n = hi - lo
    mine = np.repeat(np.arange(len(lo)), n)
    return mine, np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n - lo, n)


def _remember(smallest: dict[int, list[str]], items: Iterable[tuple[str, int]], fresh: list[int]) -> None:
    """Keep the two smallest ids per signature; list the signatures seen for the first time."""
    for aid, sig in items:
        u = sig & 0xFFFFFFFFFFFFFFFF
        ids = smallest.get(u)
        if ids is None:
            smallest[u] = [aid]
            fresh.append(u)
        elif aid not in ids:
            ids.append(aid)
            ids.sort()
            del ids[2:]
