"""Story feeds: Atom (RFC 4287) and JSON Feed 1.1, one entry per story.

Pure: the stories come in as :func:`crosswire.store.queries.feed_stories` gives them (a dict of
the story's row, ``changed`` and its stored ``brief`` JSON as a dict), the document goes out as
UTF-8 bytes. Nothing reads a clock, and the entries keep the order given: the same stories
make the same bytes. The feed's own updated time is its newest entry's.

An entry of a story:

* id ``tag:crosswire,2025:story/<story id>``: the same while the story grows (its id is);
* updated (``date_modified``): when the story's brief last changed (``changed``), else the
  date of its newest report; published: the date of its oldest report;
* title; content: the event date, how many reports and independent voices (named), the
  brief's warnings, the summary with each sentence's sources named by outlet, the sources
  (linked only where their URL is http or https) and a link to the story page.

Everything a source wrote is untrusted: each string loses the characters XML 1.0 cannot carry
(controls but tab, newline and CR; lone surrogates; U+FFFE, U+FFFF) and those it asks to avoid
(DEL, the C1 controls), is HTML-escaped inside the content and XML-escaped (or JSON-encoded) in
the document; only http(s) URLs become links.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from crosswire import __version__
from crosswire.errors import UsageError
from crosswire.render.escape import id_path
from crosswire.render.names import cite_names, source_labels, voice_label

__all__ = [
    "ATOM_TYPE",
    "FEED_FORMATS",
    "JSON_FEED_TYPE",
    "JSON_FEED_VERSION",
    "FeedInfo",
    "entity_feed",
    "render_feed",
    "rfc3339",
    "search_feed",
    "stories_atom",
    "stories_feed",
    "stories_json_feed",
    "xml_safe",
]

ATOM_TYPE = "application/atom+xml"
JSON_FEED_TYPE = "application/feed+json"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
FEED_FORMATS: tuple[str, ...] = ("atom", "json")
_TAG = "tag:crosswire,2025:"
_EPOCH = "1970-01-01T00:00:00Z"  # the updated time of a feed or story that has no date at all
# What XML 1.0 allows (its Char production) but DEL and the C1 controls, which it asks
# documents to avoid; everything else is dropped.
_NOT_XML = re.compile("[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class FeedInfo:
    """What a feed is of: its title, the key in its id, and the paths (under the base URL) of
    the page it mirrors and of itself in each format."""

    title: str
    key: str
    page: str
    atom: str
    json: str


def _paths(name: str, query: Mapping[str, str]) -> tuple[str, str]:
    suffix = "?" + urlencode(dict(query)) if query else ""
    return f"/feeds/{name}.atom{suffix}", f"/feeds/{name}.json{suffix}"


def stories_feed(*, singles: bool = False) -> FeedInfo:
    """The feed of the story list (one-report stories too with ``singles``)."""
    query = {"singles": "1"} if singles else {}
    atom, json_path = _paths("stories", query)
    page = "/?sort=recent" + ("&singles=1" if singles else "")
    return FeedInfo("crosswire: stories", "stories" + ("?singles=1" if singles else ""),
                    page, atom, json_path)


def search_feed(*, query: str) -> FeedInfo:
    """The feed of the stories whose reports match ``query``."""
    atom, json_path = _paths("search", {"q": query})
    return FeedInfo(f"crosswire: search: {query}", "search?" + urlencode({"q": query}),
                    "/search?" + urlencode({"q": query}), atom, json_path)


def entity_feed(*, name: str) -> FeedInfo:
    """The feed of the stories naming the entity ``name``."""
    atom, json_path = _paths("entity", {"name": name})
    return FeedInfo(f"crosswire: {name}", "entity/" + quote(name, safe=""),
                    id_path("/entities", name), atom, json_path)


def xml_safe(text: str, /) -> str:
    """``text`` without the characters XML 1.0 cannot carry (or asks to avoid: DEL, C1)."""
    return _NOT_XML.sub("", text)


def _h(text: Any) -> str:
    """Untrusted text as HTML text (quotes too)."""
    return html.escape(xml_safe(str(text)), quote=True)


def _x(text: Any) -> str:
    """Text as XML character data or attribute value (double-quoted)."""
    return (xml_safe(str(text)).replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;").replace('"', "&quot;"))


def rfc3339(value: str | None, /) -> str | None:
    """A stored time (ISO 8601, or a date ``YYYY[-MM[-DD]]``: its first instant) as an RFC
    3339 UTC time; None when it is none or not a time."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        day = _DAY.fullmatch(text)
        if day:
            year, month, dom = (int(g) if g else 1 for g in day.groups())
            return date(year, month, dom).strftime("%Y-%m-%dT00:00:00Z")
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (ValueError, OverflowError):
        return None


def _web_url(url: Any) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (never a ``javascript:`` link)."""
    if not isinstance(url, str):
        return None
    text = xml_safe(url.strip())
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    ok = parts.scheme.lower() in ("http", "https") and parts.netloc and not re.search(r"\s", text)
    return text if ok else None


def _line(text: Any) -> str:
    """Text on one line (runs of whitespace one space), XML-safe; "" for None."""
    return " ".join(xml_safe(str(text or "")).split())


def _join(base: str, path: str) -> str:
    return xml_safe(base.rstrip("/") + path)


@dataclass(frozen=True, slots=True)
class _Entry:
    id: str
    url: str
    title: str
    updated: str
    published: str | None
    summary: str
    content: str
    event_date: str | None
    voices: tuple[str, ...]
    reports: int


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _cite(sources: Sequence[Any], labels: Mapping[str, str]) -> str:
    names = cite_names([str(s) for s in sources], labels)
    return "[" + ", ".join(names) + "]" if names else ""


def _voices(sources: Sequence[Mapping[str, Any]], labels: Mapping[str, str]) -> tuple[str, ...]:
    keys = {str(s.get("voice") or s.get("origin_group") or s["id"]) for s in sources}
    return tuple(sorted({voice_label(k, labels) for k in keys}, key=lambda n: (n.lower(), n)))


def _content(
    story: Mapping[str, Any], *, labels: Mapping[str, str], voices: tuple[str, ...], url: str
) -> str:
    brief: Mapping[str, Any] = story["brief"]
    sources: list[Mapping[str, Any]] = list(brief.get("sources", []))
    out: list[str] = []
    if brief.get("event_date"):
        out.append(f"<p>Event date: {_h(brief['event_date'])}</p>")
    reports, n_voices = int(story.get("articles", len(sources))), int(story.get("voices", 0))
    out.append(f"<p>{_plural(reports, 'report')} from {_plural(n_voices, 'independent voice')}"
               f": {_h(', '.join(voices))}</p>")
    out += [f"<p>Warning: {_h(flag)}</p>" for flag in brief.get("flags", [])]
    sentences = [
        f"<li>{_h(s.get('text', ''))} <small>{_h(_cite(s.get('sources', []), labels))}</small></li>"
        for s in brief.get("summary", [])
    ]
    if sentences:
        out.append("<p>Summary:</p><ul>" + "".join(sentences) + "</ul>")
    items = []
    for src in sources:
        name = _h(labels.get(str(src["id"]), str(src["id"])))
        link = _web_url(src.get("url"))
        head = f'<a href="{_h(link)}">{name}</a>' if link else name
        role, origin = str(src.get("role") or ""), src.get("origin")
        if origin:
            role += f" of {labels.get(str(origin), str(origin))}"
        bits = [head, _h(src.get("published") or "undated"), _h(role)]
        title = f": {_h(src['title'])}" if src.get("title") else ""
        items.append("<li>" + ", ".join(b for b in bits if b) + title + "</li>")
    if items:
        out.append("<p>Sources:</p><ul>" + "".join(items) + "</ul>")
    out.append(f'<p><a href="{_h(url)}">The story, source by source</a></p>')
    return "\n".join(out)


def _entry(story: Mapping[str, Any], *, base: str) -> _Entry:
    brief: Mapping[str, Any] = story["brief"]
    sources: list[Mapping[str, Any]] = list(brief.get("sources", []))
    labels = source_labels(
        (str(s["id"]), s.get("outlet") or s.get("site"), s.get("title")) for s in sources
    )
    voices = _voices(sources, labels)
    story_id = str(story["id"])
    url = _join(base, id_path("/stories", story_id))
    updated = (rfc3339(story.get("changed")) or rfc3339(story.get("latest"))
               or rfc3339(story.get("earliest")) or _EPOCH)
    summary = " ".join(
        f"{s.get('text', '')} {_cite(s.get('sources', []), labels)}".strip()
        for s in brief.get("summary", [])
    )
    return _Entry(
        id=_TAG + "story/" + quote(story_id, safe=""),
        url=url,
        title=_line(story.get("title")) or _line(brief.get("title")) or _line(story_id)
        or "(untitled)",
        updated=updated,
        published=rfc3339(story.get("earliest")),
        summary=xml_safe(summary),
        content=_content(story, labels=labels, voices=voices, url=url),
        event_date=xml_safe(str(brief["event_date"])) if brief.get("event_date") else None,
        voices=tuple(xml_safe(v) for v in voices),
        reports=int(story.get("articles", len(sources))),
    )


def _feed_updated(entries: Sequence[_Entry]) -> str:
    return max((e.updated for e in entries), default=_EPOCH)


def stories_atom(
    *, stories: Sequence[Mapping[str, Any]], info: FeedInfo, base_url: str
) -> bytes:
    """The Atom feed of ``stories`` (in the order given); links under ``base_url``."""
    entries = [_entry(s, base=base_url) for s in stories]
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<id>{_x(_TAG + info.key)}</id>",
        f"<title>{_x(info.title)}</title>",
        f"<updated>{_feed_updated(entries)}</updated>",
        f'<link rel="self" type="{ATOM_TYPE}" href="{_x(_join(base_url, info.atom))}"/>',
        f'<link rel="alternate" type="text/html" href="{_x(_join(base_url, info.page))}"/>',
        f'<link rel="alternate" type="{JSON_FEED_TYPE}" href="{_x(_join(base_url, info.json))}"/>',
        f'<generator version="{_x(__version__)}">crosswire</generator>',
        "<author><name>crosswire</name></author>",
    ]
    for e in entries:
        lines += [
            "<entry>",
            f"<id>{_x(e.id)}</id>",
            f"<title>{_x(e.title)}</title>",
            f"<updated>{e.updated}</updated>",
            *([f"<published>{e.published}</published>"] if e.published else []),
            f'<link rel="alternate" type="text/html" href="{_x(e.url)}"/>',
            *([f"<summary>{_x(e.summary)}</summary>"] if e.summary else []),
            f'<content type="html">{_x(e.content)}</content>',
            "</entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def stories_json_feed(
    *, stories: Sequence[Mapping[str, Any]], info: FeedInfo, base_url: str
) -> bytes:
    """The JSON Feed 1.1 of ``stories`` (in the order given); links under ``base_url``.
    Each item's ``_crosswire`` extension holds the story id, event date, report count and
    independent voices."""
    items = []
    for s, e in zip(stories, (_entry(s, base=base_url) for s in stories), strict=True):
        item: dict[str, Any] = {"id": e.id, "url": e.url, "title": e.title,
                                "content_html": e.content}
        if e.summary:
            item["summary"] = e.summary
        if e.published:
            item["date_published"] = e.published
        item["date_modified"] = e.updated
        item["_crosswire"] = {"story": xml_safe(str(s["id"])), "event_date": e.event_date,
                              "reports": e.reports, "independent_voices": list(e.voices)}
        items.append(item)
    doc = {
        "version": JSON_FEED_VERSION,
        "title": xml_safe(info.title),
        "home_page_url": xml_safe(_join(base_url, info.page)),
        "feed_url": xml_safe(_join(base_url, info.json)),
        "description": "One entry per story, its cited summary and independent voices.",
        "authors": [{"name": "crosswire"}],
        "items": items,
    }
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def render_feed(
    *, fmt: str, stories: Sequence[Mapping[str, Any]], info: FeedInfo, base_url: str
) -> bytes:
    """``stories`` as a feed document: ``atom`` or ``json`` (JSON Feed 1.1)."""
    if fmt == "atom":
        return stories_atom(stories=stories, info=info, base_url=base_url)
    if fmt == "json":
        return stories_json_feed(stories=stories, info=info, base_url=base_url)
    raise UsageError(f"unknown feed format {fmt!r}; choose one of {', '.join(FEED_FORMATS)}")
