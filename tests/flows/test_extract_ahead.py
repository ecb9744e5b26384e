"""Extraction runs ahead of staging, across batches: the outcome is that of one chunk after the other."""

from __future__ import annotations

from pathlib import Path

from flows.pipeline import pipeline
from newsevents.normalize import article_id_for, canonical_url
from warehouse_reads import query as rows

BODY = ("A Russian drone struck a passenger bus in the Sumy region on Saturday, killing nine civilians and "
        "wounding seven others, the regional administration said. Rescue workers searched the wreckage.")
OTHER = ("Police fired tear gas to disperse hundreds of protesters in Nairobi on Tuesday, and 12 people were "
         "arrested, officials said.")


def seed(folder: Path, name: str, url: str, published_at: str, body: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(f"---\nurl: {url}\npublished_at: {published_at}\n---\n{body}\n")


def ordered_urls(n: int, stem: str) -> list[str]:
    """URLs whose article ids sort in the order given (the pipeline stages pending articles by id)."""
    urls = [f"https://x.example/{stem}-{i}" for i in range(200)]
    return sorted(urls, key=lambda u: article_id_for(f"url:{canonical_url(u)}"))[:n]


def test_a_copy_of_an_article_quarantined_in_the_previous_batch_is_extracted_as_an_original(db_path, tmp_path):
    # Batch 1 holds the first article, dated in the future: quarantined. Batch 2's copy of it was
    # prepared (and its extraction started) before batch 1 was published, as a near-duplicate of
    # it; once its original is quarantined it is an original itself, and must be published with events.
    first, copy, other = ordered_urls(3, "q")
    seeds = tmp_path / "seeds"
    seed(seeds, "a.md", first, "2095-05-18", BODY)
    seed(seeds, "b.md", copy, "2025-05-18", BODY)
    seed(seeds, "c.md", other, "2025-05-18", OTHER)
    summary = pipeline(seeds_dir=str(seeds), use_feed_config=False, db=str(db_path),
                       reports_dir=str(tmp_path / "r"), batch_size=1, chunk_size=1)

    assert summary["articles_duplicate"] == 0
    assert rows(db_path, "select url from quarantine.articles") == [(first,)]
    assert sorted(rows(db_path, "select url, duplicate_of from published.articles")) == [(copy, None), (other, None)]
    by_url = dict(rows(db_path, "select a.url, count(*) from published.event_mentions m "
                                "join published.articles a using (article_id) group by 1"))
    assert by_url[copy] >= 1 and by_url[other] >= 1
    assert summary["events_published"] == sum(by_url.values())


def test_a_copy_of_an_article_published_in_the_previous_batch_stays_a_duplicate(db_path, tmp_path):
    first, copy = ordered_urls(2, "p")
    seeds = tmp_path / "seeds"
    seed(seeds, "a.md", first, "2025-05-18", BODY)
    seed(seeds, "b.md", copy, "2025-05-18T10:00:00Z", BODY)
    summary = pipeline(seeds_dir=str(seeds), use_feed_config=False, db=str(db_path),
                       reports_dir=str(tmp_path / "r"), batch_size=1, chunk_size=1)

    assert summary["status"] == "published" and summary["articles_duplicate"] == 1
    first_id = rows(db_path, f"select article_id from published.articles where url = '{first}'")[0][0]
    assert rows(db_path, f"select duplicate_of from published.articles where url = '{copy}'") == [(first_id,)]
    assert rows(db_path, "select distinct a.url from published.event_mentions m "
                         "join published.articles a using (article_id)") == [(first,)]
