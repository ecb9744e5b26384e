"""Fetching against a real loopback server: every misbehaviour has an asserted outcome."""

from __future__ import annotations

import time

import pytest

from newsevents.feeds.errors import TransientFeedError
from newsevents.feeds.fetch import FetchLimits, fetch, make_client, parse_retry_after

LIMITS = FetchLimits(connect_timeout=2, read_timeout=1, total_timeout=3, max_bytes=1024 * 1024, max_redirects=4)


@pytest.fixture(scope="module")
def client():
    with make_client(LIMITS) as c:
        yield c


def get(server, client, path, **kw):
    return fetch(server.base + path, client, limits=LIMITS, allow_private_hosts=True, **kw)


def test_ok_sends_user_agent_and_gzip_and_returns_validators(fresh, client):
    res = get(fresh, client, "/feeds/rss2.xml")
    assert res.status == 200 and res.ok and b"Loopback News" in res.body
    assert res.etag and res.last_modified
    hit = fresh.hits[-1]
    assert hit.headers["user-agent"].startswith("newsevents/")
    assert "gzip" in hit.headers["accept-encoding"] and "deflate" in hit.headers["accept-encoding"]


def test_conditional_get_gives_304(fresh, client):
    first = get(fresh, client, "/feeds/rss2.xml")
    again = get(fresh, client, "/feeds/rss2.xml", etag=first.etag)
    assert again.not_modified and again.body == b"" and again.etag == first.etag
    by_date = get(fresh, client, "/feeds/rss2.xml", last_modified=first.last_modified)
    assert by_date.not_modified and by_date.last_modified == first.last_modified
    assert fresh.hits[-1].headers["if-modified-since"] == first.last_modified


def test_gzip_body_is_decompressed(fresh, client):
    res = get(fresh, client, "/feeds/rss2.xml?gzip=1")
    assert res.ok and res.body.startswith(b"<?xml")


def test_500_is_transient(fresh, client):
    with pytest.raises(TransientFeedError) as err:
        get(fresh, client, "/status/500")
    assert err.value.error_class == "http_500" and err.value.retry_after is None


def test_429_retry_after_seconds(fresh, client):
    with pytest.raises(TransientFeedError) as err:
        get(fresh, client, "/status/429?ra=7")
    assert err.value.error_class == "http_429" and err.value.retry_after == 7


def test_503_retry_after_http_date(fresh, client):
    when = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 120))
    with pytest.raises(TransientFeedError) as err:
        get(fresh, client, "/status/503?ra=" + when.replace(" ", "%20"))
    assert err.value.error_class == "http_503" and 100 <= err.value.retry_after <= 121


def test_parse_retry_after_edge_cases():
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert parse_retry_after("999999999") == 24 * 3600


@pytest.mark.parametrize(("path", "error_class"), [("/status/404", "not_found"), ("/status/410", "gone"),
                                                   ("/status/403", "http_403")])
def test_permanent_statuses_are_recorded_not_raised(fresh, client, path, error_class):
    res = get(fresh, client, path)
    assert not res.ok and res.error_class == error_class and res.status == int(path[-3:])


def test_slow_headers_time_out(fresh, client):
    started = time.monotonic()
    with pytest.raises(TransientFeedError) as err:
        get(fresh, client, "/sleep?s=2.5")
    assert err.value.error_class == "timeout" and time.monotonic() - started < 2


def test_trickling_body_hits_total_deadline(fresh, client):
    started = time.monotonic()
    with pytest.raises(TransientFeedError) as err:
        get(fresh, client, "/trickle")
    assert err.value.error_class == "timeout" and time.monotonic() - started < LIMITS.total_timeout + 1.5


def test_redirect_loop_is_named(fresh, client):
    res = get(fresh, client, "/loop/a")
    assert res.error_class == "redirect_loop"


def test_redirect_chain_within_limit_is_followed(fresh, client):
    res = get(fresh, client, "/hops/3")
    assert res.ok and res.final_url.endswith("/feeds/rss2.xml") and res.url.endswith("/hops/3")


def test_too_many_redirects(fresh, client):
    assert get(fresh, client, "/hops/9").error_class == "too_many_redirects"


def test_redirect_to_file_scheme_is_refused(fresh, client):
    res = get(fresh, client, "/redirect?to=file:///etc/passwd")
    assert res.error_class == "refused_url"


def test_chunked_body_over_limit_is_cut_off(fresh, client):
    started = time.monotonic()
    res = get(fresh, client, "/huge")
    assert res.error_class == "too_large" and res.body == b"" and time.monotonic() - started < 3


def test_declared_length_over_limit_is_refused_before_reading(fresh, client):
    assert get(fresh, client, "/huge-declared").error_class == "too_large"


def test_gzip_bomb_is_measured_after_decompression(fresh, client):
    assert get(fresh, client, "/gzip-bomb").error_class == "too_large"


def test_loopback_refused_by_default_without_any_request(fresh, client):
    res = fetch(fresh.base + "/feeds/rss2.xml", client, limits=LIMITS)
    assert res.error_class == "refused_host" and "allow-private-hosts" in res.error
    assert fresh.hits == []


def test_redirect_hop_is_rechecked(fresh, client):
    """A public URL redirecting to a private one is refused at the hop (checked via the guard)."""
    from newsevents.feeds.security import check_url
    from newsevents.feeds.errors import PermanentFeedError

    for url in ("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::1]/",
                "http://0.0.0.0/", "ftp://example.org/feed", "gopher://x/"):
        with pytest.raises(PermanentFeedError):
            check_url(url)


def test_connection_refused_is_transient(client):
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    with pytest.raises(TransientFeedError) as err:
        fetch(f"http://127.0.0.1:{port}/feed", client, limits=LIMITS, allow_private_hosts=True)
    assert err.value.error_class == "connection_error"


def test_connected_peer_is_rechecked_against_dns_rebinding():
    from newsevents.feeds.errors import PermanentFeedError
    from newsevents.feeds.security import check_peer

    check_peer(("93.184.216.34", 80), allow_private_hosts=False)
    check_peer(("127.0.0.1", 80), allow_private_hosts=True)
    for addr in (("127.0.0.1", 80), ("::ffff:10.1.2.3", 80, 0, 0), ("fe80::1%eth0", 80, 0, 2)):
        with pytest.raises(PermanentFeedError):
            check_peer(addr, allow_private_hosts=False)
