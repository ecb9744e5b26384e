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

Batch API (what staging uses): :func:`signatures` signs many texts at once (numpy over
all shingles, word hashes cached) and :func:`find_near_duplicates_sigs` matches those
signatures, so each article is signed once. :func:`find_near_duplicates` (texts in) and
:func:`signature` (one text) give the same results through the same code.

Original rule: a new article's original is the smallest-id *existing* article within the
distance (existing ones arrived first); otherwise the smallest-id earlier original among
the new batch (the batch is processed in id order). Pass the signatures of originals only
as ``existing``; duplicates found are not indexed, so chains never form.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import chain, combinations

import numpy as np

_WORD = re.compile(r"\w+")
_MASK = (1 << 64) - 1
_MIX1, _MIX2, _STEP = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB), np.uint64(0x9E3779B97F4A7C15)
#: ASCII bytes that are not ``\w`` become spaces; other bytes (UTF-8 of non-ASCII) stay.
_ASCII_SPLIT = bytes(b if b >= 0x80 or _WORD.fullmatch(chr(b)) else 0x20 for b in range(256))
_NON_ASCII_SEPARATORS = re.compile(r"[^\x00-\x7f\w]+")
#: utf-8 word -> 64-bit hash; cleared when it grows past this many words.
_HASHES: dict[bytes, int] = {}
_HASHES_MAX = 1 << 20
#: Characters of text signed per batch (bounds the word lists and temporary arrays).
_BATCH_CHARS = 1 << 22


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _word_bytes(text: str) -> list[bytes]:
    """UTF-8 of ``_words(text)``, about twice as fast: separators become spaces, then split in C.

    Non-ASCII non-word characters (curly quotes, dashes) are replaced by one regex pass,
    ASCII ones by a byte table; what remains between spaces are exactly the ``\\w+`` runs.
    """
    folded = text.casefold()
    if not folded.isascii():
        folded = _NON_ASCII_SEPARATORS.sub(" ", folded)
    return folded.encode("utf-8", "surrogatepass").translate(_ASCII_SPLIT).split()


def content_hash(text: str) -> str:
    """Hex SHA-256 of the normalised text: equal for copies differing in case/spacing/punctuation."""
    return hashlib.sha256(" ".join(_words(text)).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    return _hash_bytes(word.encode("utf-8"))


def _hash_bytes(word: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(word, digest_size=8).digest(), "little")


def _token_hashes(words: list[bytes]) -> np.ndarray:
    """The 64-bit hash of every word (blake2b, cached across calls)."""
    if len(_HASHES) > _HASHES_MAX:
        _HASHES.clear()
    try:
        return np.fromiter(map(_HASHES.__getitem__, words), dtype=np.uint64, count=len(words))
    except KeyError:
        for w in set(words).difference(_HASHES):
            _HASHES[w] = _hash_bytes(w)
        return np.fromiter(map(_HASHES.__getitem__, words), dtype=np.uint64, count=len(words))


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads combined word hashes over all 64 bits."""
    h = (h ^ (h >> np.uint64(30))) * _MIX1
    h = (h ^ (h >> np.uint64(27))) * _MIX2
    return h ^ (h >> np.uint64(31))


def to_signed(value: int) -> int:
    """Unsigned 64-bit -> signed (DuckDB BIGINT)."""
    value &= _MASK
    return value - (1 << 64) if value >= 1 << 63 else value


def _shingle_hashes(tok: np.ndarray, k: int) -> np.ndarray:
    """Mixed hash of every run of ``k`` consecutive tokens."""
    h = tok[: len(tok) - k + 1].copy()
    with np.errstate(over="ignore"):
        for i in range(1, k):
            h = h * _STEP + tok[i: len(tok) - k + 1 + i]
        return _mix(h)


def _sign_batch(tok: np.ndarray, lengths: np.ndarray, k: int) -> list[int]:
    """SimHash of consecutive texts (``lengths`` tokens each, all >= k) in ``tok``.

    Bit b of a signature is set when more than half of the text's shingles have it; the
    shingles crossing from one text into the next are skipped.
    """
    counts = lengths - k + 1  # shingles per text
    shingles = _shingle_hashes(tok, k)
    starts = np.cumsum(lengths) - lengths
    first = np.cumsum(counts) - counts
    keep = np.repeat(starts - first, counts) + np.arange(int(counts.sum()))
    shingles = shingles[keep]
    if len(lengths) == 1:  # one text (signature()): unpacking is cheaper than 64 array passes
        bits = np.unpackbits(shingles.view(np.uint8).reshape(-1, 8), axis=1, bitorder="little")
        ones = bits.sum(axis=0, dtype=np.int64)[None, :]
    else:  # 64 passes over a flat array beat unpacking 64 bytes per shingle
        ones = np.empty((len(lengths), 64), dtype=np.int64)
        one = np.uint64(1)
        for b in range(64):
            ones[:, b] = np.add.reduceat(((shingles >> np.uint64(b)) & one).view(np.int64), first)
    packed = np.packbits(2 * ones > counts[:, None], axis=1, bitorder="little")
    return np.ascontiguousarray(packed).view("<i8").ravel().tolist()


def _sign_texts(texts: Sequence[str], k: int) -> list[int]:
    """Signatures of one batch of texts: their words hashed together, shingles counted together."""
    words = [_word_bytes(t) for t in texts]
    out = [0] * len(texts)
    full = []
    for n, ws in enumerate(words):
        if len(ws) >= k:
            full.append(n)
        elif ws:  # fewer words than a shingle: one shingle of them all
            out[n] = _sign_batch(_token_hashes(ws), np.array([len(ws)]), len(ws))[0]
    if full:
        tok = _token_hashes(list(chain.from_iterable(words[n] for n in full)))
        lengths = np.array([len(words[n]) for n in full], dtype=np.int64)
        for n, sig in zip(full, _sign_batch(tok, lengths, k)):
            out[n] = sig
    return out


def signature_list(texts: Sequence[str], shingle_size: int = 3) -> list[int]:
    """Signed 64-bit SimHash of each text (as :func:`signature`), computed in batches.

    Batches of about ``_BATCH_CHARS`` characters keep the word lists and bit-count arrays
    small whatever the number of texts.
    """
    out: list[int] = []
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= _BATCH_CHARS:
            out += _sign_texts(batch, shingle_size)
            batch, size = [], 0
    return out + _sign_texts(batch, shingle_size) if batch else out


def signatures(texts: Iterable[tuple[str, str]], shingle_size: int = 3) -> dict[str, int]:
    """``{article_id: signature}`` of (article_id, text) pairs: sign a batch once, then match it."""
    pairs = list(texts)
    return dict(zip((aid for aid, _ in pairs), signature_list([t for _, t in pairs], shingle_size)))


def signature(text: str, shingle_size: int = 3) -> int:
    """Signed 64-bit SimHash of the text's word shingles (0 for text without words)."""
    return signature_list([text], shingle_size)[0]


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


def _unsigned(sigs: list[int]) -> np.ndarray:
    try:
        return np.array(sigs, dtype=np.int64).view(np.uint64)
    except OverflowError:
        return np.array([s & _MASK for s in sigs], dtype=np.uint64)


def _table_key(u: np.ndarray, bands: tuple[tuple[int, int], ...]) -> np.ndarray:
    """The bits of ``bands`` side by side: equal keys <=> equal on every band of the table."""
    key = np.zeros(len(u), dtype=np.uint64)
    at = 0
    for shift, width in bands:
        key |= ((u >> np.uint64(shift)) & np.uint64((1 << width) - 1)) << np.uint64(at)
        at += width
    return key


def _close_pairs(uniq: np.ndarray, probe: np.ndarray, max_distance: int) -> dict[int, list[int]]:
    """For each index in ``probe``: the other indices of ``uniq`` within ``max_distance`` bits.

    Pigeonhole banding, one sorted table per band combination: the probes' keys are sorted
    and every signature looks its key up there, so the work grows with the number of
    signatures, not with its square.
    """
    found: list[np.ndarray] = []
    for bands in _band_keys(max_distance):
        keys = _table_key(uniq, bands)
        probe_keys = keys[probe]
        order = np.argsort(probe_keys, kind="stable")
        sorted_keys = probe_keys[order]
        lo = np.searchsorted(sorted_keys, keys, side="left")
        n = np.searchsorted(sorted_keys, keys, side="right") - lo
        other = np.repeat(np.arange(len(uniq)), n)
        mine = probe[order[np.repeat(lo - (np.cumsum(n) - n), n) + np.arange(int(n.sum()))]]
        ok = (mine != other) & (np.bitwise_count(uniq[mine] ^ uniq[other]) <= max_distance)
        found.append(mine[ok] * len(uniq) + other[ok])
    pairs = np.unique(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)
    out: dict[int, list[int]] = {}
    for code in pairs.tolist():
        out.setdefault(code // len(uniq), []).append(code % len(uniq))
    return out


def find_near_duplicates_sigs(
    new_sigs: Mapping[str, int],
    existing: Iterable[tuple[str, int]],
    max_distance: int = 3,
) -> dict[str, str]:
    """:func:`find_near_duplicates` for articles already signed (``{article_id: signature}``).

    The rule is applied by :class:`~newsevents.dedup.signature_index.SignatureIndex`, the one
    implementation (a run keeps one index; here it is built for this call).
    """
    from newsevents.dedup.signature_index import SignatureIndex  # it builds on this module

    return SignatureIndex(existing, max_distance).match(new_sigs)


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
    ordered = sorted(new)
    sigs = signature_list([text for _, text in ordered], shingle_size)
    return find_near_duplicates_sigs(dict(zip((aid for aid, _ in ordered), sigs)), existing, max_distance)
