"""The state of ``crosswire watch`` in the store (tables ``live_*``, migration 3): reads, and
writes each in one transaction, so a process killed at any moment leaves a state a restart
resumes from.

* ``live_sources``: per source, the last status and error, the times of the last attempt and
  success, the consecutive failures and when it is next due (seconds since the epoch);
* ``live_validators``: the ETag / Last-Modified of each feed or sitemap URL's last answer;
* ``live_items``: every feed or sitemap item seen (by its key: link, guid or page URL), with
  its state: ``pending`` (to fetch), ``done`` (stored, or known by content) or ``failed``;
* ``live_files``: the size and mtime of each file of a watched folder when last read;
* ``live_meta``: the articles and settings the stories were last refreshed for.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from crosswire.models import RawDocument, Rejection
from crosswire.store.sqlite import Store

__all__ = [
    "FileMark",
    "ItemRow",
    "ItemUpdate",
    "SourceState",
    "Validators",
    "add_items",
    "all_validators",
    "doc_from_json",
    "doc_to_json",
    "file_marks",
    "finish_items",
    "get_live_meta",
    "pending_items",
    "record_files",
    "record_poll",
    "set_live_meta",
    "source_states",
    "stored_articles_mark",
    "sync_sources",
]


@dataclass(frozen=True, slots=True)
class SourceState:
    """A source's health and schedule."""

    id: str
    kind: str
    location: str
    last_status: str | None = None
    last_error: str | None = None
    last_attempt: float | None = None
    last_success: float | None = None
    failures: int = 0
    next_due: float = 0.0


@dataclass(frozen=True, slots=True)
class Validators:
    """What makes the next GET of ``url`` conditional."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class ItemRow:
    """One feed or sitemap item: where its page is, and the feed's own record of it."""

    key: str
    source: str
    doc_id: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    doc: RawDocument | Rejection | None = None
    attempts: int = 0


@dataclass(frozen=True, slots=True)
class ItemUpdate:
    """An item's new state after a fetch: ``done``, ``failed`` or still ``pending``."""

    key: str
    state: str
    attempts: int
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class FileMark:
    path: str
    mtime_ns: int
    size: int


def doc_to_json(doc: RawDocument | Rejection | None) -> str | None:
    if doc is None:
        return None
    if isinstance(doc, Rejection):
        return json.dumps({"rejection": [doc.id, doc.reason, doc.message, doc.origin]})
    fields = {"id": doc.id, "text": doc.text, "html": doc.html, "title": doc.title,
              "url": doc.url, "site": doc.site, "published": doc.published, "origin": doc.origin}
    return json.dumps(fields, ensure_ascii=False, sort_keys=True)


def doc_from_json(text: str | None) -> RawDocument | Rejection | None:
    if text is None:
        return None
    data = json.loads(text)
    if "rejection" in data:
        doc_id, reason, message, origin = data["rejection"]
        return Rejection(doc_id, reason, message, origin)
    return RawDocument(**data)


def sync_sources(*, store: Store, sources: Iterable[tuple[str, str, str]]) -> None:
    """Add a row (due now) for each ``(id, kind, location)`` not known yet."""
    with store.transaction() as conn:
        conn.executemany(
            "INSERT OR IGNORE INTO live_sources (id, kind, location) VALUES (?, ?, ?)",
            list(sources),
        )


def source_states(*, store: Store) -> dict[str, SourceState]:
    rows = store.conn.execute(
        "SELECT id, kind, location, last_status, last_error, last_attempt, last_success,"
        " failures, next_due FROM live_sources ORDER BY id"
    ).fetchall()
    return {row[0]: SourceState(*row) for row in rows}


def all_validators(*, store: Store) -> dict[str, Validators]:
    rows = store.conn.execute("SELECT url, etag, last_modified FROM live_validators").fetchall()
    return {row[0]: Validators(*row) for row in rows}


def record_poll(*, store: Store, state: SourceState, validators: Sequence[Validators],
                items: Sequence[ItemRow], now: float, max_new: int) -> int:
    """Store one poll's outcome in one transaction: the source's new state, the validators of
    the answers, and up to ``max_new`` items not seen before (pending). Returns how many
    items were new."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE live_sources SET last_status = ?, last_error = ?, last_attempt = ?,"
            " last_success = ?, failures = ?, next_due = ? WHERE id = ?",
            (state.last_status, state.last_error, state.last_attempt, state.last_success,
             state.failures, state.next_due, state.id),
        )
        conn.executemany(
            "INSERT OR REPLACE INTO live_validators (url, etag, last_modified) VALUES (?, ?, ?)",
            [(v.url, v.etag, v.last_modified) for v in validators],
        )
        return add_items(store=store, items=items, now=now, max_new=max_new)


def add_items(*, store: Store, items: Sequence[ItemRow], now: float, max_new: int) -> int:
    """Insert up to ``max_new`` unseen items as pending (call inside a transaction)."""
    new = 0
    for item in items:
        if new >= max_new:
            break
        cursor = store.conn.execute(
            "INSERT OR IGNORE INTO live_items (key, source, doc_id, url, title, published, doc,"
            " state, attempts, seen) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)",
            (item.key, item.source, item.doc_id, item.url, item.title, item.published,
             doc_to_json(item.doc), now),
        )
        new += cursor.rowcount
    return new


def pending_items(*, store: Store) -> list[ItemRow]:
    """The items still to fetch, the longest waiting first."""
    rows = store.conn.execute(
        "SELECT key, source, doc_id, url, title, published, doc, attempts FROM live_items"
        " WHERE state = 'pending' ORDER BY seen, key"
    ).fetchall()
    return [ItemRow(key=r[0], source=r[1], doc_id=r[2], url=r[3], title=r[4], published=r[5],
                    doc=doc_from_json(r[6]), attempts=r[7]) for r in rows]


def finish_items(*, store: Store, updates: Sequence[ItemUpdate]) -> None:
    """Record the fetches of a batch (after its documents were added); the feed's own
    record of an item is dropped once the item is no longer pending."""
    with store.transaction() as conn:
        conn.executemany(
            "UPDATE live_items SET state = ?, attempts = ?, detail = ?,"
            " doc = CASE WHEN ? = 'pending' THEN doc ELSE NULL END WHERE key = ?",
            [(u.state, u.attempts, u.detail, u.state, u.key) for u in updates],
        )


def file_marks(*, store: Store, source: str) -> dict[str, FileMark]:
    rows = store.conn.execute(
        "SELECT path, mtime_ns, size FROM live_files WHERE source = ?", (source,)
    ).fetchall()
    return {row[0]: FileMark(*row) for row in rows}


def record_files(*, store: Store, source: str, marks: Sequence[FileMark]) -> None:
    """Remember the files of a folder as read (after their documents were added)."""
    with store.transaction() as conn:
        conn.executemany(
            "INSERT OR REPLACE INTO live_files (source, path, mtime_ns, size) VALUES (?, ?, ?, ?)",
            [(source, m.path, m.mtime_ns, m.size) for m in marks],
        )


def get_live_meta(*, store: Store, key: str) -> str | None:
    row = store.conn.execute("SELECT value FROM live_meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_live_meta(*, store: Store, key: str, value: str) -> None:
    with store.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO live_meta (key, value) VALUES (?, ?)", (key, value))


def stored_articles_mark(*, store: Store) -> str:
    """Changes whenever an article is added: the count and the highest row number."""
    count, top = store.conn.execute("SELECT COUNT(*), MAX(seq) FROM articles").fetchone()
    return f"{count}:{top or 0}"
