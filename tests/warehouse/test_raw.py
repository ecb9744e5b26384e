"""The raw layer: landed versions keep their normalized form, and staging reads it back unchanged."""

from __future__ import annotations

from datetime import datetime

from newsevents.articles import IncomingArticle
from newsevents.normalize import normalize
from warehouse import raw
from warehouse.connection import connect

NOW = datetime(2025, 5, 18, 12, 0, 0)
ARTICLE = IncomingArticle(
    source="wire-one", source_ref="sumy.md", title="  Drone  hits <b>bus</b> ",
    url="https://Wire-One.example/sumy?utm_source=x", published_at="Sat, 17 May 2025 10:00:00 +0200",
    text="<p>A Russian drone struck a bus in the Sumy region on Saturday,\r\n killing nine civilians.</p>",
    external_id="guid-1", flags=["summary_only"])


def test_a_landed_version_is_read_back_as_the_normalized_article(db_path):
    normalized = normalize(ARTICLE, NOW)
    with connect(db_path) as con:
        raw.insert_articles(con, "batch-1", [(ARTICLE, normalized)])
        keys = raw.pending_keys(con)
        assert keys == [(normalized.article_id, normalized.content_hash)]
        row, = raw.articles_by_key(con, keys)
    assert row["text"] is None, "the delivered text is not read when the normalized form is stored"
    assert raw.stored_normalized(row) == normalized


def test_a_version_landed_before_normalized_forms_were_stored_is_normalized_again_alike(db_path):
    normalized = normalize(ARTICLE, NOW)
    with connect(db_path) as con:
        raw.insert_articles(con, "batch-1", [(ARTICLE, normalized)])
        con.execute("DELETE FROM raw.normalized_articles")  # as in a warehouse from before migration 008
        row, = raw.articles_by_key(con, raw.latest_keys(con))
    assert raw.stored_normalized(row) is None
    assert normalize(raw.as_incoming(row), row["ingested_at"]) == normalized


def test_the_signature_stored_at_landing_is_the_one_staging_would_compute(db_path):
    from newsevents.dedup import signature
    from newsevents.normalize import normalize_and_sign

    (normalized, simhash), = normalize_and_sign([ARTICLE], NOW, 3)
    assert normalized == normalize(ARTICLE, NOW) and simhash == signature(normalized.text, 3)
    with connect(db_path) as con:
        raw.insert_articles(con, "batch-1", [(ARTICLE, normalized)], {normalized.article_id: simhash}, 3)
        row, = raw.articles_by_key(con, raw.pending_keys(con))
    assert raw.stored_simhash(row, 3) == simhash
    assert raw.stored_simhash(row, 4) is None, "a signature over other shingles is not used"
