"""WARC (written here with warcio), RSS/Atom feeds and URLs (httpx.MockTransport, no network)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import httpx
import pytest

from crosswire.ingest import IngestConfig, read_paths
from crosswire.models import Article, RawDocument, Rejection
from crosswire.stages.clean import clean_document

BODY = "The city council voted on Tuesday to approve the new budget after a long debate."
PAGE = (
    "<html><head><meta charset='{charset}'><title>Budget passes</title></head><body>"
    "<article><h1>Budget passes</h1><p>{body}</p>"
    "<p>Members said the plan would fund schools, roads and the library next year.</p>"
    "</article></body></html>"
)


def _warc(path: Path, pages: list[tuple[str, bytes, str, str]], *, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for url, payload, content_type, status in pages:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)],
                                       protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=BytesIO(payload),
                                               http_headers=headers)
            writer.write_record(record)
            get = StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True)
            request = writer.create_warc_record(url, "request", payload=BytesIO(b""),
                                                http_headers=get)
            writer.write_record(request)


def _pages() -> list[tuple[str, bytes, str, str]]:
    latin = PAGE.format(charset="iso-8859-1", body=BODY + " Café déjà vu.").encode("latin-1")
    return [
        ("https://news.example/2025/02/07/a.html",
         PAGE.format(charset="utf-8", body=BODY).encode(), "text/html; charset=utf-8", "200 OK"),
        ("https://news.example/b.html", latin, "text/html", "200 OK"),
        ("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png", "200 OK"),
        ("https://news.example/moved", b"", "text/html", "301 Moved Permanently"),
    ]


@pytest.mark.parametrize("gz", [True, False])
def test_warc(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(path, _pages(), gz=gz)
    records = list(read_paths(paths=[str(path)]))
    assert [(r.id, type(r).__name__) for r in records] == [
        ("crawl:1", "RawDocument"), ("crawl:2", "RawDocument"),
        ("crawl:3", "Rejection"), ("crawl:4", "Rejection"),
    ]
    first, second, image, moved = records
    assert isinstance(first, RawDocument) and first.url == "https://news.example/2025/02/07/a.html"
    assert isinstance(second, RawDocument) and second.html and "Café déjà vu" in second.html
    assert isinstance(image, Rejection) and image.reason == "not-html"
    assert isinstance(moved, Rejection) and moved.reason == "http-status"
    article = clean_document(doc=first)
    assert isinstance(article, Article) and BODY in article.text
    assert (article.published, article.published_source) == ("2025-02-07", "url")


def test_truncated_warc(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    _warc(whole, _pages()[:2] * 3, gz=True)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.7)])
    records = list(read_paths(paths=[str(cut)]))
    assert isinstance(records[-1], Rejection) and records[-1].reason == "truncated"
    assert sum(isinstance(r, RawDocument) for r in records) >= 2
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"WARC/1.0\r\nnot really a warc record at all\r\n")
    [bad] = list(read_paths(paths=[str(garbage)]))
    assert isinstance(bad, Rejection) and bad.reason in {"truncated", "malformed", "no-pages"}


RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>X News</title><link>https://news.example/</link>
<item><title>Budget passes</title><link>https://news.example/a</link><guid>a-1</guid>
<pubDate>Fri, 07 Feb 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{BODY}&lt;/p&gt;&lt;p&gt;Members said it funds schools.&lt;/p&gt;
</description>
</item>
<item><title>Empty item</title><link>https://news.example/b</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Y Wire</title>
<entry><title>Council vote</title><id>urn:y:1</id><link href="https://y.example/1"/>
<updated>2025-02-06T08:00:00Z</updated><content type="text">{BODY}</content></entry>
</feed>"""


def test_rss_and_atom(tmp_path: Path) -> None:
    (tmp_path / "news.rss").write_text(RSS)
    (tmp_path / "wire.atom").write_text(ATOM)
    (tmp_path / "broken.xml").write_text("<rss><channel><item>")
    records = list(read_paths(paths=[str(tmp_path / n) for n in
                                     ("news.rss", "wire.atom", "broken.xml")]))
    kinds = [(r.id, type(r).__name__) for r in records]
    assert kinds == [("a-1", "RawDocument"), ("https://news.example/b", "Rejection"),
                     ("urn:y:1", "RawDocument"), ("broken:1", "Rejection")]
    item, atom = records[0], records[2]
    assert isinstance(item, RawDocument) and item.html is not None
    assert (item.title, item.url, item.published, item.site) == (
        "Budget passes", "https://news.example/a", "2025-02-07", "X News")
    article = clean_document(doc=item)
    assert isinstance(article, Article) and BODY in article.text
    assert isinstance(atom, RawDocument) and atom.text == BODY and atom.published == "2025-02-06"


def _config(handler: httpx.MockTransport, **kwargs: object) -> IngestConfig:
    def resolve(host: str) -> list[str]:
        return {"news.example": ["93.184.216.34"], "intranet.example": ["10.0.0.5"]}.get(host, [])

    return IngestConfig(transport=handler, resolver=resolve, **kwargs)  # type: ignore[arg-type]


def _handler(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path == "/page":
        return httpx.Response(200, html=PAGE.format(charset="utf-8", body=BODY))
    if path == "/feed":
        return httpx.Response(200, content=RSS.encode(),
                              headers={"content-type": "application/rss+xml"})
    if path == "/big":
        return httpx.Response(200, content=b"<html>" + b"x" * 5000,
                              headers={"content-type": "text/html"})
    if path == "/missing":
        return httpx.Response(404)
    if path == "/slow":
        raise httpx.ReadTimeout("too slow", request=request)
    if path == "/redirect-inside":
        return httpx.Response(302, headers={"location": "http://intranet.example/secret"})
    return httpx.Response(200, content=b"\x00\x01\x02binary", headers={"content-type": "image/png"})


def test_urls_with_mock_transport() -> None:
    config = _config(httpx.MockTransport(_handler), max_bytes=4000)
    urls = [f"https://news.example/{p}" for p in
            ("page", "feed", "big", "missing", "slow", "redirect-inside", "image")]
    records = list(read_paths(paths=urls, config=config))
    page = records[0]
    assert isinstance(page, RawDocument) and page.url == "https://news.example/page"
    assert page.id.startswith("url-") and page.html is not None
    assert records[1].id == "a-1"  # the feed's first item
    reasons = [r.reason for r in records if isinstance(r, Rejection)]
    assert reasons == ["no-text", "too-large", "http-status", "timeout", "refused", "binary"]


def test_private_and_loopback_refused_unless_allowed() -> None:
    transport = httpx.MockTransport(_handler)
    urls = ["http://127.0.0.1/page", "http://intranet.example/page", "ftp://news.example/x",
            "http://[::1]/page"]
    refused = list(read_paths(paths=urls, config=_config(transport)))
    assert [r.reason for r in refused if isinstance(r, Rejection)] == ["refused"] * 4
    allowed = list(read_paths(paths=urls[:2], config=_config(transport, allow_private_urls=True)))
    assert all(isinstance(r, RawDocument) for r in allowed)
