"""The story feeds served by the web app and printed by ``crosswire stories --format``, over a
store built by hand (hostile text): Atom read back with feedparser, JSON Feed 1.1 checked by
our own validator, the app's security headers and Host check, the same bytes from the CLI and
the web, an entry that keeps its id and moves its updated time when the story grows."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient

from crosswire.cli import main
from crosswire.models import Article, BriefSource
from crosswire.store import open_store
from crosswire.store.queries import feed_stories
from crosswire.web.app import create_app
from tests.helpers import tiny_brief
from tests.render.hostile import hostile_store
from tests.render.jsonfeed import json_feed_problems

BASE = "http://127.0.0.1:8000"
LATER = "2025-03-01T12:00:00+00:00"


def _clock(value: str = LATER) -> Callable[[], str]:
    return lambda: value


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "feeds.db"
    hostile_store(path)  # s-hostile, changed now (the store's clock)
    with open_store(path=path, clock=_clock()) as store:
        brief = tiny_brief()
        with store.transaction():
            for src in brief.sources:
                store.add_article(article=src.article, content_hash=f"h-{src.article.id}",
                                  origin="tiny.txt")
        store.put_story(brief=brief, fingerprint="fp")
        store.conn.execute("UPDATE stories SET changed = '2025-02-20T08:00:00+00:00'"
                           " WHERE id = 's-hostile'")
    return path


@pytest.fixture()
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db_path=db), base_url=BASE, raise_server_exceptions=False) as c:
        yield c


def test_the_story_feed_in_atom(client: TestClient) -> None:
    response = client.get("/feeds/stories.atom")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert "script-src" not in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo and parsed.version == "atom10"
    # the story changed last first; both have two reports
    assert [e.id for e in parsed.entries] == ["tag:crosswire,2025:story/s-1",
                                              "tag:crosswire,2025:story/s-hostile"]
    assert [e.updated for e in parsed.entries] == ["2025-03-01T12:00:00Z", "2025-02-20T08:00:00Z"]
    assert parsed.entries[0].link == BASE + "/stories/s-1"
    assert client.get(parsed.entries[1].link.removeprefix(BASE)).status_code == 200
    assert parsed.feed.links[0].href == BASE + "/feeds/stories.atom"


def test_the_story_feed_in_json_feed(client: TestClient) -> None:
    response = client.get("/feeds/stories.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/feed+json; charset=utf-8"
    doc = response.json()
    assert json_feed_problems(doc) == []
    assert [i["url"] for i in doc["items"]] == [BASE + "/stories/s-1",
                                                BASE + "/stories/s-hostile"]
    assert all("<script" not in i["content_html"] for i in doc["items"])  # text, not markup
    for item in doc["items"]:
        assert client.get(item["url"].removeprefix(BASE)).status_code == 200


def test_search_and_entity_feeds(client: TestClient) -> None:
    doc = client.get("/feeds/search.json", params={"q": "Tokyo"}).json()
    assert json_feed_problems(doc) == []
    assert [i["_crosswire"]["story"] for i in doc["items"]] == ["s-hostile"]
    assert doc["feed_url"] == BASE + "/feeds/search.json?q=Tokyo"
    for q in ("nothing matches this", "", '" OR ( NEAR'):
        empty = client.get("/feeds/search.atom", params={"q": q})
        assert empty.status_code == 200 and feedparser.parse(empty.content).entries == []
    atom = feedparser.parse(client.get("/feeds/entity.atom",
                                       params={"name": "<i>Tokyo</i>"}).content)
    assert not atom.bozo and [e.link for e in atom.entries] == [BASE + "/stories/s-hostile"]
    assert atom.feed.title == "crosswire: <i>Tokyo</i>"
    assert client.get("/feeds/entity.json", params={"name": "nobody"}).status_code == 404


def test_an_unchanged_feed_costs_a_304(client: TestClient) -> None:
    first = client.get("/feeds/stories.atom")
    etag = first.headers["etag"]
    again = client.get("/feeds/stories.atom", headers={"if-none-match": f'"x", W/{etag}'})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert again.headers["x-content-type-options"] == "nosniff"
    other = client.get("/feeds/stories.json", headers={"if-none-match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag


def test_feed_parameters_are_bounded(client: TestClient) -> None:
    for url in ("/feeds/stories.rss", "/feeds/stories.atom?limit=0",
                "/feeds/stories.json?limit=100000", "/feeds/entity.atom"):
        assert client.get(url).status_code in (404, 422), url
    assert len(client.get("/feeds/stories.json?limit=1").json()["items"]) == 1
    head = client.head("/feeds/stories.atom")
    assert head.status_code == 200 and head.content == b""
    other = client.get("/feeds/stories.atom", headers={"host": "evil.example"})
    assert other.status_code == 400  # the trusted-host check holds for feeds


def test_pages_advertise_their_feeds(client: TestClient) -> None:
    body = client.get("/").text
    assert ('<link rel="alternate" type="application/atom+xml" title="crosswire: stories (Atom)"'
            ' href="/feeds/stories.atom">') in body
    assert 'type="application/feed+json" title="crosswire: stories (JSON Feed)"' in body
    assert 'class="feed-atom" href="/feeds/stories.atom"' in body
    assert 'href="/feeds/stories.atom?singles=1"' in client.get("/?singles=1").text
    assert 'href="/feeds/search.atom?q=Tokyo+%3Cb%3E"' in client.get(
        "/search", params={"q": "Tokyo <b>"}).text
    assert 'href="/feeds/entity.json?name=%3Ci%3ETokyo%3C%2Fi%3E"' in client.get(
        "/entities/%3Ci%3ETokyo%3C%2Fi%3E").text


def test_the_cli_prints_the_same_feed_the_web_serves(
    client: TestClient, db: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    for fmt in ("atom", "json"):
        for extra in ([], ["--singles"]):
            assert main(["stories", "--db", str(db), "--format", fmt, *extra]) == 0
            printed = capsysbinary.readouterr().out
            query = "?singles=1" if extra else ""
            assert printed == client.get(f"/feeds/stories.{fmt}{query}").content
            again = (main(["stories", "--db", str(db), "--format", fmt, *extra]),
                     capsysbinary.readouterr().out)
            assert again == (0, printed)  # the same store, the same bytes
    assert main(["stories", "--db", str(db), "--format", "json",
                 "--base-url", "https://desk.example/cw/"]) == 0
    doc = json.loads(capsysbinary.readouterr().out)
    assert json_feed_problems(doc) == [] and doc["items"][0]["url"] == (
        "https://desk.example/cw/stories/s-1")


def test_an_entry_keeps_its_id_and_moves_its_updated_time_as_the_story_grows(db: Path) -> None:
    brief = tiny_brief()
    with open_store(path=db, clock=_clock("2025-04-01T00:00:00+00:00")) as store:
        store.put_story(brief=brief, fingerprint="fp2")  # re-briefed, the same brief
        (same,) = feed_stories(store=store, story_ids=["s-1"])
        assert same["changed"] == LATER
        extra = Article(id="c", text="Gamma said the deal is done.", site="c.example",
                        published="2025-02-09")
        with store.transaction():
            store.add_article(article=extra, content_hash="h-c", origin="c.txt")
        grown = replace(brief, sources=(*brief.sources, BriefSource(
            article=extra, origin=None, origin_group="c", role="independent")))
        store.put_story(brief=grown, fingerprint="fp3")
        (after,) = feed_stories(store=store, story_ids=["s-1"])
    assert after["changed"] == "2025-04-01T00:00:00+00:00" and after["articles"] == 3
    with TestClient(create_app(db_path=db), base_url=BASE) as client:
        entry = feedparser.parse(client.get("/feeds/stories.atom").content).entries[0]
    assert entry.id == "tag:crosswire,2025:story/s-1" and entry.updated == "2025-04-01T00:00:00Z"
    assert "3 reports from 3 independent voices" in entry.content[0].value
