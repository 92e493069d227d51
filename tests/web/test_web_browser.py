"""The real pages in headless Chromium (Playwright + Debian's /usr/bin/chromium) over uvicorn on
127.0.0.1: the story list, the seed story with its three independent origins and highlighted
reuse, the side-by-side comparison, and a search for "Nippon Steel"."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
IN_CI = os.environ.get("CI") == "true"
SEEDS = Path(__file__).resolve().parents[2] / "examples" / "ishiba-visit"
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

    db = tmp_path_factory.mktemp("browser") / "seed.db"
    with open_store(path=db) as store:
        ingest_paths(store=store, paths=[str(SEEDS)], nlp=nlp)
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


def test_browse_the_seed_story(base_url: str, browser: Any) -> None:
    page = browser.new_page()
    page.set_default_timeout(15_000)
    page.goto(base_url + "/")
    rows = page.locator("tr.story-row")
    assert rows.count() >= 1
    sizes = [int(rows.nth(i).locator("td.reports").inner_text()) for i in range(rows.count())]
    rows.nth(sizes.index(max(sizes))).locator("a.story-link").click()  # the five seed reports
    page.wait_for_url("**/stories/*")

    assert page.locator(".independent-count").inner_text() == "3 independent origins"
    assert page.locator("li.origin-group").count() == 3
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


def test_pages_run_no_script(base_url: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(base_url + "/")
    assert page.locator("script").count() == 0
    page.close()
