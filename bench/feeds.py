"""Feed benchmarks: ``python -m bench.feeds``.

1. Parse throughput (entries/s) of :func:`newsevents.feeds.parse.parse_feed` on one large
   generated RSS document.
2. Wall time of one poll (:func:`newsevents.feeds.poll.poll_feeds`) over 1 feed and over
   100 feeds served on loopback. Each feed is its own server (own port = own politeness
   host, as with real feeds on different sites) and answers after a simulated latency,
   because real feed servers are not instant; concurrency should hide that latency.
"""

from __future__ import annotations

import argparse
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from newsevents.feeds.config import FeedConfig
from newsevents.feeds.parse import parse_feed
from newsevents.feeds.poll import poll_feeds


def generate_feed(items: int, tag: str = "bench") -> bytes:
    """An RSS 2.0 document with ``items`` realistic items (HTML summaries, dates, GUIDs)."""
    parts = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench</title>']
    for i in range(items):
        parts.append(
            f"<item><title>Item {i}: officials meet in capital</title>"
            f"<link>https://news.example/{tag}/{i}.html</link><guid>{tag}-{i}</guid>"
            f"<pubDate>Tue, 03 Jun 2025 {i % 24:02d}:{i % 60:02d}:00 GMT</pubDate>"
            "<description>&lt;p&gt;Delegations from both countries met on Tuesday to discuss "
            "the ceasefire, &lt;b&gt;officials said&lt;/b&gt;.&lt;/p&gt;</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def bench_parse(items: int) -> tuple[int, float]:
    """(entries parsed, seconds) for one document of ``items`` items."""
    body = generate_feed(items)
    feed = FeedConfig(name="bench", url="https://news.example/rss")
    started = time.perf_counter()
    parsed = parse_feed(body, {"content-type": "application/rss+xml"}, feed)
    return len(parsed.articles), time.perf_counter() - started


def start_servers(count: int, latency: float, items: int) -> list[ThreadingHTTPServer]:
    """``count`` loopback servers on random ports, each serving one feed after ``latency`` s."""
    body = generate_feed(items)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server API
            time.sleep(latency)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    servers = []
    for _ in range(count):
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(httpd)
    return servers


def bench_poll(servers: list[ThreadingHTTPServer], workers: int) -> float:
    """Seconds for one poll over every server's feed (fresh state: full bodies)."""
    feeds = [FeedConfig(name=f"f{i}", url=f"http://127.0.0.1:{s.server_address[1]}/rss")
             for i, s in enumerate(servers)]
    started = time.perf_counter()
    results = poll_feeds(feeds, {}, allow_private_hosts=True, max_workers=workers)
    elapsed = time.perf_counter() - started
    bad = [r for r in results if r.outcome != "new"]
    if bad:
        raise SystemExit(f"{len(bad)} feeds failed in the benchmark: {bad[0].error}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20000, help="items in the large parse feed")
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.2, help="simulated server latency (s)")
    parser.add_argument("--workers", type=int, default=32)
    args = parser.parse_args()

    n, seconds = bench_parse(args.items)
    print(f"parse: {n} entries in {seconds:.2f}s = {n / seconds:,.0f} entries/s")

    servers = start_servers(args.feeds, args.latency, items=30)
    try:
        one = bench_poll(servers[:1], args.workers)
        many = bench_poll(servers, args.workers)
    finally:
        for httpd in servers:
            httpd.shutdown()
            httpd.server_close()
    print(f"poll: 1 feed {one:.3f}s; {args.feeds} feeds {many:.3f}s "
          f"= {many / one:.1f}x one feed (serial would be ~{args.feeds}x); "
          f"latency {args.latency}s, {args.workers} workers, 30 items per feed")


if __name__ == "__main__":
    main()
