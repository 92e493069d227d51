"""The SQLite file behind ``crosswire ingest`` / ``serve``: connection settings and every write.

One :class:`Store` wraps one connection in autocommit mode; each write method runs in its own
explicit transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``), so a process killed at any moment
leaves the file at the last committed write; a transaction only writes (cleaning and briefing
happen before it), and one that finds another process's transaction open waits and tries again,
then says the store is busy. One writer process at a time holds the store's writer lock
(:mod:`crosswire.store.lock`). The journal is WAL: readers (the read commands, the web app)
never block the writer and see only committed data; they open the file read-only (``mode=ro``,
``immutable`` in a read-only folder) and never create, migrate or write it.

Where the file is: the ``--db`` flag, else ``$CROSSWIRE_DB``, else ``./crosswire.db``
(:func:`default_db_path`).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TypeGuard

from crosswire.errors import StoreError, StoreVersionError
from crosswire.models import Article, Brief, Rejection
from crosswire.serialize import article_from_dict, article_to_dict, brief_to_json
from crosswire.store.lock import WriterLock
from crosswire.store.migrations import MIGRATIONS, migrate, schema_version

__all__ = [
    "DB_ENV",
    "DEFAULT_DB",
    "Store",
    "StoreError",
    "default_db_path",
    "is_store_failure",
    "open_store",
    "store_error",
    "utc_now",
]

DB_ENV = "CROSSWIRE_DB"
DEFAULT_DB = "crosswire.db"


def utc_now() -> str:
    """The current UTC time as ISO 8601 text (the default clock of the store)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def default_db_path(*, flag: str | None = None, env: Mapping[str, str] | None = None) -> Path:
    """``flag`` when given, else ``$CROSSWIRE_DB``, else ``./crosswire.db``."""
    environ = os.environ if env is None else env
    return Path(flag or environ.get(DB_ENV) or DEFAULT_DB)


_BUSY_CODES = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED
_BUSY_WAIT_S = 60.0  # how long a write waits for another process's transaction, in all
_FIRST_PAUSE_S = 0.05  # then doubled up to a second between tries
_BUGS = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)


def is_store_failure(exc: BaseException) -> TypeGuard[sqlite3.DatabaseError]:
    """True for an SQLite error that says the store cannot be used (locked, read-only, full,
    damaged, not a database), False for one that says crosswire has a bug."""
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, _BUGS)


def _is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return (code & 0xFF if code is not None else None) in _BUSY_CODES or "locked" in str(exc)


def store_error(*, path: Path, exc: sqlite3.Error) -> StoreError:
    """The one-line error a user can act on for what SQLite said of the store at ``path``."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    text = str(exc)
    if name == "SQLITE_NOTADB" or "not a database" in text:
        return StoreError(f"{path} is not a crosswire store: {text}")
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return StoreError(f"the store {path} is damaged ({text}): restore a copy, or ingest "
                          "into a new --db")
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return StoreError(f"the store {path} is read-only ({text}): a writer needs to write "
                          "the file and its folder")
    if _is_busy(exc):
        return StoreError(f"the store {path} is busy: another process keeps it locked ({text}); "
                          "try again when it is done")
    return StoreError(f"the store {path} cannot be used: {text}")


def _readonly_uri(path: Path) -> str:
    """``mode=ro``, and ``immutable=1`` where the folder is read-only and no WAL is pending:
    SQLite cannot open a WAL store read-only in a folder where it cannot create the
    ``-shm`` file, and no writer can change a store in a folder it cannot write."""
    folder = path.parent if str(path.parent) else Path(".")
    wal = path.with_name(path.name + "-wal")
    pending = wal.exists() and wal.stat().st_size > 0
    fixed = not os.access(folder, os.W_OK) and not pending
    return path.resolve().as_uri() + "?mode=ro" + ("&immutable=1" if fixed else "")


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    """A connection in autocommit mode; nothing is written yet (the journal mode of a writer
    is set once the file is known to be a crosswire store)."""
    try:
        if readonly:
            conn = sqlite3.connect(_readonly_uri(path), uri=True, isolation_level=None,
                                   check_same_thread=False)
        else:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA foreign_keys = ON")
        if readonly:
            conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the store {path}: {exc}") from exc
    return conn


def _prepare_writer(conn: sqlite3.Connection, *, clock: Callable[[], str]) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    migrate(conn, clock=clock)


def _check_file(path: Path, *, readonly: bool) -> None:
    """What can be told of ``path`` before SQLite opens it."""
    hint = f"run `crosswire ingest --db {path} PATH...` first"
    if readonly and not path.exists():
        raise StoreError(f"no store at {path}: {hint}")
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a store file")
    if readonly and path.stat().st_size == 0:
        raise StoreError(f"{path} is an empty file (0 bytes), not a crosswire store: {hint}")
    folder = path.parent if str(path.parent) else Path(".")
    if readonly:
        return
    if not folder.is_dir():
        raise StoreError(f"cannot create the store {path}: folder {folder} does not exist")
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(f"the store {path} is read-only: a writer (ingest, watch) needs to "
                         "write it; check its permissions or use another --db")
    if not os.access(folder, os.W_OK):
        raise StoreError(f"cannot write the store {path}: its folder {folder} is read-only "
                         "(SQLite writes its journal beside the store)")


def _check_schema(conn: sqlite3.Connection, *, path: Path, readonly: bool) -> None:
    """Refuse a database that is not a crosswire store, or (read-only) one not up to date."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if names and "schema_version" not in names:
        raise StoreError(f"{path} is an SQLite database but not a crosswire store")
    if not readonly:
        return
    version, latest = schema_version(conn), MIGRATIONS[-1].version
    if version > latest:
        raise StoreVersionError(
            f"the store {path} has schema version {version}, newer than this crosswire knows "
            f"({latest}); upgrade crosswire or use another --db")
    if version < latest:
        raise StoreError(f"the store {path} has schema version {version}, this crosswire reads "
                         f"{latest}: ingest into it once to upgrade it")


def open_store(
    *, path: Path, readonly: bool = False, clock: Callable[[], str] = utc_now
) -> Store:
    """Open (creating and migrating when needed) the store at ``path``.

    ``readonly`` opens an existing, up-to-date store for queries only (the read commands and
    each web request): a ``mode=ro`` connection that never creates, migrates or writes it.
    Every way the file can be unusable (missing or empty for a reader, read-only for a writer,
    damaged, not a database, another program's database) is a :class:`StoreError`.
    """
    _check_file(path, readonly=readonly)
    conn = _connect(path, readonly=readonly)
    try:
        _check_schema(conn, path=path, readonly=readonly)
        if not readonly:
            _prepare_writer(conn, clock=clock)
    except sqlite3.Error as exc:
        conn.close()
        if not is_store_failure(exc):
            raise
        raise store_error(path=path, exc=exc) from exc
    except BaseException:
        conn.close()
        raise
    return Store(conn=conn, path=path, clock=clock)


class Store:
    """An open store: the connection plus every write, each in its own transaction.

    ``writer`` is the store's :class:`~crosswire.store.lock.WriterLock` (one writer process at
    a time): ``ingest_paths`` holds it throughout, the watcher while it refreshes stories. Set
    its ``on_wait`` to tell the user when it waits for another writer.
    """

    def __init__(
        self, *, conn: sqlite3.Connection, path: Path, clock: Callable[[], str] = utc_now
    ) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock  # when a story's brief changed (``stories.changed``)
        self.writer = WriterLock(db=path)
        self.busy_wait_s = _BUSY_WAIT_S

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _begin(self) -> None:
        """``BEGIN IMMEDIATE``, tried again while another process holds the write lock (each
        try waits ``busy_timeout``) for ``busy_wait_s`` (a minute) in all; then a StoreError."""
        start = time.monotonic()
        pause = _FIRST_PAUSE_S
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                waited = time.monotonic() - start
                if not _is_busy(exc):
                    raise store_error(path=self.path, exc=exc) from exc
                if waited + pause > self.busy_wait_s:
                    raise StoreError(
                        f"the store {self.path} is busy: another process kept its write lock "
                        f"for the {waited:.0f}s this one waited ({exc}); try again when it is "
                        "done") from exc
                if pause == _FIRST_PAUSE_S and self.writer.on_wait is not None:
                    self.writer.on_wait(
                        f"another process holds a write transaction on the store {self.path}; "
                        f"trying again for up to {self.busy_wait_s:.0f}s")
            time.sleep(pause)
            pause = min(pause * 2, 1.0)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; rolled back on any exception. What SQLite says
        of an unusable store (busy, read-only, full, damaged) is raised as a StoreError."""
        self._begin()
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if is_store_failure(exc):
                raise store_error(path=self.path, exc=exc) from exc
            raise

    # ---- reads the writers need -------------------------------------------------------------

    def has_content(self, *, content_hash: str) -> bool:
        """True when a report with this content was stored (or rejected) before."""
        row = self.conn.execute(
            "SELECT 1 FROM articles WHERE content_hash = ? "
            "UNION ALL SELECT 1 FROM rejections WHERE key = ? LIMIT 1",
            (content_hash, content_hash),
        ).fetchone()
        return row is not None

    def articles(self) -> tuple[Article, ...]:
        """Every stored article, sorted by id."""
        rows = self.conn.execute("SELECT record FROM articles ORDER BY id").fetchall()
        return tuple(article_from_dict(json.loads(r[0])) for r in rows)

    def content_hashes(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT id, content_hash FROM articles").fetchall())

    def story_fingerprints(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT id, fingerprint FROM stories").fetchall())

    def get_meta(self, *, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    # ---- writes -------------------------------------------------------------------------------

    def _free_id(self, *, wanted: str, content_hash: str) -> str:
        taken = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (wanted,)).fetchone()
        return wanted if taken is None else f"{wanted}~{content_hash[:10]}"

    def add_article(self, *, article: Article, content_hash: str, origin: str) -> str | None:
        """Store one cleaned article and index it for search; returns the id it is stored under.

        Idempotent: a content hash already stored is left alone (None is returned). An id
        already used by different content gets ``~`` plus the start of the hash appended.
        Call inside :meth:`transaction`.
        """
        if self.has_content(content_hash=content_hash):
            return None
        art_id = self._free_id(wanted=article.id, content_hash=content_hash)
        record = article_to_dict(article) | {"id": art_id}
        cur = self.conn.execute(
            "INSERT INTO articles (id, content_hash, title, site, url, published, origin, record)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (art_id, content_hash, article.title, article.site, article.url, article.published,
             origin, json.dumps(record, ensure_ascii=False, sort_keys=True)),
        )
        self.conn.execute(
            "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
            (cur.lastrowid, article.title or "", article.text),
        )
        return art_id

    def add_rejection(self, *, key: str, rejection: Rejection) -> None:
        """Record (or refresh) a report that could not be used; call inside a transaction."""
        self.conn.execute(
            "INSERT OR REPLACE INTO rejections (key, id, reason, message, origin)"
            " VALUES (?, ?, ?, ?, ?)",
            (key, rejection.id, rejection.reason, rejection.message, rejection.origin),
        )

    def set_meta(self, *, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def delete_stories(self, *, story_ids: Sequence[str]) -> None:
        """Remove stories with their briefs, members and entities, in one transaction."""
        with self.transaction() as conn:
            for sid in story_ids:
                conn.execute("DELETE FROM stories WHERE id = ?", (sid,))

    def put_story(self, *, brief: Brief, fingerprint: str) -> None:
        """Replace one story's row, brief (its JSON: formats are rendered when asked for),
        members and entities atomically. ``changed`` becomes the clock's time unless the
        stored brief is the same."""
        sources = brief.sources
        dates = sorted(s.article.published for s in sources if s.article.published)
        text = brief_to_json(brief)
        with self.transaction() as conn:
            old = conn.execute(
                "SELECT s.changed, b.json FROM stories s JOIN briefs b ON b.story_id = s.id"
                " WHERE s.id = ?", (brief.story,),
            ).fetchone()
            changed = old[0] if old is not None and old[0] and old[1] == text else self.clock()
            conn.execute("DELETE FROM stories WHERE id = ?", (brief.story,))
            conn.execute(
                "INSERT INTO stories (id, fingerprint, title, articles, origins, voices, flags,"
                " earliest, latest, changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (brief.story, fingerprint, brief.title, len(sources),
                 len({s.origin_group for s in sources}),
                 len({s.voice or s.origin_group for s in sources}),
                 json.dumps(list(brief.flags), ensure_ascii=False),
                 dates[0] if dates else None, dates[-1] if dates else None, changed),
            )
            conn.execute("INSERT INTO briefs (story_id, json) VALUES (?, ?)", (brief.story, text))
            conn.executemany(
                "INSERT INTO story_articles (story_id, article_id, origin, origin_group, role)"
                " VALUES (?, ?, ?, ?, ?)",
                [(brief.story, s.article.id, s.origin, s.origin_group, s.role) for s in sources],
            )
            conn.executemany(
                "INSERT OR IGNORE INTO entities (story_id, name, type, aliases, sources)"
                " VALUES (?, ?, ?, ?, ?)",
                [(brief.story, e.name, e.type, json.dumps(list(e.aliases), ensure_ascii=False),
                  json.dumps(list(e.sources), ensure_ascii=False)) for e in brief.entities],
            )
