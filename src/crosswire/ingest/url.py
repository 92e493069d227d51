"""URLs: fetched with httpx (timeout, size cap), private and loopback hosts refused by default."""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import xxhash

from crosswire.errors import RefusedURLError
from crosswire.ingest.base import IngestConfig, Record, looks_binary
from crosswire.ingest.decode import decode_bytes, decode_html
from crosswire.ingest.feed import parse_feed
from crosswire.models import RawDocument, Rejection

if TYPE_CHECKING:
    import httpx

__all__ = ["is_url", "read_url", "refusal", "url_id"]

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


def is_url(text: str) -> bool:
    """True for 'scheme://...' (only http and https are fetched; others are refused)."""
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", text) is not None


def url_id(url: str) -> str:
    """A short stable id for a URL: 'url-' and 16 hex digits of its hash."""
    return "url-" + xxhash.xxh64(url.encode("utf-8"), seed=0).hexdigest()


def _addresses(host: str, config: IngestConfig) -> list[str]:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return [host.strip("[]")]
    except ValueError:
        pass
    if config.resolver is not None:
        return config.resolver(host)
    try:
        return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, None)})
    except OSError:
        return []


def refusal(url: str, config: IngestConfig) -> str | None:
    """Why ``url`` may not be fetched (scheme, private/loopback address), or None if it may."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"only http(s) URLs with a host can be fetched, not {url!r}"
    if config.allow_private_urls:
        return None
    addresses = _addresses(parts.hostname, config)
    if not addresses:
        return f"the host {parts.hostname!r} cannot be resolved"
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            return f"{parts.hostname} resolves to {address}, a private or local address"
    return None


def _download(url: str, config: IngestConfig) -> tuple[bytes, str, str] | Rejection:
    import httpx

    doc_id = url_id(url)
    headers = {"User-Agent": config.user_agent}

    def check(request: httpx.Request) -> None:
        problem = refusal(str(request.url), config)
        if problem:
            raise RefusedURLError(problem)

    try:
        with httpx.Client(transport=config.transport, timeout=config.url_timeout_s,
                          follow_redirects=True, headers=headers,
                          event_hooks={"request": [check]}) as client, \
                client.stream("GET", url) as response:
            if response.status_code >= 400:
                return Rejection(doc_id, "http-status", f"HTTP {response.status_code}", url)
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > config.max_bytes:
                    message = f"more than max_bytes={config.max_bytes}"
                    return Rejection(doc_id, "too-large", message, url)
            content_type = response.headers.get("content-type", "")
            return bytes(body), content_type, str(response.url)
    except RefusedURLError as exc:
        return Rejection(doc_id, "refused", str(exc), url)
    except httpx.TimeoutException as exc:
        return Rejection(doc_id, "timeout", f"no answer within {config.url_timeout_s}s: {exc}", url)
    except httpx.HTTPError as exc:
        return Rejection(doc_id, "fetch-failed", f"{type(exc).__name__}: {exc}", url)


def read_url(*, url: str, config: IngestConfig) -> Iterator[Record]:
    """A RawDocument for a page (or one per item for a feed), or a Rejection saying why not."""
    doc_id = url_id(url)
    problem = refusal(url, config)
    if problem:
        yield Rejection(doc_id, "refused", problem, url)
        return
    got = _download(url, config)
    if isinstance(got, Rejection):
        yield got
        return
    data, content_type, final_url = got
    kind = content_type.split(";")[0].strip().lower()
    if not data.strip():
        yield Rejection(doc_id, "empty", "the response is empty", url)
    elif looks_binary(data):
        yield Rejection(doc_id, "binary", f"binary content ({kind or 'unknown type'})", url)
    elif kind in _FEED_TYPES or data.lstrip()[:200].lower().startswith((b"<rss", b"<feed")):
        yield from parse_feed(data=data, stem=doc_id, origin=url)
    elif kind == "text/plain":
        text = decode_bytes(data)
        if text is None:
            yield Rejection(doc_id, "bad-encoding", "the text encoding cannot be read", url)
        else:
            yield RawDocument(id=doc_id, text=text, url=final_url, origin=url)
    else:
        yield RawDocument(id=doc_id, html=decode_html(data), url=final_url, origin=url)
