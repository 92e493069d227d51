"""The watch loop: rounds of polling due sources, fetching the items they list, adding the
new reports to the store and bringing the stories up to date.

A round, each step committed as it goes (a process killed at any moment loses nothing a
restart does not redo, and duplicates nothing: reports are known by content):

1. every due source is polled in the worker pool; each outcome is committed on its own (the
   source's health and next due time, the validators, the new items as ``pending``); a
   folder's new or changed files are read and added in batches;
2. the pending items are fetched (interleaved by host), and every ``batch_size`` fetches
   their reports go through :func:`crosswire.store.ingest.add_documents`, then the items are
   marked done (or kept pending after a transient failure, up to ``item_attempts`` tries);
3. when articles were added since the last refresh (or the settings changed), the stories
   are refreshed through :func:`update_stories`.

``stop`` (set by SIGTERM or SIGINT in the CLI) ends the loop between batches: waits for the
host gate end at once, requests in flight finish, their batch is committed, and the next
start brings the stories up to date.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from crosswire.config import Config
from crosswire.ingest.paths import read_path
from crosswire.live.config import WatchConfig
from crosswire.live.items import item_doc_id
from crosswire.live.poll import Fetched, Fetcher, Polled, fetch_item, poll_source
from crosswire.live.schedule import Clock, Sleeper, backoff_s, host_key
from crosswire.live.sources import Source
from crosswire.models import RawDocument, Rejection
from crosswire.store import live as state
from crosswire.store.ingest import AddReport, RefreshReport, add_documents, derived_key
from crosswire.store.ingest import refresh_stories as _refresh_stories
from crosswire.store.sqlite import Store

__all__ = ["RoundReport", "Watcher", "update_stories"]

_REFRESHED = "refreshed"


def update_stories(*, store: Store, config: Config, nlp: Any = None,
                   load_nlp: Callable[[], Any] | None = None) -> RefreshReport:
    """Bring the stored stories up to date with the stored articles: the one place the
    watcher refreshes stories: the new reports join the stored stories and only the stories
    they touched are briefed again (:func:`crosswire.store.ingest.refresh_stories`), holding the
    store's writer lock so that it never interleaves with an ingest's refresh."""
    with store.writer:
        return _refresh_stories(store=store, config=config, nlp=nlp, load_nlp=load_nlp)


@dataclass(frozen=True, slots=True)
class RoundReport:
    """What one round did."""

    polled: int = 0
    not_modified: int = 0
    failed: tuple[str, ...] = ()  # one line per failing source: what, how often, why
    new_items: int = 0
    added: int = 0
    known: int = 0
    rejected: int = 0
    pending: int = 0
    stories: int | None = None  # None: the stories were already up to date
    briefed: int = 0
    stopped: bool = False


@dataclass
class _Tally:
    added: int = 0
    known: int = 0
    rejected: int = 0

    def take(self, report: AddReport) -> None:
        self.added += len(report.added)
        self.known += report.known
        self.rejected += len(report.rejected)


def _minutes(seconds: float) -> str:
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    return (f"{hours}h" if hours else "") + f"{rest // 60}m{rest % 60:02d}s"


class Watcher:
    """Follows ``sources`` into ``store``. ``clock`` (seconds since the epoch) and ``sleep``
    are injectable; ``refresh`` replaces :func:`update_stories` (tests)."""

    def __init__(self, *, store: Store, sources: Sequence[Source], config: Config,
                 watch: WatchConfig | None = None, clock: Clock = time.time,
                 sleep: Sleeper | None = None, stop: threading.Event | None = None,
                 log: Callable[[str], None] | None = None, nlp: Any = None,
                 refresh: Callable[..., RefreshReport] = update_stories) -> None:
        self.store = store
        self.sources = tuple(sources)
        self.config = config
        self.watch = watch or config.watch
        self.clock = clock
        self.stop = stop or threading.Event()
        self.sleep: Sleeper = sleep or self._wait
        self.log = log or (lambda line: None)
        self.fetcher = Fetcher(ingest=config.ingest, watch=self.watch, clock=clock,
                               sleep=self.sleep, stop=self.stop)
        self._nlp = nlp
        self._refresh = refresh
        self._by_id = {s.id: s for s in self.sources}
        self._pool = ThreadPoolExecutor(max_workers=self.watch.workers,
                                        thread_name_prefix="crosswire-watch")
        state.sync_sources(store=store, sources=[(s.id, s.kind, s.location)
                                                 for s in self.sources])

    def _wait(self, seconds: float) -> None:
        self.stop.wait(seconds)  # the default sleeper: a stop ends it at once

    def close(self) -> None:
        self.stop.set()
        self.fetcher.gate.wake()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request_stop(self) -> None:
        """Stop between batches (safe to call from a signal handler)."""
        self.stop.set()

    # ---- the loop -----------------------------------------------------------------------

    def run(self, *, once: bool = False) -> list[RoundReport]:
        """Rounds until stopped (``once``: one round polling every source now)."""
        reports = []
        while not self.stop.is_set():
            report = self.round(force=once)
            reports.append(report)
            if once or self.stop.is_set():
                break
            self.sleep(self._until_next())
        return reports

    def _until_next(self) -> float:
        states = state.source_states(store=self.store)
        due = [states[s.id].next_due for s in self.sources if s.id in states]
        wait = min(due, default=self.clock() + self.watch.every_s) - self.clock()
        if self._pending():
            wait = min(wait, self.watch.retry_s)
        return max(0.0, wait)

    def round(self, *, force: bool = False) -> RoundReport:
        """Poll the due sources (``force``: all of them), fetch the pending items, add what
        is new and refresh the stories when articles were added."""
        now = self.clock()
        tally = _Tally()
        polled, failed, new_items = self._poll_all(now=now, force=force, tally=tally)
        if not self.stop.is_set():
            self._fetch_pending(tally=tally)
        pending = len(self._pending())
        refreshed = None if self.stop.is_set() else self._refresh_if_behind()
        report = RoundReport(
            polled=len(polled), not_modified=sum(p.status == "not-modified" for p in polled),
            failed=tuple(failed), new_items=new_items, added=tally.added, known=tally.known,
            rejected=tally.rejected, pending=pending,
            stories=refreshed.stories if refreshed else None,
            briefed=len(refreshed.updated) if refreshed else 0, stopped=self.stop.is_set(),
        )
        self.log(_describe(report))
        return report

    # ---- step 1: polls ------------------------------------------------------------------

    def _poll_all(self, *, now: float, force: bool,
                  tally: _Tally) -> tuple[list[Polled], list[str], int]:
        states = state.source_states(store=self.store)
        due = [s for s in self.sources if force or states[s.id].next_due <= now]
        known = state.all_validators(store=self.store)
        futures = [
            self._pool.submit(poll_source, s, fetcher=self.fetcher, known=known, now=now,
                              marks=state.file_marks(store=self.store, source=s.id)
                              if s.kind == "folder" else {})
            for s in due
        ]
        polled, failed, new_items = [], [], 0
        for future in as_completed(futures):
            result = future.result()
            if result.status == "stopped":
                continue
            polled.append(result)
            new_items += self._commit_poll(result, before=states[result.source.id], now=now)
            if result.failure is not None:
                failed.append(self._report_failure(result))
            if result.files:
                self._read_files(result, tally=tally)
        return polled, failed, new_items

    def _commit_poll(self, polled: Polled, *, before: state.SourceState, now: float) -> int:
        source = polled.source
        every = source.every_s or self.watch.every_s
        failure = polled.failure
        if failure is None:
            after = replace(before, last_status=polled.status, last_error=None,
                            last_attempt=now, last_success=now, failures=0, next_due=now + every)
        else:
            failures = before.failures + 1
            wait = backoff_s(failures=failures, config=self.watch,
                             retry_after_s=failure.retry_after_s)
            after = replace(before, last_status="failed", last_attempt=now, failures=failures,
                            last_error=f"{failure.reason}: {failure.message}",
                            next_due=now + wait)
        rows = [state.ItemRow(key=i.key, source=source.id, doc_id=item_doc_id(i.key), url=i.url,
                              title=i.title, published=i.published, doc=i.doc)
                for i in polled.items]
        return state.record_poll(store=self.store, state=after, validators=polled.validators,
                                 items=rows, now=now, max_new=self.watch.max_new_items)

    def _report_failure(self, polled: Polled) -> str:
        row = state.source_states(store=self.store)[polled.source.id]
        wait = row.next_due - self.clock()
        line = (f"{polled.source.kind} {polled.source.location}: failed "
                f"{row.failures} time(s) in a row: {row.last_error}; next try in "
                f"{_minutes(max(wait, 0.0))}")
        self.log(f"crosswire watch: {line}")
        return line

    def _read_files(self, polled: Polled, *, tally: _Tally) -> None:
        marks = sorted(polled.files, key=lambda m: m.path)
        size = self.watch.batch_size
        for start in range(0, len(marks), size):
            if self.stop.is_set():
                return
            chunk = marks[start:start + size]
            docs = [r for m in chunk for r in read_path(path=Path(m.path),
                                                        config=self.config.ingest)]
            tally.take(self._add(docs))
            state.record_files(store=self.store, source=polled.source.id, marks=chunk)

    def _add(self, docs: Sequence[RawDocument | Rejection]) -> AddReport:
        return add_documents(store=self.store, docs=docs, config=self.config,
                             batch_size=max(1, len(docs)))

    # ---- step 2: items ------------------------------------------------------------------

    def _pending(self) -> list[state.ItemRow]:
        """The pending items of the sources followed (those of a source taken out of the
        SOURCES file wait until it is listed again)."""
        return [r for r in state.pending_items(store=self.store) if r.source in self._by_id]

    def _fetches_pages(self, source_id: str) -> bool:
        source = self._by_id.get(source_id)
        if source is not None and source.fetch_articles is not None:
            return source.fetch_articles
        return self.watch.fetch_articles

    def _fetch_pending(self, *, tally: _Tally) -> None:
        rows = self._pending()
        rank: dict[str, int] = {}
        order = []
        for row in rows:  # interleaved by host, so one slow host does not hold the rest
            host = host_key(row.url or "")
            rank[host] = rank.get(host, -1) + 1
            order.append((rank[host], host, row.key, row))
        futures: list[Future[Fetched]] = [
            self._pool.submit(fetch_item, row, fetcher=self.fetcher,
                              fetch_articles=self._fetches_pages(row.source))
            for _, _, _, row in sorted(order, key=lambda t: t[:3])
        ]
        batch: list[Fetched] = []
        cancelled = False
        for future in as_completed(futures):
            if self.stop.is_set() and not cancelled:
                cancelled = True
                for other in futures:
                    other.cancel()
            if future.cancelled():
                continue
            result = future.result()
            if not result.stopped:
                batch.append(result)
            if len(batch) >= self.watch.batch_size:
                self._commit_items(batch, tally=tally)
                batch = []
        if batch:
            self._commit_items(batch, tally=tally)

    def _commit_items(self, batch: list[Fetched], *, tally: _Tally) -> None:
        docs: list[RawDocument | Rejection] = []
        updates = []
        for fetched in sorted(batch, key=lambda f: f.row.key):
            row, failure = fetched.row, fetched.failure
            tries = row.attempts + 1
            if failure is None:
                docs += fetched.docs
                updates.append(state.ItemUpdate(row.key, "done", tries))
                continue
            detail = f"{failure.reason}: {failure.message}"
            if fetched.transient and tries < self.watch.item_attempts:
                updates.append(state.ItemUpdate(row.key, "pending", tries, detail))
            elif isinstance(row.doc, RawDocument):  # the page failed: the feed's text is used
                docs.append(row.doc)
                updates.append(state.ItemUpdate(row.key, "done", tries, detail))
            else:
                docs.append(Rejection(row.doc_id, failure.reason, failure.message,
                                      row.url or row.source))
                updates.append(state.ItemUpdate(row.key, "failed", tries, detail))
        if docs:
            tally.take(self._add(docs))
        state.finish_items(store=self.store, updates=updates)

    # ---- step 3: stories ----------------------------------------------------------------

    def _load_nlp(self) -> Any:
        from crosswire.nlp import load_nlp

        self._nlp = load_nlp()
        return self._nlp

    def _refresh_if_behind(self) -> RefreshReport | None:
        mark = f"{state.stored_articles_mark(store=self.store)}:{derived_key(config=self.config)}"
        if state.get_live_meta(store=self.store, key=_REFRESHED) == mark:
            return None
        report = self._refresh(store=self.store, config=self.config, nlp=self._nlp,
                               load_nlp=self._load_nlp)
        state.set_live_meta(store=self.store, key=_REFRESHED, value=mark)
        return report


def _describe(report: RoundReport) -> str:
    line = (f"crosswire watch: {report.polled} source(s) polled ({report.not_modified} not "
            f"modified, {len(report.failed)} failed), {report.new_items} new item(s); "
            f"{report.added} report(s) added, {report.known} already stored, "
            f"{report.rejected} failed; {report.pending} item(s) pending")
    if report.stories is not None:
        line += f"; {report.stories} stories ({report.briefed} briefed)"
    if report.stopped:
        line += "; stopped (the stories are brought up to date at the next start)"
    return line
