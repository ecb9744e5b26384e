"""`run --feed URL`: a real RSS feed served on 127.0.0.1 goes through the whole pipeline."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import duckdb
import pytest

from flows.pipeline import pipeline

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Loopback wire</title><link>http://127.0.0.1/</link>
<item><guid>strike-1</guid><title>Drone strike on &lt;b&gt;Kharkiv&lt;/b&gt;</title>
<link>http://127.0.0.1/news/strike-1?utm_source=rss</link><pubDate>Sun, 18 May 2025 08:00:00 GMT</pubDate>
<description>A Russian drone struck a residential building in Kharkiv on Saturday, killing three civilians
and wounding twelve others, the regional governor said. Emergency crews worked through the night.</description></item>
</channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        body = RSS.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("ETag", '"v1"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    server.shutdown()


def test_feed_items_are_ingested_once_and_health_is_recorded(db_path, tmp_path, feed_url):
    empty = tmp_path / "no-seeds"
    empty.mkdir()
    first = pipeline(seeds_dir=str(empty), feeds=[feed_url], use_feed_config=False, allow_private_hosts=True,
                     db=str(db_path), reports_dir=str(tmp_path / "r"))
    second = pipeline(seeds_dir=str(empty), feeds=[feed_url], use_feed_config=False, allow_private_hosts=True,
                      db=str(db_path), reports_dir=str(tmp_path / "r"))
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        (title, url, published), = con.execute("select title, url, published_at from published.articles").fetchall()
        health = con.execute("select last_outcome, consecutive_failures, items_seen, etag from ops.feed_state").fetchall()
        events = con.execute("select event_type, fatalities, injured from published.event_mentions").fetchall()
    finally:
        con.close()
    assert first["articles_new"] == 1 and first["status"] == "published"
    assert second["articles_new"] == 0 and second["status"] == "nothing_new"
    assert title == "Drone strike on Kharkiv", "HTML in titles is sanitised"
    assert url == "http://127.0.0.1/news/strike-1" and str(published) == "2025-05-18 08:00:00"
    assert health[0][:3] in (("new", 0, 1), ("not_modified", 0, 1)) and health[0][3] == '"v1"'
    assert ("ASSAULT", 3, 12) in events


def test_private_hosts_are_refused_without_the_opt_in(db_path, tmp_path, feed_url):
    empty = tmp_path / "no-seeds"
    empty.mkdir()
    summary = pipeline(seeds_dir=str(empty), feeds=[feed_url], use_feed_config=False, db=str(db_path),
                       reports_dir=str(tmp_path / "r"))
    assert summary["articles_new"] == 0
    assert summary["feeds"][0]["outcome"] == "error"
