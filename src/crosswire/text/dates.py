"""Month names and ``YYYY[-MM[-DD]]`` date strings: the one month table of the package.

Cleaning reads dates off headers and URLs (:mod:`crosswire.stages.clean.dates`), the facts
stage finds date expressions in running text (:mod:`crosswire.stages.facts.calendar`), the
number reader skips a day after a month name and the sentence splitter does not end a sentence
at "Jan.": all take the month names, their numbers and the date strings from here.

Two month patterns, because text and headers are read differently: :data:`MONTH_IN_TEXT` is
case-sensitive (a capitalised name, an abbreviation with its period: "may" and "march" are
verbs), :data:`MONTH_ANY_CASE` is for a header or a date field, matched ignoring case
("FEBRUARY 6, 2025", "feb 6 2025").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

__all__ = [
    "MONTHS",
    "MONTH_ANY_CASE",
    "MONTH_IN_TEXT",
    "MONTH_PREFIX",
    "date_string",
    "month_number",
    "parse_date_string",
]

#: Month abbreviations (lowercase; "sept" besides "sep") and their numbers.
MONTHS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
        "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    }
)
#: The abbreviations as one group, "(?:jan|feb|...|dec)": callers add what may follow
#: ("[a-z]*\.?") and match ignoring case.
MONTH_PREFIX: Final = "(?:" + "|".join(MONTHS) + ")"
#: A month in running text (case-sensitive): "February", "Feb.", "Feb", "June", "Jun",
#: "Sept.", "Sep." ("Sep" only with its period).
MONTH_IN_TEXT: Final = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
    r"|Aug(?:ust|\.)?|Sept(?:ember|\.)?|Sep\.|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
#: A month in a header or date field, to match ignoring case: a name or an abbreviation, a
#: period after either allowed.
MONTH_ANY_CASE: Final = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_STRING = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def month_number(word: str, /) -> int | None:
    """The month (1-12) that a month word names by its first three letters ("Feb.",
    "february", "SEPT"), or None."""
    return MONTHS.get(word.lower().rstrip(".")[:3])


def date_string(*, year: int, month: int | None = None, day: int | None = None) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (``day`` is read only with ``month``); None
    when the month or the day does not exist (2025-13, 2025-02-30)."""
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date_string(value: str | None, /) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a ``YYYY[-MM[-DD]]`` string (anything after its tenth character
    ignored: a time), the parts not given None; None when ``value`` is no such date."""
    if not value:
        return None
    m = _DATE_STRING.fullmatch(value.strip()[:10])
    if m is None:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        dt.date(year, int(month or 1), int(day or 1))
    except ValueError:
        return None
    return year, int(month) if month else None, int(day) if day else None
