"""The story's event date: the day most independent voices tie to the lead event."""

from __future__ import annotations

import pytest

from crosswire.models import Article
from crosswire.stages.facts import story_event_date
from crosswire.stages.facts.dates import check_publication_date, extract_dates, extract_story_dates
from tests.stages.facts.test_corroborate import GROUPS
from tests.stages.facts.test_dates import seed_articles


def _story(*reports: tuple[str, str, str]) -> tuple[list[Article], dict[str, str]]:
    arts = [Article(id=i, text=t, published=p, title="Bombing at consulate") for i, p, t in reports]
    return arts, {a.id: a.id for a in arts}


def _event(arts: list[Article], groups: dict[str, str]) -> str | None:
    dates = {a.id: extract_dates(article=a) for a in arts}
    found = story_event_date(articles=arts, dates=dates, origin_groups=groups)
    return None if found is None else found.date


def test_seed_event_date_is_the_visit() -> None:
    arts = list(check_publication_date(articles=seed_articles()))
    dates = extract_story_dates(articles=arts)
    found = story_event_date(articles=arts, dates=dates, origin_groups=GROUPS)
    assert found is not None and found.date == "2025-02-07"
    texts = {a.id: a.text for a in arts}
    first = found.spans[0]
    assert texts[first.source][first.start : first.end] == found.text
    assert found.sources == tuple(s.source for s in found.spans) and len(found.sources) >= 2


@pytest.mark.parametrize("published", ["2016-11-11", "2016-11-12", "2016-11-14"])
def test_the_event_not_the_publication_or_the_statement(published: str) -> None:
    # reports a day or more after a Thursday bombing, with statements made on later days
    arts, groups = _story(
        ("a", published, "A bomb hit the consulate late Thursday. Officials said Friday it was "
                          "a revenge attack."),
        ("b", published, "The Taliban said Saturday the bombing at the consulate on Thursday "
                          "was revenge."),
        ("c", published, "The consulate bombing on Thursday killed six."),
    )
    assert _event(arts, groups) == "2016-11-10"


def test_one_voice_counts_once() -> None:
    # three copies of one wire story cannot outvote two independent outlets
    wire = "The consulate was bombed on Wednesday, officials said."
    arts, _ = _story(
        ("w1", "2016-11-11", wire), ("w2", "2016-11-11", wire), ("w3", "2016-11-11", wire),
        ("x", "2016-11-11", "The consulate bombing on Thursday killed six."),
        ("y", "2016-11-11", "A bomb hit the consulate late Thursday."),
    )
    groups = {"w1": "wire", "w2": "wire", "w3": "wire", "x": "x", "y": "y"}
    assert _event(arts, groups) == "2016-11-10"


def test_history_and_captions_do_not_date_the_event() -> None:
    arts, groups = _story(
        ("a", "2017-12-30", "FILE - In this Friday, Dec. 22, 2017, file photo, a ship is seen. "
                            "The ship was seized on Thursday."),
        ("b", "2017-12-30", "The founder set up the firm on Jan. 5, 2016. Police seized the "
                            "ship Thursday."),
    )
    assert _event(arts, groups) == "2017-12-28"


def test_a_scheduled_event_is_its_own_date() -> None:
    # previews of a launch: the launch day, ahead of the reports
    arts, groups = _story(
        ("a", "2018-02-04", "The rocket is scheduled to launch on Tuesday."),
        ("b", "2018-02-05", "SpaceX will launch the rocket Tuesday, Musk said Monday."),
    )
    assert _event(arts, groups) == "2018-02-06"


def test_a_month_when_no_report_gives_a_day_and_none_without_dates() -> None:
    arts, groups = _story(
        ("a", "2018-02-05", "Former employees launched a campaign this week."),
        ("b", "2018-02-06", "The campaign targets schools."),
    )
    assert _event(arts, groups) == "2018-02"
    arts, groups = _story(("a", "2018-02-05", "The campaign targets schools."))
    assert _event(arts, groups) is None
    # an earlier month named without its day is recalled, not the news
    arts, groups = _story(
        ("a", "2018-02-05", "Workers launched a campaign. In January, investors asked Apple."),
        ("b", "2018-02-05", "Workers launched a campaign. Experts wrote to Facebook last week."),
    )
    assert _event(arts, groups) is None
