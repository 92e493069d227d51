"""A canonical dump of a store: every table's rows as sorted JSON-ready lists.

Internal row numbers, the times migrations were applied and the times stories last changed
(``stories.changed``) are left out, so two stores that hold the same reports and the same
derived data dump equal, however they were built (one clean run, or a run killed and run again).
"""

from __future__ import annotations

import json
from typing import Any

from crosswire.store.sqlite import Store

__all__ = ["DUMPED_TABLES", "canonical_dump", "canonical_dump_text"]

DUMPED_TABLES: dict[str, str] = {
    "articles": "id, content_hash, title, site, url, published, origin, record",
    "articles_fts": "title, text",
    "rejections": "key, id, reason, message, origin",
    "stories": "id, fingerprint, title, articles, origins, earliest, latest",
    "briefs": "story_id, json",
    "story_articles": "story_id, article_id, origin, origin_group, role",
    "entities": "story_id, name, type, aliases, sources",
    "meta": "key, value",
    "schema_version": "version, name",
}


def canonical_dump(*, store: Store) -> dict[str, list[list[Any]]]:
    """Every table's rows (selected columns), sorted."""
    out: dict[str, list[list[Any]]] = {}
    for table, columns in DUMPED_TABLES.items():
        rows = store.conn.execute(f"SELECT {columns} FROM {table}").fetchall()
        out[table] = sorted((list(r) for r in rows), key=lambda r: json.dumps(r))
    return out


def canonical_dump_text(*, store: Store) -> str:
    """:func:`canonical_dump` as stable JSON text (for diffing two stores)."""
    return json.dumps(canonical_dump(store=store), ensure_ascii=False, indent=1) + "\n"
