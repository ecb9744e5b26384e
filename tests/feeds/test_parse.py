"""Parsing fetched bytes: identity, dates, sanitising, encodings, bozo feeds and XXE."""

from __future__ import annotations

import pytest

from newsevents.feeds.config import FeedConfig
from newsevents.feeds.fetch import FetchLimits, fetch, make_client
from newsevents.feeds.parse import parse_feed
from newsevents.feeds.text import html_to_text

LIMITS = FetchLimits(connect_timeout=2, read_timeout=2, total_timeout=5, max_bytes=1024 * 1024)
FEED = FeedConfig(name="loopback", url="http://127.0.0.1/feed", tags=("test",))


@pytest.fixture(scope="module")
def client():
    with make_client(LIMITS) as c:
        yield c


def parsed(server, client, path):
    res = fetch(server.base + path, client, limits=LIMITS, allow_private_hosts=True)
    assert res.ok, res.error
    return parse_feed(res.body, res.headers, FEED, res.final_url)


def test_rss_items_identity_dates_and_sanitising(server, client):
    p = parsed(server, client, "/feeds/rss2.xml")
    assert p.error_class is None and p.bozo_reason is None and p.version == "rss20"
    a, b, c, d = p.articles
    assert a.title == "Protest in Kyiv & Lviv"
    assert a.text == "Short summary." and "alert" not in a.text
    assert a.external_id == "loopback-0001" and a.source == "loopback"
    assert a.url == server.base + "/pages/article1.html"  # tracking parameter dropped
    assert a.published_at == "2025-06-03T12:30:00+00:00"
    assert a.flags == ["summary_only"] and a.language == "en" and a.metadata["tags"] == ["test"]
    assert "full text in the feed" in b.text and "summary_only" not in b.flags
    assert c.published_at is None and c.external_id == server.base + "/pages/private/secret.html"
    assert d.external_id.startswith("sha256:") and d.source_ref == server.base + "/feeds/rss2.xml"
    assert d.published_at == "2025-06-05T10:00:00+00:00"


def test_atom_relative_links_and_timezones(server, client):
    p = parsed(server, client, "/feeds/atom.xml")
    first, second = p.articles
    assert first.title == "Accord signé à Genève" and first.url == server.base + "/pages/article1.html"
    assert first.published_at == "2025-06-03T23:30:02+00:00" and first.language == "fr"
    assert second.text == "Full XHTML content."


def test_bozo_feed_still_yields_entries_and_records_reason(server, client):
    p = parsed(server, client, "/feeds/bozo.xml")
    assert p.articles and p.bozo_reason and p.error_class is None
    assert any(f.startswith("bozo:") for f in p.articles[0].flags)
    assert p.articles[0].title == "Still readable & useful"


def test_feed_without_entries_is_a_specific_error(server, client):
    p = parsed(server, client, "/feeds/empty.xml")
    assert p.error_class == "no_entries" and not p.articles


@pytest.mark.parametrize("path", ["/feeds/notfeed.html", "/feeds/notfeed.html?ct=application/rss%2Bxml"])
def test_html_page_is_not_a_feed(server, client, path):
    assert parsed(server, client, path).error_class == "not_a_feed"


def test_wrong_content_type_on_a_real_feed_still_parses(server, client):
    for ct in ("text/html", "text/plain", "application/octet-stream"):
        p = parsed(server, client, f"/feeds/rss2.xml?ct={ct}")
        assert len(p.articles) == 4, ct


def test_binary_content_type_is_not_a_feed(server, client):
    assert parsed(server, client, "/feeds/rss2.xml?ct=image/png").error_class == "not_a_feed"


def test_empty_body_is_a_specific_error():
    assert parse_feed(b"  \n", {}, FEED).error_class == "empty_body"


@pytest.mark.parametrize(("path", "title"), [
    ("/feeds/latin1_declared.xml", "Café déclaré"),
    ("/feeds/latin1_header.xml?ct=application/xml&charset=iso-8859-1", "Café header"),
    ("/feeds/cp1252_undeclared.xml", "Café – undeclared"),
    ("/feeds/koi8r_declared.xml", "Новости Киева"),
])
def test_encodings_declared_and_undeclared(server, client, path, title):
    p = parsed(server, client, path)
    assert p.articles and p.articles[0].title == title


@pytest.mark.parametrize("name", ["xxe.xml", "xxe_general.xml"])
def test_xxe_entities_are_never_resolved(server, client, name):
    res = fetch(server.base + "/feeds/" + name, client, limits=LIMITS, allow_private_hosts=True)
    assert server.secret_path.encode() in res.body  # the feed really references the file
    p = parse_feed(res.body, res.headers, FEED, res.final_url)
    blob = repr(p)
    assert "TOP-SECRET-XXE-CANARY" not in blob


def test_body_that_looks_like_a_file_name_is_not_opened(server):
    """Given raw bytes, feedparser would open() them as a path; we pass a stream instead."""
    p = parse_feed(server.secret_path.encode(), {}, FEED)
    assert "TOP-SECRET-XXE-CANARY" not in repr(p) and p.error_class is not None


def test_body_that_looks_like_a_url_is_not_fetched(fresh):
    p = parse_feed((fresh.base + "/feeds/rss2.xml").encode(), {}, FEED)
    assert fresh.hits == [] and p.error_class is not None


def test_same_item_changed_content_keeps_key_but_changes_hash(server, client):
    one = parsed(server, client, "/feeds/rss2.xml").articles[0]
    body = (fetch(server.base + "/feeds/rss2.xml", client, limits=LIMITS, allow_private_hosts=True).body
            .replace(b"Short summary.", b"Short summary, updated."))
    two = parse_feed(body, {}, FEED).articles[0]
    assert one.external_id == two.external_id and one.metadata["content_hash"] != two.metadata["content_hash"]


def test_html_to_text():
    assert html_to_text("<p>a<br>b</p><script>x()</script><style>p{}</style>&amp; c") == "a\nb\n& c"
    assert html_to_text("5 < 6 and 7 > 3") == "5 < 6 and 7 > 3"
    assert html_to_text(None) == "" and html_to_text("  plain   text ") == "plain text"
