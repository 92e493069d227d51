"""Continuous ingest: add reports to the store, then bring stories and briefs up to date.

Two steps, both safe to kill at any moment and to run again:

1. :func:`add_documents` cleans each new report and commits it (``batch_size`` reports per
   transaction). A report is known by the hash of its content, so one already stored is
   skipped without being cleaned again: re-ingesting a folder adds nothing.
2. :func:`refresh_stories` takes the reports stored since the last refresh into the stored
   stories (:func:`assign_new`: the stream clusterer of :mod:`crosswire.stages.cluster`, its
   state kept in the store by :mod:`crosswire.store.stream`, one transaction per batch): each
   joins the story closest to it or opens one, stories that converge merge, and only the
   stories the batch touched are judged again (off-topic parts) and wait for a brief. The
   cost of a batch is that of its reports and the stories they touch, not of the store;
   nothing new means no clustering. Each waiting story is then re-briefed unless its
   fingerprint (members, their content, their off-topic segments, crosswire's version and
   settings) is unchanged, and committed on its own; an interrupted refresh is finished by
   the next one. A change of version or settings takes every report in again.

The derived data is a function of the stored articles and the order of the batches they came
in (each batch in publication order), so a run that was killed and run again ends in the same
state as one clean run. Stories are the stream's, not ``crosswire brief --all``'s batch
clustering: on reports that come in as one batch the two mostly agree (see the clustering
bench), and a report published before reports of an earlier batch is placed as it comes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from crosswire import __version__
from crosswire.config import Config
from crosswire.errors import UsageError
from crosswire.ingest import read_paths
from crosswire.models import Article, Brief, RawDocument, Rejection, Story
from crosswire.pipeline import assign_stories, story_order
from crosswire.pipeline.parallel import brief_each
from crosswire.serialize import article_from_dict, story_to_dict
from crosswire.stages.clean import clean_document
from crosswire.store import stream as stream_state
from crosswire.store.sqlite import Store

__all__ = [
    "AddReport",
    "IngestReport",
    "RefreshReport",
    "add_documents",
    "assign_new",
    "content_hash",
    "derived_key",
    "ingest_paths",
    "refresh_stories",
    "story_fingerprint",
]


@dataclass(frozen=True, slots=True)
class AddReport:
    """What :func:`add_documents` did: ids stored, reports already known, rejections."""

    added: tuple[str, ...]
    known: int
    rejected: tuple[Rejection, ...]


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """What :func:`refresh_stories` did: stories now stored, re-briefed and removed."""

    stories: int
    updated: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IngestReport:
    added: AddReport
    refreshed: RefreshReport


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def content_hash(*, doc: RawDocument) -> str:
    """The id of a report's content: sha256 of its text (or HTML), whatever its file name."""
    kind, body = ("html", doc.html) if doc.html is not None else ("text", doc.text or "")
    return _sha(f"{kind}\0{body}")[:32]


def _rejection_key(rejection: Rejection) -> str:
    return "r-" + _sha(f"{rejection.origin}\0{rejection.id}\0{rejection.reason}")[:30]


def _clean_one(
    *, store: Store, doc: RawDocument | Rejection, config: Config
) -> tuple[str, Article | Rejection | None]:
    """A report's key and what to store of it (None: known), before any transaction."""
    if isinstance(doc, Rejection):
        return _rejection_key(doc), doc
    key = content_hash(doc=doc)
    if store.has_content(content_hash=key):
        return key, None
    return key, clean_document(doc=doc, config=config.clean)


def _store_one(
    *, store: Store, key: str, doc: RawDocument | Rejection, cleaned: Article | Rejection | None
) -> str | Rejection | None:
    """Write one cleaned report (inside a transaction): its id, its Rejection, or None when
    its content was stored meanwhile (by an earlier report of the batch, or another writer)."""
    if isinstance(doc, Rejection):
        store.add_rejection(key=key, rejection=doc)
        return doc
    if cleaned is None or store.has_content(content_hash=key):
        return None
    if isinstance(cleaned, Rejection):
        store.add_rejection(key=key, rejection=cleaned)
        return cleaned
    return store.add_article(article=cleaned, content_hash=key, origin=doc.origin)


def add_documents(
    *,
    store: Store,
    docs: Iterable[RawDocument | Rejection],
    config: Config,
    batch_size: int = 20,
    on_commit: Callable[[int], None] | None = None,
) -> AddReport:
    """Clean and store every report not stored yet, ``batch_size`` per transaction.

    ``on_commit`` (if given) is called with the number of reports handled so far after each
    committed batch (progress display).
    """
    if batch_size < 1:
        raise UsageError(f"batch_size must be at least 1, not {batch_size}")
    added: list[str] = []
    rejected: list[Rejection] = []
    known = seen = 0
    iterator = iter(docs)
    while True:
        batch = [doc for _, doc in zip(range(batch_size), iterator, strict=False)]
        if not batch:
            break
        cleaned = [_clean_one(store=store, doc=doc, config=config) for doc in batch]
        with store.transaction():  # writes only: the batch was cleaned before
            for doc, (key, clean) in zip(batch, cleaned, strict=True):
                outcome = _store_one(store=store, key=key, doc=doc, cleaned=clean)
                if isinstance(outcome, Rejection):
                    rejected.append(outcome)
                elif outcome is None:
                    known += 1
                else:
                    added.append(outcome)
        seen += len(batch)
        if on_commit is not None:
            on_commit(seen)
    return AddReport(added=tuple(added), known=known, rejected=tuple(rejected))


# Settings that shape no story and no brief: how reports are read and how feeds are watched.
_NOT_DERIVED = frozenset({"ingest", "watch"})
_CHUNK = 500
ASSIGN_CHUNK = 2000  # reports taken into the stories per transaction (bounds the memory)


def derived_key(*, config: Config) -> str:
    """Changes when crosswire's version or any setting that shapes stories or briefs changes."""
    parts = [__version__] + [
        f"{f.name}={_stable_repr(getattr(config, f.name))}"
        for f in dataclasses.fields(config)
        if f.name not in _NOT_DERIVED
    ]
    return _sha("\n".join(parts))[:32]


def _stable_repr(value: Any) -> str:
    """``repr`` that is the same in every process: sets (whose order follows the string hash
    seed) are written sorted, so a re-run with the same settings re-briefs nothing."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        inner = ", ".join(
            f"{f.name}={_stable_repr(getattr(value, f.name))}" for f in dataclasses.fields(value)
        )
        return f"{type(value).__name__}({inner})"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(_stable_repr(v) for v in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_stable_repr(v) for v in value) + "]"
    if isinstance(value, dict):
        items = sorted((_stable_repr(k), _stable_repr(v)) for k, v in value.items())
        return "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"
    return repr(value)


def story_fingerprint(*, story: Story, hashes: dict[str, str], key: str) -> str:
    """What a story's brief depends on: members, their content, segments, and ``key``."""
    record = story_to_dict(story)
    record["content"] = [hashes.get(a, "") for a in story.article_ids]
    record["key"] = key
    return _sha(json.dumps(record, sort_keys=True, ensure_ascii=False))[:32]


def _records(rows: Iterable[tuple[str]]) -> list[Article]:
    return [article_from_dict(json.loads(r[0])) for r in rows]


def _load_articles(store: Store, ids: Sequence[str]) -> list[Article]:
    """The stored articles ``ids``, in that order."""
    found: dict[str, Article] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        rows = store.conn.execute(
            f"SELECT record FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk
        ).fetchall()
        found.update((a.id, a) for a in _records(rows))
    return [found[i] for i in ids]


def _lookup(store: Store, sql: str, keys: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for start in range(0, len(keys), _CHUNK):
        chunk = list(keys[start : start + _CHUNK])
        out.update(store.conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk))
    return out


def assign_new(
    *, store: Store, config: Config, key: str, chunk: int = ASSIGN_CHUNK
) -> tuple[str, ...]:
    """Take the articles stored since the last call into the stored stories, ``chunk`` at a
    time in the order they were stored (each chunk in publication order, in one transaction,
    so memory holds one chunk and the stories it touches; nothing new: no clustering at all);
    the ids of the stories that ended (merged or split). The stories a chunk touched wait in
    ``stream_pending`` for a brief. When the settings or crosswire's version changed
    (``key``), every article is taken in again from an empty state."""
    if chunk < 1:
        raise UsageError(f"chunk must be at least 1, not {chunk}")
    removed: set[str] = set()
    while True:
        more, gone = _assign_chunk(store=store, config=config, key=key, chunk=chunk)
        removed.update(gone)
        if not more:
            return tuple(sorted(removed))


def _assign_chunk(
    *, store: Store, config: Config, key: str, chunk: int
) -> tuple[bool, tuple[str, ...]]:
    """One chunk of :func:`assign_new`: whether there may be more, and the stories gone."""
    with store.transaction():
        reset = stream_state.get_stream_meta(store=store, key=stream_state.META_KEY) != key
        if reset:
            stream_state.reset_stream(store=store, key=key)
        seq = int(stream_state.get_stream_meta(store=store, key=stream_state.META_SEQ) or 0)
        rows = store.conn.execute(
            "SELECT seq, record FROM articles WHERE seq > ? ORDER BY seq LIMIT ?", (seq, chunk)
        ).fetchall()
        if not rows and not reset:
            return False, ()
        articles = _records((r[1],) for r in rows)
        opened = stream_state.open_stream(store=store, config=config.cluster)
        touched = assign_stories(
            articles=articles, stream=opened.stream, config=config,
            load_articles=lambda ids: _load_articles(store, ids),
        )
        removed = stream_state.save_stream(
            store=store, opened=opened, stories=[(t.key, t.story) for t in touched],
            seq=max([seq] + [int(r[0]) for r in rows]),
        )
        if reset:  # every story is new: the stored ones that did not come back go
            kept = {t.story.id for t in touched}
            old = [r[0] for r in store.conn.execute("SELECT id FROM stories").fetchall()]
            gone = sorted(set(old) - kept)
            store.conn.executemany("DELETE FROM stories WHERE id = ?", [(i,) for i in gone])
            removed = tuple(sorted(set(removed) | set(gone)))
    return len(rows) == chunk, removed


def refresh_stories(
    *,
    store: Store,
    config: Config,
    nlp: Any = None,
    load_nlp: Callable[[], Any] | None = None,
    processes: int = 1,
) -> RefreshReport:
    """Bring the stories up to date with the stored articles: the new ones join the stored
    stories (:func:`assign_new`), then each story waiting for a brief is briefed unless its
    fingerprint is unchanged (each committed on its own; an interrupted refresh is finished by
    the next one). Nothing new and nothing waiting: no clustering, no brief.

    ``nlp`` is the spaCy pipeline; when None it is loaded (``load_nlp``) only if some story
    needs a new brief. ``processes``: worker processes briefing stories side by side
    (:mod:`crosswire.pipeline.parallel`), each brief still stored in story order.
    """
    key = derived_key(config=config)
    removed = assign_new(store=store, config=config, key=key)
    pending = stream_state.pending_stories(store=store)
    by_story = {story.id: k for k, story in pending}
    stories = story_order(story for _, story in pending)
    members = sorted({i for s in stories for i in s.article_ids})
    hashes = _lookup(store, "SELECT id, content_hash FROM articles WHERE id IN ({marks})",
                     members)
    current = _lookup(store, "SELECT id, fingerprint FROM stories WHERE id IN ({marks})",
                      [s.id for s in stories])
    updated: list[str] = []
    prints = {s.id: story_fingerprint(story=s, hashes=hashes, key=key) for s in stories}
    stale = [s for s in stories if current.get(s.id) != prints[s.id]]
    if stale and nlp is None:
        from crosswire.nlp import load_nlp as default_loader

        nlp = (load_nlp or default_loader)()
    made = _briefs(store=store, stories=stale, nlp=nlp, config=config, processes=processes)
    for story in stories:
        if current.get(story.id) != prints[story.id]:
            store.put_story(brief=next(made), fingerprint=prints[story.id])
            updated.append(story.id)
        stream_state.drop_pending(store=store, key=by_story[story.id], story_id=story.id)
    (count,) = store.conn.execute("SELECT COUNT(*) FROM stories").fetchone()
    return RefreshReport(stories=int(count), updated=tuple(updated), removed=removed)


_WINDOW = 64  # stories whose reports are held at once while they are briefed


def _briefs(
    *, store: Store, stories: Sequence[Story], nlp: Any, config: Config, processes: int
) -> Iterator[Brief]:
    """The brief of each story of ``stories`` in order, their reports read from the store a
    window of stories at a time (parsed in batches, or briefed in several processes)."""
    for start in range(0, len(stories), _WINDOW):
        window = stories[start : start + _WINDOW]
        ids = sorted({i for s in window for i in s.article_ids})
        yield from brief_each(stories=window, articles=_load_articles(store, ids), nlp=nlp,
                              config=config, processes=processes)


def ingest_paths(
    *,
    store: Store,
    paths: Sequence[str],
    config: Config | None = None,
    nlp: Any = None,
    batch_size: int = 20,
    on_commit: Callable[[int], None] | None = None,
    processes: int = 1,
) -> IngestReport:
    """Read ``paths`` (files, folders, globs), store the new reports, refresh the stories,
    holding the store's writer lock throughout (a second ingest waits for this one).
    ``processes``: see :func:`refresh_stories`."""
    cfg = config or Config()
    docs = read_paths(paths=paths, config=cfg.ingest)
    with store.writer:  # one writer at a time, from the first report to the last story
        added = add_documents(
            store=store, docs=docs, config=cfg, batch_size=batch_size, on_commit=on_commit
        )
        refreshed = refresh_stories(store=store, config=cfg, nlp=nlp, processes=processes)
    return IngestReport(added=added, refreshed=refreshed)
