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


def _brute_force(new: list[tuple[str, int]], existing: list[tuple[str, int]], k: int) -> dict[str, str]:
    """The documented rule, literally: new articles in id order against every indexed one."""
    indexed = [(0, aid, sig) for aid, sig in existing]
    result = {}
    for aid, sig in sorted(new):
        hits = [(rank, other) for rank, other, s in indexed if other != aid and hamming(sig, s) <= k]
        if hits:
            result[aid] = min(hits)[1]
        else:
            indexed.append((1, aid, sig))
    return result


def test_signature_batch_api_equals_one_by_one() -> None:
    from newsevents.dedup.near_duplicates import find_near_duplicates_sigs, signature_list, signatures

    texts = [("b", ORIGINAL), ("a", REWORDED_COPY), ("c", SAME_STORY_OTHER_OUTLET), ("d", ""),
             ("e", "one"), ("f", "«Déjà vu» — naïve café’s ΣΊΣΥΦΟΣ straße ﬁn K x_y 12½"), ("g", ORIGINAL.upper())]
    for k in (1, 2, 3):
        sigs = signatures(texts, k)
        assert sigs == {aid: signature(text, k) for aid, text in texts}
        assert signature_list([t for _, t in texts], k) == [sigs[aid] for aid, _ in texts]
        existing = [("z", signature(SAME_STORY_OTHER_OUTLET, k))]
        assert (find_near_duplicates_sigs(sigs, existing, 6)
                == find_near_duplicates(texts, existing, 6, k)
                == _brute_force(list(sigs.items()), existing, 6))


def test_word_split_equals_regex_words() -> None:
    from newsevents.dedup.near_duplicates import _word_bytes, _words

    rng = random.Random(3)
    alphabet = list("aZ09_ -.,'\t\n\x1c") + ["é", "ß", "İ", "’", "—", "ﬁ", "K", "\u0301", "日本", "١", "²", "\xa0",
                                             "\u2028", "ǅ", "\ud800"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert _word_bytes(text) == [w.encode("utf-8", "surrogatepass") for w in _words(text)]


def test_matching_equals_brute_force_rule() -> None:
    """Banding, exact-copy grouping and the id/rank rule against the literal definition."""
    from newsevents.dedup.near_duplicates import find_near_duplicates_sigs, to_signed

    rng = random.Random(11)
    for k in (3, 6):
        bases = [rng.getrandbits(64) for _ in range(30)]

        def near(b: int) -> int:
            return to_signed(b ^ sum(1 << p for p in rng.sample(range(64), rng.randint(0, k + 2))))

        existing = [(f"x{rng.randrange(40):02d}", near(rng.choice(bases))) for _ in range(40)]
        new = {f"{rng.choice('nx')}{i:02d}": near(rng.choice(bases)) for i in range(60)}
        new.update({f"n{60 + i}": new[f"x{i:02d}"] if f"x{i:02d}" in new else 0 for i in range(5)})
        assert find_near_duplicates_sigs(new, existing, k) == _brute_force(list(new.items()), existing, k)


def test_small_batches_give_the_same_signatures(monkeypatch) -> None:
    from newsevents.dedup import near_duplicates as nd

    texts = [ORIGINAL, "", "x", REWORDED_COPY, "a b", SAME_STORY_OTHER_OUTLET] * 5
    whole = nd.signature_list(texts, 3)
    monkeypatch.setattr(nd, "_BATCH_CHARS", 700)
    assert nd.signature_list(texts, 3) == whole == [signature(t, 3) for t in texts]
