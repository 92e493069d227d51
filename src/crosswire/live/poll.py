"""The network side of a watch round, run in worker threads (nothing here touches the store):
poll a source (a conditional GET of a feed or sitemap, a scan of a folder) and fetch an
item's page. Every request asks robots.txt first, then waits for the host gate."""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from crosswire.ingest.base import IngestConfig, Record
from crosswire.ingest.paths import expand_paths
from crosswire.ingest.url import read_url
from crosswire.live.config import WatchConfig
from crosswire.live.http import Answer, Failure, http_get
from crosswire.live.items import Found, Item, feed_items, sitemap_items
from crosswire.live.robots import RobotsCache
from crosswire.live.schedule import Clock, HostGate, Sleeper, host_key
from crosswire.live.sources import Source
from crosswire.models import RawDocument, Rejection
from crosswire.store.live import FileMark, ItemRow, Validators

__all__ = ["Fetched", "Fetcher", "Polled", "fetch_item", "poll_source"]

T = TypeVar("T")
_TRANSIENT_REASONS = frozenset({"timeout", "fetch-failed", "http-status"})
_GONE = re.compile(r"HTTP 4(?!08|25|29)\d\d$")  # a 4xx other than 408, 425, 429: final


class Fetcher:
    """HTTP for the watcher, shared by its threads: robots.txt, then the host gate, then a
    GET under the URL guard. A method returns None once ``stop`` is set."""

    def __init__(self, *, ingest: IngestConfig, watch: WatchConfig, clock: Clock,
                 sleep: Sleeper, stop: threading.Event) -> None:
        agent = watch.user_agent or ingest.user_agent
        self.ingest = dataclasses.replace(ingest, user_agent=agent)
        self.watch = watch
        self.gate = HostGate(delay_s=watch.host_delay_s, concurrency=watch.host_concurrency,
                             clock=clock, sleep=sleep, stop=stop)
        self.robots = RobotsCache(get=self._get_now, agent=agent, config=watch, clock=clock)
        self._lock = threading.Lock()
        self.requests = 0
        self.not_modified = 0

    def _gated(self, url: str, call: Callable[[], T]) -> T | None:
        host = host_key(url)
        if not self.gate.enter(host):
            return None
        try:
            with self._lock:
                self.requests += 1
            return call()
        finally:
            self.gate.leave(host)

    def _get_now(self, url: str) -> Answer | Failure | None:
        return self._gated(url, lambda: http_get(url, config=self.ingest,
                                                 user_agent=self.ingest.user_agent))

    def _refusal(self, url: str) -> Failure | None:
        """Why robots.txt keeps crosswire from ``url`` (None: go ahead); the host's
        Crawl-delay is applied to the gate."""
        verdict = self.robots.verdict(url)
        if verdict.crawl_delay_s is not None:
            delay = max(self.watch.host_delay_s, verdict.crawl_delay_s)
            self.gate.set_delay(host_key(url), delay)
        problem = self.robots.problem(url)
        if problem is None:
            return None
        why, transient = problem
        return Failure("fetch-failed" if transient else "refused", why)

    def get(self, url: str, *, known: Validators | None = None) -> Answer | Failure | None:
        """A conditional GET of a feed or sitemap."""
        refused = self._refusal(url)
        if refused is not None:
            return refused
        etag, modified = (known.etag, known.last_modified) if known else (None, None)
        got = self._gated(url, lambda: http_get(url, config=self.ingest, etag=etag,
                                                last_modified=modified,
                                                user_agent=self.ingest.user_agent))
        if isinstance(got, Answer) and got.not_modified:
            with self._lock:
                self.not_modified += 1
        return got

    def read(self, url: str) -> list[Record] | Failure | None:
        """An article page read as ``crosswire brief URL`` reads it."""
        refused = self._refusal(url)
        if refused is not None:
            return refused
        return self._gated(url, lambda: list(read_url(url=url, config=self.ingest)))


@dataclass(frozen=True, slots=True)
class Polled:
    """A poll's outcome: ``ok``, ``not-modified``, ``failed`` (with the failure) or
    ``stopped`` (nothing to record); the items found, the validators of the answers, and for
    a folder the files that are new or changed."""

    source: Source
    status: str
    items: tuple[Item, ...] = ()
    validators: tuple[Validators, ...] = ()
    failure: Failure | None = None
    files: tuple[FileMark, ...] = ()


def _unforeseen(exc: Exception) -> Failure:
    return Failure("unreadable", f"stopped on an unforeseen error: {type(exc).__name__}: {exc}")


def poll_source(source: Source, *, fetcher: Fetcher, known: Mapping[str, Validators],
                marks: Mapping[str, FileMark], now: float) -> Polled:
    """Poll one source (``known``: validators by URL; ``marks``: the folder's files as read).
    An unforeseen error (a parser's bug) fails this source only, with its message."""
    try:
        return _poll(source, fetcher=fetcher, known=known, marks=marks, now=now)
    except Exception as exc:  # one source's trouble must not stop the rest
        return Polled(source, "failed", failure=_unforeseen(exc))


def _poll(source: Source, *, fetcher: Fetcher, known: Mapping[str, Validators],
          marks: Mapping[str, FileMark], now: float) -> Polled:
    if source.kind == "folder":
        return _poll_folder(source, ingest=fetcher.ingest, marks=marks, now=now,
                            settle_s=fetcher.watch.folder_settle_s)
    got = fetcher.get(source.location, known=known.get(source.location))
    if got is None:
        return Polled(source, "stopped")
    if isinstance(got, Failure):
        return Polled(source, "failed", failure=got)
    if got.not_modified:
        return Polled(source, "not-modified")
    found = _parse(source, body=got.body, fetcher=fetcher, now=now)
    if found.problem:
        return Polled(source, "failed", failure=Failure("malformed", found.problem))
    validators = [Validators(source.location, got.etag, got.last_modified)]
    items, problems = list(found.items), []
    for child in found.children:
        part = fetcher.get(child, known=known.get(child))
        if part is None:
            return Polled(source, "stopped")
        if isinstance(part, Failure):
            problems.append(f"{child}: {part.message}")
            continue
        if part.not_modified:
            continue
        sub = _parse(source, body=part.body, fetcher=fetcher, now=now)
        if sub.problem or sub.children:
            problems.append(f"{child}: {sub.problem or 'a sitemap index inside an index'}")
            continue
        items += sub.items
        validators.append(Validators(child, part.etag, part.last_modified))
    failure = Failure("malformed", "; ".join(problems)) if problems else None
    return Polled(source, "failed" if failure else "ok", items=tuple(items),
                  validators=tuple(validators), failure=failure)


def _parse(source: Source, *, body: bytes, fetcher: Fetcher, now: float) -> Found:
    if source.kind == "feed":
        found = feed_items(data=body, origin=source.location)
        return dataclasses.replace(found, problem=f"not a feed: {found.problem}"
                                   if found.problem else None)
    watch = fetcher.watch
    return sitemap_items(data=body, now=now, max_age_days=watch.sitemap_max_age_days,
                         max_children=watch.max_child_sitemaps,
                         max_bytes=fetcher.ingest.max_bytes)


def _poll_folder(source: Source, *, ingest: IngestConfig, marks: Mapping[str, FileMark],
                 now: float, settle_s: float) -> Polled:
    folder = Path(source.location)
    if not folder.is_dir():
        return Polled(source, "failed", failure=Failure("not-found", f"no folder {folder}"))
    changed = []
    for path in expand_paths(paths=[str(folder)], config=ingest):
        if not isinstance(path, Path):
            continue
        try:
            stat = path.stat()
        except OSError:
            continue  # gone since it was listed
        if 0 <= now - stat.st_mtime < settle_s:
            continue  # maybe still being written: taken at a later poll
        mark = FileMark(str(path), stat.st_mtime_ns, stat.st_size)
        if marks.get(mark.path) != mark:
            changed.append(mark)
    return Polled(source, "ok", files=tuple(changed))


@dataclass(frozen=True, slots=True)
class Fetched:
    """An item's fetch: the records to add, or the failure (``transient``: try again)."""

    row: ItemRow
    docs: tuple[Record, ...] = ()
    failure: Failure | None = None
    transient: bool = False
    stopped: bool = False


def fetch_item(row: ItemRow, *, fetcher: Fetcher, fetch_articles: bool) -> Fetched:
    """The item's page (its id, and the feed's title and date, kept), or, when pages are
    not fetched or it has no link, the feed's own record of it. An unforeseen error fails
    this item only."""
    try:
        return _fetch(row, fetcher=fetcher, fetch_articles=fetch_articles)
    except Exception as exc:  # one page's trouble must not stop the rest
        return Fetched(row, failure=_unforeseen(exc))


def _fetch(row: ItemRow, *, fetcher: Fetcher, fetch_articles: bool) -> Fetched:
    if not (fetch_articles and row.url):
        own = row.doc or Rejection(row.doc_id, "no-text", "the item has no link and no text",
                                   row.url or row.source)
        return Fetched(row, docs=(own,))
    got = fetcher.read(row.url)
    if got is None:
        return Fetched(row, stopped=True)
    if isinstance(got, Failure):
        return Fetched(row, failure=got, transient=got.reason != "refused")
    if len(got) == 1 and isinstance(got[0], Rejection):
        failure = Failure(got[0].reason, got[0].message)
        transient = failure.reason in _TRANSIENT_REASONS and not _GONE.match(failure.message)
        return Fetched(row, failure=failure, transient=transient)
    if len(got) == 1 and isinstance(got[0], RawDocument):
        page = got[0]
        got = [dataclasses.replace(page, id=row.doc_id, title=row.title or page.title,
                                   published=row.published or page.published)]
    return Fetched(row, docs=tuple(got))
