"""The web app in-process (TestClient) over a store built by hand: every page and JSON endpoint,
and hostile article text rendered as text everywhere."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crosswire.models import (
    Article,
    Brief,
    BriefSource,
    Discrepancy,
    DiscrepancyValue,
    Entity,
    Fact,
    Quote,
    RemovedSegment,
    ReusedPassage,
    Span,
    SummarySentence,
    TimelineEvent,
)
from crosswire.store import open_store
from crosswire.web.app import create_app, template_environment
from crosswire.web.views import compare_view, split_marked

EVIL = '<script>alert("pwned")</script> Tokyo <img src=x onerror=alert(1)> Steel'
BASE = "Nippon Steel wants to buy U.S. Steel. "
TEXT_A = BASE + EVIL + "\nThe leaders met in Washington."
TEXT_B = "Reports said: " + BASE + EVIL + "\nMore later."
RAW_TAGS = ("<script>alert", "<img src=x", "onerror=alert(1)>")


def _brief() -> tuple[Brief, tuple[Article, Article]]:
    a = Article(id="a1", text=TEXT_A, title="Deal <script>x()</script>", site="<b>a.example</b>",
                published="2025-02-07", url="javascript:alert(1)",
                removed=(RemovedSegment("comment-box", "Leave a Reply <script>bad()</script>"),))
    b = Article(id="b1", text=TEXT_B, title="Copy", site="b.example", published="2025-02-08",
                url='https://b.example/x?a=1&b="2"',
                flags=("<i>flag</i>",))
    start_a, start_b = TEXT_A.index(BASE), TEXT_B.index(BASE)
    n = len(BASE + EVIL)
    passage = ReusedPassage(Span("b1", start_b, start_b + n), Span("a1", start_a, start_a + n), 0.9)
    brief = Brief(
        title="Deal <script>x()</script>",
        story="s-test",
        sources=(
            BriefSource(article=a, origin=None, origin_group="a1", role="original",
                        outlet="<b>a.example</b>", voice="a1"),
            BriefSource(article=b, origin="a1", origin_group="a1", role="copy",
                        passages=(passage,), outlet="b.example", voice="a1"),
        ),
        summary=(SummarySentence(EVIL, (Span("a1", start_a, start_a + n),), ("a1",)),),
        facts=(Fact(EVIL, (Span("a1", start_a, start_a + n),), ("a1", "b1"), 1),),
        timeline=(TimelineEvent("2025-02", EVIL, (Span("a1", start_a, start_a + n),), ("a1",)),),
        discrepancies=(Discrepancy("<b>cost</b>", (DiscrepancyValue(EVIL, ("a1",)),
                                                   DiscrepancyValue("$6 <i>bn</i>", ("b1",)))),),
        quotes=(Quote(EVIL, "<b>Someone</b>", (Span("a1", 0, 5),), ("a1",), 1),),
        entities=(Entity("Nippon <script>Steel", "ORG", ("<img src=x onerror=alert(1)>",),
                         ("a1", "b1")),),
        notes=("2 reports from 1 independent voice.", "<i>another</i> note"),
        flags=("emptied: cleaning left almost nothing of 1 report (<b>x</b>)",),
    )
    return brief, (a, b)


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    db = tmp_path / "web.db"
    brief, articles = _brief()
    with open_store(path=db) as store:
        with store.transaction():
            for art in articles:
                store.add_article(article=art, content_hash=f"h-{art.id}", origin=f"{art.id}.txt")
        store.put_story(brief=brief, fingerprint="fp")
    with TestClient(create_app(db_path=db), base_url="http://127.0.0.1:8000") as c:
        yield c


PAGES = (
    "/",
    "/stories/s-test",
    "/stories/s-test/compare",
    "/stories/s-test/compare?left=a1&right=b1",
    "/articles/a1",
    "/articles/b1",
    "/entities",
    "/entities/Nippon%20%3Cscript%3ESteel",
    "/search?q=Tokyo",
    "/search?q=%3Cscript%3E",
    "/search",
)


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_hostile_text_as_text(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src" not in response.headers["content-security-policy"]  # none allowed
    body = response.text
    for raw in RAW_TAGS:
        assert raw not in body, f"{url} renders {raw!r} unescaped"
    assert not re.search(r"<script", body, re.IGNORECASE)
    if url.startswith(("/stories/", "/articles/", "/search?q=Tokyo")):
        assert "&lt;script&gt;" in body and "&lt;img src=x onerror=alert(1)&gt;" in body


def test_story_page_shows_voices_reuse_and_removed(client: TestClient) -> None:
    body = client.get("/stories/s-test").text
    assert "1 independent voice" in body
    assert body.count("independent voice") == 1  # the header says it once
    assert "&lt;i&gt;another&lt;/i&gt; note" in body  # the other notes are shown
    assert body.count('class="voice-group"') == 1
    assert '<mark class="reused">' in body
    assert "<del>Leave a Reply &lt;script&gt;bad()&lt;/script&gt;</del>" in body


def test_story_page_names_sources_by_outlet_with_ids_as_tooltips(client: TestClient) -> None:
    body = client.get("/stories/s-test").text
    assert '<a href="#src-a1" title="a1">&lt;b&gt;a.example&lt;/b&gt;</a>' in body  # a citation
    assert ">a1<" not in body and ">b1<" not in body  # no id is shown as text


def test_story_page_has_a_source_by_source_table(client: TestClient) -> None:
    body = client.get("/stories/s-test").text
    rows = re.findall(r'<tr class="source-row">(.*?)</tr>', body, re.DOTALL)
    assert len(rows) == 2
    assert 'title="b1">b.example</a>' in rows[1]
    assert "copy of &lt;b&gt;a.example&lt;/b&gt;" in rows[1]
    # a1 alone reports them; the fact b1 (a copy of a1) carries too is still a1's
    assert "1 summary sentence, 1 fact, 1 quote, 1 date" in rows[0]
    assert "nothing the others lack" in rows[1]  # a copy adds nothing its origin lacks


def test_an_emptied_story_is_flagged(client: TestClient) -> None:
    body = client.get("/stories/s-test").text
    assert '<p class="flag story-flag">⚠ emptied: cleaning left almost nothing of 1 report' in body
    assert "(&lt;b&gt;x&lt;/b&gt;)" in body
    assert "⚠ emptied</span>" in client.get("/").text


def test_compare_marks_the_shared_passage_on_both_sides(client: TestClient) -> None:
    body = client.get("/stories/s-test/compare").text
    marks = re.findall(r'<mark class="reused">(.*?)</mark>', body, re.DOTALL)[1:]  # 0: legend
    assert len(marks) == 2 and marks[0] == marks[1]
    assert marks[0].startswith("Nippon Steel") and "&lt;script&gt;" in marks[0]


def test_only_web_urls_are_links(client: TestClient) -> None:
    assert "href=\"javascript" not in client.get("/articles/a1").text.lower()
    assert 'href="https://b.example/x?a=1&amp;b=&#34;2&#34;"' in client.get("/articles/b1").text


def test_missing_things_are_404(client: TestClient) -> None:
    for url in ("/stories/nope", "/stories/s-test/compare?left=zz", "/articles/zz",
                "/entities/zz"):
        response = client.get(url)
        assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    for url in ("/api/stories/nope", "/api/articles/zz", "/api/entities/zz"):
        response = client.get(url)
        assert response.status_code == 404 and response.json()["detail"]


def test_json_api(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    assert [(s["id"], s["voices"], s["articles"]) for s in stories] == [("s-test", 1, 2)]
    story = client.get("/api/stories/s-test").json()
    assert story["brief"]["sources"][1]["reused"][0]["counterpart"]["source"] == "a1"
    assert story["brief"]["sources"][0]["text"] == TEXT_A
    compare = client.get("/api/stories/s-test/compare").json()
    assert (compare["left"]["id"], compare["right"]["id"]) == ("b1", "a1")
    assert "".join(p["text"] for p in compare["left"]["pieces"]) == TEXT_B
    assert any(p["reused"] for p in compare["right"]["pieces"])
    article = client.get("/api/articles/b1").json()
    assert (article["story"], article["derived_from"], article["role"]) == ("s-test", "a1", "copy")
    entities = client.get("/api/entities").json()
    assert entities[0]["name"] == "Nippon <script>Steel" and entities[0]["stories"] == 1
    entity = client.get("/api/entities/Nippon <script>Steel").json()
    assert entity["sources"] == ["a1", "b1"] and entity["stories"][0]["id"] == "s-test"
    hits = client.get("/api/search", params={"q": "nippon steel"}).json()
    assert {h["article_id"] for h in hits} == {"a1", "b1"}
    assert any(p["match"] for p in hits[0]["snippet"])
    assert client.get("/api/search", params={"q": '" OR ( NEAR'}).json() == []


def test_openapi_lists_the_json_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/compare",
            "/api/articles/{article_id}", "/api/entities", "/api/entities/{name}",
            "/api/search"} <= paths
    assert not any(p == "/" or p.startswith("/stories") for p in paths)


def test_static_css_is_served(client: TestClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200 and "mark.reused" in response.text


def test_templates_never_mark_text_safe() -> None:
    env = template_environment()
    assert env.autoescape is True
    folder = Path(__file__).resolve().parents[2] / "src" / "crosswire" / "web" / "templates"
    for path in folder.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", "") and "autoescape false" not in text, path


def test_split_marked_round_trips_and_merges() -> None:
    text = "abcdefghij"
    pieces = split_marked(text=text, spans=[(2, 4), (3, 6), (8, 20), (-3, 1)])
    assert "".join(p.text for p in pieces) == text
    assert [(p.text, p.reused) for p in pieces] == [
        ("a", True), ("b", False), ("cdef", True), ("gh", False), ("ij", True)]
    assert split_marked(text="", spans=[]) == (split_marked(text="", spans=[])[0],)


def test_compare_view_rejects_unknown_sources() -> None:
    from crosswire.serialize import brief_to_dict

    brief = brief_to_dict(_brief()[0])
    assert compare_view(brief=brief, left="zz") is None
    view = compare_view(brief=brief)
    assert view is not None and view.shared_passages == 1


def test_entity_page_names_its_reports_by_site(client: TestClient) -> None:
    body = client.get("/entities/Nippon%20%3Cscript%3ESteel").text
    assert '<a href="/articles/b1" title="b1">b.example</a>' in body
    assert 'title="a1">&lt;b&gt;a.example&lt;/b&gt;</a>' in body
