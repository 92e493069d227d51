"""Dates as cleaning meets them: header values, HTML metadata, URLs -> ``YYYY[-MM[-DD]]``."""

from __future__ import annotations

import re

from crosswire.text.dates import MONTH_ANY_CASE, date_string, month_number

__all__ = ["DATE_PATTERN", "date_from_url", "parse_date"]

_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
# A date as it appears in a header; the named groups are read by parse_date.
DATE_PATTERN = (
    r"(?:(?P<iso>\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?"
    rf"|{_WEEKDAY}(?P<mdy>{MONTH_ANY_CASE}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    rf"|{_WEEKDAY}(?P<dmy>\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_ANY_CASE},?\s+\d{{4}}))"
)
_DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])(?:[/-](0?[1-9]|[12]\d|3[01]))?(?=/|$|-)"
)
_URL_COMPACT = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])([0-2]\d|3[01])(?=/)")


def _ymd(year: int, month: int, day: int | None) -> str | None:
    if not 1800 <= year <= 2100:
        return None
    return date_string(year=year, month=month, day=day)  # 2025-02-30 is no date


def parse_date(text: str) -> str | None:
    """The first date in ``text`` (ISO, 'Feb. 6, 2025', '6 February 2025') as YYYY-MM-DD."""
    m = _DATE_RE.search(text)
    if m is None:
        return None
    if m.group("iso"):
        year, mm, dd = (int(p) for p in re.split(r"[-/.]", m.group("iso")))
        return _ymd(year, mm, dd)
    part = m.group("mdy") or m.group("dmy") or ""
    tokens = re.findall(r"[A-Za-z]+\.?|\d+", part)
    months = [month_number(t) for t in tokens if t[0].isalpha()]
    month = next((m for m in months if m is not None), None)
    numbers = [int(t) for t in tokens if t.isdigit()]
    if month is None or len(numbers) < 2:
        return None
    return _ymd(numbers[-1], month, numbers[0])


def date_from_url(url: str) -> str | None:
    """A date spelled in a URL path (/2025/02/07/, /2025-02/, /20250207/), or None."""
    m = _URL_DATE.search(url)
    if m is not None:
        day = int(m.group(3)) if m.group(3) else None
        return _ymd(int(m.group(1)), int(m.group(2)), day)
    m = _URL_COMPACT.search(url)
    if m is not None:
        return _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None
