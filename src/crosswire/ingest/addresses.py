"""Which addresses a URL fetch may reach: every address a host resolves to must be a public
unicast one; IPv6 forms that carry an IPv4 address (mapped, translated, compatible, NAT64,
6to4, Teredo) are refused whatever they carry.

The check is one half of the guard; the other (:mod:`crosswire.ingest.fetch`) connects to an
address checked here, so a second DNS answer cannot point the fetch somewhere else.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from crosswire.ingest.base import IngestConfig

__all__ = ["address_problem", "host_problem", "refusal", "resolve_host", "scheme_problem"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_V6 = ipaddress.IPv6Network
# IPv6 ranges whose addresses embed an IPv4 address: a host that resolves into one of them
# could reach any IPv4 address through a translator, so they are refused outright (the
# message names the IPv4 address they carry).
_EMBEDDING: tuple[tuple[ipaddress.IPv6Network, str], ...] = (
    (_V6("::ffff:0:0/96"), "an IPv4-mapped address"),
    (_V6("::ffff:0:0:0/96"), "an IPv4-translated address"),
    (_V6("::/96"), "an IPv4-compatible address"),
    (_V6("64:ff9b::/96"), "a NAT64 address"),
    (_V6("64:ff9b:1::/48"), "a local-use NAT64 address"),
    (_V6("2002::/16"), "a 6to4 address"),
    (_V6("2001::/32"), "a Teredo address"),
)
_GLOBAL_UNICAST = _V6("2000::/3")


def _embedded(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address:
    """The IPv4 address an embedding IPv6 address carries (for the message)."""
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]  # the client's address (the server's is teredo[0])
    return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)


def address_problem(ip: IPAddress) -> str | None:
    """What makes ``ip`` unsafe to fetch from (loopback, private, link-local, multicast,
    reserved, an IPv4-embedding IPv6 form, ...), or None for a public unicast address."""
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_unspecified:
        return "the unspecified address"
    if isinstance(ip, ipaddress.IPv6Address):
        for network, kind in _EMBEDDING:
            if ip in network:
                return f"{kind} (it carries {_embedded(ip)})"
        if (ip not in _GLOBAL_UNICAST or not ip.is_global or ip.is_multicast
                or ip.is_site_local or ip.is_link_local or ip.is_private):
            return "a private, local or special-purpose address"
        return None
    if (not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_link_local
            or ip.is_private):
        return "a private, local or special-purpose address"
    return None


def _literal(host: str) -> str | None:
    """``host`` as an IP address string when it is one (brackets and a zone id dropped)."""
    bare = host.strip("[]").split("%")[0]
    try:
        return str(ipaddress.ip_address(bare))
    except ValueError:
        return None


def _getaddrinfo(host: str, timeout: float | None) -> list[str]:
    """The system resolver's addresses for ``host``, in its order of preference; [] when it
    fails or takes longer than ``timeout`` seconds (the lookup runs in a daemon thread)."""
    found: list[str] = []

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            return
        found.extend(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))

    worker = threading.Thread(target=lookup, name="crosswire-resolve", daemon=True)
    worker.start()
    worker.join(timeout)
    return [] if worker.is_alive() else list(found)


def resolve_host(host: str, *, config: IngestConfig, timeout: float | None = None) -> list[str]:
    """The IP addresses of ``host`` (itself when it is an IP address): from
    ``config.resolver`` when set, else the system resolver, asked once."""
    literal = _literal(host)
    if literal is not None:
        return [literal]
    if config.resolver is not None:
        return list(config.resolver(host))
    return _getaddrinfo(host, timeout)


def host_problem(host: str, addresses: list[str]) -> str | None:
    """Why a fetch from ``host``, resolved to ``addresses``, is refused; None when every one
    of them is a public unicast address."""
    if not addresses:
        return f"the host {host!r} cannot be resolved"
    for address in addresses:
        try:
            ip = ipaddress.ip_address(address.split("%")[0])
        except ValueError:
            return f"{host} resolves to {address!r}, not an IP address"
        problem = address_problem(ip)
        if problem and _literal(host) is not None:
            return f"{host} is {problem}"
        if problem:
            return f"{host} resolves to {address}, {problem}"
    return None


def _host(url: str) -> str | None:
    parts = urlsplit(url)
    try:
        host = parts.hostname
    except ValueError:  # a malformed port or IPv6 literal
        return None
    return host if parts.scheme in ("http", "https") and host else None


def scheme_problem(url: str) -> str | None:
    """Why ``url`` is not fetched at all (not http(s), or no host), or None."""
    if _host(url) is None:
        return f"only http(s) URLs with a host can be fetched, not {url!r}"
    return None


def refusal(url: str, config: IngestConfig) -> str | None:
    """Why ``url`` may not be fetched (scheme, private/loopback address), or None if it may.

    A check only: a fetch resolves the host itself, once per hop, and connects to the very
    address it checked (:class:`crosswire.ingest.fetch.GuardedTransport`)."""
    host = _host(url)
    if host is None:
        return scheme_problem(url)
    if config.allow_private_urls:
        return None
    return host_problem(host, resolve_host(host, config=config, timeout=config.url_timeout_s))
