"""Date expressions in text and their resolution against a reference date.

Pure helpers for :mod:`crosswire.stages.facts.dates`: :func:`find_expressions` locates absolute
("Feb. 7, 2025", "February 7", "in December", "2024") and relative ("Friday", "Thursday evening",
"last month", "this week", "two years ago") expressions; :func:`resolve` turns one into
``YYYY[-MM[-DD]]`` given a reference date and the tense of its clause.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from crosswire.stages.facts.tense import Tense
from crosswire.text.dates import MONTH_IN_TEXT, date_string, month_number, parse_date_string
from crosswire.text.wordlists import package_word_map

__all__ = ["Expression", "Reference", "find_expressions", "parse_reference", "resolve"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19|20)\d{2}"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(rf"\b(?P<year>{_YEAR})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("mdy", re.compile(
        rf"\b(?P<month>{MONTH_IN_TEXT})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!:)"
        rf"(?:,?\s+(?P<year>{_YEAR})\b)?"
    )),
    ("dmy", re.compile(
        rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<month>{MONTH_IN_TEXT})(?![a-z])"
        rf"(?:,?\s+(?P<year>{_YEAR})\b)?"
    )),
    ("my", re.compile(rf"\b(?P<month>{MONTH_IN_TEXT}),?\s+(?P<year>{_YEAR})\b")),
    ("month", re.compile(  # "in January 2015" keeps its year: one expression, not two
        rf"\b(?:(?P<mod>last|this|next|early|late|mid-|earlier in|later in|in|since|until|by"
        rf"|on|from|through)\s+)?(?P<month>{MONTH_IN_TEXT})(?![a-z])(?!\.?\s+[0-3]?\d\b)"
        rf"(?:,?\s+(?:of\s+)?(?P<year>{_YEAR})\b|\s+(?P<yearmod>this|last|next)\s+year\b)?",
    )),
    ("weekday", re.compile(
        rf"\b(?:(?P<mod>last|this|next|past|coming|on|late|early)\s+)?(?P<wd>{_WEEKDAY})"
        r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b",
        re.IGNORECASE,
    )),
    ("deixis", re.compile(r"\b(?P<word>today|tonight|yesterday|tomorrow)\b", re.IGNORECASE)),
    ("unit", re.compile(
        r"\b(?P<mod>last|this|next|past|coming|earlier this|later this)\s+"
        r"(?P<unit>week|month|year)\b",
        re.IGNORECASE,
    )),
    ("ago", re.compile(
        r"\b(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
        r"(?P<unit>days?|weeks?|months?|years?)\s+ago\b",
        re.IGNORECASE,
    )),
    ("year", re.compile(rf"(?<![\w$/.,-])(?P<year>{_YEAR})(?![\w%/-]|,\d|\.\d)")),
)
_RELATIVE_KINDS = frozenset({"weekday", "deixis", "unit", "ago"})
_FULL_KINDS = frozenset({"iso", "mdy", "dmy"})
_JOINER = re.compile(r"[\s,]*(?:the\s+)?")


def _date_words(key: str) -> frozenset[str]:
    value = package_word_map("crosswire.stages.facts", "date_words")[key]
    return frozenset(str(v).lower() for v in value) if isinstance(value, list) else frozenset()


@dataclass(frozen=True, slots=True)
class Expression:
    """One date expression found in text (offsets relative to the searched text)."""

    kind: str
    start: int
    end: int
    fields: tuple[tuple[str, str], ...]

    @property
    def relative(self) -> bool:
        return self.kind in _RELATIVE_KINDS or (
            self.kind in {"mdy", "dmy", "month"} and not self.get("year")
        )

    def get(self, name: str) -> str:
        return dict(self.fields).get(name) or ""


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference date at the precision known: year, month and day may be missing."""

    year: int
    month: int | None = None
    day: int | None = None

    def as_date(self) -> dt.date | None:
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)


def parse_reference(value: str | None) -> Reference | None:
    """``YYYY[-MM[-DD]]`` as a :class:`Reference`, or None when it is not one."""
    parts = parse_date_string(value)
    return None if parts is None else Reference(*parts)


def _names_no_date(kind: str, text: str, m: re.Match[str]) -> bool:
    """A year or "today" that names no date of the story: "Copyright 2017", "USA TODAY",
    "the Today show" (a capitalised "today" after the first word of its sentence), "today's
    biggest companies" (nowadays)."""
    if kind not in ("year", "deixis"):
        return False
    before = text[: m.start()].rstrip()
    last = before.rsplit(None, 1)[-1].lower() if before else ""
    if last in _date_words("not_dates_before"):
        return True
    if kind == "deixis" and text[m.end() : m.end() + 2] in ("'s", "\u2019s"):
        return True  # "today's biggest companies": nowadays
    if kind == "deixis" and m.group(0)[0].isupper():
        return bool(before.strip("\"'\u201c\u2018([\u2014-"))
    return False


def _bare_abbreviation(kind: str, m: re.Match[str]) -> bool:
    """"Jan" alone, with no period, day, year or word before it: a name ("Ajmal Jan")."""
    return kind == "month" and not m.group("mod") and not m.group("year") and (
        not m.group("yearmod") and len(m.group("month")) == 3 and m.group("month") != "May"
    )


def find_expressions(text: str) -> list[Expression]:
    """Date expressions in ``text``, longest first where they overlap, in text order."""
    found: list[Expression] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if kind == "month" and m.group("month") == "May" and not m.group("mod"):
                continue  # "May" alone is too often the verb
            if _names_no_date(kind, text, m) or _bare_abbreviation(kind, m):
                continue
            fields = tuple((k, v) for k, v in m.groupdict().items() if v)
            found.append(Expression(kind, m.start(), m.end(), fields))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    out: list[Expression] = []
    for expr in found:
        if out and expr.start < out[-1].end:
            continue
        out.append(expr)
    # "Friday, Dec. 2" and "Friday evening December 2": the written date says which Friday
    return [
        e for k, e in enumerate(out)
        if not (
            e.kind == "weekday" and k + 1 < len(out) and out[k + 1].kind in _FULL_KINDS
            and _JOINER.fullmatch(text, e.end, out[k + 1].start) is not None
        )
    ]


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _absolute(expr: Expression, ref: Reference | None, tense: Tense) -> str | None:
    kind = expr.kind
    if kind == "iso":
        return date_string(
            year=int(expr.get("year")), month=int(expr.get("mon")), day=int(expr.get("day"))
        )
    if kind == "year":
        return expr.get("year")
    month = month_number(expr.get("month"))
    if month is None:  # not reached: the patterns match month names only
        return None
    year = int(expr.get("year")) if expr.get("year") else None
    if kind in {"mdy", "dmy"}:
        day = int(expr.get("day"))
        if year is None:
            year = _year_for(month, day, ref, tense)
        return None if year is None else date_string(year=year, month=month, day=day)
    if year is None and expr.get("yearmod") and ref is not None:  # "July this year"
        year = ref.year + {"last": -1, "next": 1}.get(expr.get("yearmod"), 0)
    if year is None:
        year = _year_for_month(month, expr.get("mod").lower(), ref, tense)
    return None if year is None else date_string(year=year, month=month)


def _wrong_side(gap: int) -> int:
    """How much further a day on the wrong side of the report for its clause's tense is: not
    at all within two weeks (a report's date can be off by days), else out of reach."""
    return 0 if abs(gap) <= 14 else 1000


def _year_for(month: int, day: int, ref: Reference | None, tense: Tense) -> int | None:
    """The year of a written month and day: the nearest, on the side of the report its tense
    gives (past: before, future: after; see :func:`_wrong_side`); of unknown tense, a day after
    the report counts 60 days further."""
    if ref is None:
        return None
    base = ref.as_date()
    if base is None:
        return _year_for_month(month, "", ref, tense)
    best: tuple[int, int] | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            gap = (dt.date(year, month, day) - base).days
        except ValueError:
            continue
        wrong = gap < 0 if tense == "future" else (gap > 0 and tense != "present")
        penalty = abs(gap) + (0 if not wrong else 60 if not tense else _wrong_side(gap))
        if best is None or penalty < best[0]:
            best = (penalty, year)
    return best[1] if best else None


def _year_for_month(month: int, mod: str, ref: Reference | None, tense: Tense) -> int | None:
    if ref is None:
        return None
    if ref.month is None:
        return ref.year
    if mod == "last":
        return ref.year if month < ref.month else ref.year - 1
    if mod == "next":
        return ref.year if month > ref.month else ref.year + 1
    if month == ref.month:
        return ref.year
    if tense == "present":  # the nearer of the two
        ahead = (month - ref.month) % 12
        return ref.year + (month < ref.month) if ahead < 6 else ref.year - (month > ref.month)
    if tense == "future" or mod in {"until", "by", "later in"}:
        return ref.year if month > ref.month else ref.year + 1
    return ref.year if month < ref.month else ref.year - 1


def _weekday(expr: Expression, base: dt.date, tense: Tense) -> str:
    """The day a weekday names: "next"/"last" a week on or back from the same weekday; a bare
    weekday that is the report's own weekday is that day (news names today by its weekday);
    otherwise back in the past, ahead in the future, the nearer for a present tense."""
    target = _WEEKDAYS.index(expr.get("wd").lower())
    mod = expr.get("mod").lower()
    ahead = (target - base.weekday()) % 7
    behind = (base.weekday() - target) % 7
    if mod == "next":
        day = base + dt.timedelta(days=ahead or 7)
    elif mod in {"last", "past"}:
        day = base - dt.timedelta(days=behind or 7)
    elif ahead == 0:
        day = base
    elif tense == "future" or mod in {"this", "coming"} or (tense == "present" and ahead < 4):
        day = base + dt.timedelta(days=ahead)
    else:
        day = base - dt.timedelta(days=behind)
    return day.isoformat()


def _unit(unit: str, delta: int, ref: Reference) -> str | None:
    unit = unit.lower().rstrip("s")
    if unit == "year":
        return date_string(year=ref.year + delta)
    if ref.month is None:
        return None
    if unit == "month":
        year, month = _shift_month(ref.year, ref.month, delta)
        return date_string(year=year, month=month)
    base = ref.as_date()
    if base is None:
        return None
    shifted = base + dt.timedelta(days=delta * (7 if unit == "week" else 1))
    if unit == "day":
        return shifted.isoformat()
    return date_string(year=shifted.year, month=shifted.month)


def _relative(expr: Expression, ref: Reference, tense: Tense) -> str | None:
    if expr.kind == "weekday":
        base = ref.as_date()
        return None if base is None else _weekday(expr, base, tense)
    if expr.kind == "deixis":
        word = expr.get("word").lower()
        delta = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        return _unit("day", delta, ref)
    if expr.kind == "unit":
        mod = expr.get("mod").lower()
        if mod in _date_words("durations"):
            return None  # "over the past year": a stretch up to now, no calendar year
        delta = {"last": -1, "next": 1, "coming": 1}.get(mod, 0)
        return _unit(expr.get("unit"), delta, ref)
    raw = expr.get("n").lower()
    # "a", "an" and "one" count 1; other words from the facts stage's number words (data)
    words = package_word_map("crosswire.stages.facts", "number_words")
    n = int(raw) if raw.isdigit() else int(str(words.get(raw, 1)))
    return _unit(expr.get("unit"), -n, ref)


def resolve(expr: Expression, *, reference: Reference | None, tense: Tense = "") -> str | None:
    """``YYYY[-MM[-DD]]`` of ``expr`` against ``reference`` for a clause of ``tense`` (see
    :mod:`crosswire.stages.facts.tense`; unknown reads as the past); None when it cannot be
    known."""
    if expr.kind in _RELATIVE_KINDS:
        return None if reference is None else _relative(expr, reference, tense)
    return _absolute(expr, reference, tense)
