"""Fetch one URL with hard limits, because feedparser and trafilatura have none.

Everything the network can do wrong is bounded here: connect/read timeouts per operation,
a total deadline across redirects and a slowly trickling body, a body-size cap enforced
while streaming (after decompression, so a gzip bomb is caught too), and a redirect cap
where every hop passes the SSRF guard again. Redirects are followed by hand for exactly
that reason. Failures are classified once, here: transient ones raise
:class:`TransientFeedError`, permanent ones come back as ``FetchResult.error_class``.
"""

from __future__ import annotations

import time
from urllib.parse import urljoin

import httpx

from newsevents.feeds.client import (  # noqa: F401 - re-exported: callers import them from here
    DEFAULT_LIMITS, FEED_ACCEPT, HTML_ACCEPT, REDIRECT_STATUSES, USER_AGENT, FetchLimits, FetchResult,
    make_client, request_timeout, parse_retry_after,
)
from newsevents.feeds.errors import PermanentFeedError, TransientFeedError
from newsevents.feeds.security import check_peer, check_url


def fetch(
    url: str,
    client: httpx.Client,
    *,
    limits: FetchLimits = DEFAULT_LIMITS,
    allow_private_hosts: bool = False,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = FEED_ACCEPT,
) -> FetchResult:
    """GET ``url`` within ``limits``; raise TransientFeedError, return permanent errors."""
    started = time.monotonic()
    headers = _request_headers(accept, etag, last_modified)
    try:
        result = _follow(url, client, headers, limits, allow_private_hosts, started)
    except PermanentFeedError as exc:
        result = FetchResult(url=url, final_url=url, status=0, error_class=exc.error_class,
                             error=str(exc))
    result.elapsed = time.monotonic() - started
    if result.not_modified:
        result.etag = result.etag or etag
        result.last_modified = result.last_modified or last_modified
    return result


def _request_headers(accept: str, etag: str | None, last_modified: str | None) -> dict[str, str]:
    """Conditional GET headers make an unchanged feed a cheap 304."""
    headers = {"Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _follow(url: str, client: httpx.Client, headers: dict[str, str], limits: FetchLimits,
            allow_private: bool, started: float) -> FetchResult:
    """Follow redirects by hand so every hop is checked and loops are named as such."""
    deadline = started + limits.total_timeout
    seen: set[str] = set()
    current = url
    for _ in range(limits.max_redirects + 1):
        check_url(current, allow_private)
        seen.add(current)
        status, resp_headers, body = _request_once(client, current, headers, limits, deadline,
                                                   allow_private)
        if status not in REDIRECT_STATUSES:
            return _classify(url, current, status, resp_headers, body)
        location = resp_headers.get("location")
        if not location:
            raise PermanentFeedError(f"HTTP {status} without Location from {current}", "bad_redirect")
        target = urljoin(current, location.strip())
        if target in seen:
            raise PermanentFeedError(f"redirect loop: {current} -> {target}", "redirect_loop")
        current = target
    raise PermanentFeedError(f"more than {limits.max_redirects} redirects from {url}",
                             "too_many_redirects")


def _request_once(client: httpx.Client, url: str, headers: dict[str, str], limits: FetchLimits,
                  deadline: float, allow_private: bool) -> tuple[int, dict[str, str], bytes]:
    """One HTTP exchange; maps httpx exceptions to our two failure kinds."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TransientFeedError(f"total time limit {limits.total_timeout}s exceeded", "timeout")
    try:
        with client.stream("GET", url, headers=headers, timeout=request_timeout(limits, remaining)) as resp:
            stream = resp.extensions.get("network_stream")
            if stream is not None:
                check_peer(stream.get_extra_info("server_addr"), allow_private)
            resp_headers = {k.lower(): v for k, v in resp.headers.items()}
            body = _read_body(resp, limits, deadline) if 200 <= resp.status_code < 300 else b""
            return resp.status_code, resp_headers, body
    except httpx.TimeoutException as exc:
        raise TransientFeedError(f"timeout fetching {url}: {type(exc).__name__}", "timeout") from exc
    except httpx.DecodingError as exc:
        raise PermanentFeedError(f"undecodable body from {url}: {exc}", "bad_encoding") from exc
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise PermanentFeedError(f"invalid URL {url}: {exc}", "refused_url") from exc
    except httpx.TransportError as exc:
        raise TransientFeedError(f"connection error for {url}: {exc!r}", "connection_error") from exc


def _read_body(resp: httpx.Response, limits: FetchLimits, deadline: float) -> bytes:
    """Stream the (decompressed) body, stopping at the size cap or the total deadline."""
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise PermanentFeedError(f"body of {declared} bytes exceeds {limits.max_bytes}", "too_large")
    body = bytearray()
    for chunk in resp.iter_bytes():
        body += chunk
        if len(body) > limits.max_bytes:
            raise PermanentFeedError(f"body exceeds {limits.max_bytes} bytes", "too_large")
        if time.monotonic() > deadline:
            raise TransientFeedError(f"total time limit {limits.total_timeout}s exceeded while "
                                     "reading the body", "timeout")
    return bytes(body)


def _classify(url: str, final_url: str, status: int, headers: dict[str, str],
              body: bytes) -> FetchResult:
    """Map the final status to success, a transient raise or a permanent error class."""
    if status in (429, 503):
        retry_after = parse_retry_after(headers.get("retry-after"))
        raise TransientFeedError(f"HTTP {status} from {final_url}", f"http_{status}", retry_after)
    if status >= 500 or status == 408:
        raise TransientFeedError(f"HTTP {status} from {final_url}", f"http_{status}")
    result = FetchResult(url=url, final_url=final_url, status=status, headers=headers, body=body,
                         etag=headers.get("etag"), last_modified=headers.get("last-modified"))
    if status == 304 or 200 <= status < 300:
        return result
    result.error_class = {404: "not_found", 410: "gone"}.get(status, f"http_{status}")
    result.error = f"HTTP {status} from {final_url}"
    return result
