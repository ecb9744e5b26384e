"""A real HTTP server on 127.0.0.1 that serves fixture feeds and misbehaves on purpose.

Routes (all GET):
  /feeds/<file>[?ct=TYPE&gzip=1&charset=CS]  fixture with ETag/Last-Modified and 304 support
  /pages/<path>, /robots.txt                 fixture pages for the full-text path
  /status/<code>[?ra=RETRY_AFTER]            bare status (429/503 with Retry-After)
  /flaky/<name>?fails=N                      500 for the first N requests, then rss2.xml
  /sleep?s=SECONDS                           headers only after a delay (read timeout)
  /trickle                                   a body that arrives one byte-chunk at a time
  /loop/a, /loop/b                           a redirect loop; /hops/<n> chains n redirects
  /redirect?to=URL                           one redirect to an arbitrary URL
  /huge, /huge-declared, /gzip-bomb          bodies far over any sane size limit
  /mutable                                   whatever the test put in ``server.mutable``
Every request is logged (path, headers, start/end time) for assertions.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
LAST_MODIFIED = "Tue, 03 Jun 2025 12:00:00 GMT"


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    start: float
    end: float = 0.0


@dataclass
class ServerState:
    base: str = ""
    hits: list[Hit] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    mutable: bytes = b""
    mutable_type: str = "application/rss+xml"
    secret_path: str = ""
    in_flight: int = 0
    max_in_flight: int = 0
    sleeping: int = 0
    max_sleeping: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self, prefix: str = "") -> list[str]:
        return [h.path for h in self.hits if h.path.startswith(prefix)]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state: ServerState

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
        with self.state.lock:
            self.state.hits.append(hit)
            self.state.in_flight += 1
            self.state.max_in_flight = max(self.state.max_in_flight, self.state.in_flight)
        try:
            self.route()
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            hit.end = time.monotonic()
            with self.state.lock:
                self.state.in_flight -= 1

    def route(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        path = parts.path
        for prefix, method in ROUTES:
            if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
                return method(self, path[len(prefix):] if prefix.endswith("/") else path, query)
        self.send(404, b"not here", "text/plain")

    def send(self, status: int, body: bytes = b"", ctype: str = "text/plain",
             headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def fixture(self, name: str) -> bytes | None:
        path = (FIXTURES / name).resolve()
        if FIXTURES.resolve() not in path.parents or not path.is_file():
            return None
        return (path.read_bytes().replace(b"{BASE}", self.state.base.encode())
                .replace(b"{SECRET}", self.state.secret_path.encode()))

    def feeds(self, name: str, query: dict[str, str]) -> None:
        body = self.fixture(name)
        if body is None:
            return self.send(404)
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        ctype = query.get("ct", "application/rss+xml" if name.endswith(".xml") else "text/html")
        if "charset" in query:
            ctype += f"; charset={query['charset']}"
        headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        if query.get("gzip"):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        self.send(200, body, ctype, headers)

    def pages(self, name: str, query: dict[str, str]) -> None:
        body = self.fixture("pages/" + name)
        self.send(200, body, "text/html; charset=utf-8") if body is not None else self.send(404)

    def robots(self, _: str, query: dict[str, str]) -> None:
        self.send(200, self.fixture("robots.txt") or b"", "text/plain")

    def status(self, code: str, query: dict[str, str]) -> None:
        headers = {"Retry-After": query["ra"]} if "ra" in query else {}
        self.send(int(code), b"status body", "text/plain", headers)

    def flaky(self, name: str, query: dict[str, str]) -> None:
        with self.state.lock:
            count = self.state.counters[name] = self.state.counters.get(name, 0) + 1
        if count <= int(query.get("fails", "1")):
            return self.send(500, b"try again")
        self.feeds("rss2.xml", {})

    def sleep(self, _: str, query: dict[str, str]) -> None:
        with self.state.lock:
            self.state.sleeping += 1
            self.state.max_sleeping = max(self.state.max_sleeping, self.state.sleeping)
        time.sleep(float(query.get("s", "3")))
        with self.state.lock:
            self.state.sleeping -= 1
        self.feeds(query.get("f", "rss2.xml"), {})

    def trickle(self, _: str, query: dict[str, str]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        for _ in range(200):
            self.wfile.write(b"<!-- slow -->")
            self.wfile.flush()
            time.sleep(0.1)

    def loop(self, name: str, query: dict[str, str]) -> None:
        self.send(302, headers={"Location": "/loop/b" if name == "a" else "/loop/a"})

    def hops(self, n: str, query: dict[str, str]) -> None:
        left = int(n)
        target = f"/hops/{left - 1}" if left > 1 else "/feeds/rss2.xml"
        self.send(301, headers={"Location": target})

    def redirect(self, _: str, query: dict[str, str]) -> None:
        self.send(302, headers={"Location": query["to"]})

    def huge(self, _: str, query: dict[str, str]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"<!--" + b"x" * 65536 + b"-->"
        for _ in range(320):  # ~20 MB
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")

    def huge_declared(self, _: str, query: dict[str, str]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(50 * 1024 * 1024))
        self.end_headers()
        self.wfile.write(b"<rss>")

    def gzip_bomb(self, _: str, query: dict[str, str]) -> None:
        self.send(200, BOMB, "application/rss+xml", {"Content-Encoding": "gzip"})

    def mutable(self, _: str, query: dict[str, str]) -> None:
        etag = '"' + hashlib.sha1(self.state.mutable).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            return self.send(304, headers={"ETag": etag})
        self.send(200, self.state.mutable.replace(b"{BASE}", self.state.base.encode()), self.state.mutable_type,
                  {"ETag": etag})


class QuietServer(ThreadingHTTPServer):
    """Clients hang up on purpose (timeouts, size limits); that is not a test failure."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


BOMB = gzip.compress(b" " * (30 * 1024 * 1024), compresslevel=9)
ROUTES = [
    ("/feeds/", Handler.feeds), ("/pages/", Handler.pages), ("/robots.txt", Handler.robots),
    ("/status/", Handler.status), ("/flaky/", Handler.flaky), ("/sleep", Handler.sleep),
    ("/trickle", Handler.trickle), ("/loop/", Handler.loop), ("/hops/", Handler.hops),
    ("/redirect", Handler.redirect), ("/huge", Handler.huge), ("/huge-declared", Handler.huge_declared),
    ("/gzip-bomb", Handler.gzip_bomb), ("/mutable", Handler.mutable),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    """Start the misbehaving server on a random loopback port for one test module."""
    state = ServerState()
    secret = tmp_path_factory.mktemp("xxe") / "secret.txt"
    secret.write_text("TOP-SECRET-XXE-CANARY\n")
    state.secret_path = str(secret)
    handler = type("BoundHandler", (Handler,), {"state": state})
    httpd = QuietServer(("127.0.0.1", 0), handler)
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=False)
def fresh(server: ServerState) -> ServerState:
    """The server with an empty request log, once earlier slow handlers have finished."""
    deadline = time.monotonic() + 5
    while server.sleeping and time.monotonic() < deadline:
        time.sleep(0.05)
    with server.lock:
        server.hits.clear()
        server.max_in_flight = server.max_sleeping = 0
    return server
