"""Reading the head and tail of a plain-text report: date headers, bylines, datelines, credits.

``date 2024-02-06 WASHINGTON (AP) — Japanese Prime Minister ...`` becomes published
``2024-02-06``, dateline ``WASHINGTON``, attribution ``AP`` and a body that starts at
"Japanese".  Everything taken off the text is returned as a :class:`RemovedSegment`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from crosswire.models import RemovedSegment
from crosswire.stages.clean.dates import DATE_PATTERN, parse_date
from crosswire.text.agencies import agency_name

__all__ = ["HeadInfo", "credit_attribution", "outlet_credits", "read_head"]

_DATE_HEAD = re.compile(
    rf"\s*(?:date|dated|published(?: on)?|posted(?: on)?|updated(?: on)?)\s*[:\-]?\s*{DATE_PATTERN}"
    r"(?:,?\s*(?:at\s*)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?)?\s*[|,;·]?\s*",
    re.IGNORECASE,
)
_FIELD_HEAD = re.compile(r"(title|headline|url|source|site|author|by)\s*:\s*(\S.*)", re.IGNORECASE)
_CAPS = r"[A-Z][A-Z.'\-]*[A-Z.]"
_DATELINE = re.compile(
    rf"(?P<city>{_CAPS}(?:\s+{_CAPS}){{0,3}})"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?(?:\s+\d{1,2})?)?"
    r"(?:\s*\((?P<agency>[A-Za-z][A-Za-z .&/-]{0,30})\))?"
    r"\s*(?:—|–|--|-)\s+(?=\S)"
)
_LABELS = frozenset(
    ("BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "WATCH", "VIDEO", "LIVE", "OPINION", "ANALYSIS",
     "EDITORIAL", "NOTE")
)
_AGENCY_ONLY = re.compile(r"\((?P<agency>[A-Za-z][A-Za-z .&/-]{0,30})\)\s*(?:—|–|--|-)\s+(?=\S)")
# An outlet's credit in brackets opening the text, after a dateline in any case or none:
# "(CNN)The ...", "(CNN) — The ...", "West Palm Beach, Florida (CNN) President ...".
_BRACKET_CREDIT = re.compile(
    r"(?:(?P<city>[A-Z][\w.'’-]*(?:,?\s+[A-Z][\w.'’-]*){0,4})\s*)?"
    r"\((?P<agency>[A-Z][A-Za-z.&]{1,15}(?:\s[A-Z][A-Za-z.&]{1,15}){0,2})\)"
    r"\s*(?:(?:—|–|--|-)\s*)?(?=[A-Z0-9\"“‘'])"
)
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|da|al|bin))*"
_BY_LINE = re.compile(
    rf"(?i:by)\s+(?P<name>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)(?:\s*[,|/–—-]\s*.{{0,60}})?"
)
_SLASH_PREFIX = re.compile(r"(?:[^/\n]{1,120}/\s){3,8}")
_CREDIT = re.compile(
    r"\(?\s*(?:with (?:agency )?inputs? from|inputs? from|with agency inputs"
    r"|additional reporting by|reporting by|writing by|editing by|compiled by|contributing"
    r"|sources?|credit)\s*:?\s*"
    r"(?P<who>[^()]{1,160})\)?\.?",
    re.IGNORECASE,
)
_CONTRIBUTED = re.compile(
    r"(?P<who>.{1,80}?) contributed to this (?:report|story|article)\.?", re.IGNORECASE
)
_DASH_AGENCY = re.compile(r"[—–-]+\s*(?P<who>.{1,40})", re.IGNORECASE)


_CALL_LETTERS = re.compile(r"[KW][A-Z]{2,3}(?:-TV)?")


@functools.cache
def outlet_credits() -> frozenset[str]:
    """Outlets that credit a report in brackets at its start (``data/outlet_credits.txt``)."""
    text = resources.files("crosswire.stages.clean").joinpath("data/outlet_credits.txt")
    rows = (row.strip() for row in text.read_text("utf-8").splitlines())
    return frozenset(r for r in rows if r and not r.startswith("#"))


def _outlet_credit(name: str) -> bool:
    """Whether a bracketed name opening a report credits an outlet: '(CNN)', '(AP)'."""
    return (name in outlet_credits() or agency_name(name) is not None
            or _CALL_LETTERS.fullmatch(name) is not None)


@dataclass(frozen=True, slots=True)
class HeadInfo:
    """Metadata read off the head of a report, and what was taken off for it."""

    published: str | None = None
    dateline: str | None = None
    attribution: str | None = None
    author: str | None = None
    title: str | None = None
    url: str | None = None
    removed: tuple[RemovedSegment, ...] = ()


def credit_attribution(line: str) -> tuple[bool, str | None]:
    """Whether ``line`` is a credit line ('(With inputs from Reuters)') and the agency it names."""
    if len(line) > 200:
        return False, None
    for pattern in (_CREDIT, _CONTRIBUTED):
        m = pattern.fullmatch(line)
        if m:
            return True, agency_name(m.group("who"))
    m = _DASH_AGENCY.fullmatch(line)
    if m and agency_name(m.group("who")) and len(m.group("who").split()) <= 4:
        return True, agency_name(m.group("who"))
    return False, None


def _looks_like_title(part: str) -> bool:
    words = part.split()
    return 2 <= len(words) <= 25 and not part.endswith((".", ",", ";"))


def _slash_prefix(line: str) -> tuple[str, dict[str, str]] | None:
    m = _SLASH_PREFIX.match(line)
    if m is None:
        return None
    parts = [p.strip() for p in m.group().split("/") if p.strip()]
    if len(parts) < 3 or any(len(p.split()) > 15 for p in parts) or not _looks_like_title(parts[0]):
        return None
    meta = {"title": parts[0]}
    caps = [i for i, p in enumerate(parts[1:], 1) if p.isupper()]
    if caps:
        meta["dateline"] = parts[caps[0]]
        after = parts[caps[0] + 1] if caps[0] + 1 < len(parts) else ""
        named = re.fullmatch(_NAME, after) and len(after.split()) <= 4
        if named and "edition" not in after.lower():
            meta["author"] = after
    return m.group(), meta


def _strip_line_head(line: str, info: dict[str, str], removed: list[RemovedSegment]) -> str:
    """Take date headers, slash bylines and a dateline off the start of the first body line."""
    m = _DATE_HEAD.match(line)
    if m and m.end() > 0:
        info.setdefault("published", parse_date(m.group()) or "")
        removed.append(RemovedSegment("header", m.group().strip()))
        line = line[m.end() :]
    prefix = _slash_prefix(line)
    if prefix is not None:
        removed.append(RemovedSegment("byline", prefix[0].strip()))
        for key, value in prefix[1].items():
            info.setdefault(key, value)
        line = line[len(prefix[0]) :]
    m = _DATELINE.match(line) or _AGENCY_ONLY.match(line)
    if m and m.groupdict().get("city", "").rstrip(".") in _LABELS:
        m = None
    if m is None:
        m = _BRACKET_CREDIT.match(line)
        if m and not _outlet_credit(m.group("agency")):
            m = None
    if m and (m.groupdict().get("city") or m.group("agency")):
        agency = m.group("agency")
        if m.groupdict().get("city"):
            info.setdefault("dateline", m.group("city").rstrip(","))
        if agency:
            info.setdefault("attribution", agency_name(agency) or agency.strip())
        removed.append(RemovedSegment("dateline", m.group().strip()))
        line = line[m.end() :]
    return line


def _field_line(line: str, info: dict[str, str], removed: list[RemovedSegment]) -> bool:
    m = _FIELD_HEAD.fullmatch(line)
    if m is None:
        m_by = _BY_LINE.fullmatch(line) if len(line) <= 100 else None
        if m_by is None or (line.endswith((".", "!", "?", "\u201d", '"')) and "," in line):
            return False
        info.setdefault("author", m_by.group("name"))
        removed.append(RemovedSegment("byline", line))
        return True
    key, value = m.group(1).lower(), m.group(2).strip()
    key = {"headline": "title", "by": "author", "source": "site"}.get(key, key)
    info.setdefault(key, value)
    removed.append(RemovedSegment("header", line))
    return True


def read_head(lines: list[str]) -> tuple[list[str], HeadInfo]:
    """Strip header lines and the dateline off ``lines`` (stripped paragraphs) and read them."""
    info: dict[str, str] = {}
    removed: list[RemovedSegment] = []
    out = list(lines)
    for _ in range(6):
        if not out:
            break
        if _field_line(out[0], info, removed):
            out.pop(0)
            continue
        head = _strip_line_head(out[0], info, removed).strip()
        if head == out[0]:
            break
        if head:
            out[0] = head
            break
        out.pop(0)
    if len(out) > 1 and "author" not in info and _field_line(out[1], info, removed):
        out.pop(1)
    return out, HeadInfo(
        published=info.get("published") or None,
        dateline=info.get("dateline"),
        attribution=info.get("attribution"),
        author=info.get("author"),
        title=info.get("title"),
        url=info.get("url"),
        removed=tuple(removed),
    )
