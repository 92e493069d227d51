"""Cleaning the seed reports: header, dateline, credits, junk removed with reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.ingest import read_paths
from crosswire.models import Article, RawDocument
from crosswire.stages.clean import CleanConfig, clean_document

SEEDS = Path(__file__).resolve().parents[3] / "examples" / "ishiba-visit"


def _clean(stem: str) -> Article:
    path = next(SEEDS.glob(f"{stem}_*.txt"))
    result = clean_document(doc=RawDocument(id=path.stem, text=path.read_text("utf-8")))
    assert isinstance(result, Article)
    return result


def _reasons(article: Article) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for seg in article.removed:
        out.setdefault(seg.reason, []).append(seg.text)
    return out


def test_000_header_and_dateline() -> None:
    a = _clean("000")
    assert a.id == "000_bc6434c99118b5b0"
    assert (a.published, a.published_source) == ("2024-02-06", "header")
    assert a.dateline == "WASHINGTON"
    assert a.attribution == "AP"
    assert a.text.startswith("Japanese Prime Minister Shigeru Ishiba didn't skimp")
    assert a.language == "en"
    assert "\n\n" not in a.text
    assert {"header", "dateline"} <= set(_reasons(a))


def test_001_trailing_credit() -> None:
    a = _clean("001")
    assert a.attribution == "Reuters"
    assert "(With inputs from Reuters)" in _reasons(a)["credit"]
    assert "With inputs" not in a.text
    assert "Tough Act To Follow" in a.text.split("\n")  # subheads are kept


def test_002_byline_prefix_image_repeated_headline_comment() -> None:
    a = _clean("002")
    headline = "Trump Tells Ishiba He Aims to Slash U.S.-Japan Trade Deficit"
    reasons = _reasons(a)
    assert a.title == headline
    assert a.dateline == "WASHINGTON"
    assert a.author == "J. Mansour"
    assert a.text.startswith("Japanese Prime Minister Shigeru Ishiba made a whirlwind trip")
    assert reasons["byline"][0].startswith(headline + "/ Newslooks/")
    assert reasons["repeated-headline"] == [headline]
    assert reasons["image"][0].startswith("![](https://www.newslooks.com/")
    assert reasons["comment-box"] == ["You must Register or Login to post a comment."]
    assert headline not in a.text.split("\n")
    assert "![" not in a.text


def test_003_repeated_headline_and_paragraphs() -> None:
    a = _clean("003")
    reasons = _reasons(a)
    title = "Japan's Prime Minister Aims to Develop Strong Ties with Trump During White House Visit"
    assert a.title == title
    assert reasons["repeated-headline"] == [title]
    assert len(reasons["repeated-paragraph"]) == 4
    lines = a.text.split("\n")
    assert len(lines) == len(set(lines))
    assert lines[0].startswith("Prime Minister Shigeru Ishiba of Japan is set to hold")


def test_004_comment_box_and_title() -> None:
    a = _clean("004")
    reasons = _reasons(a)
    assert reasons["comment-box"] == [
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    ]
    assert a.title is not None and a.title.startswith("Japanese Prime Minister seeking")
    assert "Leave a Reply" not in a.text


@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_body_words_are_never_rewritten(stem: str) -> None:
    a = _clean(stem)
    original = next(SEEDS.glob(f"{stem}_*.txt")).read_text("utf-8")
    for line in a.text.split("\n"):
        assert line in original
    assert a.site is None


def test_keep_title_in_text() -> None:
    path = next(SEEDS.glob("004_*.txt"))
    doc = RawDocument(id=path.stem, text=path.read_text("utf-8"))
    a = clean_document(doc=doc, config=CleanConfig(keep_title_in_text=True))
    assert isinstance(a, Article)
    assert a.text.startswith("Japanese Prime Minister seeking")


def test_read_paths_directory_reads_the_seed_reports_only() -> None:
    records = list(read_paths(paths=[str(SEEDS)]))
    assert [r.id for r in records] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert all(isinstance(r, RawDocument) and r.text for r in records)
