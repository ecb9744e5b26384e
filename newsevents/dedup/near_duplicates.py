"""Near-duplicate articles (syndicated copies, light rewrites) found before extraction.

Why: wire copy reprinted by ten outlets would otherwise yield ten "independent" mentions
and inflate num_sources. A duplicate is linked to its original and is not extracted.

* :func:`content_hash`: SHA-256 of the normalised text (case-folded words), for the exact
  test the warehouse can do with an index.
* :func:`signature`: 64-bit SimHash over word shingles (``shingle_size`` words). Similar
  texts get signatures a small Hamming distance apart. Returned as a *signed* 64-bit int
  so it fits DuckDB ``BIGINT``; :func:`hamming` masks it back to 64 bits.
* :func:`find_near_duplicates`: pigeonhole banding (Manku et al. 2007). The 64 bits are cut
  into ``k + r`` bands; two signatures within distance ``k`` agree exactly on at least
  ``r`` bands, so every combination of ``r`` bands is a hash-table key. Only signatures
  sharing a key are compared: near-linear, no all-pairs scan.

Original rule: a new article's original is the smallest-id *existing* article within the
distance (existing ones arrived first); otherwise the smallest-id earlier original among
the new batch (the batch is processed in id order). Pass the signatures of originals only
as ``existing``; duplicates found are not indexed, so chains never form.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import combinations

import numpy as np

_WORD = re.compile(r"\w+")
_MASK = (1 << 64) - 1
_MIX1, _MIX2, _STEP = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB), np.uint64(0x9E3779B97F4A7C15)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def content_hash(text: str) -> str:
    """Hex SHA-256 of the normalised text: equal for copies differing in case/spacing/punctuation."""
    return hashlib.sha256(" ".join(_words(text)).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads combined word hashes over all 64 bits."""
    h = (h ^ (h >> np.uint64(30))) * _MIX1
    h = (h ^ (h >> np.uint64(27))) * _MIX2
    return h ^ (h >> np.uint64(31))


def to_signed(value: int) -> int:
    """Unsigned 64-bit -> signed (DuckDB BIGINT)."""
    value &= _MASK
    return value - (1 << 64) if value >= 1 << 63 else value


def signature(text: str, shingle_size: int = 3) -> int:
    """Signed 64-bit SimHash of the text's word shingles (0 for text without words)."""
    words = _words(text)
    if not words:
        return 0
    tok = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    k = min(shingle_size, len(words))
    h = tok[: len(tok) - k + 1].copy()
    with np.errstate(over="ignore"):
        for i in range(1, k):
            h = h * _STEP + tok[i: len(tok) - k + 1 + i]
        h = _mix(h)
    bits = np.unpackbits(h.view(np.uint8).reshape(-1, 8), axis=1, bitorder="little")
    ones = bits.sum(axis=0, dtype=np.int64)
    value = sum(1 << b for b in np.flatnonzero(2 * ones > len(h)).tolist())
    return to_signed(value)


def hamming(a: int, b: int) -> int:
    """Hamming distance of two (signed or unsigned) 64-bit signatures."""
    return ((a ^ b) & _MASK).bit_count()


def _band_keys(max_distance: int) -> list[tuple[tuple[int, int], ...]]:
    """The band combinations: each key is ``r`` (shift, width) bands out of ``k + r``."""
    r = max(1, math.ceil(max_distance / 3))
    n = max_distance + r
    edges = [round(i * 64 / n) for i in range(n + 1)]
    bands = [(edges[i], edges[i + 1] - edges[i]) for i in range(n)]
    return list(combinations(bands, r))


def _keys(sig: int, tables: list[tuple[tuple[int, int], ...]]) -> list[tuple[int, int]]:
    u = sig & _MASK
    return [(t, hash(tuple((u >> s) & ((1 << w) - 1) for s, w in bands)))
            for t, bands in enumerate(tables)]


def find_near_duplicates(
    new: Sequence[tuple[str, str]],
    existing: Iterable[tuple[str, int]],
    max_distance: int = 3,
    shingle_size: int = 3,
) -> dict[str, str]:
    """Map each near-duplicate new article id to the id of its original.

    ``new``: (article_id, text); ``existing``: (article_id, signature) of originals already
    stored. Articles that are originals are absent from the result.
    """
    tables = _band_keys(max_distance)
    index: dict[tuple[int, int], list[int]] = {}  # key -> positions in ids/sigs/ranks
    ids: list[str] = []
    sigs: list[int] = []
    ranks: list[int] = []

    def add(rank: int, aid: str, sig: int) -> None:
        pos = len(ids)
        ids.append(aid)
        sigs.append(sig)
        ranks.append(rank)
        for key in _keys(sig, tables):
            index.setdefault(key, []).append(pos)

    for aid, sig in existing:
        add(0, aid, sig)
    result: dict[str, str] = {}
    for aid, text in sorted(new):
        sig = signature(text, shingle_size)
        best: tuple[int, str] | None = None
        for key in _keys(sig, tables):
            for pos in index.get(key, ()):
                cand = (ranks[pos], ids[pos])
                if cand[1] != aid and (best is None or cand < best) and hamming(sig, sigs[pos]) <= max_distance:
                    best = cand
        if best is None:
            add(1, aid, sig)
        else:
            result[aid] = best[1]
    return result
