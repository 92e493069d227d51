"""A brief's summary leaves out reports published well before the story's event date."""

from __future__ import annotations

from crosswire.models import Article, EventDate, Span
from crosswire.pipeline.story import _before_event


def _art(aid: str, day: str) -> Article:
    return Article(id=aid, text="Some report text here.", published=day)


def test_reports_before_the_event_are_left_out_of_the_summary() -> None:
    event = EventDate(date="2018-02-06", text="", spans=(), sources=())
    arts = [_art("old", "2018-01-31"), _art("eve", "2018-02-04"), _art("new", "2018-02-06")]
    assert _before_event(arts, event, 3) == (Span("old", 0, len(arts[0].text)),)
    assert _before_event(arts, event, None) == ()
    assert _before_event(arts[:1], event, 3) == ()  # never every report
    month = EventDate(date="2018-02", text="", spans=(), sources=())
    assert _before_event(arts, month, 3) == ()  # no day known
