"""crosswire.text.dates: the one month table and the date strings."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from crosswire.text.dates import (
    MONTH_ANY_CASE,
    MONTH_IN_TEXT,
    MONTH_PREFIX,
    MONTHS,
    date_string,
    month_number,
    parse_date_string,
)


def test_month_numbers() -> None:
    assert sorted(set(MONTHS.values())) == list(range(1, 13))
    assert month_number("Feb.") == 2
    assert month_number("SEPTEMBER") == month_number("Sept") == month_number("sep") == 9
    assert month_number("Friday") is None
    assert MONTH_PREFIX == "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"


def test_month_patterns() -> None:
    in_text = re.compile(rf"{MONTH_IN_TEXT}\Z")
    assert all(in_text.match(w) for w in ("February", "Feb.", "Feb", "Sept.", "Sep.", "June"))
    assert not any(in_text.match(w) for w in ("february", "Sep", "Jun.", "MARCH"))
    any_case = re.compile(rf"{MONTH_ANY_CASE}\Z", re.IGNORECASE)
    assert all(any_case.match(w) for w in ("FEBRUARY", "feb", "Sep", "sept.", "jun."))


def test_date_strings() -> None:
    assert date_string(year=2025) == "2025"
    assert date_string(year=2025, month=2) == "2025-02"
    assert date_string(year=2025, month=2, day=7) == "2025-02-07"
    assert date_string(year=2025, month=2, day=30) is None
    assert date_string(year=2025, month=13) is None
    assert parse_date_string("2025-02-07T10:00:00Z") == (2025, 2, 7)
    assert parse_date_string(" 2024-2 ") == (2024, 2, None)
    assert parse_date_string("2024") == (2024, None, None)
    for bad in (None, "", "2024-02-30", "2024-00", "Feb 2024", "24-02-01"):
        assert parse_date_string(bad) is None


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(["y", "ym", "ymd"]))
def test_date_strings_read_back(day: dt.date, parts: str) -> None:
    text = date_string(
        year=day.year,
        month=day.month if "m" in parts else None,
        day=day.day if "d" in parts else None,
    )
    assert text is not None
    assert text == day.isoformat()[: {"y": 4, "ym": 7, "ymd": 10}[parts]]
    year, month, dd = parse_date_string(text) or (0, None, None)
    assert (year, month, dd) == (
        day.year, day.month if "m" in parts else None, day.day if "d" in parts else None
    )
