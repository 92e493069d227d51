"""Page metadata read straight from the HTML head: title, date, site, author.

A few regular expressions over ``<meta>`` tags, JSON-LD, ``<title>`` and ``<time>``, with no
second parse of the page: cheap enough for every page (the full htmldate search over the
parsed page is an option of the cleaning stage).
"""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from crosswire.stages.clean.dates import parse_date

__all__ = ["PageMeta", "read_meta"]

_DATE_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate",
    "publishdate", "publish-date", "publish_date", "dc.date", "dc.date.issued", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime", "article.published",
    "originalpublicationdate", "og:updated_time", "article:modified_time", "datemodified",
)
_TITLE_KEYS = ("og:title", "twitter:title", "headline", "dc.title")
_SITE_KEYS = ("og:site_name", "application-name", "publisher", "dc.publisher")
_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_JSON_LD = re.compile(
    r"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL
)
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TIME_TAG = re.compile(r"<time\b[^>]*\bdatetime\s*=[^>]*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
_TITLE_SPLIT = re.compile(r"\s+[|\u2013\u2014\u00bb:-]\s+")
_AUTHOR_KEYS = (
    "author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author",
)


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None = None
    published: str | None = None
    site: str | None = None
    author: str | None = None


def _attributes(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html_lib.unescape(m.group(2).strip("\"'"))
        for m in _ATTRIBUTE.finditer(tag)
    }


def _meta_values(page: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for tag in _META_TAG.findall(page):
        attrs = _attributes(tag)
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or ""
        content = (attrs.get("content") or attrs.get("datetime") or "").strip()
        if key and content:
            values.setdefault(key.strip().lower(), content)
    return values


def _json_ld(page: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for block in _JSON_LD.findall(page):
        try:
            data = json.loads(block)
        except (json.JSONDecodeError, TypeError):
            continue
        items = data if isinstance(data, list) else (
            data.get("@graph", [data]) if isinstance(data, dict) else [])
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                _read_ld_item(item, found)
    return found


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return str(value).strip() if isinstance(value, str) and value.strip() else None


def _read_ld_item(item: dict[str, Any], found: dict[str, str]) -> None:
    kind = str(item.get("@type", ""))
    if not any(word in kind for word in ("Article", "Posting", "Report", "WebPage")):
        return
    for key, target in (("datePublished", "date"), ("headline", "title")):
        if isinstance(item.get(key), str):
            found.setdefault(target, item[key])
    for key, target in (("author", "author"), ("publisher", "site")):
        name = _name(item.get(key))
        if name:
            found.setdefault(target, name)


def _first(values: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((values[k] for k in keys if k in values), None)


def _time_element(page: str) -> str | None:
    m = _TIME_TAG.search(page)
    return _attributes(m.group()).get("datetime") if m else None


def _strip_site(title: str, site: str | None) -> str:
    """'Budget passes | X News' -> 'Budget passes' (a trailing site name is not the title)."""
    parts = [p.strip() for p in _TITLE_SPLIT.split(title) if p.strip()]
    if len(parts) < 2:
        return title.strip()
    last = parts[-1].lower()
    host = (site or "").lower().removeprefix("www.")
    if (host and (last in host or host.split(".")[0] in last.replace(" ", ""))) or (
        len(parts[-1].split()) <= 3 < len(parts[0].split())
    ):
        return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
    return title.strip()


def read_meta(*, html: str, url: str | None = None) -> PageMeta:
    """Title, publication date (YYYY-MM-DD), site name and author of a page's HTML."""
    meta = _meta_values(html)
    ld = _json_ld(html)
    raw_date = ld.get("date") or _first(meta, _DATE_KEYS) or _time_element(html)
    title = ld.get("title") or _first(meta, _TITLE_KEYS)
    if title is None:
        m = _TITLE_TAG.search(html)
        title = " ".join(html_lib.unescape(_TAGS.sub(" ", m.group(1))).split()) if m else None
    site = _first(meta, _SITE_KEYS) or ld.get("site")
    if site is None and url:
        site = urlsplit(url).hostname
    title = _strip_site(title, site) if title else None
    author = ld.get("author") or _first(meta, _AUTHOR_KEYS)
    if author and (author.startswith("http") or len(author) > 100):
        author = None
    return PageMeta(
        title=title or None,
        published=parse_date(raw_date) if raw_date else None,
        site=site or None,
        author=author or None,
    )
