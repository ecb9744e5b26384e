"""The pure scoring helpers of :mod:`newsevents.evaluate`."""

from __future__ import annotations

from newsevents import evaluate as ev


def test_split_is_deterministic_and_covers_both_halves():
    rows = [{"notes": f"On {i} May 2020, something happened."} for i in range(1, 40)]
    first = [ev.split_of(r) for r in rows]
    assert first == [ev.split_of(r) for r in rows]
    assert set(first) == {"tune", "check"}
    assert len(ev.select(rows, "check")) + len(ev.select(rows, "tune")) == len(rows)
    assert len(ev.select(rows, "all", limit=5)) == 5


def test_weighted_f1():
    assert ev.weighted_f1([("a", "a"), ("b", "b")]) == 1.0
    assert ev.weighted_f1([("a", None), ("b", None)]) == 0.0
    assert 0 < ev.weighted_f1([("a", "a"), ("a", "b"), ("b", "b")]) < 1


def test_dates_distance_primary():
    assert ev.parse_gold_date("9-May-20") == "2020-05-09"
    assert ev.parse_gold_date("09 May 2020") == "2020-05-09"
    assert abs(ev.haversine_km(50.45, 30.52, 50.91, 34.80) - 306) < 10
    events = [{"acled_event_type": None, "confidence": 0.99}, {"acled_event_type": "Battles", "confidence": 0.5},
              {"acled_event_type": "Riots", "confidence": 0.4}]
    assert ev.primary_event(events)["acled_event_type"] == "Battles"
    assert ev.primary_event([]) is None


def test_gold_actor_country():
    lookup = ev._country_lookup()
    assert ev.gold_actor1_country({"actor1": "Protesters (Israel)"}, lookup) == "ISR"
    assert ev.gold_actor1_country({"actor1": "Military Forces of Yemen (2016-) Supreme Political Council"}, lookup) == "YEM"
