"""The local web app: server-rendered pages over the store, plus the JSON API.

Pages: ``/`` (stories ranked by independent voices, ``?sort=recent`` the newest first; one-report
stories behind ``?singles=1``), ``/stories/{id}`` (the brief, with a source-by-source table),
``/stories/{id}/compare`` (two sources side by side, reused passages marked, removed junk struck
through), ``/articles/{id}``, ``/entities``, ``/entities/{name}``, ``/search?q=``. Sources are
named by outlet; ids are links and tooltips. JSON under ``/api`` (:mod:`crosswire.web.api`),
schema at ``/openapi.json``.

Every template is autoescaped and no article text is ever marked safe. Pages are sent with a
Content-Security-Policy that allows no script at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException

from crosswire import __version__
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
from crosswire.web.deps import StoreParam
from crosswire.web.sources import brief_labels, source_table, story_notes, voice_groups
from crosswire.web.views import compare_view, source_views, split_marked

__all__ = ["PAGE_HEADERS", "create_app", "template_environment"]

_HERE = Path(__file__).resolve().parent
PAGE_HEADERS: dict[str, str] = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def template_environment() -> Environment:
    """The Jinja2 environment of the pages: autoescape on for every template."""
    return Environment(
        loader=FileSystemLoader(str(_HERE / "templates")),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def create_app(*, db_path: Path) -> FastAPI:
    """The app over the store at ``db_path`` (created empty when missing)."""
    open_store(path=db_path).close()  # create / migrate once; requests open read-only
    env = template_environment()
    app = FastAPI(
        title="crosswire",
        version=__version__,
        description="Stories, cited briefs, sources and entities from a crosswire store.",
    )

    def page(name: str, *, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)

    app.state.db_path = db_path
    app.include_router(api_router())
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException) -> Any:
        if request.url.path.startswith("/api/"):
            from fastapi.exception_handlers import http_exception_handler

            return await http_exception_handler(request, exc)
        return page("error.html", status=exc.status_code, title="Not found",
                    message=str(exc.detail))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(
        store: StoreParam, page_no: Annotated[int, Query(alias="page", ge=1, le=10000)] = 1,
        sort: Annotated[str, Query(pattern="^(" + "|".join(STORY_ORDERS) + ")$")] = "voices",
        singles: bool = False,
    ) -> HTMLResponse:
        size = 50
        stories = list_stories(store=store, limit=size + 1, offset=(page_no - 1) * size,
                               order=sort, singles=singles)
        hidden = count_stories(store=store, singles=True) - count_stories(store=store)
        return page("stories.html", title="Stories", stories=stories[:size], page_no=page_no,
                    more=len(stories) > size, counts=count_rows(store=store), sort=sort,
                    singles=singles, hidden=hidden)

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
    def article(store: StoreParam, article_id: str) -> HTMLResponse:
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
    def entity(store: StoreParam, name: str) -> HTMLResponse:
        found = get_entity(store=store, name=name)
        if found is None:
            raise HTTPException(404, f"no entity {name!r} in the store")
        heads = article_heads(store=store, ids=found.sources)
        return page("entity.html", title=name, entity=found, heads=heads)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(
        store: StoreParam, q: Annotated[str, Query(max_length=500)] = ""
    ) -> HTMLResponse:
        hits = search_articles(store=store, query=q, limit=50) if q.strip() else ()
        return page("search.html", title=f"Search · {q}" if q else "Search", q=q, hits=hits)

    return app
