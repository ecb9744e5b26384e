"""fetch_one / poll_feeds end to end on loopback: outcomes, retries, full text, politeness."""

from __future__ import annotations

import threading
import time

import pytest

from newsevents.feeds.config import FeedConfig
from newsevents.feeds.errors import TransientFeedError
from newsevents.feeds.fetch import FetchLimits, make_client
from newsevents.feeds.fulltext import extract_main_text
from newsevents.feeds.models import FeedState
from newsevents.feeds.politeness import HostPoliteness
from newsevents.feeds.poll import failed_result, fetch_one, poll_feeds

LIMITS = FetchLimits(connect_timeout=2, read_timeout=1, total_timeout=3, max_bytes=1024 * 1024)


@pytest.fixture(scope="module")
def client():
    with make_client(LIMITS) as c:
        yield c


def feed(server, path, fulltext=False, name=None):
    return FeedConfig(name=name or path, url=server.base + path, fulltext=fulltext)


def one(server, client, path, state=None, fulltext=False):
    return fetch_one(feed(server, path, fulltext), state, client, HostPoliteness(min_delay=0),
                     allow_private_hosts=True, limits=LIMITS)


def test_new_then_not_modified(server, client):
    first = one(server, client, "/feeds/rss2.xml")
    assert first.outcome == "new" and first.http_status == 200 and len(first.articles) == 4
    assert first.etag and len(first.item_hashes) == 4
    state = FeedState(url=first.feed_url, etag=first.etag, last_modified=first.last_modified,
                      seen_items=first.item_hashes)
    second = one(server, client, "/feeds/rss2.xml", state)
    assert second.outcome == "not_modified" and second.articles == [] and second.etag == first.etag


def test_seen_items_are_not_returned_again(server, client):
    first = one(server, client, "/feeds/rss2.xml")
    seen = dict(first.item_hashes)
    seen["loopback-0002"] = "old-hash"  # pretend item 2 changed since
    again = one(server, client, "/feeds/rss2.xml", FeedState(url=first.feed_url, seen_items=seen))
    assert [a.external_id for a in again.articles] == ["loopback-0002"]


def test_permanent_error_is_a_result(server, client):
    r = one(server, client, "/status/404")
    assert r.outcome == "error" and r.error_class == "not_found" and r.http_status == 404


def test_transient_error_raises_and_defers_host(server, client):
    politeness = HostPoliteness(min_delay=0, max_wait=0.5)
    f = feed(server, "/status/429?ra=60")
    with pytest.raises(TransientFeedError) as err:
        fetch_one(f, None, client, politeness, allow_private_hosts=True, limits=LIMITS)
    assert err.value.retry_after == 60 and politeness.blocked_for(f.url) > 50
    with pytest.raises(TransientFeedError) as again:  # the next attempt does not hit the host
        fetch_one(feed(server, "/feeds/rss2.xml"), None, client, politeness, allow_private_hosts=True)
    assert again.value.error_class == "deferred"
    result = failed_result(f, err.value)
    assert result.outcome == "error" and result.transient and result.retry_after == 60


def test_fulltext_replaces_summary_respects_robots_and_flags_failures(fresh, client):
    r = one(fresh, client, "/feeds/rss2.xml", fulltext=True)
    by_key = {a.external_id: a for a in r.articles}
    a = by_key["loopback-0001"]
    assert "Thousands of people gathered" in a.text and "fulltext" in a.flags
    assert "summary_only" not in a.flags and a.metadata["summary"] == "Short summary."
    assert "Impressum" not in a.text
    assert "full text in the feed" in by_key["loopback-0002"].text  # had content: no page fetch
    private = by_key[fresh.base + "/pages/private/secret.html"]
    assert "fulltext_failed:robots_disallowed" in private.flags and "FORBIDDEN" not in private.text
    assert not any("/private/" in p for p in fresh.paths("/pages/"))
    nolink = [x for x in r.articles if x.external_id.startswith("sha256:")][0]
    assert "fulltext_failed:no_link" in nolink.flags
    assert fresh.paths("/robots.txt") == ["/robots.txt"]  # fetched once, cached
    assert "/pages/article2.html" not in fresh.paths()


def test_fulltext_failure_keeps_summary(fresh, client):
    fresh.mutable = (b'<rss version="2.0"><channel><title>m</title><item><title>t</title><guid>m1</guid>'
                     b'<link>{BASE}/status/404</link><description>keep me</description></item></channel></rss>')
    r = one(fresh, client, "/mutable", fulltext=True)
    assert r.articles[0].text == "keep me" and "fulltext_failed:not_found" in r.articles[0].flags


def test_extract_main_text_handles_junk():
    assert extract_main_text(b"") is None
    assert extract_main_text(b"\x00\xff\xfe garbage") is None
    assert extract_main_text("<html><body><p>" + "word " * 5 + "</p></body></html>") in (None, "word word word word word")


def test_poll_feeds_isolates_failures_and_retries(server):
    feeds = [
        feed(server, "/feeds/rss2.xml", name="good"),
        feed(server, "/status/500", name="always-500"),
        feed(server, "/status/410", name="gone"),
        feed(server, "/flaky/poll-a?fails=1", name="flaky"),
        feed(server, "/sleep?s=2", name="slow"),
        feed(server, "/feeds/notfeed.html", name="html"),
    ]
    sleeps: list[float] = []
    results = poll_feeds(feeds, {}, allow_private_hosts=True, limits=LIMITS, attempts=3,
                         politeness=HostPoliteness(per_host=8, min_delay=0), sleep=sleeps.append)
    got = {r.feed_name: r for r in results}
    assert [r.feed_name for r in results] == [f.name for f in feeds]
    assert got["good"].outcome == "new" and got["flaky"].outcome == "new"
    assert got["always-500"].error_class == "http_500" and got["always-500"].transient
    assert got["gone"].error_class == "gone" and not got["gone"].transient
    assert got["slow"].error_class == "timeout"
    assert got["html"].error_class == "not_a_feed"
    assert server.counters["poll-a"] == 2 and sleeps and max(sleeps) <= 2


def test_poll_feeds_survives_unexpected_bug(server, monkeypatch):
    import newsevents.feeds.poll as poll

    def boom(*a, **k):
        raise RuntimeError("bug")

    monkeypatch.setattr(poll, "parse_feed", boom)
    r = poll_feeds([feed(server, "/feeds/rss2.xml")], {}, allow_private_hosts=True, limits=LIMITS)
    assert r[0].outcome == "error" and r[0].error_class == "internal_error"


def test_min_delay_between_requests_to_one_host(fresh, client):
    politeness = HostPoliteness(per_host=4, min_delay=0.2)
    f = feed(fresh, "/feeds/rss2.xml")
    threads = [threading.Thread(target=fetch_one, args=(f, None, client, politeness, True)) for _ in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    starts = sorted(h.start for h in fresh.hits)
    assert len(starts) == 4 and all(b - a >= 0.17 for a, b in zip(starts, starts[1:]))


def test_per_host_concurrency_limit(fresh):
    feeds = [feed(fresh, f"/sleep?s=0.3&n={i}", name=str(i)) for i in range(6)]
    poll_feeds(feeds, {}, allow_private_hosts=True, limits=LIMITS, max_workers=6,
               politeness=HostPoliteness(per_host=2, min_delay=0))
    assert fresh.max_sleeping == 2


def test_retry_after_within_max_wait_is_slept_in_slot():
    clock = [0.0]
    slept: list[float] = []
    politeness = HostPoliteness(min_delay=0, max_wait=10, clock=lambda: clock[0], sleep=slept.append)
    politeness.defer("http://h/x", 5)
    with politeness.slot("http://h/y"):
        pass
    assert slept == [5]
