"""Merging quality on the labelled article groups (targets: precision >= 0.95, recall >= 0.90)."""

from __future__ import annotations

import pytest

from newsevents.dedup.evaluate import evaluate, load_groups

PRECISION, RECALL = 0.95, 0.90


def test_groups_file_is_well_formed() -> None:
    articles = load_groups()
    assert len({a["id"] for a in articles}) == len(articles) >= 20
    clusters = {g["gold_cluster"] for a in articles for g in a["gold"]}
    assert len(clusters) >= 8
    for a in articles:
        assert a["source"] and a["published_at"] and a["text"] and a["gold"]


def test_clustering_quality_with_perfect_extraction() -> None:
    report = evaluate(load_groups())
    assert report.near_dup_found == report.near_dup_expected, report
    assert report.precision >= PRECISION and report.recall >= RECALL, report


def _extractor_report():
    try:
        from newsevents.extract import extract_events
    except ImportError as exc:
        pytest.skip(f"extractor not importable yet (newsevents.extract.extract_events): {exc}")
    return evaluate(load_groups(), extract=extract_events)


def test_precision_through_the_real_extractor() -> None:
    report = _extractor_report()
    assert report.precision >= PRECISION, report


def test_recall_through_the_real_extractor() -> None:
    report = _extractor_report()
    assert report.recall >= RECALL, report
