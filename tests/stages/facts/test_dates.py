"""Dates: absolute and relative expressions, and publication dates that contradict the text."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.models import Article, RawDocument
from crosswire.stages.facts.dates import (
    INCONSISTENT_DATE_FLAG,
    DateConfig,
    check_publication_date,
    extract_dates,
    extract_story_dates,
    reference_date,
    story_reference,
)
from tests.conftest import SEEDS

S000, S001, S003 = "000_bc6434c99118b5b0", "001_f873cc57e5a5d69e", "003_21061efda853f391"


def seed_articles() -> list[Article]:
    """The seeds as cleaned Articles (read by hand while ingest/clean are not importable)."""
    try:
        from crosswire.ingest import read_paths
        from crosswire.stages.clean import clean_document
    except ImportError:
        out = []
        for path in sorted(SEEDS.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            m = re.match(r"\s*date (\d{4}-\d\d-\d\d)\s+", text)
            pub = m.group(1) if m else None
            out.append(Article(id=path.stem, text=text[m.end() :] if m else text, published=pub))
        return out
    cleaned = [
        clean_document(doc=d) for d in read_paths(paths=[str(SEEDS)]) if isinstance(d, RawDocument)
    ]
    return sorted((a for a in cleaned if isinstance(a, Article)), key=lambda a: a.id)


def _resolved(text: str, published: str = "2025-02-06") -> dict[str, str | None]:
    article = Article(id="a", text=text, published=published)
    return {m.text: m.date for m in extract_dates(article=article)}


@pytest.mark.parametrize(
    ("text", "expression", "date"),
    [
        ("The visit is taking place Friday.", "Friday", "2025-02-07"),
        ("He arrived Thursday evening.", "Thursday evening", "2025-02-06"),
        ("She spoke on Monday.", "on Monday", "2025-02-03"),
        ("They will meet next Tuesday.", "next Tuesday", "2025-02-11"),
        ("Biden before leaving office last month blocked the deal.", "last month", "2025-01"),
        ("Trump in December said he was against it.", "in December", "2024-12"),
        ("Biden blocked the deal in January.", "in January", "2025-01"),
        ("The summit will be held in March.", "in March", "2025-03"),
        ("He huddled this week with executives.", "this week", "2025-02"),
        ("They will meet next week.", "next week", "2025-02"),
        ("Acquisitions rose last year.", "last year", "2024"),
        ("It happened yesterday.", "yesterday", "2025-02-05"),
        ("It happened two years ago.", "two years ago", "2023"),
        ("A meeting in Washington on February 7 is planned.", "February 7", "2025-02-07"),
        ("The deal closed on Feb. 7, 2024.", "Feb. 7, 2024", "2024-02-07"),
        ("Abe resigned in 2020.", "2020", "2020"),
        ("The report of March 2023 said so.", "March 2023", "2023-03"),
    ],
)
def test_resolution_table(text: str, expression: str, date: str) -> None:
    assert _resolved(text)[expression] == date


def test_relative_flags_and_verbatim_spans() -> None:
    text = "Ishiba arrived Thursday evening.\nAbe resigned in 2020."
    article = Article(id="a", text=text, published="2025-02-06")
    mentions = extract_dates(article=article)
    assert [(m.text, m.relative) for m in mentions] == [("Thursday evening", True), ("2020", False)]
    for m in mentions:
        assert text[m.span.start : m.span.end] == m.text
        assert m.text in text[m.sentence.start : m.sentence.end]


def test_no_reference_leaves_relative_dates_unresolved() -> None:
    article = Article(id="a", text="They met Friday, in 2020.")
    assert {m.text: m.date for m in extract_dates(article=article)} == {
        "Friday": None, "2020": "2020",
    }
    cfg = DateConfig(reference="2025-02-06")
    assert extract_dates(article=article, config=cfg)[0].date == "2025-01-31"


def test_reference_date_prefers_the_publication_date() -> None:
    article = Article(id="a", text="On Feb. 3, 2025 they met.", published="2025-02-06")
    assert reference_date(article=article, mentions=extract_dates(article=article)) == "2025-02-06"
    undated = replace(article, published=None)
    assert reference_date(article=undated, mentions=extract_dates(article=undated)) == "2025-02-03"


def test_a_date_from_history_is_no_reference() -> None:
    # an obituary: the 1963 murder is history (the text names 1979 too), "Tuesday" stays open
    text = ("Mark Lane, whose thesis a House committee supported in 1979, died on Tuesday. "
            "Before the president's murder on Nov. 22, 1963, he was a minor figure.")
    article = Article(id="a", text=text)
    mentions = extract_dates(article=article)
    assert reference_date(article=article, mentions=mentions) is None
    assert {m.text: m.date for m in mentions}["on Tuesday"] is None


def test_a_weekday_before_its_written_date_is_not_a_second_date() -> None:
    text = "A local site broke it Friday evening December 2, and on Monday, Dec. 5, 2016 it spread."
    article = Article(id="a", text=text, published="2016-12-07")
    assert [(m.text, m.date) for m in extract_dates(article=article)] == [
        ("December 2", "2016-12-02"), ("Dec. 5, 2016", "2016-12-05"),
    ]


def test_consistent_date_is_trusted() -> None:
    text = "The U.S. had a $68 billion trade deficit with Japan in 2024. Abe died in 2022."
    article = Article(id="a", text=text, published="2025-02-06")
    assert check_publication_date(articles=[article]) == (article,)


def test_completed_year_contradicts_the_header() -> None:
    text = "The U.S. had a $68 billion trade deficit with Japan in 2024."
    header = Article(id="a", text=text, published="2024-02-06")
    (checked,) = check_publication_date(articles=[header])
    assert INCONSISTENT_DATE_FLAG in checked.flags
    assert checked.published == "2025-02-06" and checked.published_source == "content"


def test_outlier_among_the_story_reports_is_flagged() -> None:
    arts = [
        Article(id="a", text="Talks were held.", published="2025-02-06"),
        Article(id="b", text="Talks were held.", published="2025-02-07"),
        Article(id="c", text="Talks were held.", published="2019-06-01"),
    ]
    checked = {a.id: a for a in check_publication_date(articles=arts)}
    assert INCONSISTENT_DATE_FLAG in checked["c"].flags
    assert checked["c"].published == "2025-02-07"
    assert not checked["a"].flags and not checked["b"].flags
    assert story_reference(articles=list(checked.values())) == "2025-02-07"


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return list(check_publication_date(articles=seed_articles()))


def test_seed_header_date_is_flagged(seeds: list[Article]) -> None:
    by_id = {a.id: a for a in seeds}
    assert INCONSISTENT_DATE_FLAG in by_id[S000].flags
    assert by_id[S000].published == "2025-02-06"
    assert all(not a.flags for a in seeds if a.id != S000)


def test_seed_relative_dates_resolve_against_the_trusted_reference(seeds: list[Article]) -> None:
    dates = extract_story_dates(articles=seeds)
    s000 = {m.text: m.date for m in dates[S000]}
    assert s000["Friday"] == "2025-02-07"
    assert s000["last month"] == "2025-01"
    assert s000["in December"] == "2024-12"
    assert {m.text: m.date for m in dates[S001]}["February 7"] == "2025-02-07"
    assert {m.text: m.date for m in dates[S003]}["this Friday"] == "2025-02-07"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="JanuryFebMchlstwkoidTFSMW 0123456789,.\n", max_size=60))
def test_date_spans_stay_inside_the_text(text: str) -> None:
    article = Article(id="h", text=text, published="2025-02-06")
    for m in extract_dates(article=article):
        assert text[m.span.start : m.span.end] == m.text
        assert m.date is None or re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", m.date)


def test_impossible_dates_resolve_to_none() -> None:
    article = Article(id="a", text="It was 2025-13-30, or Feb. 30, 2024.", published="2025-02-06")
    assert [m.date for m in extract_dates(article=article)] == [None, None]
    assert extract_dates(article=replace(article, published="2025-13"))[0].date is None
