"""Continuous ingest: add reports to the store, then bring stories and briefs up to date.

Two steps, both safe to kill at any moment and to run again:

1. :func:`add_documents` cleans each new report and commits it (``batch_size`` reports per
   transaction). A report is known by the hash of its content, so one already stored is
   skipped without being cleaned again: re-ingesting a folder adds nothing.
2. :func:`refresh_stories` clusters every stored article into stories (the same call as the
   batch pipeline, so the store holds the briefs ``crosswire brief --all`` would write), then
   deletes stories that no longer exist and re-briefs only those whose fingerprint (members,
   their content, their off-topic segments, crosswire's version and settings) changed. Each
   story is committed on its own; an interrupted refresh is finished by the next one.

The derived data is a function of the stored articles alone, so a run that was killed and run
again ends in the same state as one clean run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from crosswire import __version__
from crosswire.config import Config
from crosswire.errors import UsageError
from crosswire.ingest import read_paths
from crosswire.models import Article, RawDocument, Rejection, Story
from crosswire.pipeline import brief_stories, cluster_stories, story_order
from crosswire.serialize import story_to_dict
from crosswire.stages.clean import clean_document
from crosswire.store.sqlite import Store

__all__ = [
    "AddReport",
    "IngestReport",
    "RefreshReport",
    "add_documents",
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


def derived_key(*, config: Config) -> str:
    """Changes when crosswire's version or any setting that shapes stories or briefs changes."""
    parts = [__version__] + [
        f"{f.name}={_stable_repr(getattr(config, f.name))}"
        for f in dataclasses.fields(config)
        if f.name != "ingest"
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


def refresh_stories(
    *,
    store: Store,
    config: Config,
    nlp: Any = None,
    load_nlp: Callable[[], Any] | None = None,
) -> RefreshReport:
    """Recluster the stored articles; re-brief changed stories, delete vanished ones.

    ``nlp`` is the spaCy pipeline; when None it is loaded (``load_nlp``) only if some story
    needs a new brief.
    """
    articles = store.articles()
    stories = cluster_stories(articles=articles, config=config) if articles else ()
    hashes = store.content_hashes()
    key = derived_key(config=config)
    wanted = {s.id: story_fingerprint(story=s, hashes=hashes, key=key) for s in stories}
    current = store.story_fingerprints()
    removed = tuple(sorted(set(current) - set(wanted)))
    if removed:
        store.delete_stories(story_ids=removed)
    todo = [s for s in story_order(stories) if current.get(s.id) != wanted[s.id]]
    if todo and nlp is None:
        from crosswire.nlp import load_nlp as default_loader

        nlp = (load_nlp or default_loader)()
    by_id = {a.id: a for a in articles}
    for story in todo:
        members: list[Article] = [by_id[i] for i in story.article_ids]
        (brief,) = brief_stories(stories=[story], articles=members, nlp=nlp, config=config)
        store.put_story(brief=brief, fingerprint=wanted[story.id])
    return RefreshReport(
        stories=len(stories), updated=tuple(s.id for s in todo), removed=removed
    )


def ingest_paths(
    *,
    store: Store,
    paths: Sequence[str],
    config: Config | None = None,
    nlp: Any = None,
    batch_size: int = 20,
    on_commit: Callable[[int], None] | None = None,
) -> IngestReport:
    """Read ``paths`` (files, folders, globs), store the new reports, refresh the stories,
    holding the store's writer lock throughout (a second ingest waits for this one)."""
    cfg = config or Config()
    docs = read_paths(paths=paths, config=cfg.ingest)
    with store.writer:  # one writer at a time, from the first report to the last story
        added = add_documents(
            store=store, docs=docs, config=cfg, batch_size=batch_size, on_commit=on_commit
        )
        refreshed = refresh_stories(store=store, config=cfg, nlp=nlp)
    return IngestReport(added=added, refreshed=refreshed)
