"""The run's in-memory signature index applies the original rule exactly, chunk after chunk."""

from __future__ import annotations

import random

import pytest

from newsevents.dedup import signature_index
from newsevents.dedup.near_duplicates import hamming
from newsevents.dedup.signature_index import SignatureIndex


def _family(rng: random.Random, n: int) -> list[int]:
    """Signatures in a few tight families (near-duplicates) plus loners, signed like the warehouse's."""
    roots = [rng.getrandbits(64) for _ in range(6)]
    out = []
    for _ in range(n):
        sig = rng.choice(roots) if rng.random() < 0.7 else rng.getrandbits(64)
        for _ in range(rng.randint(0, 8)):
            sig ^= 1 << rng.randrange(64)
        out.append(sig - (1 << 64) if sig >= 1 << 63 else sig)
    return out


def _reference(new: dict[str, int], existing: list[tuple[str, int]], d: int) -> dict[str, str]:
    """The rule by brute force: the smallest existing id within the distance, else the smallest
    earlier original of the batch (batch in id order), else an original itself."""
    result: dict[str, str] = {}
    originals: list[tuple[str, int]] = []
    for aid, sig in sorted(new.items()):
        near = [e for e, s in existing if e != aid and hamming(s, sig) <= d]
        near = near or [o for o, s in originals if o != aid and hamming(s, sig) <= d]
        if near:
            result[aid] = min(near)
        else:
            originals.append((aid, sig))
    return result


@pytest.mark.parametrize("recent_max", [3, 8192])
@pytest.mark.parametrize("max_distance", [3, 6])
def test_chunk_by_chunk_matching_follows_the_rule(monkeypatch, recent_max, max_distance) -> None:
    monkeypatch.setattr(signature_index, "_RECENT_MAX", recent_max)
    rng = random.Random(recent_max + max_distance)
    stored = [(f"s{i:03d}", s) for i, s in enumerate(_family(rng, 60))]
    stored += [("s999", stored[0][1])]  # two stored originals with one signature
    index = SignatureIndex(stored, max_distance)
    known = list(stored)
    found_any = False
    for chunk_no in range(5):
        chunk = {f"c{chunk_no}-{i:02d}": s for i, s in enumerate(_family(rng, 25))}
        extra = [(f"x{chunk_no}-{i}", s) for i, s in enumerate(_family(rng, 4))]
        expected = _reference(chunk, known + extra, max_distance)
        assert index.match(chunk, extra) == expected
        found_any |= bool(expected)
        originals = [(a, s) for a, s in chunk.items() if a not in expected]
        index.add(originals)
        known += originals
    assert found_any
    assert len(index) == len({s & ((1 << 64) - 1) for _, s in known})


def test_empty_index_and_empty_batch() -> None:
    index = SignatureIndex([], 6)
    assert index.match({}) == {}
    assert index.match({"a": 5, "b": 5}) == {"b": "a"}
