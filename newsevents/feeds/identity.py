"""Stable identity for feed items: entry id/GUID, else canonical link, else content hash.

The item key decides "already seen"; the content hash decides "changed since seen". Links
are canonicalised (lower-case scheme and host, default port and fragment dropped,
tracking parameters removed) so one article reached through two feeds or two tracking
URLs has one link.
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PREFIXES = ("utm_", "mc_", "fbclid", "gclid", "ocid", "cmpid")


def canonical_link(link: str | None) -> str | None:
    """Normalised absolute http(s) link, or None when the link is unusable."""
    if not link:
        return None
    try:
        parts = urlsplit(link.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(TRACKING_PREFIXES)]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def content_hash(*parts: str | None) -> str:
    """SHA-256 over the item's visible content; a change means a new version."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part or "").encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def item_key(entry_id: str | None, link: str | None, hashed: str) -> str:
    """Entry id/GUID when present, else the canonical link, else the content hash."""
    if entry_id and entry_id.strip():
        return entry_id.strip()
    if link:
        return link
    return f"sha256:{hashed}"
