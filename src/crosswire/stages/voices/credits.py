"""The wire a report's text is credited to, read only where a credit is unmistakable.

A credit that makes the text the agency's own: a dateline credit ("WASHINGTON (AP) —",
"(Reuters) -", "West Palm Beach, Florida (CNN) President ..."), China Daily's "Xinhua |
Updated:", an agency's copyright line ("Copyright 2018 The Associated Press. All rights
reserved.") or the agency alone closing the text ("... the rest of our lives.\\nPA", "—
Reuters"). Cleaning may have taken such a line off the text: the removed segments of the
reasons ``credit_reasons`` names are read too. Photo credits ("Matt Slocum/AP", "©jgd (AFP)"),
reporting ("told AFP", "Reuters reported") and help ("with inputs from Reuters", "The
Associated Press contributed to this report") are not the text's credit: the report stays its
outlet's own.
"""

from __future__ import annotations

import re
from typing import Final

from crosswire.models import Article
from crosswire.stages.voices.config import VoicesConfig
from crosswire.text.agencies import agency_name, credit_pattern

__all__ = ["wire_credit"]

_WHO: Final = rf"(?P<who>{credit_pattern()})"
# A line opening with a bracketed credit, or a dateline ("LONDON, Dec 29", "Tirana, Albania")
# before it; then the story goes on (after a dash or at once).
_DATELINE: Final = re.compile(
    r"(?:^|\n)[ \t]*(?:[A-Z][\w.'\u2019-]*(?:[ \t]*,?[ \t]+[\w.'\u2019-]+){0,5}[ \t]*,?[ \t]*)?"
    rf"\({_WHO}\)[ \t]*(?:[-\u2013\u2014]+[ \t]*)?(?=[\"\u201c\u2018'A-Z0-9]|\s*$)"
)
_UPDATED: Final = re.compile(
    rf"(?:^|[\s|])(?:(?i:source|by)\s*:?\s*)?{_WHO}\s*\|\s*(?i:updated)\b"
)
_COPYRIGHT: Final = re.compile(
    r"(?i:copyright)\s*(?:\u00a9\s*|\((?i:c)\)\s*)?(?:\d{4}\s*,?\s*)?(?:(?i:the)\s+)?"
    rf"{_WHO}\b"
)
_COPYRIGHT_SIGN: Final = re.compile(rf"\u00a9\s*\d{{4}}\s*,?\s*(?:(?i:the)\s+)?{_WHO}\b")
_LAST_LINE: Final = re.compile(
    rf"(?:^|\n)[ \t]*[-\u2013\u2014(]*[ \t]*(?:(?i:the)\s+)?{_WHO}[ \t]*\)?\.?[ \t]*$"
)
_CLOSING: Final = re.compile(rf"[.!?\"\u201d\u2019)][ \t]+{_WHO}[ \t]*$")
_IN_SEGMENT: Final = (_DATELINE, _UPDATED, _COPYRIGHT, _COPYRIGHT_SIGN, _LAST_LINE)


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> str | None:
    for pattern in patterns:
        m = pattern.search(text)
        if m is not None:
            return agency_name(m.group("who"))
    return None


def wire_credit(*, article: Article, config: VoicesConfig) -> str | None:
    """The canonical name of the agency the report's text is credited to, or None."""
    for seg in article.removed:
        if seg.reason not in config.credit_reasons:
            continue
        found = _first(_IN_SEGMENT, seg.text.strip())
        if found:
            return found
    text = article.text
    head, tail = text[: config.head_chars], text[-config.tail_chars :].rstrip()
    return _first((_DATELINE, _UPDATED), head) or _first(
        (_COPYRIGHT, _COPYRIGHT_SIGN, _LAST_LINE, _CLOSING), tail
    )
