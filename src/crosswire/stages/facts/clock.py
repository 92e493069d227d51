"""When something happened by the clock ("at around 11:30pm", "At 00:48"), compared across
reports: two reports placing one moment at different clock times are a conflict ("around
11pm" / "around 11:30pm"; "12:47 a.m." / "00:48"). A scheduled time ("go for launch at
1:30pm") is not told as a happening, so a schedule and a broadcast start stay apart.

Clock times are read by :func:`clock_times` (also the markers of
:mod:`crosswire.stages.facts.statements`). Two reports' times are of one moment when they are
within ``near_minutes`` of each other and their sentences share a word (a story's one moment
told a minute apart), or within
``window_minutes`` and both sentences tell a happening (``data/happening_words.txt``: "the
attack happened", "a blast was heard"); sharing names is not enough ("X said in a message at
6 p.m." and "X died at 5:35 p.m." are two moments). A time said to be
approximate ("around 11pm") allows ``approx_minutes`` either side. A sentence giving two
times tells a sequence ("between 00:45 and 05:00 UTC"), not a moment, and is left out, as are
times in different named zones ("07:59 UTC" / "6.44am GMT"), and a live blog's time stamps
("UPDATE: 9 p.m. -- ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from crosswire.models import Article, Discrepancy, Span
from crosswire.stages.facts.claims import bound_phrase, context_words
from crosswire.stages.facts.told import one_happening, one_report_twice, told_value
from crosswire.text.sentences import split_sentences
from crosswire.text.wordlists import package_words

__all__ = ["ClockConfig", "ClockTime", "clock_discrepancies", "clock_times"]

_TIME = re.compile(
    r"(?<![\d:.])(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)(?![\d:])(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?"
    r"|(?<![\d:.])(?P<h2>1[0-2]|0?[1-9])\s*(?P<ap2>[ap])\.?\s?m\b\.?",
    re.IGNORECASE,
)
_ZONE = re.compile(r"\s*\(?(?P<zone>UTC|GMT|BST|CET|CEST|[ECMP][SD]?T|local)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")
_STAMP_BEFORE = re.compile(r"^\W*(?:update\W*)?$", re.IGNORECASE)
_STAMP_AFTER = re.compile(r"\s*(?:[-\u2013\u2014:|]|update\b)", re.IGNORECASE)
_HALF_DAY = 12 * 60


@dataclass(frozen=True, slots=True)
class ClockTime:
    """A clock time in a text: minutes after midnight (``half_day`` when only the 12-hour
    reading is known: "11:30" without am/pm), where it stands, and its named zone if any."""

    minutes: int
    half_day: bool
    start: int
    end: int
    zone: str


def clock_times(text: str) -> list[ClockTime]:
    """The clock times written in ``text``: "11:36am", "11:36 a.m.", "00:48", "11pm"; a
    "2.15" without am/pm is a decimal, not a time."""
    out = []
    for m in _TIME.finditer(text):
        if m.group("h") is not None:
            hour, minute, ap = int(m.group("h")), int(m.group("m")), (m.group("ap") or "").lower()
            if not ap and (hour > 12 or hour == 0):  # a 24-hour clock
                ap = "p" if hour >= 12 else "a"
                hour = hour - 12 if hour > 12 else hour or 12
            if not ap and m.group(0)[len(m.group("h"))] == ".":
                continue
        else:
            hour, minute, ap = int(m.group("h2")), 0, m.group("ap2").lower()
        base = (hour % 12) * 60 + minute
        zone = _ZONE.match(text, m.end())
        out.append(ClockTime(
            minutes=base + (_HALF_DAY if ap == "p" else 0),
            half_day=not ap,
            start=m.start(),
            end=m.end(),
            zone=zone.group("zone").upper() if zone and zone.group("zone").lower() != "local"
            else "",
        ))
    return out


@dataclass(frozen=True)
class ClockConfig:
    """Two times are of one moment within ``near_minutes`` when their sentences share
    ``near_shared`` words, or within ``window_minutes`` when both sentences tell a happening;
    "around" allows ``approx_minutes`` either side."""

    near_minutes: int = 2
    near_shared: int = 1
    window_minutes: int = 60
    approx_minutes: int = 15


@cache
def _happening() -> frozenset[str]:
    return package_words("crosswire.stages.facts", "happening_words")


@dataclass(frozen=True, slots=True)
class _Told:
    source: str
    time: ClockTime
    span: Span
    text: str
    approx: bool
    happening: bool
    words: frozenset[str]
    published: str | None


def _told(article: Article) -> list[_Told]:
    out = []
    for sent in split_sentences(article.text):
        times = clock_times(sent.text)
        if len(times) != 1:
            continue  # none, or a sequence of times
        t = times[0]
        if _STAMP_BEFORE.search(sent.text[: t.start]) and _STAMP_AFTER.match(sent.text, t.end):
            continue  # "UPDATE: 9 p.m. -- ...", "11.04am - UPDATE - ...": a live blog's stamp
        bound, reach = bound_phrase(sent.text[: t.start])
        start = t.start - reach
        text = sent.text[start : t.end].strip()
        out.append(_Told(
            source=article.id, time=t,
            span=Span(article.id, sent.start + start, sent.start + t.end),
            text=text, approx=bound == "about",
            happening=bool(_happening() & set(_WORD.findall(sent.text.lower()))),
            words=context_words(sentence=sent.text, start=t.start, end=t.end),
            published=article.published,
        ))
    return out


def _apart(a: _Told, b: _Told) -> int:
    """Minutes between the two times (on the 12-hour dial when either lacks am/pm)."""
    day = _HALF_DAY if a.time.half_day or b.time.half_day else 2 * _HALF_DAY
    d = abs(a.time.minutes - b.time.minutes) % day
    return min(d, day - d)


def _one_moment(a: _Told, b: _Told, config: ClockConfig) -> bool:
    if a.source == b.source or (a.time.zone and b.time.zone and a.time.zone != b.time.zone):
        return False
    apart, shared = _apart(a, b), len(a.words & b.words)
    if apart == 0 and a.time.minutes % 60:
        return True  # one minute of the story ("12:47 a.m."), not a round hour
    if apart <= config.near_minutes and shared >= config.near_shared:
        return True
    return apart <= config.window_minutes and a.happening and b.happening


def clock_discrepancies(
    *, articles: Sequence[Article], config: ClockConfig | None = None
) -> list[Discrepancy]:
    """Conflicts between reports placing one moment at different clock times."""
    cfg = config or ClockConfig()
    told = [t for a in sorted(articles, key=lambda a: a.id) for t in _told(a)]
    out = []
    for group in one_happening(told, lambda a, b: _one_moment(a, b, cfg)):
        members = sorted(group, key=lambda t: (t.time.minutes, t.source))
        if max(_apart(members[0], t) for t in members) > cfg.window_minutes:
            continue  # a chain of moments, not one
        by_time: list[list[_Told]] = []
        for t in members:
            slack = cfg.approx_minutes if t.approx or by_time and by_time[-1][0].approx else 0
            if by_time and _apart(by_time[-1][0], t) <= slack:
                by_time[-1].append(t)
            else:
                by_time.append([t])
        values = sorted((told_value(g) for g in by_time), key=lambda v: (v.sources, v.text))
        if len(values) < 2 or one_report_twice(values):
            continue  # one time, or one report giving two of them: a sequence, as we can tell
        out.append(Discrepancy(about="time of day", values=tuple(values)))
    return out
