"""The outlet of a report: its site folded to one name per outlet, else a name off its title.

``edition.cnn.com``, ``www.cnn.com`` and ``us.cnn.com`` are one outlet, ``cnn.com``;
``usa.chinadaily.com.cn`` and ``www.chinadaily.com.cn`` are ``chinadaily.com.cn``. A site given
as a name ("The New York Times", as feeds and page metadata give it) is kept as written, and a
report's URL tells its outlet when it has no site host. A report with neither takes the name a
title often ends with ("... - BBC News").
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlsplit

from crosswire.models import Article
from crosswire.stages.voices.config import VoicesConfig
from crosswire.text.agencies import agency, agency_name

__all__ = ["Outlet", "SiteRules", "fold_host", "load_site_rules", "outlet_of"]

_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+")
_TITLE_TAIL = re.compile(r"\s(?:[-|\u2013\u2014]|::)\s+(?P<name>[^-|\u2013\u2014:]+?)\s*$")


@dataclass(frozen=True, slots=True)
class SiteRules:
    """Leading host labels folded away (``editions``) and the second-level labels of country
    domains (``second_level``: co.uk, com.cn), from ``data/sites.json``."""

    editions: frozenset[str]
    second_level: frozenset[str]


@functools.cache
def load_site_rules() -> SiteRules:
    raw = resources.files("crosswire.stages.voices").joinpath("data/sites.json")
    data = json.loads(raw.read_text("utf-8"))
    return SiteRules(frozenset(data["editions"]), frozenset(data["second_level"]))


@dataclass(frozen=True, slots=True)
class Outlet:
    """``key``: what tells two reports of one outlet (a folded host, else a lowercase name);
    ``name``: how a reader knows it."""

    key: str
    name: str


def _registrable(labels: list[str], rules: SiteRules) -> bool:
    """Whether ``labels`` are no more than a country domain's registrable suffix (co.uk)."""
    return len(labels) <= 1 or (
        len(labels) == 2 and labels[0] in rules.second_level and len(labels[1]) == 2
    )


def fold_host(host: str, /, *, rules: SiteRules | None = None) -> str | None:
    """``host`` lower-cased without a port, with its edition, version and region labels
    folded away ("edition.cnn.com" -> "cnn.com"); None when it is not a host name."""
    site_rules = rules or load_site_rules()
    text = host.strip().lower().rstrip(".")
    if "//" in text:
        text = urlsplit(text).hostname or ""
    text = text.split("/")[0].split(":")[0]
    if not _HOST.fullmatch(text):
        return None
    labels = text.split(".")
    while len(labels) > 2 and not _registrable(labels[1:], site_rules):
        head = labels[0]
        if head not in site_rules.editions and not (len(head) == 2 and head.isalpha()):
            break
        labels = labels[1:]
    return ".".join(labels)


def _host_of_url(url: str | None) -> str | None:
    if not url or "//" not in url:
        return None
    try:
        return urlsplit(url.strip()).hostname
    except ValueError:
        return None


def _named(name: str) -> Outlet:
    """An outlet given by name; an agency's name stands for its own site."""
    clean = " ".join(name.split())
    known = agency_name(clean)
    found = agency(known) if known and len(clean.split()) <= 3 else None
    if found is not None and found.sites:
        return Outlet(found.sites[0], clean)
    key = clean.lower().removeprefix("the ")
    return Outlet(key, clean)


def _title_outlet(title: str | None, *, config: VoicesConfig) -> str | None:
    """The outlet name a title ends with ("Budget passes | The Daily Star"), or None."""
    m = _TITLE_TAIL.search(title or "")
    if m is None:
        return None
    name = m.group("name").strip()
    words = name.split()
    head = (title or "")[: m.start()].split()
    if not 1 <= len(words) <= config.title_outlet_words or len(head) < 3:
        return None
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in {"the", "of", "and"}
               for w in words):
        return None
    return name


def outlet_of(*, article: Article, config: VoicesConfig) -> Outlet | None:
    """The outlet of a report: its site host folded, else its URL's host folded (named by its
    site when the site is a name), else its site name, else a name off its title; None when
    nothing tells it."""
    site = (article.site or "").strip()
    host = fold_host(site) if site else None
    if host is not None:
        return Outlet(host, host)
    from_url = _host_of_url(article.url)
    url_host = fold_host(from_url) if from_url else None
    if url_host is not None:
        return Outlet(url_host, " ".join(site.split()) or url_host)
    if site:
        return _named(site)
    name = _title_outlet(article.title, config=config)
    return _named(name) if name else None
