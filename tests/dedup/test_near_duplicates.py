"""Near-duplicate articles: copies are linked to their original, distinct reports are not."""

from __future__ import annotations

import random

from newsevents.dedup.near_duplicates import (
    _band_keys, content_hash, find_near_duplicates, hamming, signature,
)

ORIGINAL = (
    "KYIV, May 17 (Capital Times) - A Russian drone attack on a civilian bus in Ukraine's Sumy region on "
    "Saturday killed nine people and wounded seven, the regional military administration said in an evening "
    "update. The bus was evacuating residents from the frontline town of Bilopillia when it was hit on the road "
    "to Sumy, about ten kilometres from the border with Russia. Officials said most of the passengers were "
    "elderly people leaving the town for the weekend. President Volodymyr Zelensky said the strike was a "
    "deliberate killing of civilians and called on Ukraine's partners to tighten sanctions against Moscow. The "
    "regional governor declared three days of mourning in the community. Rescue workers said several of the "
    "wounded were in serious condition in hospital in Sumy. Police opened a criminal investigation into a "
    "violation of the laws and customs of war. The attack came a day after Russian and Ukrainian delegations "
    "met in Istanbul for their first direct talks since 2022."
)
REWORDED_COPY = (
    ORIGINAL.replace("(Capital Times)", "(RNS)").replace("tighten sanctions", "tighten the sanctions")
    + " (Reporting by Capital Times staff; distributed by Regional News Service.)"
)
SAME_STORY_OTHER_OUTLET = (
    "Nine civilians died and four were injured when Russian forces attacked a bus with a drone in the Sumy "
    "region on Saturday, according to the regional administration. Officials said the vehicle was taking "
    "people from Bilopillia towards Sumy. Police opened a war crimes investigation."
)


def test_reworded_copy_is_near_duplicate_of_original() -> None:
    found = find_near_duplicates([("b-copy", REWORDED_COPY)], [("a-orig", signature(ORIGINAL, 2))],
                                 max_distance=6, shingle_size=2)
    assert found == {"b-copy": "a-orig"}


def test_different_report_of_same_story_is_not_a_duplicate() -> None:
    found = find_near_duplicates([("b-other", SAME_STORY_OTHER_OUTLET)], [("a-orig", signature(ORIGINAL, 2))],
                                 max_distance=6, shingle_size=2)
    assert found == {}


def test_new_articles_duplicate_each_other_and_map_to_smallest_id() -> None:
    new = [("c", REWORDED_COPY), ("b", ORIGINAL), ("d", ORIGINAL.upper()), ("e", SAME_STORY_OTHER_OUTLET)]
    assert find_near_duplicates(new, [], max_distance=6, shingle_size=2) == {"c": "b", "d": "b"}


def test_existing_original_takes_precedence_over_new_smaller_id() -> None:
    found = find_near_duplicates([("a", REWORDED_COPY), ("b", ORIGINAL)], [("z", signature(ORIGINAL, 2))],
                                 max_distance=6, shingle_size=2)
    assert found == {"a": "z", "b": "z"}


def test_signature_is_signed_64_bit_and_stable() -> None:
    sigs = [signature(t) for t in (ORIGINAL, REWORDED_COPY, SAME_STORY_OTHER_OUTLET, "x y z")]
    assert all(-(1 << 63) <= s < (1 << 63) for s in sigs)
    assert signature(ORIGINAL) == signature(ORIGINAL)
    assert signature("") == 0


def test_content_hash_ignores_case_spacing_and_punctuation() -> None:
    assert content_hash("Nine killed,  in Sumy.") == content_hash("nine KILLED in sumy")
    assert content_hash("nine killed") != content_hash("eight killed")


def test_banding_finds_every_pair_within_distance() -> None:
    """Pigeonhole banding must miss nothing a brute-force scan would find."""
    rng = random.Random(7)
    for k in (3, 6, 8):
        assert len({b for t in _band_keys(k) for b in t}) == k + max(1, -(-k // 3))
        base = [rng.getrandbits(64) for _ in range(40)]
        planted = [b ^ sum(1 << p for p in rng.sample(range(64), rng.randint(0, k))) for b in base]
        existing = [(f"e{i:03d}", s - (1 << 64) if s >= 1 << 63 else s) for i, s in enumerate(base)]
        from newsevents.dedup import near_duplicates as nd

        for i, sig in enumerate(planted):
            index = {}
            tables = nd._band_keys(k)
            for aid, s in existing:
                for key in nd._keys(s, tables):
                    index.setdefault(key, set()).add(aid)
            hits = set().union(*(index.get(key, set()) for key in nd._keys(sig, tables)))
            brute = {aid for aid, s in existing if hamming(s, sig) <= k}
            assert brute <= hits
            assert f"e{i:03d}" in brute
