"""The seed brief as Markdown matches its golden file, and the HTML brief opens in Chromium.

Regenerate the golden file deliberately:
    CROSSWIRE_REGEN=1 pytest tests/pipeline/test_brief_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from crosswire import api
from crosswire.render import brief_to_html, brief_to_markdown
from tests.conftest import IN_CI, ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden" / "ishiba-visit.md"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def seed_brief(nlp: Any) -> Any:
    return api.brief(paths=[str(SEEDS)], nlp=nlp).briefs[0]


def test_markdown_matches_golden(seed_brief: Any) -> None:
    md = brief_to_markdown(seed_brief)
    if os.environ.get("CROSSWIRE_REGEN") == "1":
        GOLDEN.write_text(md, encoding="utf-8")
    assert md == GOLDEN.read_text(encoding="utf-8"), "regenerate deliberately if intended"


def test_html_brief_opens_in_chromium(seed_brief: Any, tmp_path: Path) -> None:
    try:
        import playwright.sync_api as pw
    except ImportError:
        pw = None
    if (pw is None or not CHROMIUM.exists()) and not IN_CI:
        pytest.skip("needs the playwright package and Debian's chromium (/usr/bin/chromium)")
    assert pw is not None
    path = tmp_path / "brief.html"
    path.write_text(brief_to_html(seed_brief), encoding="utf-8")
    with pw.sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        page.goto(path.as_uri())
        assert page.locator("h1").first.inner_text() == seed_brief.title
        assert page.locator("svg.lineage").count() == 1
        assert page.locator("h2", has_text="Summary").count() == 1
        browser.close()
