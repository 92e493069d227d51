"""The timeline: resolved dates as events, merged across reports, sorted by date."""

from __future__ import annotations

import pytest

from crosswire.models import Article, TimelineEvent
from crosswire.stages.facts import TimelineConfig, build_timeline, story_event_date
from crosswire.stages.facts.dates import check_publication_date, extract_dates, extract_story_dates
from tests.stages.facts.test_corroborate import GROUPS, S000, S001, S002, S003
from tests.stages.facts.test_dates import seed_articles


@pytest.fixture(scope="module")
def seeds() -> tuple[list[Article], tuple[TimelineEvent, ...]]:
    articles = list(check_publication_date(articles=seed_articles()))
    dates = extract_story_dates(articles=articles)
    return articles, build_timeline(articles=articles, dates=dates, origin_groups=GROUPS)


def test_seed_meeting_on_february_7(seeds: tuple[list[Article], tuple[TimelineEvent, ...]]) -> None:
    _, timeline = seeds
    meeting = [e for e in timeline if e.date == "2025-02-07" and S000 in e.sources]
    assert len(meeting) == 1
    assert {S000, S001, S003} <= set(meeting[0].sources)


def test_seed_biden_blocked_the_deal_in_january(
    seeds: tuple[list[Article], tuple[TimelineEvent, ...]],
) -> None:
    _, timeline = seeds
    blocked = [e for e in timeline if e.date == "2025-01" and "block" in e.text]
    assert len(blocked) == 1
    assert set(blocked[0].sources) == {S000, S002}


def test_seed_timeline_sorted_and_verbatim(
    seeds: tuple[list[Article], tuple[TimelineEvent, ...]],
) -> None:
    articles, timeline = seeds
    texts = {a.id: a.text for a in articles}
    story = [e.date for e in timeline if not e.background]
    background = [e.date for e in timeline if e.background]
    assert [e.date for e in timeline] == story + background
    assert story == sorted(story) and background == sorted(background)
    for event in timeline:
        assert event.sources == tuple(s.source for s in event.spans)
        assert any(texts[s.source][s.start : s.end] == event.text for s in event.spans)


def test_per_article_dates_without_story_reference() -> None:
    a = Article(id="a", text="Biden blocked the deal last month.", published="2025-02-06")
    b = Article(id="b", text="The deal was blocked by Biden in January.", published="2025-02-07")
    dates = {x.id: extract_dates(article=x) for x in (a, b)}
    (event,) = build_timeline(articles=[a, b], dates=dates, origin_groups={"a": "1", "b": "2"})
    assert event.date == "2025-01" and event.sources == ("a", "b")
    apart = TimelineConfig(min_shared_words=9)
    assert len(build_timeline(articles=[a, b], dates=dates, origin_groups={}, config=apart)) == 2


def _timeline(*reports: tuple[str, str, str]) -> tuple[TimelineEvent, ...]:
    arts = [Article(id=i, text=t, published=p) for i, p, t in reports]
    dates = {a.id: extract_dates(article=a) for a in arts}
    groups = {a.id: a.id for a in arts}
    event = story_event_date(articles=arts, dates=dates, origin_groups=groups)
    return build_timeline(articles=arts, dates=dates, origin_groups=groups, event_date=event)


def test_one_row_per_sentence_and_event() -> None:
    # one sentence naming four dates is one row (dated by its event, not by every year in it)
    rows = _timeline(
        ("a", "2016-11-03", "The Cubs, who last won in 1908 and lost in 1945 and 2003, won the "
                            "World Series on Wednesday."),
        ("b", "2016-11-03", "The Chicago Cubs won the World Series Wednesday night."),
    )
    assert [(e.date, e.sources) for e in rows] == [("2016-11-02", ("a", "b"))]


def test_main_event_first_background_marked_last() -> None:
    rows = _timeline(
        ("a", "2016-07-15", "A truck drove into a crowd in Nice on Thursday, killing 84 people."),
        ("b", "2016-07-15", "The truck attack in Nice on Thursday killed 84 people. The company "
                            "that rented the truck was founded in 1990."),
        ("c", "2016-07-15", "Officials will hold a memorial for the victims next week. The "
                            "city hosted the summit last year."),
    )
    assert rows[0].date == "2016-07-14" and rows[0].sources == ("a", "b")
    assert not rows[0].background
    story = [e for e in rows if not e.background]
    background = [e for e in rows if e.background]
    assert [e.date for e in background] == ["1990", "2015"]
    assert rows == tuple(story + background)


@pytest.mark.parametrize("published", ["2017-09-16", "2017-09-18", "2017-09-20"])
def test_a_launch_reported_days_later_is_one_row_on_its_day(published: str) -> None:
    rows = _timeline(
        ("a", "2017-09-16", "The rocket launched Friday from Florida."),
        ("b", published, "The rocket launched on Sept. 15 from Florida."),
    )
    assert [(e.date, e.sources) for e in rows] == [("2017-09-15", ("a", "b"))]


def test_the_reports_establishing_the_event_are_its_row() -> None:
    # different words for one bombing: one row, the main one, cited in every report
    rows = _timeline(
        ("a", "2016-11-11", "Taliban insurgents struck the German consulate late Thursday."),
        ("b", "2016-11-11", "A huge blast was heard in Mazar on Thursday evening."),
        ("c", "2016-11-11", "The explosion late on Thursday damaged the building."),
    )
    assert [(e.date, e.sources) for e in rows] == [("2016-11-10", ("a", "b", "c"))]


def test_no_rows_for_quoted_today_article_notes_or_the_storys_own_year() -> None:
    rows = _timeline(
        ("a", "2016-11-03", "The Cubs won the World Series on Wednesday. \u201cI'm glad that "
                            "today is the day,\u201d a fan said. The 2016 Cubs were the best. "
                            "This article was amended on 4 November 2016. Nov. 3, 2016."),
    )
    assert [e.date for e in rows] == ["2016-11-02"]


def test_a_date_after_since_or_by_is_no_event() -> None:
    articles = [
        Article(id="a", published="2018-02-06",
                text="Prices fell as low as $5,967 this morning, the lowest level since Nov. 13."),
        Article(id="b", published="2018-02-06",
                text="The coin fell to its lowest level since November 13 on Tuesday morning."),
        Article(id="c", published="2018-02-06",
                text="The agency aims to have a permanent station in orbit by 2023."),
    ]
    dates = extract_story_dates(articles=articles)
    rows = build_timeline(articles=articles, dates=dates,
                          origin_groups={"a": "a", "b": "b", "c": "c"})
    assert all(not r.date.startswith(("2017-11", "2023")) for r in rows)
