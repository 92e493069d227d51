"""The local web app: server-rendered pages over the store, plus the JSON API.

Pages: ``/`` (stories ranked by independent voices, ``?sort=recent`` the newest first; one-report
stories behind ``?singles=1``), ``/stories/{id}`` (the brief, with a source-by-source table),
``/stories/{id}/compare`` (two sources side by side, reused passages marked, removed junk struck
through), ``/articles/{id}``, ``/entities``, ``/entities/{name}``, ``/search?q=``. Sources are
named by outlet; ids are links and tooltips. Story feeds (Atom, JSON Feed) of the list, a
search and an entity under ``/feeds`` (:mod:`crosswire.web.feeds`), advertised by each page.
JSON under ``/api`` (:mod:`crosswire.web.api`), schema at ``/openapi.json`` (no ``/docs`` or
``/redoc``: they load scripts from a CDN).

Every template is autoescaped and no article text is ever marked safe; an id in a link is one
percent-encoded path segment (:func:`crosswire.render.escape.id_path`: ``/articles/?id=..``
for an id a browser would resolve away). Every response (pages, JSON, errors, redirects) is
sent with a Content-Security-Policy that allows no script at all and ``nosniff``; requests
whose Host is not an allowed name (loopback by default) get 400; HEAD is answered wherever GET
is (:mod:`crosswire.web.guard`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException

from crosswire import __version__
from crosswire.render.escape import id_path
from crosswire.render.feeds import entity_feed, search_feed, stories_feed
from crosswire.store.queries import (
    STORY_ORDERS,
    article_heads,
    count_rows,
    count_stories,
    get_article,
    get_brief_dict,
    get_entity,
    get_story,
    list_entities,
    list_stories,
    search_articles,
)
from crosswire.store.sqlite import open_store
from crosswire.web.api import api_router
from crosswire.web.deps import IdQuery, StoreParam
from crosswire.web.feeds import feeds_router
from crosswire.web.guard import (
    DEFAULT_ALLOWED_HOSTS,
    SECURITY_HEADERS,
    HeadAsGet,
    SecurityHeaders,
    trusted_hosts,
)
from crosswire.web.sources import brief_labels, source_table, story_notes, voice_groups
from crosswire.web.views import compare_view, source_views, split_marked

__all__ = ["PAGE_HEADERS", "PAGE_SIZE", "create_app", "template_environment"]

_HERE = Path(__file__).resolve().parent
PAGE_HEADERS: dict[str, str] = SECURITY_HEADERS
PAGE_SIZE = 50  # stories a page of the story list
MAX_PAGE = 10_000


def template_environment() -> Environment:
    """The Jinja2 environment of the pages: autoescape on for every template; ``id_path``
    makes the link of an id."""
    env = Environment(
        loader=FileSystemLoader(str(_HERE / "templates")),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["id_path"] = id_path
    return env


def create_app(
    *, db_path: Path, allowed_hosts: Iterable[str] = DEFAULT_ALLOWED_HOSTS
) -> FastAPI:
    """The app over the store at ``db_path`` (created empty when missing), answering requests
    whose Host header names one of ``allowed_hosts``."""
    open_store(path=db_path).close()  # create / migrate once; requests open read-only
    env = template_environment()
    app = FastAPI(
        title="crosswire",
        version=__version__,
        description="Stories, cited briefs, sources and entities from a crosswire store.",
        docs_url=None,
        redoc_url=None,
    )
    # the last added runs first: headers on every response, then the Host check, then HEAD
    app.add_middleware(HeadAsGet)
    app.add_middleware(trusted_hosts, hosts=tuple(allowed_hosts))
    app.add_middleware(SecurityHeaders)

    def page(name: str, *, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)

    app.state.db_path = db_path
    app.include_router(api_router())
    app.include_router(feeds_router())
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException) -> Any:
        if request.url.path.startswith("/api/"):
            from fastapi.exception_handlers import http_exception_handler

            return await http_exception_handler(request, exc)
        return page("error.html", status=exc.status_code, title="Not found",
                    message=str(exc.detail))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> PlainTextResponse:
        # sent by the outermost middleware, past SecurityHeaders: the headers go here
        return PlainTextResponse("Internal Server Error", status_code=500,
                                 headers=SECURITY_HEADERS)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(
        store: StoreParam, page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
        sort: Annotated[str, Query(pattern="^(" + "|".join(STORY_ORDERS) + ")$")] = "voices",
        singles: bool = False,
    ) -> HTMLResponse:
        size = PAGE_SIZE
        stories = list_stories(store=store, limit=size + 1, offset=(page_no - 1) * size,
                               order=sort, singles=singles)
        hidden = count_stories(store=store, singles=True) - count_stories(store=store)
        return page("stories.html", title="Stories", stories=stories[:size], page_no=page_no,
                    more=len(stories) > size, counts=count_rows(store=store), sort=sort,
                    singles=singles, hidden=hidden, feed=stories_feed(singles=singles))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story(store: StoreParam, story_id: str) -> HTMLResponse:
        summary = get_story(store=store, story_id=story_id)
        brief = get_brief_dict(store=store, story_id=story_id)
        if summary is None or brief is None:
            raise HTTPException(404, f"no story {story_id!r} in the store")
        return page("story.html", title=brief.get("title") or story_id, story=summary,
                    brief=brief, names=brief_labels(brief=brief), notes=story_notes(brief=brief),
                    voices=voice_groups(brief=brief), table=source_table(brief=brief),
                    sources=source_views(brief=brief))

    @app.get("/stories/{story_id}/compare", response_class=HTMLResponse, include_in_schema=False)
    def compare(
        store: StoreParam, story_id: str, left: str | None = None, right: str | None = None
    ) -> HTMLResponse:
        brief = get_brief_dict(store=store, story_id=story_id)
        view = None if brief is None else compare_view(brief=brief, left=left, right=right)
        if brief is None or view is None:
            raise HTTPException(404, f"no such story or source pair in {story_id!r}")
        return page("compare.html", title=f"Compare · {brief.get('title', '')}",
                    story_id=story_id, brief=brief, view=view)

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article(store: StoreParam, article_id: str, key: IdQuery = "") -> HTMLResponse:
        article_id = article_id or key  # /articles/?id=.. : an id that is a dot segment
        found = get_article(store=store, article_id=article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r} in the store")
        pieces = split_marked(text=found.article.text, spans=())
        removed = tuple((r.reason, r.text) for r in found.article.removed)
        return page("article.html", title=found.article.title or article_id, found=found,
                    pieces=pieces, removed=removed)

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities(store: StoreParam) -> HTMLResponse:
        return page("entities.html", title="Entities", entities=list_entities(store=store))

    @app.get("/entities/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity(store: StoreParam, name: str, key: IdQuery = "") -> HTMLResponse:
        name = name or key  # /entities/?id=.. : a name that is a dot segment
        found = get_entity(store=store, name=name)
        if found is None:
            raise HTTPException(404, f"no entity {name!r} in the store")
        heads = article_heads(store=store, ids=found.sources)
        return page("entity.html", title=name, entity=found, heads=heads,
                    feed=entity_feed(name=name))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(
        store: StoreParam, q: Annotated[str, Query(max_length=500)] = ""
    ) -> HTMLResponse:
        hits = search_articles(store=store, query=q, limit=50) if q.strip() else ()
        feeds: dict[str, Any] = {"feed": search_feed(query=q)} if q.strip() else {}
        return page("search.html", title=f"Search · {q}" if q else "Search", q=q, hits=hits,
                    **feeds)

    return app
