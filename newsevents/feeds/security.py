"""Refuse URLs that would let a feed reach into our own network (SSRF).

A feed URL, a redirect target or an article link comes from outside; fetching it blindly
would let anyone who controls a feed make this machine request ``http://169.254.169.254/``
or an internal admin page. Only http and https are allowed, and by default every address
a host resolves to must be public. Local set-ups and tests opt in with
``allow_private_hosts``. The check runs before each hop and again on the connected peer
address (see :func:`check_peer`), which closes most of the DNS-rebinding window.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from newsevents.feeds.errors import PermanentFeedError, TransientFeedError

ALLOWED_SCHEMES = ("http", "https")


def check_url(url: str, allow_private_hosts: bool = False) -> None:
    """Raise ``PermanentFeedError('refused_url'|'refused_host')`` if the URL is unsafe."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise PermanentFeedError(f"scheme {parts.scheme!r} is not allowed: {url}", "refused_url")
    host = parts.hostname
    if not host:
        raise PermanentFeedError(f"no host in URL: {url}", "refused_url")
    if allow_private_hosts:
        return
    for address in resolve(host, parts.port):
        check_address(address, host)


def resolve(host: str, port: int | None) -> list[str]:
    """All addresses of ``host``; a failed lookup is transient (resolvers do fail briefly)."""
    try:
        infos = socket.getaddrinfo(host, port or 80, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise TransientFeedError(f"cannot resolve host {host!r}: {exc}", "dns_error") from exc
    return sorted({str(info[4][0]) for info in infos})


def check_address(address: str, host: str = "") -> None:
    """Refuse private, loopback, link-local, multicast, reserved and unspecified addresses."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if not ip.is_global or ip.is_multicast:
        label = f"{host} -> {address}" if host else address
        raise PermanentFeedError(
            f"refused non-public address {label} (use --allow-private-hosts for local set-ups)",
            "refused_host",
        )


def check_peer(server_addr: object, allow_private_hosts: bool) -> None:
    """Re-check the address we actually connected to (defeats DNS rebinding)."""
    if allow_private_hosts or not isinstance(server_addr, tuple) or not server_addr:
        return
    check_address(str(server_addr[0]))
