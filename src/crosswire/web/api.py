"""The JSON API: the same data as the pages, under ``/api`` (schema at ``/openapi.json``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from crosswire.serialize import article_to_dict
from crosswire.store.queries import (
    STORY_ORDERS,
    EntityDetail,
    EntitySummary,
    SearchHit,
    StorySummary,
    get_article,
    get_brief_dict,
    get_entity,
    get_story,
    list_entities,
    list_stories,
    search_articles,
)
from crosswire.web.deps import MAX_OFFSET, IdQuery, StoreParam
from crosswire.web.views import CompareView, compare_view

__all__ = ["api_router"]


def _missing(what: str, key: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} {key!r} in the store")


def api_router() -> APIRouter:
    """The JSON routes (each request reads the store through its own read-only connection)."""
    router = APIRouter(prefix="/api", tags=["api"])

    @router.get("/stories", response_model=list[StorySummary])
    def stories(
        store: StoreParam,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
        sort: Annotated[str, Query(pattern="^(" + "|".join(STORY_ORDERS) + ")$")] = "voices",
        singles: bool = False,
    ) -> list[StorySummary]:
        """Stories ranked by independent voices (``sort=recent``: the newest first), with
        their numbers of reports, voices and origins; one-report stories with ``singles``."""
        return list(list_stories(store=store, limit=limit, offset=offset, order=sort,
                                 singles=singles))

    @router.get("/stories/{story_id}")
    def story(store: StoreParam, story_id: str) -> dict[str, Any]:
        """A story and its brief (the documented brief JSON)."""
        summary = get_story(store=store, story_id=story_id)
        brief = get_brief_dict(store=store, story_id=story_id)
        if summary is None or brief is None:
            raise _missing("story", story_id)
        return {"story": asdict(summary), "brief": brief}

    @router.get("/stories/{story_id}/compare", response_model=CompareView)
    def compare(
        store: StoreParam, story_id: str, left: str | None = None, right: str | None = None
    ) -> CompareView:
        """Two sources of a story, their texts cut into pieces; ``reused`` marks shared ones."""
        brief = get_brief_dict(store=store, story_id=story_id)
        if brief is None:
            raise _missing("story", story_id)
        view = compare_view(brief=brief, left=left, right=right)
        if view is None:
            raise _missing("source pair", f"{left}/{right}")
        return view

    @router.get("/articles/{article_id:path}")
    def article(store: StoreParam, article_id: str, key: IdQuery = "") -> dict[str, Any]:
        """A stored article as cleaned, with its story and lineage (``/api/articles/?id=..``:
        an id that is a dot segment)."""
        article_id = article_id or key
        found = get_article(store=store, article_id=article_id)
        if found is None:
            raise _missing("article", article_id)
        return {
            "article": article_to_dict(found.article),
            "content_hash": found.content_hash,
            "read_from": found.origin,
            "story": found.story_id,
            "origin_group": found.origin_group,
            "derived_from": found.derived_from,
            "role": found.role,
        }

    @router.get("/entities", response_model=list[EntitySummary])
    def entities(
        store: StoreParam, limit: Annotated[int, Query(ge=1, le=5000)] = 500
    ) -> list[EntitySummary]:
        """Entities named in the stories, the most widely named first."""
        return list(list_entities(store=store, limit=limit))

    @router.get("/entities/{name:path}", response_model=EntityDetail)
    def entity(store: StoreParam, name: str, key: IdQuery = "") -> EntityDetail:
        """One entity: its aliases, the sources naming it and its stories (``?id=`` as for
        articles)."""
        name = name or key
        found = get_entity(store=store, name=name)
        if found is None:
            raise _missing("entity", name)
        return found

    @router.get("/search", response_model=list[SearchHit])
    def search(
        store: StoreParam,
        q: Annotated[str, Query(max_length=500)] = "",
        limit: Annotated[int, Query(ge=1, le=200)] = 20,
    ) -> list[SearchHit]:
        """Articles containing every word of ``q`` (title or text), best first."""
        return list(search_articles(store=store, query=q, limit=limit))

    return router
