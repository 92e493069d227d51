"""Date rules, one test each, with the report's weekday varied: a relative expression resolves
against the report's publication date in the direction its clause's tense gives."""

from __future__ import annotations

import datetime as dt

import pytest

from crosswire.models import Article
from crosswire.stages.facts.calendar import find_expressions, parse_reference, resolve
from crosswire.stages.facts.dates import extract_story_dates
from crosswire.stages.facts.tense import Tense

# one report per weekday: Monday 2025-02-03 ... Sunday 2025-02-09
WEEK = [dt.date(2025, 2, 3) + dt.timedelta(days=k) for k in range(7)]
NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _date(text: str, published: dt.date, tense: Tense = "") -> str | None:
    (expr,) = find_expressions(text)
    return resolve(expr, reference=parse_reference(published.isoformat()), tense=tense)


@pytest.mark.parametrize("published", WEEK, ids=lambda d: d.strftime("%a"))
@pytest.mark.parametrize("weekday", range(7), ids=lambda k: NAMES[k])
def test_past_tense_weekday_looks_back(published: dt.date, weekday: int) -> None:
    got = dt.date.fromisoformat(_date(NAMES[weekday], published, "past") or "")
    assert got.weekday() == weekday and 0 <= (published - got).days <= 6


@pytest.mark.parametrize("published", WEEK, ids=lambda d: d.strftime("%a"))
@pytest.mark.parametrize("weekday", range(7), ids=lambda k: NAMES[k])
def test_future_tense_weekday_looks_ahead(published: dt.date, weekday: int) -> None:
    got = dt.date.fromisoformat(_date(NAMES[weekday], published, "future") or "")
    assert got.weekday() == weekday and 0 <= (got - published).days <= 6


@pytest.mark.parametrize("published", WEEK, ids=lambda d: d.strftime("%a"))
@pytest.mark.parametrize("tense", ["past", "future", "present", ""])
def test_the_reports_own_weekday_is_that_day(published: dt.date, tense: Tense) -> None:
    # news names today by its weekday: "said Monday" and "will meet Monday" in a Monday report
    assert _date(NAMES[published.weekday()], published, tense) == published.isoformat()


@pytest.mark.parametrize("published", WEEK, ids=lambda d: d.strftime("%a"))
@pytest.mark.parametrize("tense", ["past", "future", ""])
def test_last_and_next_weekday_skip_the_reports_own_day(published: dt.date, tense: Tense) -> None:
    name = NAMES[published.weekday()]
    week = dt.timedelta(days=7)
    assert _date(f"last {name}", published, tense) == (published - week).isoformat()
    assert _date(f"next {name}", published, tense) == (published + week).isoformat()
    for k in range(7):
        last = dt.date.fromisoformat(_date(f"last {NAMES[k]}", published, tense) or "")
        upcoming = dt.date.fromisoformat(_date(f"next {NAMES[k]}", published, tense) or "")
        assert last < published < upcoming


@pytest.mark.parametrize("published", WEEK, ids=lambda d: d.strftime("%a"))
def test_present_tense_weekday_is_the_nearer_one(published: dt.date) -> None:
    # "launches on Tuesday" (scheduled), "march on Friday" (a photo caption): the nearer day
    for k in range(7):
        got = dt.date.fromisoformat(_date(NAMES[k], published, "present") or "")
        assert got.weekday() == k and abs((got - published).days) <= 3


@pytest.mark.parametrize("published", WEEK[:3] + [dt.date(2025, 12, 30)], ids=str)
def test_month_year_keeps_its_year(published: dt.date) -> None:
    for text in ("in January 2015", "January 2015", "January, 2015", "January of 2015"):
        (expr,) = find_expressions(f"It began {text}.")
        assert resolve(expr, reference=parse_reference(published.isoformat())) == "2015-01"
    assert len(find_expressions("Sales fell in January 2015 and rose in 2016.")) == 2


@pytest.mark.parametrize(
    ("published", "tense", "month", "want"),
    [
        ("2025-02-06", "past", "in December", "2024-12"),
        ("2025-02-06", "future", "in December", "2025-12"),
        ("2025-11-20", "past", "in December", "2024-12"),
        ("2025-11-20", "present", "in December", "2025-12"),
        ("2025-11-20", "future", "in March", "2026-03"),
        ("2025-11-20", "past", "in March", "2025-03"),
    ],
)
def test_month_without_year_follows_the_tense(
    published: str, tense: Tense, month: str, want: str
) -> None:
    assert _date(month, dt.date.fromisoformat(published), tense) == want


@pytest.mark.parametrize("published", WEEK, ids=lambda d: d.strftime("%a"))
def test_month_day_without_year_follows_the_tense(published: dt.date) -> None:
    # a day up to two months on the wrong side of the report still keeps the report's year
    assert _date("Jan. 20", published, "past") == "2025-01-20"
    assert _date("Feb. 20", published, "future") == "2025-02-20"
    assert _date("Dec. 20", published, "future") == "2025-12-20"
    assert _date("Dec. 20", published, "past") == "2024-12-20"


@pytest.mark.parametrize("published", WEEK, ids=lambda d: d.strftime("%a"))
def test_deixis_and_units(published: dt.date) -> None:
    day = dt.timedelta(days=1)
    assert _date("yesterday", published) == (published - day).isoformat()
    assert _date("tomorrow", published) == (published + day).isoformat()
    assert _date("last year", published) == "2024"
    assert _date("two years ago", published) == "2023"
    assert _date("over the past year", published) is None  # a stretch up to now


def test_names_and_credits_are_no_dates() -> None:
    assert find_expressions("(Photo: Ken Blaze-USA TODAY Sports) The Cubs won.") == []
    assert find_expressions("She told the Today show it was over.") == []
    assert find_expressions("Copyright 2017 The Associated Press.") == []
    assert find_expressions("Staff of today's biggest tech companies joined.") == []
    assert [e.kind for e in find_expressions("Today, the Cubs won.")] == ["deixis"]


@pytest.mark.parametrize("published", WEEK[:2] + [dt.date(2025, 8, 1)], ids=str)
def test_month_with_this_or_last_year(published: dt.date) -> None:
    year = published.year
    assert _date("In July this year", published, "present") == f"{year}-07"
    assert _date("in March last year", published, "future") == f"{year - 1}-03"


def test_a_bare_month_abbreviation_is_a_name() -> None:
    assert find_expressions("Ajmal Jan, a shopkeeper, said the blast blew his windows out.") == []
    assert [e.kind for e in find_expressions("It ended in Jan. after a year.")] == ["month"]


def _story_friday(published: dt.date, *, others: tuple[int, ...]) -> str | None:
    name = NAMES[(published.weekday() + 1) % 7]  # the weekday after the report's own
    report = Article(id="a", text=f"Helicopters were heard over the city early on {name}.",
                     published=published.isoformat())
    story = [report] + [
        Article(id=f"b{k}", text="The attack was claimed by the group.",
                published=(published + dt.timedelta(days=k)).isoformat())
        for k in others
    ]
    mentions = extract_story_dates(articles=story)["a"]
    return next(m.date for m in mentions if m.relative)


@pytest.mark.parametrize("published", WEEK, ids=lambda d: d.strftime("%a"))
def test_a_weekday_after_the_report_date_that_the_story_reaches(published: dt.date) -> None:
    # "early on Friday" in a report dated Thursday, in a story reported Thursday and Friday:
    # the events' zone was already on Friday (a week-old day would be "last Friday")
    after = (published + dt.timedelta(days=1)).isoformat()
    week_ago = (published - dt.timedelta(days=6)).isoformat()
    assert _story_friday(published, others=(1,)) == after
    assert _story_friday(published, others=(0,)) == week_ago  # the story ends that day
    assert _story_friday(published, others=(-6, 1)) == week_ago  # reported a week ago too
