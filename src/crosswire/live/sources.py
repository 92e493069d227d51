"""The sources ``crosswire watch`` follows, read from an OPML file, a text file of feed URLs
(one a line, ``#`` comments) or a TOML file::

    feeds = ["https://news.example/rss"]          # or [[feeds]] tables, or [feeds.NAME] tables

    [[sitemaps]]
    url = "https://news.example/news-sitemap.xml"
    every = "5m"                                  # per-source settings: every, name,
                                                  # fetch_articles (feeds and sitemaps)
    [[folders]]
    path = "drop/"                                # relative to the TOML file's folder

A source listed twice with the same settings is one source; with different settings, an error.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from xml.etree import ElementTree

from crosswire.errors import ConfigError, InputError
from crosswire.ingest.addresses import scheme_problem

__all__ = ["Source", "SourceKind", "load_sources", "parse_duration"]

SourceKind = Literal["feed", "sitemap", "folder"]
_KINDS: dict[str, SourceKind] = {"feeds": "feed", "sitemaps": "sitemap", "folders": "folder"}
_SETTINGS = {"every", "name", "fetch_articles"}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")
_UNIT_S = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


@dataclass(frozen=True, slots=True)
class Source:
    """One followed source: a feed or sitemap URL, or a folder; None settings: the defaults."""

    kind: SourceKind
    location: str
    every_s: float | None = None
    fetch_articles: bool | None = None
    name: str | None = None

    @property
    def id(self) -> str:
        """The key of the source's state in the store: ``kind:location``."""
        return f"{self.kind}:{self.location}"


def parse_duration(text: str) -> float:
    """Seconds in ``"90"``, ``"90s"``, ``"15m"``, ``"1h30m"``, ``"2d"``; more than 0."""
    compact = text.strip().lower().replace(" ", "")
    parts = _DURATION.findall(compact)
    if not compact or "".join(n + u for n, u in parts) != compact or (
        len(parts) > 1 and any(not u for _, u in parts)
    ):
        raise ConfigError(f"{text!r} is not a duration such as 90s, 15m, 1h30m or 2d")
    seconds = sum(float(n) * _UNIT_S[u] for n, u in parts)
    if not seconds > 0:
        raise ConfigError(f"the duration {text!r} must be more than 0")
    return seconds


def load_sources(*, path: Path) -> tuple[Source, ...]:
    """The sources listed in ``path`` (OPML, TOML or a text file of URLs), in file order."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the sources file {path}: {exc}") from exc
    head = data.lstrip()[:512].lower()
    if path.suffix.lower() == ".opml" or head.startswith((b"<?xml", b"<opml")):
        found = _from_opml(data, where=path)
    elif path.suffix.lower() == ".toml":
        found = _from_toml(data, where=path)
    else:
        found = _from_text(data, where=path)
    sources = _distinct(found, where=path)
    if not sources:
        raise InputError(f"the sources file {path} lists no feed, sitemap or folder")
    return sources


def _distinct(found: Iterable[Source], *, where: Path) -> tuple[Source, ...]:
    by_id: dict[str, Source] = {}
    for source in found:
        earlier = by_id.setdefault(source.id, source)
        if earlier != source:
            raise ConfigError(f"{where}: {source.location} is listed twice with other settings")
    return tuple(by_id.values())


def _url(text: str, *, where: str) -> str:
    url = text.strip()
    problem = scheme_problem(url)
    if problem:
        raise InputError(f"{where}: {problem}")
    return url


def _from_text(data: bytes, *, where: Path) -> list[Source]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"the sources file {where} is not UTF-8 text: {exc}") from exc
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        item = line.split(" #")[0].strip()
        if item and not item.startswith("#"):
            out.append(Source(kind="feed", location=_url(item, where=f"{where}:{n}")))
    return out


def _from_opml(data: bytes, *, where: Path) -> list[Source]:
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise InputError(f"the OPML file {where} cannot be read: {exc}") from exc
    out = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if url:
            name = outline.get("title") or outline.get("text") or None
            out.append(Source(kind="feed", location=_url(url, where=str(where)), name=name))
    return out


def _from_toml(data: bytes, *, where: Path) -> list[Source]:
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"the sources file {where} cannot be read: {exc}") from exc
    unknown = sorted(set(table) - set(_KINDS))
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {unknown}; known: feeds, sitemaps, folders")
    out = []
    for key, kind in _KINDS.items():
        value = table.get(key, [])
        if isinstance(value, dict):  # [feeds.NAME] tables
            entries: list[Any] = [{"name": name} | _table(item, where=f"{where} [{key}.{name}]")
                                  for name, item in value.items()]
        elif isinstance(value, list):
            entries = value
        else:
            raise ConfigError(f"{where}: {key} must be a list or tables, not {value!r}")
        for n, entry in enumerate(entries, 1):
            out.append(_entry(entry, kind=kind, where=f"{where} {key}[{n}]", base=where.parent))
    return out


def _table(value: Any, *, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table of settings, not {value!r}")
    return value


def _entry(entry: Any, *, kind: SourceKind, where: str, base: Path) -> Source:
    place = "path" if kind == "folder" else "url"
    settings = {place: entry} if isinstance(entry, str) else _table(entry, where=where)
    unknown = sorted(set(settings) - _SETTINGS - {place})
    if unknown or place not in settings or not isinstance(settings[place], str):
        raise ConfigError(f"{where}: needs {place} = \"...\"; optional keys "
                          f"{sorted(_SETTINGS)}; got {sorted(settings)}")
    if kind == "folder":
        folder = base / Path(settings[place]).expanduser()
        if not folder.is_dir():
            raise InputError(f"{where}: no folder {folder}")
        location = str(folder.resolve())
    else:
        location = _url(settings[place], where=where)
    every = settings.get("every")
    fetch = settings.get("fetch_articles")
    name = settings.get("name")
    if every is not None and not isinstance(every, str | int | float) or isinstance(every, bool):
        raise ConfigError(f"{where}: every = {every!r}: a duration (\"15m\") or seconds")
    if fetch is not None and (not isinstance(fetch, bool) or kind == "folder"):
        raise ConfigError(f"{where}: fetch_articles is true or false, for feeds and sitemaps")
    if name is not None and not isinstance(name, str):
        raise ConfigError(f"{where}: name = {name!r}: expected a string")
    seconds = parse_duration(str(every)) if every is not None else None
    return Source(kind=kind, location=location, every_s=seconds, fetch_articles=fetch, name=name)
