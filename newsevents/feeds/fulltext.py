"""Replace a feed's summary with the article's main text, politely and safely.

Pages are fetched with the same limits and SSRF guard as feeds, only where robots.txt
allows our User-Agent (cached per host for the life of a :class:`RobotsCache`), and the
main text is extracted with trafilatura. Any failure keeps the summary and adds the flag
``fulltext_failed:<reason>``: a missing page must never lose the item.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsevents.articles import IncomingArticle
from newsevents.feeds.errors import TransientFeedError
from newsevents.feeds.fetch import DEFAULT_LIMITS, HTML_ACCEPT, USER_AGENT, FetchLimits, fetch
from newsevents.feeds.politeness import HostPoliteness

ROBOTS_LIMITS = FetchLimits(connect_timeout=5, read_timeout=10, total_timeout=20, max_bytes=512 * 1024)
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


class RobotsCache:
    """robots.txt per scheme+host, fetched once; thread-safe.

    Following RFC 9309: a 4xx robots.txt means "allow all"; an unreachable one (5xx,
    timeout) means "disallow all" for now, since we cannot know what the site wants.
    """

    def __init__(self, client: httpx.Client, politeness: HostPoliteness,
                 allow_private_hosts: bool = False, user_agent: str = USER_AGENT) -> None:
        self.client = client
        self.politeness = politeness
        self.allow_private_hosts = allow_private_hosts
        self.agent = user_agent.split("/", 1)[0]
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._parsers: dict[str, RobotFileParser] = {}

    def allowed(self, url: str) -> bool:
        """True when robots.txt of the URL's site lets us fetch it."""
        parts = urlsplit(url)
        root = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        with self._lock:
            host_lock = self._host_locks.setdefault(root, threading.Lock())
        with host_lock:
            if root not in self._parsers:
                self._parsers[root] = self._load(root + "/robots.txt")
        return self._parsers[root].can_fetch(self.agent, url)

    def _load(self, robots_url: str) -> RobotFileParser:
        """Fetch and parse one robots.txt, mapping failures to allow/disallow all."""
        parser = RobotFileParser(robots_url)
        try:
            with self.politeness.slot(robots_url):
                res = fetch(robots_url, self.client, limits=ROBOTS_LIMITS, accept="text/plain",
                            allow_private_hosts=self.allow_private_hosts)
        except TransientFeedError:
            parser.disallow_all = True
            return parser
        if res.ok and res.status == 200:
            parser.parse(res.body.decode("utf-8", "replace").splitlines())
        elif res.error_class and res.error_class.startswith(("http_4", "not_found", "gone")):
            parser.allow_all = True
        else:
            parser.disallow_all = True
        return parser


def add_fulltext(article: IncomingArticle, client: httpx.Client, politeness: HostPoliteness,
                 robots: RobotsCache, limits: FetchLimits = DEFAULT_LIMITS,
                 allow_private_hosts: bool = False) -> IncomingArticle:
    """The article with its page's main text, or unchanged plus a fulltext_failed flag."""
    text, reason = _page_text(article.url, client, politeness, robots, limits, allow_private_hosts)
    if text and len(text) < len(article.text):
        text, reason = None, "shorter_than_summary"
    if not text:
        return replace(article, flags=[*article.flags, f"fulltext_failed:{reason}"])
    flags = [f for f in article.flags if f != "summary_only"] + ["fulltext"]
    return replace(article, text=text, flags=flags, metadata={**article.metadata, "summary": article.text})


def _page_text(url: str | None, client: httpx.Client, politeness: HostPoliteness, robots: RobotsCache,
               limits: FetchLimits, allow_private: bool) -> tuple[str | None, str]:
    """(main text, "") on success, else (None, short reason)."""
    if not url:
        return None, "no_link"
    try:
        if not robots.allowed(url):
            return None, "robots_disallowed"
        with politeness.slot(url):
            res = fetch(url, client, limits=limits, accept=HTML_ACCEPT, allow_private_hosts=allow_private)
    except TransientFeedError as exc:
        return None, exc.error_class
    if not res.ok or res.status != 200:
        return None, res.error_class or f"http_{res.status}"
    content_type = res.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type not in HTML_TYPES:
        return None, "not_html"
    text = extract_main_text(res.body, res.headers.get("content-type"), res.final_url)
    return (text, "") if text else (None, "no_main_text")


def extract_main_text(html: bytes | str, content_type: str | None = None,
                      url: str | None = None) -> str | None:
    """Main text of a page via trafilatura (no comments, no boilerplate); None if none."""
    import trafilatura

    document = _decode(html, content_type)
    try:
        text = trafilatura.extract(document, url=url, include_comments=False,
                                   include_tables=True, deduplicate=False)
    except Exception:  # noqa: BLE001 - extraction bugs on odd pages must not fail the feed
        return None
    return text.strip() or None if text else None


def _decode(html: bytes | str, content_type: str | None) -> bytes | str:
    """Decode with the declared charset; otherwise let trafilatura detect the encoding."""
    if isinstance(html, str):
        return html
    charset = ""
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'")
    if charset:
        try:
            return html.decode(charset, "replace")
        except LookupError:
            pass
    return html
