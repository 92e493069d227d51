"""RSS and Atom feeds: one article per item, with the item's content, link, title and date."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crosswire.ingest.base import IngestConfig, Record, looks_binary, read_capped, stem_of
from crosswire.models import RawDocument, Rejection

__all__ = ["parse_feed", "read_feed_file"]


def _published(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


def _body(entry: Any) -> str | None:
    for content in entry.get("content") or ():
        value = content.get("value")
        if value and value.strip():
            return str(value)
    summary = entry.get("summary")
    return str(summary) if summary and summary.strip() else None


def _entry(entry: Any, *, doc_id: str, origin: str, site: str | None) -> Record:
    body = _body(entry)
    link = entry.get("link")
    if body is None:
        return Rejection(doc_id, "no-text", f"feed item {link or doc_id} has no content", origin)
    host = urlsplit(link).hostname if link else None
    is_html = "<" in body and ">" in body
    return RawDocument(
        id=doc_id,
        text=None if is_html else body,
        html=f"<html><body><article>{body}</article></body></html>" if is_html else None,
        title=entry.get("title") or None,
        url=link or None,
        site=site or host,
        published=_published(entry),
        origin=origin,
    )


def parse_feed(*, data: bytes, stem: str, origin: str) -> Iterator[Record]:
    """Records for the items of a feed given as bytes (used by the file and URL readers)."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception") or "empty feed"
        yield Rejection(stem, "malformed", f"no feed items found ({problem})", origin)
        return
    site = (parsed.get("feed") or {}).get("title") or None
    for n, entry in enumerate(entries, 1):
        doc_id = str(entry.get("id") or entry.get("link") or f"{stem}:{n}")
        yield _entry(entry, doc_id=f"{stem}:{n}" if len(doc_id) > 80 else doc_id,
                     origin=f"{origin}#{n}", site=site)


def read_feed_file(*, path: Path, config: IngestConfig) -> Iterator[Record]:
    """RawDocuments for the items of an RSS or Atom file."""
    stem = stem_of(path)
    try:
        data = read_capped(path, limit=config.max_bytes)
    except (OSError, EOFError) as exc:
        yield Rejection(stem, "unreadable", f"cannot read the file: {exc}", str(path))
        return
    if data is None:
        yield Rejection(stem, "too-large", f"more than max_bytes={config.max_bytes}", str(path))
    elif not data.strip():
        yield Rejection(stem, "empty", "the file is empty", str(path))
    elif looks_binary(data):
        yield Rejection(stem, "binary", "the file is binary, not a feed", str(path))
    else:
        yield from parse_feed(data=data, stem=stem, origin=str(path))
