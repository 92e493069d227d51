"""The story feeds of the web app: Atom and JSON Feed 1.1 (:mod:`crosswire.render.feeds`).

``/feeds/stories.atom`` and ``/feeds/stories.json`` (the stories changed last; one-report
stories with ``?singles=1``), ``/feeds/search.atom?q=`` and ``.json`` (the stories whose
reports match), ``/feeds/entity.atom?name=`` and ``.json`` (the stories naming an entity).
Links are absolute, under the URL the request came to (its Host is one the app allows:
:mod:`crosswire.web.guard`). A feed's ETag is the hash of its bytes: a reader that sends it
back (``If-None-Match``) gets a 304 while nothing changed. Every response gets the app's
security headers like any page.
"""

from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response

from crosswire.render.feeds import (
    ATOM_TYPE,
    JSON_FEED_TYPE,
    FeedInfo,
    entity_feed,
    render_feed,
    search_feed,
    stories_feed,
)
from crosswire.store.queries import feed_stories, has_entity, search_articles
from crosswire.store.sqlite import Store
from crosswire.web.deps import MAX_KEY_CHARS, StoreParam

__all__ = ["FEED_SIZE", "feeds_router"]

FEED_SIZE = 50  # entries a feed holds by default
MAX_FEED_SIZE = 500
SEARCH_HITS = 200  # reports a search feed looks at for its stories

_MEDIA = {"atom": ATOM_TYPE + "; charset=utf-8", "json": JSON_FEED_TYPE + "; charset=utf-8"}
Fmt = Annotated[str, Path(pattern=r"^(atom|json)$")]
Size = Annotated[int, Query(ge=1, le=MAX_FEED_SIZE)]


def _feed(
    *, request: Request, store: Store, fmt: str, info: FeedInfo, limit: int,
    singles: bool = True, story_ids: list[str] | None = None, entity: str | None = None,
) -> Response:
    stories = feed_stories(store=store, limit=limit, singles=singles, story_ids=story_ids,
                           entity=entity)
    body = render_feed(fmt=fmt, stories=stories, info=info, base_url=str(request.base_url))
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'  # the same store, the same bytes
    sent = request.headers.get("if-none-match", "")
    asked = {tag.strip().removeprefix("W/") for tag in sent.split(",")}
    if etag in asked or "*" in asked:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(body, media_type=_MEDIA[fmt], headers={"ETag": etag})


def feeds_router() -> APIRouter:
    """The feed routes (not in the OpenAPI schema: they are documents, not JSON API)."""
    router = APIRouter(prefix="/feeds", include_in_schema=False)

    @router.get("/stories.{fmt}")
    def stories(
        request: Request, store: StoreParam, fmt: Fmt,
        singles: bool = False, limit: Size = FEED_SIZE,
    ) -> Response:
        return _feed(request=request, store=store, fmt=fmt, info=stories_feed(singles=singles),
                     limit=limit, singles=singles)

    @router.get("/search.{fmt}")
    def search(
        request: Request, store: StoreParam, fmt: Fmt,
        q: Annotated[str, Query(max_length=500)] = "", limit: Size = FEED_SIZE,
    ) -> Response:
        hits = search_articles(store=store, query=q, limit=SEARCH_HITS) if q.strip() else ()
        ids = sorted({h.story_id for h in hits if h.story_id})
        return _feed(request=request, store=store, fmt=fmt, info=search_feed(query=q),
                     limit=limit, story_ids=ids)

    @router.get("/entity.{fmt}")
    def entity(
        request: Request, store: StoreParam, fmt: Fmt,
        name: Annotated[str, Query(min_length=1, max_length=MAX_KEY_CHARS)],
        limit: Size = FEED_SIZE,
    ) -> Response:
        if not has_entity(store=store, name=name):
            raise HTTPException(404, f"no entity {name!r} in the store")
        return _feed(request=request, store=store, fmt=fmt, info=entity_feed(name=name),
                     limit=limit, entity=name)

    return router
