"""What a poll finds: the items of an RSS/Atom feed (read by :mod:`crosswire.ingest.feed`)
and the pages of a news sitemap (``<urlset>`` with ``<url><loc>``, ``<lastmod>`` and
``<news:news>``; a ``<sitemapindex>`` lists child sitemaps).

An item is known by its key (its link, else its guid, else a hash of its title and text), the
same in every poll however the feed reorders or trims itself: an item is fetched once.
"""

from __future__ import annotations

import dataclasses
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree

import xxhash

from crosswire.ingest.addresses import scheme_problem
from crosswire.ingest.feed import parse_feed
from crosswire.ingest.url import url_id
from crosswire.models import RawDocument, Rejection

__all__ = ["Found", "Item", "feed_items", "item_doc_id", "sitemap_items"]

_MAX_ID = 80  # longer keys become url-<hash> ids, as the feed reader does


@dataclass(frozen=True, slots=True)
class Item:
    """A page a feed or sitemap lists, and the feed's own record of it (None for sitemaps)."""

    key: str
    url: str | None
    title: str | None = None
    published: str | None = None
    doc: RawDocument | Rejection | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """A parsed feed or sitemap: its items, the child sitemaps of an index, or the problem
    that kept anything from being read (garbage, not a feed)."""

    items: tuple[Item, ...] = ()
    children: tuple[str, ...] = ()
    problem: str | None = None


def item_doc_id(key: str) -> str:
    """The article id of an item: its key, or ``url-<hash>`` of it when that is long."""
    return key if len(key) <= _MAX_ID else url_id(key)


def _text(value: Any) -> str | None:
    text = str(value).strip() if value else ""
    return text or None


def feed_items(*, data: bytes, origin: str) -> Found:
    """The items of an RSS or Atom feed, in feed order."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries and parsed.get("version"):
        return Found()  # a feed with no items (yet)
    records = list(parse_feed(data=data, stem=url_id(origin), origin=origin))
    if not entries or len(records) != len(entries):
        problem = records[0].message if records and isinstance(records[0], Rejection) else ""
        return Found(problem=problem or "no feed items found")
    items = []
    for entry, record in zip(entries, records, strict=True):
        link, guid = _text(entry.get("link")), _text(entry.get("id"))
        if link and scheme_problem(link):  # a guid taken for a link: not a page to fetch
            link = None
        body = f"{entry.get('title') or ''}\0{entry.get('summary') or ''}"
        key = link or guid or "item-" + xxhash.xxh64(body.encode("utf-8"), seed=0).hexdigest()
        doc_id = item_doc_id(key)
        doc: RawDocument | Rejection = (
            dataclasses.replace(record, id=doc_id, origin=link or f"{origin}#{doc_id}")
        )
        title = doc.title if isinstance(doc, RawDocument) else _text(entry.get("title"))
        published = doc.published if isinstance(doc, RawDocument) else None
        items.append(Item(key=key, url=link, title=title, published=published, doc=doc))
    return Found(items=tuple(items))


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child(element: ElementTree.Element, *path: str) -> str | None:
    """The text of the first descendant along ``path`` (local names, any namespace)."""
    current: ElementTree.Element | None = element
    for name in path:
        if current is not None:
            current = next((c for c in current if _local(c.tag) == name), None)
    return _text(current.text) if current is not None else None


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _inflate(data: bytes, *, max_bytes: int) -> bytes | None:
    """A gzipped sitemap (``.xml.gz`` served as such) inflated, None when over ``max_bytes``."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        out = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, max_bytes + 1)
    except zlib.error:
        return b""
    return None if len(out) > max_bytes else out


def sitemap_items(*, data: bytes, now: float, max_age_days: float, max_children: int,
                  max_bytes: int) -> Found:
    """The pages of a sitemap (those dated within ``max_age_days`` of ``now``, and undated
    ones), or the newest ``max_children`` child sitemaps of a sitemap index."""
    inflated = _inflate(data, max_bytes=max_bytes)
    if inflated is None:
        return Found(problem=f"the sitemap inflates to more than max_bytes={max_bytes}")
    try:
        root = ElementTree.fromstring(inflated)
    except ElementTree.ParseError as exc:
        return Found(problem=f"not XML: {exc}")
    oldest = now - max_age_days * 86400.0
    kind = _local(root.tag)
    if kind == "sitemapindex":
        dated = []
        for n, node in enumerate(c for c in root if _local(c.tag) == "sitemap"):
            loc, when = _child(node, "loc"), _when(_child(node, "lastmod"))
            if loc and (when is None or when.timestamp() >= oldest):
                dated.append((-(when.timestamp() if when else now), n, loc))
        return Found(children=tuple(loc for _, _, loc in sorted(dated)[:max_children]))
    if kind != "urlset":
        return Found(problem=f"not a sitemap (its root element is <{kind or '?'}>)")
    items = []
    for node in (c for c in root if _local(c.tag) == "url"):
        loc = _child(node, "loc")
        date = _child(node, "news", "publication_date") or _child(node, "lastmod")
        when = _when(date)
        if not loc or (when is not None and when.timestamp() < oldest):
            continue
        published = when.date().isoformat() if when else None
        items.append(Item(key=loc, url=loc, title=_child(node, "news", "title"),
                          published=published))
    return Found(items=tuple(items))
