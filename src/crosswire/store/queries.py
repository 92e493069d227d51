"""Reading the store: story lists, briefs, articles, entities and full-text search (FTS5).

Every function takes an open :class:`~crosswire.store.sqlite.Store` and returns small frozen
records, sorted by a stable key. Search text from users is never passed to FTS5 as syntax:
:func:`fts_query` turns it into quoted terms that must all occur.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from crosswire.errors import UsageError
from crosswire.models import Article
from crosswire.serialize import article_from_dict
from crosswire.store.sqlite import Store

__all__ = [
    "EntityDetail",
    "EntitySummary",
    "ArticleHead",
    "SearchHit",
    "SnippetPart",
    "STORY_ORDERS",
    "StoredArticle",
    "StoreCounts",
    "StorySummary",
    "article_heads",
    "count_rows",
    "count_stories",
    "feed_stories",
    "find_story",
    "fts_query",
    "get_article",
    "get_brief_dict",
    "get_brief_json",
    "get_entity",
    "get_story",
    "has_entity",
    "list_entities",
    "list_stories",
    "search_articles",
]

_MARK_ON, _MARK_OFF = "\x02", "\x03"
_STORY_COLS = "id, title, articles, origins, voices, flags, earliest, latest"
# How the story list is ranked: by independent voices (the default), or the newest first.
_ORDER_BY = {
    "voices": "voices DESC, articles DESC, latest IS NULL, latest DESC, id",
    "recent": "latest IS NULL, latest DESC, voices DESC, articles DESC, id",
}
STORY_ORDERS: tuple[str, ...] = tuple(_ORDER_BY)


@dataclass(frozen=True, slots=True)
class StorySummary:
    id: str
    title: str
    articles: int
    origins: int  # independent origins (distinct origin groups)
    voices: int  # independent voices (one per wire or outlet): what a reader is shown
    flags: tuple[str, ...]  # the brief's warnings about the story (emptied, junk-only)
    earliest: str | None
    latest: str | None


@dataclass(frozen=True, slots=True)
class StoredArticle:
    article: Article
    content_hash: str
    origin: str  # where it was read from
    story_id: str | None
    origin_group: str | None
    derived_from: str | None
    role: str | None


@dataclass(frozen=True, slots=True)
class SnippetPart:
    text: str
    match: bool


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: str
    title: str | None
    site: str | None
    published: str | None
    story_id: str | None
    snippet: tuple[SnippetPart, ...]


@dataclass(frozen=True, slots=True)
class EntitySummary:
    name: str
    type: str
    stories: int
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EntityDetail:
    name: str
    types: tuple[str, ...]
    aliases: tuple[str, ...]
    sources: tuple[str, ...]
    stories: tuple[StorySummary, ...]


@dataclass(frozen=True, slots=True)
class ArticleHead:
    """What names a stored report to a reader: its site and title (the id is for links)."""

    id: str
    site: str | None
    title: str | None


@dataclass(frozen=True, slots=True)
class StoreCounts:
    articles: int
    rejections: int
    stories: int
    entities: int


def _story(row: Any) -> StorySummary:
    flags = tuple(str(f) for f in json.loads(row[5] or "[]"))
    return StorySummary(
        row[0], row[1], int(row[2]), int(row[3]), int(row[4]), flags, row[6], row[7]
    )


def _order(order: str) -> str:
    if order not in _ORDER_BY:
        raise UsageError(f"unknown story order {order!r}; choose one of {', '.join(_ORDER_BY)}")
    return _ORDER_BY[order]


def list_stories(
    *, store: Store, limit: int = 100, offset: int = 0, order: str = "voices",
    singles: bool = False,
) -> tuple[StorySummary, ...]:
    """Stories ranked by ``order``: ``voices`` (the most independent voices first, then the
    most reports, then the newest) or ``recent`` (the newest first). One-report stories are
    left out unless ``singles``."""
    where = "" if singles else "WHERE articles > 1 "
    rows = store.conn.execute(
        f"SELECT {_STORY_COLS} FROM stories {where}ORDER BY {_order(order)} LIMIT ? OFFSET ?",
        (limit, offset),
    ).fetchall()
    return tuple(_story(r) for r in rows)


def count_stories(*, store: Store, singles: bool = False) -> int:
    """How many stories :func:`list_stories` ranks (one-report ones only with ``singles``)."""
    where = "" if singles else " WHERE articles > 1"
    return int(store.conn.execute(f"SELECT COUNT(*) FROM stories{where}").fetchone()[0])


def get_story(*, store: Store, story_id: str) -> StorySummary | None:
    row = store.conn.execute(
        f"SELECT {_STORY_COLS} FROM stories WHERE id = ?", (story_id,)
    ).fetchone()
    return None if row is None else _story(row)


def find_story(*, store: Store, ref: str) -> StorySummary | None:
    """The story whose id is ``ref``, or the only one whose id starts with it."""
    exact = get_story(store=store, story_id=ref)
    if exact is not None or not ref:
        return exact
    pattern = ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = store.conn.execute(
        f"SELECT {_STORY_COLS} FROM stories WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 2",
        (pattern,),
    ).fetchall()
    return _story(rows[0]) if len(rows) == 1 else None


def get_brief_json(*, store: Store, story_id: str) -> str | None:
    """The stored brief of a story: its JSON text, as ``crosswire brief --format json`` writes
    it (other formats are rendered from it: :func:`crosswire.serialize.brief_from_dict`)."""
    row = store.conn.execute("SELECT json FROM briefs WHERE story_id = ?", (story_id,)).fetchone()
    return None if row is None else str(row[0])


def get_brief_dict(*, store: Store, story_id: str) -> dict[str, Any] | None:
    text = get_brief_json(store=store, story_id=story_id)
    return None if text is None else dict(json.loads(text))


def feed_stories(
    *, store: Store, limit: int = 50, singles: bool = False,
    story_ids: Sequence[str] | None = None, entity: str | None = None,
) -> tuple[dict[str, Any], ...]:
    """What the story feeds are made of (:mod:`crosswire.render.feeds`): the ``limit`` stories
    changed last (``changed``, else their newest report's date; then by that date, then id),
    each a dict of its row (the :class:`StorySummary` fields, ``changed``) and ``brief`` (its
    stored JSON, as a dict). Only those of ``story_ids`` and those naming ``entity`` (canonical
    name) when given; one-report stories only with ``singles``."""
    where = ["1"] if singles else ["s.articles > 1"]
    params: list[Any] = []
    if story_ids is not None:
        ids = sorted(set(story_ids))
        if not ids:
            return ()
        where.append(f"s.id IN ({', '.join('?' * len(ids))})")
        params += ids
    if entity is not None:
        where.append("s.id IN (SELECT story_id FROM entities WHERE name = ?)")
        params.append(entity)
    rows = store.conn.execute(
        f"SELECT {', '.join('s.' + c for c in _STORY_COLS.split(', '))}, s.changed FROM stories s"
        f" WHERE {' AND '.join(where)}"
        " ORDER BY COALESCE(s.changed, s.latest) IS NULL, COALESCE(s.changed, s.latest) DESC,"
        " s.latest IS NULL, s.latest DESC, s.id LIMIT ?",
        (*params, limit),
    ).fetchall()  # the rows first, then the briefs of those only: a sort never carries a brief
    out = []
    for row in rows:
        brief = get_brief_dict(store=store, story_id=row[0])
        if brief is not None:
            out.append(asdict(_story(row)) | {"changed": row[8], "brief": brief})
    return tuple(out)


def get_article(*, store: Store, article_id: str) -> StoredArticle | None:
    row = store.conn.execute(
        "SELECT a.record, a.content_hash, a.origin, m.story_id, m.origin_group, m.origin, m.role"
        " FROM articles a LEFT JOIN story_articles m ON m.article_id = a.id"
        " WHERE a.id = ? ORDER BY m.story_id LIMIT 1",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    return StoredArticle(
        article_from_dict(json.loads(row[0])), row[1], row[2], row[3], row[4], row[5], row[6]
    )


def fts_query(text: str) -> str | None:
    """User text as an FTS5 query: every word quoted, all required; None when no words."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words[:32]) if words else None


def _snippet(raw: str) -> tuple[SnippetPart, ...]:
    parts: list[SnippetPart] = []
    for i, chunk in enumerate(re.split(f"[{_MARK_ON}{_MARK_OFF}]", raw)):
        if chunk:
            parts.append(SnippetPart(chunk, match=i % 2 == 1))
    return tuple(parts)


def search_articles(*, store: Store, query: str, limit: int = 20) -> tuple[SearchHit, ...]:
    """Articles matching every word of ``query`` (title or text), best match first."""
    match = fts_query(query)
    if match is None:
        return ()
    rows = store.conn.execute(
        "SELECT a.id, a.title, a.site, a.published,"
        " (SELECT MIN(story_id) FROM story_articles WHERE article_id = a.id),"
        f" snippet(articles_fts, -1, '{_MARK_ON}', '{_MARK_OFF}', '…', 24)"
        " FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
        " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts), a.id LIMIT ?",
        (match, limit),
    ).fetchall()
    return tuple(SearchHit(r[0], r[1], r[2], r[3], r[4], _snippet(r[5] or "")) for r in rows)


def list_entities(*, store: Store, limit: int = 500) -> tuple[EntitySummary, ...]:
    """Entities by the number of stories naming them, then name."""
    rows = store.conn.execute(
        "SELECT name, type, COUNT(DISTINCT story_id), json_group_array(aliases) FROM entities"
        " GROUP BY name, type ORDER BY COUNT(DISTINCT story_id) DESC, name, type LIMIT ?",
        (limit,),
    ).fetchall()
    out = []
    for name, typ, n, alias_lists in rows:
        aliases = sorted({a for lst in json.loads(alias_lists) for a in json.loads(lst)})
        out.append(EntitySummary(name, typ, int(n), tuple(aliases)))
    return tuple(out)


def has_entity(*, store: Store, name: str) -> bool:
    """True when some story names the entity ``name`` (canonical name)."""
    row = store.conn.execute("SELECT 1 FROM entities WHERE name = ? LIMIT 1", (name,)).fetchone()
    return row is not None


def get_entity(*, store: Store, name: str) -> EntityDetail | None:
    """One entity (by canonical name) with its aliases, sources and stories."""
    rows = store.conn.execute(
        "SELECT story_id, type, aliases, sources FROM entities WHERE name = ? ORDER BY story_id",
        (name,),
    ).fetchall()
    if not rows:
        return None
    story_ids = sorted({r[0] for r in rows})
    stories = tuple(
        s for s in (get_story(store=store, story_id=sid) for sid in story_ids) if s is not None
    )
    return EntityDetail(
        name=name,
        types=tuple(sorted({r[1] for r in rows})),
        aliases=tuple(sorted({a for r in rows for a in json.loads(r[2])})),
        sources=tuple(sorted({s for r in rows for s in json.loads(r[3])})),
        stories=stories,
    )


def article_heads(*, store: Store, ids: tuple[str, ...]) -> tuple[ArticleHead, ...]:
    """Site and title of each stored article of ``ids`` (in id order; unknown ids left out)."""
    out = []
    for aid in sorted(set(ids)):
        row = store.conn.execute("SELECT site, title FROM articles WHERE id = ?", (aid,)).fetchone()
        if row is not None:
            out.append(ArticleHead(aid, row[0], row[1]))
    return tuple(out)


def count_rows(*, store: Store) -> StoreCounts:
    def one(table: str) -> int:
        return int(store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    return StoreCounts(one("articles"), one("rejections"), one("stories"), one("entities"))
