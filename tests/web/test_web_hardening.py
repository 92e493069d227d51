"""The web app's surface (issue 23, case 9), in-process (TestClient, no socket): no third-party
script, a trusted-host check, ``nosniff`` on every response, HEAD wherever GET is, bounded
integer parameters, and links of ids that stay on their route whatever the id."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from crosswire.models import Entity
from crosswire.store import open_store
from crosswire.web.app import create_app
from tests.render.hostile import hostile_brief, hostile_store

BASE = "http://127.0.0.1:8000"
DOT_IDS = ("..", "../../../api/stories")


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    brief = hostile_brief(ids=DOT_IDS, title="Deal done")
    brief = replace(brief, entities=(Entity("..", "ORG", (), (DOT_IDS[0],)),
                                     Entity("a/../b", "ORG", (), (DOT_IDS[1],))))
    hostile_store(tmp_path / "w.db", brief=brief)
    app = create_app(db_path=tmp_path / "w.db")
    with TestClient(app, base_url=BASE, raise_server_exceptions=False,
                    follow_redirects=False) as c:
        yield c


GETS = ("/", "/?sort=recent", "/stories/s-hostile", "/stories/s-hostile/compare", "/entities",
        "/search?q=Tokyo", "/articles/?id=..", "/api/stories", "/api/stories/s-hostile",
        "/api/search?q=Tokyo", "/api/entities", "/openapi.json", "/static/style.css")


def test_no_docs_pages_and_no_third_party_script(client: TestClient) -> None:
    for url in ("/docs", "/redoc", "/docs/oauth2-redirect"):
        assert client.get(url).status_code == 404
    assert client.get("/openapi.json").json()["paths"]
    for url in GETS:
        got = client.get(url)
        if "text/html" in got.headers["content-type"]:
            assert not re.search(r"<script|https?://cdn", got.text, re.IGNORECASE), url


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example",
                                  "localhost.evil.example", ""])
def test_a_foreign_host_is_refused_not_reflected(client: TestClient, host: str) -> None:
    for url in ("/", "/api/stories", "/api/stories/"):
        got = client.get(url, headers={"host": host})
        assert got.status_code == 400 and "location" not in got.headers
        assert got.headers["x-content-type-options"] == "nosniff"


def test_the_trailing_slash_redirect_names_an_allowed_host(client: TestClient) -> None:
    got = client.get("/api/stories/", headers={"host": "localhost:8000"})
    assert got.status_code == 307 and got.headers["location"] == "http://localhost:8000/api/stories"
    assert got.headers["x-content-type-options"] == "nosniff"


def test_an_app_can_allow_more_hosts(tmp_path: Path) -> None:
    open_store(path=tmp_path / "x.db").close()
    app = create_app(db_path=tmp_path / "x.db", allowed_hosts=("news.example", "::1"))
    client = TestClient(app, base_url="http://news.example")
    assert client.get("/api/stories").status_code == 200
    assert client.get("/api/stories", headers={"host": "[::1]:8000"}).status_code == 200
    assert client.get("/api/stories", headers={"host": "127.0.0.1"}).status_code == 400


@pytest.mark.parametrize("url", [*GETS, "/stories/nope", "/api/stories/nope", "/api/stories/",
                                 "/api/stories?offset=-1", "/nope"])
def test_every_response_says_nosniff(client: TestClient, url: str) -> None:
    got = client.get(url)
    assert got.headers["x-content-type-options"] == "nosniff", (url, got.status_code)
    assert "script-src" not in got.headers["content-security-policy"]


def test_a_server_error_says_nosniff(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("crosswire.web.api.list_stories", broken)
    got = client.get("/api/stories")
    assert got.status_code == 500 and got.headers["x-content-type-options"] == "nosniff"
    assert "boom" not in got.text


@pytest.mark.parametrize("url", [*GETS, "/stories/nope", "/api/stories/nope"])
def test_head_answers_where_get_does(client: TestClient, url: str) -> None:
    get, head = client.get(url), client.head(url)
    assert head.status_code == get.status_code and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("query", [
    "/api/stories?offset=99999999999999999999", "/api/stories?offset=1000000001",
    "/api/stories?limit=99999999999999999999", "/api/stories?limit=0", "/api/stories?offset=-1",
    "/api/stories?offset=1e3", "/api/entities?limit=99999999999999999999",
    "/api/search?q=x&limit=99999999999999999999", "/?page=99999999999999999999", "/?page=0",
    "/api/articles/?id=" + "x" * 3000,
])
def test_integer_parameters_are_bounded(client: TestClient, query: str) -> None:
    assert client.get(query).status_code == 422


def test_the_largest_offset_is_an_empty_page(client: TestClient) -> None:
    assert client.get("/api/stories?offset=1000000").json() == []


def _resolved(page: str, href: str) -> str:
    """Where a browser goes from ``page`` on ``href`` (it takes %2e as a dot)."""
    parts = urlsplit(urljoin(page, re.sub("%2[eE]", ".", href)))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_links_of_dot_segment_ids_stay_on_their_route(client: TestClient) -> None:
    page = BASE + "/stories/s-hostile"
    body = client.get(page).text
    hrefs = set(re.findall(r'href="(/(?:articles|entities)/[^"]*)"', body))
    assert len(hrefs) == 4  # two articles, two entities
    for href in hrefs:
        path = _resolved(page, href.replace("&amp;", "&"))
        route = href.split("/")[1]
        assert path.startswith(f"/{route}/"), (href, path)
        got = client.get(path)
        assert got.status_code == 200 and "text/html" in got.headers["content-type"], href
    assert client.get("/api/articles/?id=..").json()["article"]["id"] == ".."
    assert client.get("/api/entities/?id=..").json()["name"] == ".."
    assert client.get("/articles/..%2F..%2F..%2Fapi%2Fstories").status_code == 200
