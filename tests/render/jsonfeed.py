"""A JSON Feed 1.1 validator of our own (https://www.jsonfeed.org/version/1.1/): the required
fields, the type of every field the spec names, absolute http(s) URLs, RFC 3339 dates, unique
item ids, and no unknown key that is not an extension (``_name``). Shared by the renderer and
web feed tests."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

VERSION = "https://jsonfeed.org/version/1.1"
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")

_FEED_STR = ("title", "home_page_url", "feed_url", "description", "user_comment", "next_url",
             "icon", "favicon", "language")
_FEED_URLS = ("home_page_url", "feed_url", "next_url", "icon", "favicon")
_FEED_KEYS = {*_FEED_STR, "version", "authors", "author", "expired", "hubs", "items"}
_ITEM_STR = ("id", "url", "external_url", "title", "content_html", "content_text", "summary",
             "image", "banner_image", "language", "date_published", "date_modified")
_ITEM_URLS = ("url", "external_url", "image", "banner_image")
_ITEM_KEYS = {*_ITEM_STR, "tags", "authors", "author", "attachments"}


def _is_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def _is_time(value: str) -> bool:
    if not _RFC3339.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _authors(where: str, value: Any) -> list[str]:
    if not isinstance(value, list):
        return [f"{where}.authors is not an array"]
    out = []
    keys = ("name", "url", "avatar")
    for i, author in enumerate(value):
        if not isinstance(author, Mapping) or not any(k in author for k in keys):
            out.append(f"{where}.authors[{i}] is not an object with name, url or avatar")
            continue
        out += [f"{where}.authors[{i}].{k} is not a string"
                for k in keys if k in author and not isinstance(author[k], str)]
    return out


def _unknown(where: str, obj: Mapping[str, Any], known: set[str]) -> list[str]:
    return [f"{where} has unknown key {k!r} (extensions start with _)"
            for k in obj if k not in known and not str(k).startswith("_")]


def _item(i: int, item: Any) -> list[str]:
    where = f"items[{i}]"
    if not isinstance(item, Mapping):
        return [f"{where} is not an object"]
    out = _unknown(where, item, _ITEM_KEYS)
    if not isinstance(item.get("id"), str) or not item["id"]:
        out.append(f"{where}.id is missing or not a non-empty string")
    out += [f"{where}.{k} is not a string" for k in _ITEM_STR
            if k in item and not isinstance(item[k], str)]
    if not any(isinstance(item.get(k), str) for k in ("content_html", "content_text")):
        out.append(f"{where} has neither content_html nor content_text")
    out += [f"{where}.{k} is not an absolute http(s) URL" for k in _ITEM_URLS
            if isinstance(item.get(k), str) and not _is_url(item[k])]
    out += [f"{where}.{k} is not an RFC 3339 time" for k in ("date_published", "date_modified")
            if isinstance(item.get(k), str) and not _is_time(item[k])]
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        out.append(f"{where}.tags is not an array of strings")
    if "authors" in item:
        out += _authors(where, item["authors"])
    attachments = item.get("attachments", [])
    if not isinstance(attachments, list) or not all(
        isinstance(a, Mapping) and isinstance(a.get("url"), str)
        and isinstance(a.get("mime_type"), str) for a in attachments
    ):
        out.append(f"{where}.attachments are not objects with url and mime_type")
    return out


def json_feed_problems(doc: Any) -> list[str]:
    """What makes ``doc`` (a parsed JSON document) not a valid JSON Feed 1.1; [] when none."""
    if not isinstance(doc, Mapping):
        return ["the feed is not an object"]
    out = _unknown("feed", doc, _FEED_KEYS)
    if doc.get("version") != VERSION:
        out.append(f"version is {doc.get('version')!r}, not {VERSION!r}")
    if not isinstance(doc.get("title"), str):
        out.append("title is missing or not a string")
    out += [f"{k} is not a string" for k in _FEED_STR if k in doc and not isinstance(doc[k], str)]
    out += [f"{k} is not an absolute http(s) URL" for k in _FEED_URLS
            if isinstance(doc.get(k), str) and not _is_url(doc[k])]
    if "expired" in doc and not isinstance(doc["expired"], bool):
        out.append("expired is not a boolean")
    if "authors" in doc:
        out += _authors("feed", doc["authors"])
    items = doc.get("items")
    if not isinstance(items, list):
        return [*out, "items is missing or not an array"]
    ids: set[str] = set()
    for i, item in enumerate(items):
        out += _item(i, item)
        key = item.get("id") if isinstance(item, Mapping) else None
        if isinstance(key, str):
            if key in ids:
                out.append(f"items[{i}].id {key!r} is not unique")
            ids.add(key)
    return out
