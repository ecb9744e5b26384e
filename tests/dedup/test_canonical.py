"""Canonical event: counts of reports and the best-supported figures."""

from __future__ import annotations

import random

from conftest import mention

from newsevents.dedup.canonical import CANONICAL_COLUMNS, best_figure, canonical_event
from newsevents.dedup.clustering import cluster_id_for


def _reports() -> list[dict]:
    return [
        mention("m1", article_id="a1", source="kyiv-wire", published_at="2025-05-17T07:55:00Z",
                place="bilopillia", fatalities=9, confidence=0.8),
        mention("m2", article_id="a2", source="eastern-daily", published_at="2025-05-17T11:20:00Z",
                place="sumy_region", fatalities=9, injured=4, confidence=0.95),
        mention("m3", article_id="a3", source="capital-times", published_at="2025-05-17T18:40:00Z",
                place="sumy_region", fatalities=9, injured=7),
        mention("m4", article_id="a4", source="capital-times", published_at="2025-05-18T09:00:00Z",
                place="sumy_region", fatalities=10, injured=7, event_type="COERCE", date="2025-05-16"),
        mention("m5", article_id="a4", source="capital-times", published_at="2025-05-18T09:00:00Z",
                place="sumy_region", injured=7),
    ]


def test_counts_and_seen_times() -> None:
    c = canonical_event(_reports())
    assert set(c) == set(CANONICAL_COLUMNS)
    assert (c["num_mentions"], c["num_sources"], c["num_articles"]) == (5, 3, 4)
    assert (c["first_seen"], c["last_seen"]) == ("2025-05-17T07:55:00Z", "2025-05-18T09:00:00Z")
    assert c["event_id"] == cluster_id_for("m1")


def test_type_majority_earliest_date_and_finest_location() -> None:
    c = canonical_event(_reports())
    assert c["event_type"] == "ASSAULT"
    assert c["event_date"] == "2025-05-16"
    assert c["location_name"] == "Bilopillia" and c["location_precision"] == "city"
    assert c["representative_event_id"] == "m2"


def test_best_supported_figure_rule() -> None:
    rows = _reports()
    assert best_figure(rows, "fatalities") == (9, None)   # 3 sources say 9, one says 10
    assert best_figure(rows, "injured")[0] == 7            # 7: capital-times; 4: eastern-daily; tie -> most recent
    tie = [mention("x", source="s1", fatalities=9, published_at="2025-05-17T08:00:00Z"),
           mention("y", source="s2", fatalities=11, published_at="2025-05-17T20:00:00Z")]
    assert best_figure(tie, "fatalities")[0] == 11
    assert best_figure([mention("z")], "fatalities") == (None, None)


def test_canonical_event_does_not_depend_on_order() -> None:
    rows = _reports()
    expected = canonical_event(rows)
    for seed in range(5):
        random.Random(seed).shuffle(rows)
        assert canonical_event(rows) == expected


def test_single_mention_path_equals_general_rules() -> None:
    """The one-mention shortcut gives exactly the row the general rules give."""
    from newsevents.dedup.canonical import _general_event, _single_event

    rows = [mention("s1", fatalities=9, fatalities_qualifier="at_least"),
            mention("s2", date=None, a2=None, place="ukraine", source="", published_at=None),
            mention("s3", confidence=None, fatalities=0, injured=3, article_id="", event_type="CONSULT"),
            mention("s4", fatalities=4.0, date="2025-05-17T00:00:00", event_type=None)]
    for row in rows + _reports():
        assert _single_event(row) == _general_event([row]) == canonical_event([row])
