"""The real pages in headless Chromium (Playwright + Debian's /usr/bin/chromium) over uvicorn on
127.0.0.1, over a store of the seed example and an invented pile of several outlets
(:func:`tests.helpers.write_outlet_pile`): the story list ranked by independent voices with
one-report stories behind a filter, a story page that names its sources by outlet with a
source-by-source table, the seed story with its three voices and highlighted reuse, the
side-by-side comparison, and a search for "Nippon Steel".

Screenshots in docs/ (referenced from the README) are taken from these pages; regenerate them
deliberately: ``CROSSWIRE_SCREENSHOTS=1 pytest tests/web/test_web_browser.py``."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import write_outlet_pile

CHROMIUM = Path("/usr/bin/chromium")
IN_CI = os.environ.get("CI") == "true"
ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "examples" / "ishiba-visit"
DOCS = ROOT / "docs"
SHOOT = os.environ.get("CROSSWIRE_SCREENSHOTS") == "1"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

try:
    import playwright.sync_api as pw
except ImportError:  # pragma: no cover - depends on the machine
    pw = None  # type: ignore[assignment]

pytestmark = pytest.mark.skipif(
    (pw is None or not CHROMIUM.exists()) and not IN_CI,
    reason="needs the playwright package and Debian's chromium (/usr/bin/chromium)",
)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Iterator[str]:
    import uvicorn

    from crosswire.store import open_store
    from crosswire.store.ingest import ingest_paths
    from crosswire.web.app import create_app

    folder = tmp_path_factory.mktemp("browser")
    db = folder / "seed.db"
    pile = write_outlet_pile(folder / "pile.jsonl")
    with open_store(path=db) as store:
        ingest_paths(store=store, paths=[str(SEEDS), str(pile)], nlp=nlp)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(db_path=db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    assert pw is not None
    with pw.sync_playwright() as play:
        chromium = play.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def _page(browser: Any, url: str) -> Any:
    page = browser.new_page(viewport={"width": 1100, "height": 760})
    page.set_default_timeout(15_000)
    page.goto(url)
    return page


def _shoot(target: Any, name: str) -> None:
    if SHOOT:
        target.screenshot(path=str(DOCS / name))


def _titles(page: Any) -> list[str]:
    links = page.locator("tr.story-row a.story-link")
    return [links.nth(i).inner_text() for i in range(links.count())]


def test_story_list_ranks_by_voices_and_keeps_one_report_stories_behind_a_filter(
    base_url: str, browser: Any
) -> None:
    page = _page(browser, base_url + "/")
    rows = page.locator("tr.story-row")
    voices = [int(rows.nth(i).locator("td.voices").inner_text()) for i in range(rows.count())]
    assert voices == [4, 3, 2]  # the invented bridge story, the seed story, the budget story
    assert "panda" not in " ".join(_titles(page)).lower()
    _shoot(page, "web-stories.png")
    page.locator("a.singles-filter").click()  # "show 1 one-report story"
    page.wait_for_url("**singles=1*")
    assert rows.count() == 4 and "panda" in _titles(page)[-1].lower()
    page.locator("a.sort-recent").click()
    page.wait_for_url("**sort=recent*")
    assert "panda" in _titles(page)[0].lower()  # the newest first, one-report stories kept
    assert page.locator("a.singles-filter").inner_text() == "hide one-report stories"
    page.close()


def _open_story(page: Any, reports: int) -> None:
    rows = page.locator("tr.story-row")
    sizes = [int(rows.nth(i).locator("td.reports").inner_text()) for i in range(rows.count())]
    rows.nth(sizes.index(reports)).locator("a.story-link").click()
    page.wait_for_url("**/stories/*")


def test_story_page_names_outlets_and_tells_source_by_source(
    base_url: str, browser: Any
) -> None:
    page = _page(browser, base_url + "/")
    _open_story(page, 6)  # the invented bridge story
    assert page.locator(".independent-count").inner_text() == "4 independent voices"
    assert page.locator("main").inner_text().count("independent voice") == 1
    cited = page.locator("#summary .cite a")
    names = {cited.nth(i).inner_text() for i in range(cited.count())}
    assert names and not any(n.startswith("bridge-") for n in names)  # outlets, not ids
    assert {"nytimes.com", "washingtonpost.com"} <= names
    assert cited.first.get_attribute("title").startswith("bridge-")  # the id as a tooltip
    voices = page.locator("li.voice-group > b")
    assert sorted(voices.nth(i).inner_text() for i in range(voices.count())) == [
        "AP", "cnn.com", "millbrookherald.com", "npr.org"]
    _shoot(page, "web-story.png")

    table = page.locator("#source-table table.sources")
    rows = table.locator("tr.source-row")
    assert rows.count() == 6
    by_outlet = {rows.nth(i).locator("td.outlet").inner_text(): rows.nth(i)
                 for i in range(rows.count())}
    assert set(by_outlet) == {"cnn.com (1)", "cnn.com (2)", "millbrookherald.com", "npr.org",
                              "nytimes.com", "washingtonpost.com"}
    wire = [by_outlet["nytimes.com"], by_outlet["washingtonpost.com"]]
    assert {r.locator("td.voice").inner_text() for r in wire} == {"AP"}
    assert any(" of " in r.locator("td.role").inner_text() for r in wire)  # a copy of the other
    assert by_outlet["cnn.com (2)"].locator("td.voice").inner_text() == "cnn.com"
    assert "1 quote" in by_outlet["npr.org"].locator("td.adds").inner_text()
    table.scroll_into_view_if_needed()
    _shoot(page.locator("#source-table"), "web-sources.png")
    page.close()


def test_browse_the_seed_story(base_url: str, browser: Any) -> None:
    page = _page(browser, base_url + "/")
    _open_story(page, 5)  # the five seed reports
    assert page.locator(".independent-count").inner_text() == "3 independent voices"
    assert page.locator("li.voice-group").count() == 3
    assert page.locator("#sources mark.reused").count() >= 1
    assert page.locator("#sources del").count() >= 1  # removed junk, struck through

    page.locator("a", has_text="compare sources").first.click()
    page.wait_for_url("**/compare*")
    columns = page.locator(".side-by-side .column")
    assert columns.count() == 2
    for i in range(2):
        marks = columns.nth(i).locator("mark.reused")
        assert marks.count() >= 1
        assert marks.first.is_visible()
    page.close()


def test_search_for_nippon_steel(base_url: str, browser: Any) -> None:
    page = browser.new_page()
    page.set_default_timeout(15_000)
    page.goto(base_url + "/")
    page.fill("input[name=q]", "Nippon Steel")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    hits = page.locator("li.hit")
    assert hits.count() >= 2
    assert "Nippon" in hits.first.locator("mark").first.inner_text()
    hits.first.locator("a").first.click()
    page.wait_for_url("**/articles/*")
    assert "Nippon Steel" in page.locator(".text").inner_text()
    page.close()


def test_a_story_opens_from_the_feed_link(base_url: str, browser: Any) -> None:
    import json

    import feedparser

    page = _page(browser, base_url + "/")
    advertised = page.locator("head link[rel=alternate][type='application/atom+xml']")
    assert advertised.get_attribute("href") == "/feeds/stories.atom"
    page.locator("a.feed-atom").click()  # the feed link a reader copies into its feed reader
    page.wait_for_url("**/feeds/stories.atom")
    feed = feedparser.parse(page.request.get(page.url).body())
    assert not feed.bozo and len(feed.entries) == 3  # one entry per story (of 2+ reports)
    entry = next(e for e in feed.entries if "bridge" in e.title.lower())
    page.goto(entry.link)
    assert page.locator(".independent-count").inner_text() == "4 independent voices"
    assert page.locator("h1").inner_text() == entry.title
    items = json.loads(page.request.get(base_url + "/feeds/stories.json").body())["items"]
    assert [i["url"] for i in items] == [e.link for e in feed.entries]
    page.close()


def test_pages_run_no_script(base_url: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(base_url + "/")
    assert page.locator("script").count() == 0
    page.close()
