"""The SQLite file behind ``crosswire ingest`` / ``serve``: connection settings and every write.

One :class:`Store` wraps one connection in autocommit mode; each write method runs in its own
explicit transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``), so a process killed at any moment
leaves the file at the last committed write. The journal is WAL: readers (the web app) never
block the writer (``ingest``) and see only committed data.

Where the file is: the ``--db`` flag, else ``$CROSSWIRE_DB``, else ``./crosswire.db``
(:func:`default_db_path`).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from crosswire.errors import StoreError
from crosswire.models import Article, Brief, Rejection
from crosswire.serialize import article_from_dict, article_to_dict, brief_to_json
from crosswire.store.migrations import MIGRATIONS, migrate, schema_version

__all__ = [
    "DB_ENV",
    "DEFAULT_DB",
    "Store",
    "StoreError",
    "default_db_path",
    "open_store",
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


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 10000")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        if readonly:
            conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the store {path}: {exc}") from exc
    return conn


def open_store(
    *, path: Path, readonly: bool = False, clock: Callable[[], str] = utc_now
) -> Store:
    """Open (creating and migrating when needed) the store at ``path``.

    ``readonly`` opens an existing, up-to-date store for queries only (what each web request
    uses); it never creates or migrates.
    """
    if readonly and not path.exists():
        raise StoreError(f"no store at {path}: run `crosswire ingest --db {path} PATH...` first")
    if not readonly and path.parent and not path.parent.exists():
        raise StoreError(f"cannot create the store {path}: folder {path.parent} does not exist")
    conn = _connect(path, readonly=readonly)
    try:
        if readonly:
            version = schema_version(conn)
            if version != MIGRATIONS[-1].version:
                raise StoreError(f"the store {path} is at schema {version}: open it writable first")
        else:
            migrate(conn, clock=clock)
    except BaseException:
        conn.close()
        raise
    return Store(conn=conn, path=path, clock=clock)


class Store:
    """An open store: the connection plus every write, each in its own transaction."""

    def __init__(
        self, *, conn: sqlite3.Connection, path: Path, clock: Callable[[], str] = utc_now
    ) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock  # when a story's brief changed (``stories.changed``)

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

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

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
