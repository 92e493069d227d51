"""The tense of a date's clause, from the spaCy parse (governing verb) and from cues, and the
dates it gives in reports published on different weekdays."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.models import Article
from crosswire.stages.facts.dates import extract_dates
from crosswire.stages.facts.tense import is_reporting, tense_at


def _tense(text: str, expression: str, doc: Any | None) -> str:
    start = text.index(expression)
    return tense_at(
        text=text, start=start, end=start + len(expression), sentence=(0, len(text)), doc=doc
    )


@pytest.mark.parametrize(
    ("text", "expression", "want"),
    [
        ("He said Friday that he will resign.", "Friday", "past"),
        ("When it launches on Tuesday, the project will attempt to land three boosters.",
         "on Tuesday", "present"),
        ("SpaceX is set to launch the rocket Tuesday.", "Tuesday", "future"),
        ("The attack on Thursday killed five people.", "on Thursday", "past"),
        ("As thousands celebrate on Sunday night, a team will be standing by.",
         "on Sunday night", "present"),
        ("The leaders will meet on Friday.", "on Friday", "future"),
        ("The flight departed LAX at 11:36 am local time on Tuesday, and turned around after "
         "four hours, the airline told RT.", "on Tuesday", "past"),
        ("Trump says Friday he is disappointed.", "Friday", "past"),
        ("Crews prepared ahead of Tuesday's launch.", "Tuesday", "future"),
        ("The talks have resumed on Monday.", "on Monday", "past"),
    ],
)
def test_tense_from_the_parse(nlp: Any, text: str, expression: str, want: str) -> None:
    assert _tense(text, expression, nlp(text)) == want


@pytest.mark.parametrize(
    ("text", "expression", "want"),
    [
        ("The visit is taking place Friday.", "Friday", "future"),
        ("The leaders will meet on Friday.", "on Friday", "future"),
        ("She spoke on Monday.", "on Monday", ""),
        ("Crews prepared ahead of Tuesday's launch.", "Tuesday", "future"),
    ],
)
def test_tense_from_cues_without_a_parse(text: str, expression: str, want: str) -> None:
    assert _tense(text, expression, None) == want


@pytest.mark.parametrize(
    ("published", "text", "want"),
    [
        # a launch reported on Saturday 16 Sep as having happened "Friday": the day before
        ("2017-09-16", "The rocket lifted off Friday from Florida.", "2017-09-15"),
        ("2017-09-16", "The rocket will lift off Friday from Florida.", "2017-09-22"),
        # published on the Monday the statement was made: that Monday, not a week earlier
        ("2018-01-01", "The airline said Monday that the crash killed 12.", "2018-01-01"),
        ("2017-12-31", "The airline said Monday that the crash killed 12.", "2017-12-25"),
        ("2018-02-05", "When it launches on Tuesday, the rocket will carry a car.", "2018-02-06"),
        ("2018-02-07", "It launched on Tuesday with a car aboard.", "2018-02-06"),
        ("2017-12-30", "As thousands celebrate on Sunday night, medics will stand by.",
         "2017-12-31"),
    ],
)
def test_weekday_direction_in_reports(nlp: Any, published: str, text: str, want: str) -> None:
    article = Article(id="a", text=text, published=published)
    (mention,) = extract_dates(article=article, doc=nlp(text))
    assert mention.date == want


def test_reporting_dates(nlp: Any) -> None:
    text = "The Taliban said Friday that the bombing late Thursday was revenge."
    for doc in (nlp(text), None):
        said = text.index("Friday")
        assert is_reporting(text=text, start=said, end=said + 6, doc=doc)
    bombing = text.index("late Thursday")
    assert not is_reporting(text=text, start=bombing, end=bombing + 13, doc=nlp(text))
