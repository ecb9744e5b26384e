"""The pipeline flow on real seeds, a real DuckDB file and real GX validations."""

from __future__ import annotations

import shutil
from pathlib import Path

from flows.pipeline import pipeline
from warehouse_reads import query


def test_seed_article_is_published_with_events(db_path, seed_dir, tmp_path):
    summary = pipeline(seeds_dir=str(seed_dir), db=str(db_path), reports_dir=str(tmp_path / "reports"))

    assert summary["status"] == "published"
    assert summary["dq_outcome"] in ("passed", "warning")
    assert summary["articles_new"] == 1 and summary["articles_published"] == 1
    assert summary["events_published"] >= 5
    (title, fallback), = query(db_path, "select title, published_at_is_fallback from published.articles")
    assert title.startswith("Trump to call Putin") and fallback is False
    # every published mention belongs to a published article, and has a canonical event
    assert query(db_path, "select count(*) from published.event_mentions m anti join published.articles a "
                          "using (article_id)") == [(0,)]
    assert query(db_path, "select count(*) from published.event_mentions m anti join published.events e "
                          "on e.event_id = m.cluster_id") == [(0,)]
    assert query(db_path, "select status, dq_outcome from ops.runs") == [("published", summary["dq_outcome"])]
    assert query(db_path, "select count(*) > 0 from ops.validation_results") == [(True,)]
    assert (tmp_path / "reports" / "data_docs" / "index.html").is_file()
    assert query(db_path, "select count(*) from staging.articles") == [(0,)]


def test_second_run_adds_nothing(db_path, seed_dir, tmp_path):
    pipeline(seeds_dir=str(seed_dir), db=str(db_path), reports_dir=str(tmp_path / "r"))
    before = query(db_path, "select count(*) from published.event_mentions")
    again = pipeline(seeds_dir=str(seed_dir), db=str(db_path), reports_dir=str(tmp_path / "r"))
    assert again["status"] == "nothing_new"
    assert again["articles_new"] == 0 and again["articles_skipped"] == 1
    assert query(db_path, "select count(*) from published.event_mentions") == before
    assert query(db_path, "select count(*) from raw.articles") == [(1,)]


def test_failing_batch_is_quarantined_not_published(db_path, seed_dir, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = (seed_dir / "2025-05-18-trump-putin-call-sumy-strike.md").read_text()
    # Published 70 years in the future: breaks the critical "not in the future" expectation.
    (seeds / "future.md").write_text(text.replace("published_at: 2025-05-18T09:30:00Z", "published_at: 2095-05-18"))

    summary = pipeline(seeds_dir=str(seeds), db=str(db_path), reports_dir=str(tmp_path / "r"))

    assert summary["status"] == "quarantined" and summary["dq_outcome"] == "failed"
    assert query(db_path, "select count(*) from published.articles") == [(0,)]
    assert query(db_path, "select count(*) from published.event_mentions") == [(0,)]
    assert query(db_path, "select count(*) from published.events") == [(0,)]
    (reasons,), = query(db_path, "select reasons from quarantine.articles")
    assert any("hours_ahead_of_now" in r for r in reasons)
    assert query(db_path, "select count(*) > 0 from quarantine.event_mentions") == [(True,)]
    assert query(db_path, "select count(*) from raw.articles") == [(1,)], "raw keeps the input"


def test_rejected_inputs_are_kept_with_reason(db_path, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "empty.txt").write_text("   \n\n ")
    (seeds / "broken.md").write_text("---\ntitle: [unclosed\n---\nbody")
    summary = pipeline(seeds_dir=str(seeds), db=str(db_path), reports_dir=str(tmp_path / "r"))
    assert summary["articles_rejected"] == 2 and summary["status"] == "nothing_new"
    rows = dict(query(db_path, "select source_ref, reason from raw.rejected_inputs"))
    assert rows["empty.txt"].startswith("empty_text")
    assert rows["broken.md"].startswith("bad_front_matter")
    again = pipeline(seeds_dir=str(seeds), db=str(db_path), reports_dir=str(tmp_path / "r"))
    assert again["articles_rejected"] == 0 and again["articles_skipped"] == 2
    assert query(db_path, "select count(*) from raw.rejected_inputs") == [(2,)], "a rejection is recorded once"
    shutil.rmtree(seeds)


def test_an_extractor_crash_quarantines_only_that_article(db_path, tmp_path, monkeypatch):
    import newsevents.extract

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.md").write_text("---\nurl: https://x.example/good\npublished_at: 2025-05-18\n---\n"
                                   "A Russian drone struck a bus in the Sumy region on Saturday, killing nine civilians "
                                   "and wounding seven others, the regional administration said.")
    (seeds / "bad.md").write_text("---\nurl: https://x.example/bad\npublished_at: 2025-05-18\n---\n"
                                  "Police arrested twelve protesters in Minsk on Sunday after a march, officials said.")
    real = newsevents.extract.extract_events

    def flaky(article):
        if "Minsk" in article["text"]:
            raise RuntimeError("simulated extractor bug")
        return real(article)

    monkeypatch.setattr(newsevents.extract, "extract_events", flaky)
    summary = pipeline(seeds_dir=str(seeds), use_feed_config=False, db=str(db_path), reports_dir=str(tmp_path / "r"))

    assert summary["status"] == "partially_published" and summary["articles_published"] == 1
    (url, error, reasons), = query(db_path, "select url, extraction_error, reasons from quarantine.articles")
    assert url == "https://x.example/bad" and "simulated extractor bug" in error
    assert any("extraction_error" in r for r in reasons)
    assert query(db_path, "select url from published.articles") == [("https://x.example/good",)]
