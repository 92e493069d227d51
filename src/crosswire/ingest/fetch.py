"""Downloading one URL under the guard: each hop (the first request and every redirect) is
resolved once, every address checked, and the connection made to a checked address with the
original Host header and TLS server name; the whole fetch has a deadline, and the body is
inflated under the size cap.

httpx would resolve a host again when it connects, so a DNS answer that changes between the
check and the connection (DNS rebinding) could reach a loopback or private address; here the
request is sent to the address that was checked instead.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from typing import Any

import httpx

from crosswire.errors import RefusedURLError
from crosswire.ingest.addresses import host_problem, resolve_host
from crosswire.ingest.base import IngestConfig
from crosswire.models import Rejection

__all__ = ["GuardedTransport", "download", "read_body"]

_TIMEOUT_KEYS = ("connect", "read", "write", "pool")


class _Watchdog:
    """Shuts the connection's socket down at the deadline, so that a read the server keeps
    waiting (headers sent, then nothing, or a byte at a time) ends then, not a read timeout
    later. Only the socket's own shutdown is called (never close): the reading thread keeps
    its file descriptor and gets an error, and nothing of the TLS state is touched."""

    def __init__(self, sock: socket.socket | None, delay: float) -> None:
        self._sock = sock
        self._lock = threading.Lock()
        self._done = False
        self._timer: threading.Timer | None = None
        if sock is not None:
            self._timer = threading.Timer(max(delay, 0.0), self._cut)
            self._timer.daemon = True
            self._timer.start()

    def _cut(self) -> None:
        with self._lock:
            if self._done or self._sock is None:
                return
            with contextlib.suppress(OSError):
                socket.socket.shutdown(self._sock, socket.SHUT_RDWR)

    def stop(self) -> None:
        with self._lock:
            self._done = True
        if self._timer is not None:
            self._timer.cancel()


class _DeadlineStream(httpx.SyncByteStream):
    """A response body that stops at the deadline (checked between chunks; the watchdog
    ends a read that blocks past it)."""

    def __init__(self, inner: httpx.SyncByteStream, *, deadline: float,
                 sock: socket.socket | None) -> None:
        self._inner = inner
        self._deadline = deadline
        self._watchdog = _Watchdog(sock, deadline - time.monotonic())

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            if time.monotonic() > self._deadline:
                raise httpx.ReadTimeout("the download ran past its deadline")
            yield chunk

    def close(self) -> None:
        self._watchdog.stop()
        self._inner.close()


def _socket_of(response: httpx.Response) -> socket.socket | None:
    stream = response.extensions.get("network_stream")
    get_extra_info = getattr(stream, "get_extra_info", None)
    if get_extra_info is None:
        return None
    sock = get_extra_info("socket")
    return sock if isinstance(sock, socket.socket) else None


class GuardedTransport(httpx.BaseTransport):
    """The transport of one fetch. Unless ``allow_private_urls``, each request's host is
    resolved once (``config.resolver`` or the system resolver), every address is checked
    (:func:`crosswire.ingest.addresses.host_problem`), and the request goes to a checked
    address (the next one if a connection fails) with ``Host`` and the TLS server name set
    to the host. Every timeout is cut to what is left of the fetch's deadline.

    Requests go through ``config.transport`` when set (tests), else through one
    ``httpx.HTTPTransport`` per host, so a TLS connection checked for one host name is never
    reused for another."""

    def __init__(self, *, config: IngestConfig, deadline: float) -> None:
        self._config = config
        self._deadline = deadline
        self._by_host: dict[str, httpx.BaseTransport] = {}

    def _left(self) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise httpx.TimeoutException("the fetch ran past its deadline")
        return left

    def _inner(self, host: str) -> httpx.BaseTransport:
        if self._config.transport is not None:
            return self._config.transport
        if host not in self._by_host:
            self._by_host[host] = httpx.HTTPTransport()
        return self._by_host[host]

    def _aimed(self, request: httpx.Request, address: str | None) -> httpx.Request:
        left = self._left()
        given: dict[str, Any] = dict(request.extensions.get("timeout") or {})
        timeout = {key: left if given.get(key) is None else min(float(given[key]), left)
                   for key in _TIMEOUT_KEYS}
        extensions = {**request.extensions, "timeout": timeout}
        url = request.url
        if address is not None and address != url.host:
            url = url.copy_with(host=address)
            extensions["sni_hostname"] = request.url.host
        return httpx.Request(request.method, url, headers=request.headers,
                             stream=request.stream, extensions=extensions)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        if request.url.scheme not in ("http", "https") or not host:
            raise RefusedURLError(f"only http(s) URLs with a host can be fetched, not "
                                  f"{str(request.url)!r}")
        targets: list[str | None] = [None]
        if not self._config.allow_private_urls:
            addresses = resolve_host(host, config=self._config, timeout=self._left())
            problem = host_problem(host, addresses)
            if problem:
                raise RefusedURLError(problem)
            targets = list(addresses)
        failure: httpx.TransportError | None = None
        for address in targets:
            try:
                response = self._inner(host).handle_request(self._aimed(request, address))
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                failure = exc  # this address does not answer: try the host's next one
                continue
            assert isinstance(response.stream, httpx.SyncByteStream)
            stream = _DeadlineStream(response.stream, deadline=self._deadline,
                                     sock=_socket_of(response))
            return httpx.Response(response.status_code, headers=response.headers,
                                  stream=stream, extensions=response.extensions)
        assert failure is not None
        raise failure

    def close(self) -> None:
        for transport in self._by_host.values():
            transport.close()
        self._by_host.clear()


class _Inflater:
    """A response body's content coding undone under a cap: gzip and deflate (the codings
    crosswire asks for) are inflated at most ``limit + 1`` bytes at a time."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._zlib: Any = None
        if coding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self._zlib = zlib.decompressobj()
        self._first = True

    def feed(self, data: bytes, *, limit: int) -> bytes:
        if self._zlib is None:
            return data
        try:
            out: bytes = self._zlib.decompress(data, limit + 1)
        except zlib.error:
            if not (self._first and self.coding == "deflate"):
                raise
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, no zlib header
            out = self._zlib.decompress(data, limit + 1)
        self._first = False
        return out


def _coding(response: httpx.Response) -> str | None:
    """The one content coding of a response ('identity' when none); None when it has
    another coding, or several."""
    codings = [c.strip().lower() for c in response.headers.get("content-encoding", "").split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if not codings:
        return "identity"
    if len(codings) == 1 and codings[0] in ("gzip", "x-gzip", "deflate"):
        return codings[0]
    return None


def read_body(response: httpx.Response, *, config: IngestConfig, doc_id: str,
              url: str) -> bytes | Rejection:
    """The body of a streamed response, its gzip or deflate coding undone under
    ``config.max_bytes``, or a Rejection saying why not."""
    coding = _coding(response)
    if coding is None:
        message = f"content encoding {response.headers.get('content-encoding')!r} is not supported"
        return Rejection(doc_id, "fetch-failed", message, url)
    inflater = _Inflater(coding)
    body = bytearray()
    try:
        for chunk in response.iter_raw():
            body.extend(inflater.feed(chunk, limit=config.max_bytes - len(body)))
            if len(body) > config.max_bytes:
                message = f"more than max_bytes={config.max_bytes}"
                if coding != "identity":
                    message += f" once the {coding} content coding is undone"
                return Rejection(doc_id, "too-large", message, url)
    except zlib.error as exc:
        return Rejection(doc_id, "fetch-failed", f"broken {coding} content: {exc}", url)
    return bytes(body)


def download(url: str, *, config: IngestConfig, doc_id: str) -> tuple[bytes, str, str] | Rejection:
    """The body, Content-Type and final URL of ``url``, or a Rejection saying why not."""
    deadline = time.monotonic() + config.url_deadline_s
    headers = {"User-Agent": config.user_agent, "Accept-Encoding": "gzip, deflate"}
    transport = GuardedTransport(config=config, deadline=deadline)
    try:
        # trust_env=False: a proxy from the environment would bypass the guard's transport,
        # and .netrc passwords are not sent to whatever host a page redirects to.
        with httpx.Client(transport=transport, timeout=config.url_timeout_s,
                          follow_redirects=True, headers=headers, trust_env=False) as client, \
                client.stream("GET", url) as response:
            if response.status_code >= 400:
                return Rejection(doc_id, "http-status", f"HTTP {response.status_code}", url)
            body = read_body(response, config=config, doc_id=doc_id, url=url)
            if isinstance(body, Rejection):
                return body
            return body, response.headers.get("content-type", ""), str(response.url)
    except RefusedURLError as exc:
        return Rejection(doc_id, "refused", str(exc), url)
    except httpx.HTTPError as exc:
        if isinstance(exc, httpx.TimeoutException) or time.monotonic() >= deadline:
            return _timeout(exc, config=config, doc_id=doc_id, url=url, deadline=deadline)
        return Rejection(doc_id, "fetch-failed", f"{type(exc).__name__}: {exc}", url)
    finally:
        transport.close()


def _timeout(exc: Exception, *, config: IngestConfig, doc_id: str, url: str,
             deadline: float) -> Rejection:
    if time.monotonic() >= deadline:
        message = f"not done within url_deadline_s={config.url_deadline_s}s"
    else:
        message = f"no answer within url_timeout_s={config.url_timeout_s}s: {exc}"
    return Rejection(doc_id, "timeout", message, url)
