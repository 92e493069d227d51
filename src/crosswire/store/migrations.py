"""Schema migrations of the store: numbered SQL scripts, each applied once, in one transaction.

``schema_version`` records every applied version with the time it was applied; opening a store
applies the missing ones in order. A store written by a newer crosswire (a version above the
last one known here) is refused rather than guessed at.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from crosswire.errors import StoreVersionError

__all__ = ["MIGRATIONS", "Migration", "StoreVersionError", "migrate", "schema_version"]


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT,
    site TEXT,
    url TEXT,
    published TEXT,
    origin TEXT NOT NULL,
    record TEXT NOT NULL
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE rejections (
    key TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    origin TEXT NOT NULL
);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    title TEXT NOT NULL,
    articles INTEGER NOT NULL,
    origins INTEGER NOT NULL,
    earliest TEXT,
    latest TEXT
);
CREATE INDEX stories_latest ON stories (latest DESC, id);

CREATE TABLE briefs (
    story_id TEXT PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    json TEXT NOT NULL,
    text TEXT NOT NULL,
    md TEXT NOT NULL,
    html TEXT NOT NULL
);

CREATE TABLE story_articles (
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    origin TEXT,
    origin_group TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_articles_article ON story_articles (article_id);

CREATE TABLE entities (
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL,
    sources TEXT NOT NULL,
    PRIMARY KEY (story_id, name, type)
);
CREATE INDEX entities_name ON entities (name);
"""

# Briefs are kept as their JSON only; text, Markdown and HTML are rendered when asked for.
_V2 = """
ALTER TABLE briefs DROP COLUMN text;
ALTER TABLE briefs DROP COLUMN md;
ALTER TABLE briefs DROP COLUMN html;
"""

# Stories count independent voices (one per wire or outlet) and keep the brief's flags; a story
# stored before counts its origins until it is briefed again.
_V3 = """
ALTER TABLE stories ADD COLUMN voices INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';
UPDATE stories SET voices = origins;
CREATE INDEX stories_voices ON stories (voices DESC, articles DESC, id);
"""

# The state of ``crosswire watch`` (crosswire.live; read and written by store/live.py): each
# source's health and schedule, the validators of conditional GETs, the items seen in feeds and
# sitemaps, the files seen in folders, and which articles the stories were last refreshed for.
_V4 = """
CREATE TABLE live_sources (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    location TEXT NOT NULL,
    last_status TEXT,
    last_error TEXT,
    last_attempt REAL,
    last_success REAL,
    failures INTEGER NOT NULL DEFAULT 0,
    next_due REAL NOT NULL DEFAULT 0
);

CREATE TABLE live_validators (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT
);

CREATE TABLE live_items (
    key TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    url TEXT,
    title TEXT,
    published TEXT,
    doc TEXT,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    detail TEXT,
    seen REAL NOT NULL
);
CREATE INDEX live_items_state ON live_items (state, seen, key);

CREATE TABLE live_files (
    source TEXT NOT NULL,
    path TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    PRIMARY KEY (source, path)
);

CREATE TABLE live_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# When each story's brief last changed (set by ``Store.put_story`` when the brief differs from
# the stored one): the ``updated`` time of its entry in the story feeds. Null for a story stored
# before, until it is briefed again (the feeds then use its newest report's date).
_V5 = """
ALTER TABLE stories ADD COLUMN changed TEXT;
"""

# Incremental stories (store/stream.py): the stream clusterer's state, so that a new batch joins
# the stored stories without clustering the store again. Items are numbered in the order they
# were taken in; ``stream_groups`` are the stories (keyed by their smallest item, with the story
# id they were last stored under), ``stream_cross`` the similarity sums between them (both
# directions), ``stream_edges`` the report pairs (a < b), ``stream_index`` each report's heaviest
# terms by day, ``stream_df`` the document frequencies; ``stream_pending`` holds the stories a
# batch changed until they are briefed; ``stream_meta`` the count, the last article taken in
# (its ``seq``) and the settings the state was built with.
_V6 = """
CREATE TABLE stream_items (
    item INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,
    day INTEGER,
    vector TEXT NOT NULL,
    counts TEXT NOT NULL,
    weighted_at INTEGER NOT NULL,
    n_terms INTEGER NOT NULL,
    embedding TEXT,
    owner INTEGER NOT NULL
);
CREATE INDEX stream_items_owner ON stream_items (owner, item);

CREATE TABLE stream_edges (
    a INTEGER NOT NULL,
    b INTEGER NOT NULL,
    sim REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX stream_edges_b ON stream_edges (b, a);

CREATE TABLE stream_index (term TEXT NOT NULL, day INTEGER, item INTEGER NOT NULL);
CREATE INDEX stream_index_term ON stream_index (term, day, item);

CREATE TABLE stream_df (term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;

CREATE TABLE stream_groups (
    key INTEGER PRIMARY KEY,
    terms INTEGER NOT NULL,
    internal REAL NOT NULL,
    mass REAL NOT NULL,
    version INTEGER NOT NULL,
    story_id TEXT
);

CREATE TABLE stream_cross (
    a INTEGER NOT NULL,
    b INTEGER NOT NULL,
    sum REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;

CREATE TABLE stream_pending (key INTEGER PRIMARY KEY, story TEXT NOT NULL);

CREATE TABLE stream_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, stories, briefs, entities", _V1),
    Migration(2, "briefs as JSON only", _V2),
    Migration(3, "stories: independent voices and flags", _V3),
    Migration(4, "watch state: sources, validators, items, files", _V4),
    Migration(5, "stories: when each last changed", _V5),
    Migration(6, "incremental stories: the stream clusterer's state", _V6),
)


def _has_version_table(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    return row is not None


def schema_version(conn: sqlite3.Connection) -> int:
    """The highest applied migration (0 for an empty database)."""
    if not _has_version_table(conn):
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def _apply(conn: sqlite3.Connection, *, migration: Migration, now: str) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        if schema_version(conn) >= migration.version:  # another process got there first
            conn.execute("ROLLBACK")
            return
        for statement in _statements(migration.sql):
            conn.execute(statement)
        conn.execute(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
            (migration.version, migration.name, now),
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _statements(sql: str) -> list[str]:
    out: list[str] = []
    current = ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return out


def migrate(
    conn: sqlite3.Connection,
    *,
    clock: Callable[[], str],
    migrations: tuple[Migration, ...] = MIGRATIONS,
) -> int:
    """Apply every missing migration in order; returns the schema version reached.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each migration runs in its
    own explicit transaction, so a crash leaves the database at the previous version.
    """
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    latest = migrations[-1].version if migrations else 0
    current = schema_version(conn)
    if current > latest:
        raise StoreVersionError(
            f"the store has schema version {current}, newer than this crosswire knows ({latest}); "
            "upgrade crosswire or use another --db"
        )
    for migration in migrations:
        if migration.version > current:
            _apply(conn, migration=migration, now=clock())
    return schema_version(conn)
