"""The URL guard (issue 23, cases 2 and 4): a host is resolved once per hop and fetched from
the address that was checked; IPv6 forms that carry an IPv4 address are refused; a fetch
ends at its total deadline however slowly the server drips. Only 127.0.0.1 is reached (with
``allow_private_urls``); everything else goes through ``httpx.MockTransport``."""

from __future__ import annotations

import gzip
import ipaddress
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from crosswire.ingest import IngestConfig, read_paths
from crosswire.ingest.addresses import address_problem, refusal
from crosswire.models import RawDocument, Rejection

PUBLIC = "93.184.216.34"
TEXT = "The port authority said on Monday that the new terminal will open in the spring."


def _fetch(url: str, config: IngestConfig) -> list[RawDocument | Rejection]:
    return list(read_paths(paths=[url], config=config))


class _Recorder:
    """A mock server: what each request was aimed at, and a page for it."""

    def __init__(self, answer: Callable[[httpx.Request], httpx.Response] | None = None) -> None:
        self.sent: list[httpx.Request] = []
        self._answer = answer

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        if self._answer is not None:
            return self._answer(request)
        return httpx.Response(200, text=TEXT, headers={"content-type": "text/plain"})


def test_a_rebinding_host_is_fetched_from_the_address_that_was_checked() -> None:
    answers = iter([[PUBLIC], ["127.0.0.1"], ["127.0.0.1"]])
    asked: list[str] = []

    def rebinding(host: str) -> list[str]:
        asked.append(host)
        return next(answers)

    server = _Recorder()
    config = IngestConfig(transport=httpx.MockTransport(server), resolver=rebinding)
    [doc] = _fetch("https://wire.example/story?id=7", config)
    assert isinstance(doc, RawDocument) and doc.text == TEXT
    assert doc.url == "https://wire.example/story?id=7"  # the URL as given, not the address
    assert asked == ["wire.example"]  # resolved once: no second answer to be misled by
    [request] = server.sent
    assert request.url.host == PUBLIC and request.url.path == "/story"
    assert request.headers["host"] == "wire.example"
    assert request.extensions["sni_hostname"] == "wire.example"


def test_every_address_a_host_resolves_to_is_checked() -> None:
    server = _Recorder()
    config = IngestConfig(transport=httpx.MockTransport(server),
                          resolver=lambda host: [PUBLIC, "10.1.2.3"])
    [rejection] = _fetch("https://wire.example/a", config)
    assert isinstance(rejection, Rejection) and rejection.reason == "refused"
    assert "10.1.2.3" in rejection.message and server.sent == []


EMBEDDING = [
    "::ffff:0:7f00:1",  # IPv4-translated 127.0.0.1
    "::127.0.0.1",  # IPv4-compatible
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "64:ff9b:1::a9fe:a9fe",  # local-use NAT64
    "2002:a9fe:a9fe::",  # 6to4 of 169.254.169.254
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    "::ffff:127.0.0.1",  # IPv4-mapped
    "::ffff:93.184.216.34",  # mapped, even of a public address
]
LOCAL_V6 = ["::1", "::", "fe80::1", "fc00::5", "fec0::1", "ff02::1", "2001:db8::1", "100::1"]


@pytest.mark.parametrize("address", EMBEDDING + LOCAL_V6)
def test_special_purpose_ipv6_addresses_are_refused_literal_or_resolved(address: str) -> None:
    assert address_problem(ipaddress.ip_address(address))
    server = _Recorder()
    for url, resolver in ((f"http://[{address}]/x", None),
                          ("http://wire.example/x", lambda host: [address])):
        config = IngestConfig(transport=httpx.MockTransport(server), resolver=resolver)
        [rejection] = _fetch(url, config)
        assert isinstance(rejection, Rejection) and rejection.reason == "refused", url
    assert server.sent == []


def test_an_embedded_ipv4_address_is_named_in_the_refusal() -> None:
    problem = refusal("http://[64:ff9b::a9fe:a9fe]/latest/meta-data/", IngestConfig())
    assert problem is not None and "NAT64" in problem and "169.254.169.254" in problem
    problem = refusal("http://[2002:a9fe:a9fe::]/", IngestConfig())
    assert problem is not None and "6to4" in problem and "169.254.169.254" in problem


@pytest.mark.parametrize("address", [PUBLIC, "1.1.1.1", "2606:4700:4700::1111",
                                     "2a00:1450:4001:82b::200e"])
def test_public_unicast_addresses_pass(address: str) -> None:
    assert address_problem(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.1", "172.16.0.1", "192.168.1.1",
                                     "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1",
                                     "240.0.0.1", "255.255.255.255", "198.18.0.1"])
def test_special_purpose_ipv4_addresses_are_refused(address: str) -> None:
    assert address_problem(ipaddress.ip_address(address))


def test_each_redirect_is_resolved_checked_and_pinned_again() -> None:
    addresses = {"wire.example": [PUBLIC], "cdn.example": ["93.184.216.35"],
                 "intranet.example": ["10.0.0.5"]}

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/moved":
            return httpx.Response(302, headers={"location": "https://cdn.example/page"})
        if request.url.path == "/inside":
            return httpx.Response(302, headers={"location": "http://intranet.example/admin"})
        return httpx.Response(200, text=TEXT, headers={"content-type": "text/plain"})

    server = _Recorder(answer)
    config = IngestConfig(transport=httpx.MockTransport(server),
                          resolver=lambda host: addresses.get(host, []))
    [doc] = _fetch("https://wire.example/moved", config)
    assert isinstance(doc, RawDocument) and doc.url == "https://cdn.example/page"
    assert [(r.url.host, r.headers["host"]) for r in server.sent] == [
        (PUBLIC, "wire.example"), ("93.184.216.35", "cdn.example")]
    server.sent.clear()
    [refused] = _fetch("https://wire.example/inside", config)
    assert isinstance(refused, Rejection) and refused.reason == "refused"
    assert "10.0.0.5" in refused.message
    assert [r.url.host for r in server.sent] == [PUBLIC]  # the intranet was never asked


def test_the_next_checked_address_is_tried_when_one_does_not_answer() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == PUBLIC:
            raise httpx.ConnectError("no route", request=request)
        return httpx.Response(200, text=TEXT, headers={"content-type": "text/plain"})

    server = _Recorder(answer)
    config = IngestConfig(transport=httpx.MockTransport(server),
                          resolver=lambda host: [PUBLIC, "2606:4700:4700::1111"])
    [doc] = _fetch("http://wire.example/a", config)
    assert isinstance(doc, RawDocument)
    assert [r.url.host for r in server.sent] == [PUBLIC, "2606:4700:4700::1111"]


def test_a_gzip_coded_body_is_inflated_under_the_cap() -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)  # 5 MB in about 5 KB
    page = gzip.compress(TEXT.encode())

    def answer(request: httpx.Request) -> httpx.Response:
        body = bomb if request.url.path == "/bomb" else page
        coding = "br" if request.url.path == "/brotli" else "gzip"
        return httpx.Response(200, content=body, headers={
            "content-type": "text/plain", "content-encoding": coding})

    config = IngestConfig(transport=httpx.MockTransport(_Recorder(answer)),
                          resolver=lambda host: [PUBLIC], max_bytes=1_000_000)
    records = list(read_paths(paths=["http://wire.example/page", "http://wire.example/bomb",
                                     "http://wire.example/brotli"], config=config))
    assert isinstance(records[0], RawDocument) and records[0].text == TEXT
    assert [getattr(r, "reason", None) for r in records[1:]] == ["too-large", "fetch-failed"]


# ---------------------------------------------------------------- the deadline (case 4)

class _SlowHandler(BaseHTTPRequestHandler):
    """/drip: a byte every 0.2 s; /stall: one byte, then silence; /page: a page at once."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        body = TEXT.encode()
        self.send_header("Content-Length", str(len(body) if self.path == "/page" else 100_000))
        self.end_headers()
        try:
            if self.path == "/page":
                self.wfile.write(body)
            elif self.path == "/stall":
                self.wfile.write(b"a")
                self.wfile.flush()
                time.sleep(15)
            else:
                for _ in range(1000):
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    time.sleep(0.2)
        except OSError:
            return

    def log_message(self, *args: Any) -> None:
        return


@pytest.fixture(scope="module")
def loopback() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _timed(url: str, config: IngestConfig) -> tuple[float, list[RawDocument | Rejection]]:
    start = time.monotonic()
    records = _fetch(url, config)
    return time.monotonic() - start, records


def test_a_slow_drip_ends_at_the_fetch_deadline(loopback: str) -> None:
    config = IngestConfig(allow_private_urls=True, url_timeout_s=5.0, url_deadline_s=1.0)
    took, [rejection] = _timed(f"{loopback}/drip", config)
    assert isinstance(rejection, Rejection) and rejection.reason == "timeout"
    assert "url_deadline_s=1.0" in rejection.message
    assert took < 2.0  # each read came within url_timeout_s: only the deadline ends it


def test_a_stalled_body_ends_at_the_deadline_not_a_read_timeout_later(loopback: str) -> None:
    config = IngestConfig(allow_private_urls=True, url_timeout_s=30.0, url_deadline_s=1.0)
    took, [rejection] = _timed(f"{loopback}/stall", config)
    assert isinstance(rejection, Rejection) and rejection.reason == "timeout"
    assert took < 2.5


def test_loopback_is_refused_unless_allowed_and_then_fetched(loopback: str) -> None:
    [refused] = _fetch(f"{loopback}/page", IngestConfig())
    assert isinstance(refused, Rejection) and refused.reason == "refused"
    [doc] = _fetch(f"{loopback}/page", IngestConfig(allow_private_urls=True))
    assert isinstance(doc, RawDocument) and doc.text == TEXT


def test_a_mock_drip_ends_at_the_deadline_too() -> None:
    class Drip(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            for _ in range(100):
                time.sleep(0.1)
                yield b"a"

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=Drip(), headers={"content-type": "text/plain"})

    config = IngestConfig(transport=httpx.MockTransport(answer), resolver=lambda h: [PUBLIC],
                          url_deadline_s=0.5)
    took, [rejection] = _timed("http://wire.example/drip", config)
    assert isinstance(rejection, Rejection) and rejection.reason == "timeout"
    assert took < 1.5


def test_the_deadline_must_be_positive() -> None:
    from crosswire.errors import ConfigError

    for bad in (0.0, -1.0, float("nan")):
        with pytest.raises(ConfigError):
            IngestConfig(url_deadline_s=bad)
