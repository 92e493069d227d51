"""A small HTTP server on 127.0.0.1 for the watch tests: pages set by the test (with ETag /
Last-Modified answered by 304 when the client sends them back), every request logged with its
time and headers, the most requests in flight at once counted. It serves only paths the test
put there (others: 404), lives as long as the test and stops with it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    delay_s: float = 0.0


@dataclass(frozen=True)
class Hit:
    path: str
    at: float  # time.monotonic() when the request arrived
    if_none_match: str | None
    if_modified_since: str | None
    user_agent: str | None
    status: int


@dataclass
class Site:
    pages: dict[str, Page] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    inflight: int = 0
    max_inflight: int = 0
    on_hit: Callable[[Hit], None] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def put(self, path: str, body: str | bytes, **settings: Any) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self.lock:
            self.pages[path] = Page(data, **settings)

    def paths(self, prefix: str = "") -> list[str]:
        with self.lock:
            return [h.path for h in self.hits if h.path.startswith(prefix)]

    def hits_of(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.path == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            with site.lock:
                site.inflight += 1
                site.max_inflight = max(site.max_inflight, site.inflight)
                page = site.pages.get(self.path)
            try:
                self._answer(page)
            finally:
                with site.lock:
                    site.inflight -= 1

        def _answer(self, page: Page | None) -> None:
            arrived = time.monotonic()
            if page is not None and page.delay_s:
                time.sleep(page.delay_s)
            status = 404 if page is None else page.status
            etag, since = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            if page is not None and status == 200 and (
                (page.etag and etag == page.etag)
                or (not page.etag and page.last_modified and since == page.last_modified)
            ):
                status = 304
            hit = Hit(self.path, arrived, etag, since, self.headers.get("User-Agent"), status)
            with site.lock:
                site.hits.append(hit)
            if site.on_hit is not None:
                site.on_hit(hit)
            body = page.body if page is not None and status == 200 else b""
            self.send_response(status)
            if page is not None:
                self.send_header("Content-Type", page.content_type)
                for name, value in (("ETag", page.etag), ("Last-Modified", page.last_modified),
                                    ("Location", page.location)):
                    if value:
                        self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except OSError:
                return

        def log_message(self, *args: Any) -> None:
            return

    return Handler


@contextmanager
def serving(site: Site) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port) while the block runs; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def article_html(row: dict[str, Any]) -> str:
    """A news page for one invented report (``tests.store.test_store_ingest.synthetic_reports``)."""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in row["text"].split("\n\n"))
    title = escape(row["title"])
    return (f"<html><head><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1>{paragraphs}</article></body></html>")


def rss(*, title: str, links: list[tuple[str, str]], date: str = "2025-03-04",
        describe: bool = True) -> str:
    """An RSS 2.0 feed of ``(link, title)`` items, each with a one-line description (unless
    not ``describe``)."""
    stamp = formatdate(time.mktime(time.strptime(date, "%Y-%m-%d")), usegmt=True)
    items = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(u)}</link><guid>{escape(u)}</guid>"
        + (f"<description>{escape(t)}.</description>" if describe else "")
        + f"<pubDate>{stamp}</pubDate></item>"
        for u, t in links
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>http://example.invalid/</link>{items}</channel></rss>")
