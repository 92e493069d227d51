"""The stream clusterer's state in the store (tables ``stream_*``, migration 6).

:func:`open_stream` gives a :class:`~crosswire.stages.cluster.StreamClusterer` whose maps load
an entry from the store the first time it is read (a report's vector, a story's similarity sums,
an index posting list within the time window), so taking in a batch reads only the stories and
reports near it, whatever the size of the store; :func:`save_stream` writes back what the batch
changed. Both run inside one transaction of the caller (:func:`crosswire.store.ingest.assign_new`),
so a process killed at any moment leaves the state of the last whole batch.

The state is exact: the numbers read back are the ones written (floats as SQLite REALs,
vectors as JSON in their own term order), so a stream kept in the store takes the same
decisions as one kept in memory over the same reports.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.models import Story
from crosswire.serialize import story_from_dict, story_to_dict
from crosswire.stages.cluster import ClusterConfig, StreamClusterer, StreamState
from crosswire.stages.cluster.graph import Groups
from crosswire.store.lazy import DocFreq, Lazy, StoredIndex, chunks
from crosswire.store.sqlite import Store

__all__ = [
    "META_KEY",
    "META_SEQ",
    "StoredStream",
    "drop_pending",
    "get_stream_meta",
    "open_stream",
    "pending_stories",
    "reset_stream",
    "save_stream",
]

META_KEY = "key"  # the settings (derived_key) the state was built with
META_SEQ = "seq"  # the highest articles.seq taken in
_META_SIZE = "size"
_TABLES = ("stream_items", "stream_edges", "stream_index", "stream_df", "stream_groups",
           "stream_cross", "stream_pending", "stream_meta")

class _Loader:
    """Fills the lazy maps of one stream from the store."""

    def __init__(self, *, store: Store) -> None:
        self.conn = store.conn
        self.ids: Lazy[int, str] = Lazy(self.item)
        self.days: Lazy[int, int | None] = Lazy(self.item)
        self.vectors: Lazy[int, dict[str, float]] = Lazy(self.item)
        self.weighted_at: Lazy[int, int] = Lazy(self.item)
        self.n_terms: Lazy[int, int] = Lazy(self.item)
        self.embeddings: Lazy[int, tuple[float, ...] | None] = Lazy(self.item)
        self.owner: Lazy[int, int] = Lazy(self.item)
        self.counts: Lazy[int, tuple[tuple[str, float], ...]] = Lazy(self.counts_of)
        self.adjacency: Lazy[int, dict[int, float]] = Lazy(self.edges_of)
        self.terms: Lazy[int, int] = Lazy(self.group)
        self.internal: Lazy[int, float] = Lazy(self.group)
        self.masses: Lazy[int, float] = Lazy(self.group)
        self.version: Lazy[int, int] = Lazy(self.group)
        self.story_ids: Lazy[int, str | None] = Lazy(self.group)
        self.members: Lazy[int, list[int]] = Lazy(self.members_of)
        self.cross: Lazy[int, dict[int, float]] = Lazy(self.cross_of)
        self.old_story: dict[int, str | None] = {}

    def item(self, key: int) -> None:
        self.prefetch([key])

    def prefetch(self, keys: Sequence[int]) -> None:
        todo = [k for k in keys if not dict.__contains__(self.vectors, k)]
        for chunk in chunks(todo):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                "SELECT item, article_id, day, vector, weighted_at, n_terms, embedding, owner"
                f" FROM stream_items WHERE item IN ({marks})", chunk,
            ).fetchall()
            for item, art, day, vector, weighted, n_terms, embedding, owner in rows:
                self.ids.fill(item, art)
                self.days.fill(item, day)
                self.vectors.fill(item, json.loads(vector))
                self.weighted_at.fill(item, weighted)
                self.n_terms.fill(item, n_terms)
                self.embeddings.fill(item, None if embedding is None else
                                     tuple(json.loads(embedding)))
                self.owner.fill(item, owner)

    def counts_of(self, key: int) -> None:
        row = self.conn.execute("SELECT counts FROM stream_items WHERE item = ?",
                                (key,)).fetchone()
        if row is not None:
            self.counts.fill(key, tuple((t, w) for t, w in json.loads(row[0])))

    def edges_of(self, key: int) -> None:
        rows = self.conn.execute(
            "SELECT b, sim FROM stream_edges WHERE a = ? UNION ALL "
            "SELECT a, sim FROM stream_edges WHERE b = ?", (key, key),
        ).fetchall()
        self.adjacency.fill(key, dict(sorted(rows)))  # as in memory: ascending

    def group(self, key: int) -> None:
        row = self.conn.execute(
            "SELECT terms, internal, mass, version, story_id FROM stream_groups WHERE key = ?",
            (key,),
        ).fetchone()
        if row is None:
            return
        terms, internal, mass, version, sid = row
        self.terms.fill(key, terms)
        self.internal.fill(key, internal)
        self.masses.fill(key, mass)
        self.version.fill(key, version)
        self.story_ids.fill(key, sid)
        self.old_story.setdefault(key, sid)

    def members_of(self, key: int) -> None:
        rows = self.conn.execute(
            "SELECT item FROM stream_items WHERE owner = ? ORDER BY item", (key,)
        ).fetchall()
        if rows:
            self.members.fill(key, [int(r[0]) for r in rows])

    def cross_of(self, key: int) -> None:
        self.group(key)  # a group's row and its sums are read (and saved) together
        if not dict.__contains__(self.terms, key):
            return
        rows = self.conn.execute(
            "SELECT b, sum FROM stream_cross WHERE a = ? ORDER BY b", (key,)
        ).fetchall()
        self.cross.fill(key, {int(b): s for b, s in rows})


def get_stream_meta(*, store: Store, key: str) -> str | None:
    row = store.conn.execute("SELECT value FROM stream_meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _set_meta(*, store: Store, key: str, value: str) -> None:
    store.conn.execute("INSERT OR REPLACE INTO stream_meta (key, value) VALUES (?, ?)",
                       (key, value))


def reset_stream(*, store: Store, key: str) -> None:
    """Forget the state (the settings changed): every article is taken in again. Call inside
    a transaction."""
    for table in _TABLES:
        store.conn.execute(f"DELETE FROM {table}")
    _set_meta(store=store, key=META_KEY, value=key)


@dataclass(slots=True)
class StoredStream:
    """A stream opened on the store, with what saving it needs."""

    stream: StreamClusterer
    loader: _Loader
    first_new: int  # the first item number of this batch


def open_stream(*, store: Store, config: ClusterConfig) -> StoredStream:
    """A stream over the stored state (call inside the transaction that saves it)."""
    loader = _Loader(store=store)
    groups = Groups(linkage=config.linkage, cohesion=config.cohesion)
    groups.terms, groups.internal, groups.masses = loader.terms, loader.internal, loader.masses
    groups.version, groups.members, groups.cross = loader.version, loader.members, loader.cross
    index = StoredIndex(store=store, window_days=config.window_days,
                         max_posting=config.max_posting)
    size = int(get_stream_meta(store=store, key=_META_SIZE) or 0)
    state = StreamState(
        groups=groups, index=index, size=size,
        ids=loader.ids, days=loader.days, counts=loader.counts, vectors=loader.vectors,
        weighted_at=loader.weighted_at, n_terms=loader.n_terms, embeddings=loader.embeddings,
        owner=loader.owner, adjacency=loader.adjacency, doc_freq=DocFreq(store=store),
        prefetch=loader.prefetch,
    )
    return StoredStream(StreamClusterer(config=config, state=state), loader, size)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _save_items(*, store: Store, opened: StoredStream) -> None:
    st, ld, conn = opened.stream.state, opened.loader, store.conn
    new = range(opened.first_new, st.size)
    conn.executemany(
        "INSERT INTO stream_items (item, article_id, day, vector, counts, weighted_at, n_terms,"
        " embedding, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(i, st.ids[i], st.days[i], _dumps(st.vectors[i]), _dumps(st.counts[i]),
          st.weighted_at[i], st.n_terms[i],
          None if st.embeddings[i] is None else _dumps(st.embeddings[i]), st.owner[i])
         for i in new],
    )
    changed = sorted((ld.owner.dirty | ld.vectors.dirty | ld.weighted_at.dirty) - set(new))
    conn.executemany(
        "UPDATE stream_items SET owner = ?, vector = ?, weighted_at = ? WHERE item = ?",
        [(st.owner[i], _dumps(st.vectors[i]), st.weighted_at[i], i) for i in changed],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO stream_edges (a, b, sim) VALUES (?, ?, ?)",
        [(min(i, j), max(i, j), sim) for i in new for j, sim in st.adjacency[i].items()],
    )
    index = st.index
    if isinstance(index, StoredIndex):
        conn.executemany("INSERT INTO stream_index (term, day, item) VALUES (?, ?, ?)",
                         index.new)
    doc_freq = st.doc_freq
    if isinstance(doc_freq, DocFreq):
        conn.executemany("INSERT OR REPLACE INTO stream_df (term, n) VALUES (?, ?)",
                         [(t, doc_freq[t]) for t in sorted(doc_freq.dirty)])


def save_stream(
    *, store: Store, opened: StoredStream, stories: Sequence[tuple[int, Story]], seq: int
) -> tuple[str, ...]:
    """Write back what a batch changed: its reports, the stories (``stories``: the groups it
    touched, keyed, each waiting for its brief) and the stories gone (their rows deleted;
    their ids returned). Call inside the transaction :func:`open_stream` was called in."""
    _save_items(store=store, opened=opened)
    st, ld, conn = opened.stream.state, opened.loader, store.conn
    for key, story in stories:
        ld.story_ids[key] = story.id
    maps = (ld.terms, ld.internal, ld.masses, ld.version, ld.cross, ld.members)
    live = sorted(set().union(*(dict.keys(m) for m in maps)))
    gone = sorted(set().union(*(m.deleted for m in maps)) - set(live))
    for key in gone:
        conn.execute("DELETE FROM stream_groups WHERE key = ?", (key,))
        conn.execute("DELETE FROM stream_cross WHERE a = ?", (key,))
        conn.execute("DELETE FROM stream_pending WHERE key = ?", (key,))
    for key in live:
        conn.execute(
            "INSERT OR REPLACE INTO stream_groups (key, terms, internal, mass, version, story_id)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (key, ld.terms[key], ld.internal[key], ld.masses[key], ld.version[key],
             ld.story_ids.get(key)),
        )
        if dict.__contains__(ld.cross, key) or key >= opened.first_new:
            conn.execute("DELETE FROM stream_cross WHERE a = ?", (key,))
            conn.executemany("INSERT INTO stream_cross (a, b, sum) VALUES (?, ?, ?)",
                             [(key, b, v) for b, v in ld.cross[key].items()])
    conn.executemany(
        "INSERT OR REPLACE INTO stream_pending (key, story) VALUES (?, ?)",
        [(key, _dumps(story_to_dict(story))) for key, story in stories],
    )
    now = {story.id for _, story in stories}
    changed = set(gone) | {key for key, _ in stories}
    stale = sorted({sid for k, sid in ld.old_story.items()
                    if sid is not None and k in changed} - now)
    conn.executemany("DELETE FROM stories WHERE id = ?", [(sid,) for sid in stale])
    _set_meta(store=store, key=_META_SIZE, value=str(st.size))
    _set_meta(store=store, key=META_SEQ, value=str(seq))
    return tuple(stale)


def pending_stories(*, store: Store) -> list[tuple[int, Story]]:
    """The stories waiting for a brief, by key."""
    rows = store.conn.execute("SELECT key, story FROM stream_pending ORDER BY key").fetchall()
    return [(int(k), story_from_dict(json.loads(text))) for k, text in rows]


def drop_pending(*, store: Store, key: int, story_id: str) -> None:
    """The story of group ``key`` was briefed (the row is kept if the group changed since)."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM stream_pending WHERE key = ? AND json_extract(story, '$.story')"
                     " = ?", (key, story_id))
