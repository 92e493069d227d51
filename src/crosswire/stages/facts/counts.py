"""Counts that the digit patterns of :mod:`crosswire.stages.facts.quantities` miss: numbers
written as words before a counted noun ("six civilians", "a dozen world leaders") and bare
numbers led by a measured thing ("killing at least two", "wounding 120,", "the death toll
rose to six"). Number words are data (``data/number_words.json``)."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache

from crosswire.text.wordlists import package_word_map

__all__ = ["lead_counts", "word_counts"]

_PACKAGE = "crosswire.stages.facts"
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_LEADS = (
    r"killing|killed|kills|wounding|wounded|injuring|injured|hurting|arresting|arrested"
    r"|detaining|detained|evacuating|evacuated"
)
_TOLL_VERBS = r"rose|risen|climbed|jumped|increased|reached|stood|stands|hit|of|at|to|is|was"
_QUALIFIER = (
    r"(?:at least|more than|over|nearly|almost|about|around|some|roughly|up to|as many as"
    r"|an estimated|approximately)\s+"
)


@cache
def _numbers() -> dict[str, float]:
    return {k.lower(): float(v) for k, v in package_word_map(_PACKAGE, "number_words").items()
            if isinstance(v, int | float)}


@cache
def _word_pattern() -> re.Pattern[str]:
    names = "|".join(sorted(_numbers(), key=lambda w: (-len(w), w)))
    return re.compile(
        rf"(?<![\w-])(?:an?\s+)?(?P<num>{names})(?![\w-])\s(?P<noun>[A-Za-z][a-z]+(?:-[a-z]+)*)\b(?!-)",
        re.IGNORECASE,
    )


@cache
def _lead_pattern() -> re.Pattern[str]:
    names = "|".join(sorted(_numbers(), key=lambda w: (-len(w), w)))
    return re.compile(
        rf"\b(?:{_LEADS}|toll\b[^.;:]{{0,120}}?\b(?:{_TOLL_VERBS}))\s+(?:to\s+|at\s+)?"
        rf"(?:{_QUALIFIER})?(?P<num>{_DIGITS}|{names})(?![\w-])"
        r"(?=\s*(?:[,.;:)]|$)|\s+(?:and|or|on|in|at|with|since|after|before|by|[A-Z]))",
        re.IGNORECASE,
    )


_SCALED = re.compile(
    r"(?<![\w-])(?P<lead>an?|one|two|three|four|five|six|seven|eight|nine|ten|half a)\s+"
    r"(?P<scale>thousand|million|billion|trillion)\s(?P<noun>[A-Za-z][a-z]+(?:-[a-z]+)*)\b(?!-)",
    re.IGNORECASE,
)
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def word_counts(text: str, *, not_counted: Collection[str]) -> list[tuple[int, int, float, str]]:
    """(start, end, value, counted noun) for numbers written as words before a noun ("six
    civilians"), a scale word included ("about one million asylum seekers", "a million
    migrants")."""
    out = []
    for m in _SCALED.finditer(text):
        noun, lead = m.group("noun"), m.group("lead").lower()
        if noun.lower() in not_counted:
            continue
        base = 0.5 if lead == "half a" else _numbers().get(lead, 1.0)  # "a", "an", "one": 1
        out.append((m.start(), m.end("scale"), base * _SCALES[m.group("scale").lower()], noun))
    for m in _word_pattern().finditer(text):
        noun = m.group("noun")
        if noun.lower() in not_counted or noun.lower() in _numbers():
            continue
        if noun[0].isupper() and not noun.endswith("s"):
            continue
        if m.group("num")[0].isupper() and m.start() > 0 and text[m.start() - 1] not in " \n":
            continue
        out.append((m.start("num"), m.end("num"), _numbers()[m.group("num").lower()], noun))
    return out


def lead_counts(text: str) -> list[tuple[int, int, float]]:
    """(start, end, value) for bare numbers led by a measured thing ("killing at least 2,")."""
    out = []
    for m in _lead_pattern().finditer(text):
        num = m.group("num")
        value = _numbers().get(num.lower())
        if value is None:
            if re.fullmatch(r"(?:19|20)\d{2}", num):
                continue  # a year
            value = float(num.replace(",", ""))
        out.append((m.start("num"), m.end("num"), value))
    return out
