"""URLs: fetched with httpx under the guard of :mod:`crosswire.ingest.fetch` (each address
checked and connected to as checked, a read timeout and a total deadline, a size cap);
private and loopback hosts are refused by default."""

from __future__ import annotations

import re
from collections.abc import Iterator

import xxhash

from crosswire.ingest.addresses import refusal, scheme_problem
from crosswire.ingest.base import IngestConfig, Record, looks_binary
from crosswire.ingest.decode import decode_bytes, decode_html
from crosswire.ingest.feed import parse_feed
from crosswire.models import RawDocument, Rejection

__all__ = ["is_url", "read_url", "refusal", "url_id"]

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


def is_url(text: str) -> bool:
    """True for 'scheme://...' (only http and https are fetched; others are refused)."""
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", text) is not None


def url_id(url: str) -> str:
    """A short stable id for a URL: 'url-' and 16 hex digits of its hash."""
    return "url-" + xxhash.xxh64(url.encode("utf-8"), seed=0).hexdigest()


def read_url(*, url: str, config: IngestConfig) -> Iterator[Record]:
    """A RawDocument for a page (or one per item for a feed), or a Rejection saying why not."""
    from crosswire.ingest.fetch import download

    doc_id = url_id(url)
    problem = scheme_problem(url)
    if problem:
        yield Rejection(doc_id, "refused", problem, url)
        return
    got = download(url, config=config, doc_id=doc_id)
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
