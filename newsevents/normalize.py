"""Normalization: one canonical, hashed form of every article, whatever its source.

Two reports of the same article must hash alike and two different articles must not,
so the rules here are deliberately boring and deterministic: Unicode NFC, HTML removed,
control characters dropped, whitespace collapsed (paragraph breaks kept), tracking
parameters removed from URLs, dates converted to UTC. Inputs that cannot become an
article are rejected with a specific reason instead of raising.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newsevents.articles import IncomingArticle
from newsevents.timestamps import parse_published_at
from newsevents.language import detect_language

#: Longest article text accepted (characters); longer inputs are rejected, kept whole in raw.
MAX_TEXT_CHARS = 500_000
#: Shortest text worth extracting from (characters, after normalization).
MIN_TEXT_CHARS = 1

_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_[a-z]+|igshid|ref|ref_src|cmpid|ocid)$", re.I)
_TAG = re.compile(r"<[^>]{0,2000}>")
# The start of an element whose content is dropped, and of a tag that ends a paragraph. Each
# tag runs to the next '>' (as ``[^>]*>`` would): see _drop_blocks and _break_blocks for why
# these are scanned by hand rather than with one regex.
_DROP_START = re.compile(r"<(script|style|noscript|template)\b", re.I)
_DROP_END = {name: re.compile(rf"</{name}\s*>", re.I) for name in ("script", "style", "noscript", "template")}
_BLOCK_START = re.compile(r"</?(p|div|br|li|h[1-6]|tr|blockquote|section|article)\b", re.I)
_LOOKS_HTML = re.compile(r"<(/?[a-z][a-z0-9]*)(\s[^<>]*)?/?>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2028\u2029\u2060\ufeff]+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n\s*\n+")


@dataclass
class NormalizedArticle:
    """An article in the form staged, validated and published."""

    article_id: str
    content_hash: str
    source: str
    source_ref: str
    url: str | None
    title: str | None
    text: str
    language: str
    published_at: datetime
    published_at_is_fallback: bool
    ingested_at: datetime
    word_count: int
    external_id: str | None = None
    flags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Rejection:
    """An input that could not become an article, with the reason and the original content."""

    source: str
    source_ref: str
    reason: str
    content: bytes


def normalize_text(text: str) -> str:
    """NFC, HTML to text, no control characters, single spaces, paragraph breaks kept."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if _LOOKS_HTML.search(text):
        text = html_to_text(text)
    text = _CONTROL.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(markup: str) -> str:
    """Strip tags in linear time (no parser: hostile, broken or bomb-like HTML cannot blow up)."""
    markup = _drop_blocks(markup)
    markup = _break_blocks(markup)
    return html.unescape(_TAG.sub(" ", markup))


def _drop_blocks(markup: str) -> str:
    """Replace each ``<script|style|noscript|template …>…</same>`` element by a space.

    Same result as ``re.sub(r"<(script|…)\\b[^>]*>.*?</\\1\\s*>", " ", markup, flags=re.I | re.S)``,
    but linear: that regex rescans to the end of the text for every opening tag that is
    never closed (``"<script>" * 60_000`` took 90 s). Here the next '>' and each name's
    next closing tag are searched once and reused while they lie ahead.
    """
    parts: list[str] = []
    kept_from = search_at = 0
    next_gt = -1
    closers: dict[str, re.Match[str] | None] = {}
    while (start := _DROP_START.search(markup, search_at)) is not None:
        if next_gt < start.end():
            next_gt = markup.find(">", start.end())
            if next_gt < 0:
                break  # no '>' left: no later tag can be complete either
        name = start.group(1).lower()
        closer = closers.get(name, False)
        if closer is False or (closer is not None and closer.start() <= next_gt):
            closer = closers[name] = _DROP_END[name].search(markup, next_gt + 1)
        if closer is None:  # never closed: not an element, leave it to the tag stripper
            search_at = start.start() + 1
            continue
        parts += [markup[kept_from:start.start()], " "]
        kept_from = search_at = closer.end()
    parts.append(markup[kept_from:])
    return "".join(parts)


def _break_blocks(markup: str) -> str:
    """Replace each block-level tag by a paragraph break, in linear time.

    Same result as ``re.sub(r"</?(p|div|…)\\b[^>]*>", "\\n\\n", markup, flags=re.I)``, whose
    ``[^>]*`` rescans to the end for every unterminated tag (``"<p " * 160_000``).
    """
    parts: list[str] = []
    kept_from = 0
    next_gt = -1
    for start in _BLOCK_START.finditer(markup):
        if start.start() < kept_from:
            continue  # inside the tag just replaced
        if next_gt < start.end():
            next_gt = markup.find(">", start.end())
            if next_gt < 0:
                break
        parts += [markup[kept_from:start.start()], "\n\n"]
        kept_from = next_gt + 1
    parts.append(markup[kept_from:])
    return "".join(parts)


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, no default port, fragment or tracking parameters, sorted query."""
    if not url or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return url.strip()
    host = parts.hostname.lower()
    if port and not (parts.scheme.lower(), port) in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return urlunsplit((parts.scheme.lower(), host, path, urlencode(query), ""))


def content_hash(text: str) -> str:
    """Hash of the normalized text: equal text, equal hash, whatever the source."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def identity_key(article: IncomingArticle, url: str | None, text_hash: str) -> str:
    """What makes two inputs the same article: canonical URL, else the source's own id, else content."""
    if url:
        return f"url:{url}"
    if article.external_id:
        return f"id:{article.source}:{article.external_id}"
    if article.source == "seeds" and article.source_ref:
        return f"seed:{article.source_ref}"
    return f"hash:{text_hash}"


def article_id_for(key: str) -> str:
    """Stable, short article id derived from the identity key."""
    return "a_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def rejection_reason(raw_text: str) -> str | None:
    """Why an input cannot be an article, or None when it can."""
    if len(raw_text) > MAX_TEXT_CHARS:
        return f"too_large: {len(raw_text):,} characters (limit {MAX_TEXT_CHARS:,})"
    if not raw_text.strip():
        return "empty_text: no text after removing whitespace"
    if not _INVISIBLE.sub("", raw_text).strip():
        # only BOMs and zero-width or separator characters: an empty text, not binary junk
        return "empty_text: only invisible characters"
    sample = raw_text[:20_000]
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    if bad > max(8, len(sample) // 10):
        return f"binary_content: {bad} control or undecodable characters in the first {len(sample):,}"
    return None


def normalize(article: IncomingArticle, now: datetime | None = None) -> NormalizedArticle | Rejection:
    """Turn one incoming article into its normalized record, or a rejection with a reason."""
    now = now or datetime.now(timezone.utc).replace(tzinfo=None)
    reason = rejection_reason(article.text)
    text = normalize_text(article.text) if reason is None else ""
    if reason is None and len(text) < MIN_TEXT_CHARS:
        reason = "empty_text: nothing left after removing markup and control characters"
    if reason is not None:
        return Rejection(article.source, article.source_ref, reason,
                         article.text.encode("utf-8", errors="surrogatepass"))
    url = canonical_url(article.url)
    text_hash = content_hash(text)
    published, is_fallback, date_flag = parse_published_at(article.published_at, now)
    flags = list(article.flags) + ([date_flag] if date_flag else [])
    title = normalize_text(article.title) if article.title else None
    return NormalizedArticle(
        article_id=article_id_for(identity_key(article, url, text_hash)),
        content_hash=text_hash,
        source=article.source,
        source_ref=article.source_ref,
        url=url,
        title=title or None,
        text=text,
        language=(article.language or "").strip().lower()[:2] or detect_language(text),
        published_at=published,
        published_at_is_fallback=is_fallback,
        ingested_at=now,
        word_count=len(text.split()),
        external_id=article.external_id,
        flags=flags,
    )


def normalize_all(articles: Sequence[IncomingArticle], now: datetime) -> list[NormalizedArticle | Rejection]:
    """:func:`normalize` of each article, in order, all with the same ``now`` (a batch as landed)."""
    return [normalize(article, now) for article in articles]


def normalize_and_sign(articles: Sequence[IncomingArticle], now: datetime,
                       shingle_size: int | None) -> list[tuple[NormalizedArticle | Rejection, int | None]]:
    """:func:`normalize_all`, each normalized article with its near-duplicate signature (SimHash
    of its text's ``shingle_size``-word shingles); None for a rejection, or when ``shingle_size``
    is None."""
    results = normalize_all(articles, now)
    if shingle_size is None:
        return [(r, None) for r in results]
    from newsevents.dedup import signatures

    texts = [(str(i), r.text) for i, r in enumerate(results) if isinstance(r, NormalizedArticle)]
    signed = signatures(texts, shingle_size)
    return [(r, signed.get(str(i))) for i, r in enumerate(results)]
