"""The timeline: resolved dates as events, merged across reports, sorted by date."""

from __future__ import annotations

import pytest

from crosswire.models import Article, TimelineEvent
from crosswire.stages.facts import TimelineConfig, build_timeline
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
