"""What a poll finds in a feed or a news sitemap."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

from crosswire.live.items import feed_items, item_doc_id, sitemap_items
from crosswire.models import RawDocument, Rejection
from tests.live.loopback import rss

NOW = datetime(2025, 3, 5, 12, 0, tzinfo=UTC).timestamp()


def _sitemap(**kwargs: object) -> object:
    settings = {"now": NOW, "max_age_days": 2.0, "max_children": 50, "max_bytes": 1_000_000}
    return sitemap_items(**(settings | kwargs))  # type: ignore[arg-type]


def test_feed_items_are_keyed_by_link_and_carry_the_feed_record() -> None:
    data = rss(title="Harbour Times", links=[("https://harbour.example/a/1", "Bridge opens"),
                                             ("https://harbour.example/a/2", "Port strike")])
    found = feed_items(data=data.encode(), origin="https://harbour.example/rss")
    assert found.problem is None
    first, second = found.items
    assert first.key == first.url == "https://harbour.example/a/1"
    assert first.title == "Bridge opens" and first.published == "2025-03-04"
    assert isinstance(first.doc, RawDocument) and first.doc.id == "https://harbour.example/a/1"
    assert first.doc.origin == "https://harbour.example/a/1"
    assert second.key == "https://harbour.example/a/2"


def test_an_item_without_link_is_keyed_by_guid_or_content_and_long_keys_are_hashed() -> None:
    data = (b'<rss version="2.0"><channel><title>T</title>'
            b'<item><guid>tag:harbour.example,2025:77</guid><title>Guid only</title></item>'
            b'<item><title>Nothing else</title></item></channel></rss>')
    one, two = feed_items(data=data, origin="https://harbour.example/rss").items
    assert one.key == "tag:harbour.example,2025:77" and one.url is None
    assert isinstance(one.doc, Rejection) and one.doc.reason == "no-text"
    assert two.key.startswith("item-")
    assert two.key == feed_items(data=data, origin="https://x.example/").items[1].key
    long = "https://harbour.example/" + "a" * 100
    assert item_doc_id(long).startswith("url-") and item_doc_id("short") == "short"


def test_garbage_is_not_a_feed() -> None:
    found = feed_items(data=b"<html><body>Service unavailable</body></html>", origin="u")
    assert found.items == () and found.problem


def test_a_news_sitemap_lists_recent_pages_with_their_titles_and_dates() -> None:
    data = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc>https://valley.example/a/dam</loc>
  <news:news><news:publication><news:name>Valley Post</news:name></news:publication>
   <news:publication_date>2025-03-05T08:00:00Z</news:publication_date>
   <news:title>Dam inspection finds cracks</news:title></news:news></url>
 <url><loc>https://valley.example/a/fair</loc><lastmod>2025-03-04</lastmod></url>
 <url><loc>https://valley.example/a/old</loc><lastmod>2025-01-02</lastmod></url>
 <url><loc>https://valley.example/about</loc></url>
</urlset>"""
    found = _sitemap(data=data)
    assert [(i.url, i.title, i.published) for i in found.items] == [  # type: ignore[attr-defined]
        ("https://valley.example/a/dam", "Dam inspection finds cracks", "2025-03-05"),
        ("https://valley.example/a/fair", None, "2025-03-04"),
        ("https://valley.example/about", None, None),
    ]
    assert _sitemap(data=gzip.compress(data)).items == found.items  # type: ignore[attr-defined]


def test_a_sitemap_index_gives_its_recent_children_newest_first() -> None:
    data = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
 <sitemap><loc>https://valley.example/s/2025-03-04.xml</loc><lastmod>2025-03-04</lastmod></sitemap>
 <sitemap><loc>https://valley.example/s/2024-12.xml</loc><lastmod>2024-12-31</lastmod></sitemap>
 <sitemap><loc>https://valley.example/s/latest.xml</loc><lastmod>2025-03-05T10:00:00+00:00</lastmod></sitemap>
 <sitemap><loc>https://valley.example/s/undated.xml</loc></sitemap>
</sitemapindex>"""
    assert _sitemap(data=data).children == (  # type: ignore[attr-defined]
        "https://valley.example/s/undated.xml", "https://valley.example/s/latest.xml",
        "https://valley.example/s/2025-03-04.xml")
    assert len(_sitemap(data=data, max_children=1).children) == 1  # type: ignore[attr-defined]


def test_garbage_and_bombs_are_problems_not_errors() -> None:
    assert _sitemap(data=b"<html><body>hello</body></html>").problem  # type: ignore[attr-defined]
    assert _sitemap(data=b"not xml at all <").problem  # type: ignore[attr-defined]
    bomb = gzip.compress(b"<urlset>" + b" " * 3_000_000 + b"</urlset>")
    assert "max_bytes" in _sitemap(data=bomb).problem  # type: ignore[attr-defined,operator]
