"""The pair score: order-aware actors, distance, date window, rising tolls."""

from __future__ import annotations

from conftest import mention

from newsevents.dedup.features import prepare
from newsevents.dedup.scoring import explain, haversine_km, is_match, match_score


def _pair(config, a: dict, b: dict):
    return prepare(a, config), prepare(b, config)


def test_haversine_matches_known_distance() -> None:
    assert abs(haversine_km(50.4501, 30.5234, 49.9935, 36.2304) - 410) < 10  # Kyiv-Kharkiv


def test_score_is_symmetric(config) -> None:
    a = mention("a", fatalities=9, published_at="2025-05-17T08:00:00Z")
    b = mention("b", fatalities=12, place="sumy_region", a2=None, published_at="2025-05-18T08:00:00Z")
    va, vb = _pair(config, a, b)
    assert match_score(va, vb, config) == match_score(vb, va, config) > 0


def test_directed_type_reversed_actors_do_not_match(config) -> None:
    va, vb = _pair(config, mention("a", a1="RUS", a2="UKR"), mention("b", a1="UKR", a2="RUS"))
    assert explain(va, vb, config)["veto"] == "actor conflict"


def test_symmetric_type_reversed_actors_match(config) -> None:
    kw = dict(event_type="CONSULT", place="istanbul")
    va, vb = _pair(config, mention("a", a1="RUS", a2="UKR", **kw), mention("b", a1="UKR", a2="RUS", **kw))
    assert is_match(va, vb, config)


def test_host_country_actor_is_not_a_conflict_for_talks(config) -> None:
    kw = dict(event_type="CONSULT", place="istanbul")
    va, vb = _pair(config, mention("a", a1="RUS", a2="UKR", **kw), mention("b", a1="RUS", a2="TUR", **kw))
    assert is_match(va, vb, config)
    vc, vd = _pair(config, mention("c", a1="USA", a2="UKR", **kw), mention("d", a1="USA", a2="RUS", **kw))
    assert explain(vc, vd, config)["veto"] == "actor conflict"


def test_distance_and_date_vetoes(config) -> None:
    va, vb = _pair(config, mention("a", place="sumy"), mention("b", place="kharkiv"))
    assert explain(va, vb, config)["veto"] == "distance"
    va, vb = _pair(config, mention("a", date="2025-05-17"), mention("b", date="2025-05-19"))
    assert explain(va, vb, config)["veto"] == "date window"
    va, vb = _pair(config, mention("a", date="2025-05-17"), mention("b", date="2025-05-18"))
    assert explain(va, vb, config)["date"] == 0.5 and is_match(va, vb, config)


def test_region_level_report_matches_town_in_region(config) -> None:
    va, vb = _pair(config, mention("a", place="sumy_region"), mention("b", place="bilopillia"))
    assert is_match(va, vb, config)
    vc, vd = _pair(config, mention("c", place="sumy"), mention("d", place="bilopillia"))
    assert not is_match(vc, vd, config)  # two towns 45 km apart, both precise


def test_later_higher_toll_is_compatible_but_large_drop_is_not(config) -> None:
    early = mention("a", fatalities=9, published_at="2025-05-17T08:00:00Z")
    rising = mention("b", fatalities=12, injured=7, published_at="2025-05-17T20:00:00Z")
    va, vb = _pair(config, early, rising)
    assert explain(va, vb, config)["counts"] == config.counts["rise_score"] and is_match(va, vb, config)
    big = mention("c", fatalities=35, published_at="2025-05-17T08:00:00Z")
    small = mention("d", fatalities=2, published_at="2025-05-17T20:00:00Z")
    vc, vd = _pair(config, big, small)
    assert explain(vc, vd, config)["veto"] == "counts conflict"


def test_different_families_and_countries_never_match(config) -> None:
    va, vb = _pair(config, mention("a"), mention("b", event_type="PROTEST"))
    assert explain(va, vb, config)["veto"] == "type family"
    va, vb = _pair(config, mention("a", place="sumy"), mention("b", place="istanbul"))
    assert explain(va, vb, config)["veto"] == "country"
