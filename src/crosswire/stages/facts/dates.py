"""Dates: expressions in a report resolved to ``YYYY[-MM[-DD]]``, and publication dates checked.

A relative expression ("Friday", "last month") means nothing without a reference date, and a
publication date can be wrong (a header that says 2024-02-06 over a text that speaks of 2024 as a
completed year). :func:`check_publication_date` flags such dates with the content evidence and
the dates of the story's other reports, and replaces them with the date the story points to;
:func:`extract_dates` then resolves every expression against the trusted reference.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from crosswire.models import Article, DateMention, Span
from crosswire.stages.facts.calendar import (
    Expression,
    Reference,
    find_expressions,
    parse_reference,
    resolve,
)
from crosswire.stages.facts.quantities import QuantityConfig, extract_quantities
from crosswire.stages.facts.tense import clause_is_future, is_reporting, tense_at
from crosswire.text.dates import date_string
from crosswire.text.sentences import SentenceSpan, split_sentences

__all__ = [
    "INCONSISTENT_DATE_FLAG",
    "DateConfig",
    "check_publication_date",
    "extract_dates",
    "extract_story_dates",
    "reference_date",
    "story_reference",
]

INCONSISTENT_DATE_FLAG = "published-date-inconsistent"
_PAST = re.compile(
    r"\b(?:had|was|were|did|rose|fell|grew|reached|totaled|totalled|hit|posted|recorded|ran"
    r"|amounted|exceeded|\w{3,}ed)\b",
    re.IGNORECASE,
)
_HEDGED = re.compile(
    r"\b(?:would|could|may|might|forecast|projected|estimated|expects?|expected)\b", re.IGNORECASE
)
_PARTIAL = re.compile(
    r"(?:quarter|half|so far|through|since|until|early|late|earlier|months? of|end of|start of"
    r"|first|by)\W+(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
_WHOLE_YEAR_LEAD = re.compile(r"\b(?:in|during|for|of)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class DateConfig:
    """How dates are resolved and publication dates checked.

    ``reference`` is the date relative expressions resolve against when an article has no
    trusted publication date of its own (``extract_story_dates`` sets it to the story's).
    """

    reference: str | None = None
    max_story_gap_days: int = 60
    tense_window: int = 80
    flag: str = INCONSISTENT_DATE_FLAG


@dataclass(frozen=True, slots=True)
class _Evidence:
    conflict: bool
    min_year: int | None


def _expressions(text: str) -> list[tuple[SentenceSpan, Expression]]:
    return [(s, e) for s in split_sentences(text) for e in find_expressions(s.text)]


def _day_after(
    *, expr: Expression, date: str | None, ref: Reference | None, story: tuple[str, str]
) -> str | None:
    """A bare weekday read back six days ("early on Friday" in a report dated Thursday) is
    the next day when that day is within the story's reports' dates and the week-old day is
    before all of them: a report's date is its day in its own zone, often the day before in
    the events' zone, and a week-old day before the story began would be "last Friday"."""
    base = ref.as_date() if ref is not None else None
    if expr.kind != "weekday" or expr.get("mod").lower() in _WEEKDAY_MODS or base is None:
        return date
    after, week_ago = base + dt.timedelta(days=1), base - dt.timedelta(days=6)
    first, last = story
    if date == week_ago.isoformat() and week_ago.isoformat() < first and (
        after.isoformat() <= last
    ):
        return after.isoformat()
    return date


_WEEKDAY_MODS = frozenset({"last", "past", "next", "this", "coming"})


def _mention(
    *, article: Article, sent: SentenceSpan, expr: Expression, ref: Reference | None,
    config: DateConfig, doc: Any | None, story: tuple[str, str] | None = None,
) -> DateMention:
    start, end = sent.start + expr.start, sent.start + expr.end
    tense = tense_at(
        text=article.text, start=start, end=end, sentence=(sent.start, sent.end), doc=doc,
        window=config.tense_window,
    ) if expr.relative else ""
    date = resolve(expr, reference=ref, tense=tense)
    if story is not None:
        date = _day_after(expr=expr, date=date, ref=ref, story=story)
    return DateMention(
        text=article.text[start:end],
        date=date,
        span=Span(article.id, start, end),
        sentence=Span(article.id, sent.start, sent.end),
        relative=expr.relative,
        reporting=is_reporting(text=article.text, start=start, end=end, doc=doc),
    )


def reference_date(*, article: Article, mentions: Sequence[DateMention]) -> str | None:
    """The date ``article``'s relative expressions mean: its trusted publication date, else
    the latest fully written date (year, month and day) in its own text -- unless the text
    names a later year, when that date is history ("the murder on Nov. 22, 1963", in an
    obituary that also names 1979) and there is no reference."""
    if article.published and parse_reference(article.published) is not None:
        return article.published
    written = [m.date for m in mentions if not m.relative and m.date]
    full = sorted(d for d in written if len(d) == 10)
    if not full or max(d[:4] for d in written) > full[-1][:4]:
        return None
    return full[-1]


def extract_dates(
    *, article: Article, config: DateConfig | None = None, doc: Any | None = None,
    story: tuple[str, str] | None = None,
) -> tuple[DateMention, ...]:
    """Date expressions of ``article`` in text order, each resolved where it can be (the
    tense of a relative one read from ``doc``, the spaCy parse of its text, where given;
    ``story``: the first and last publication dates of the report's story, see
    :func:`extract_story_dates`)."""
    cfg = config or DateConfig()
    found = _expressions(article.text)
    ref_text = article.published if parse_reference(article.published) else cfg.reference
    if ref_text is None:
        first = [
            _mention(article=article, sent=s, expr=e, ref=None, config=cfg, doc=None)
            for s, e in found
        ]
        ref_text = reference_date(article=article, mentions=first)
    ref = parse_reference(ref_text)
    return tuple(
        _mention(article=article, sent=s, expr=e, ref=ref, config=cfg, doc=doc,
                 story=story)
        for s, e in found
    )


def _money_sentences(article: Article) -> set[int]:
    cfg = QuantityConfig(counts=False)
    return {q.sentence.start for q in extract_quantities(article=article, config=cfg)}


def _year_evidence(
    sent: SentenceSpan, expr: Expression, published: Reference, measured: bool
) -> tuple[bool, int | None]:
    """(conflict, earliest possible year) from one year spoken of in the past tense."""
    before = sent.text[: expr.start]
    if not _WHOLE_YEAR_LEAD.search(before) or not _PAST.search(before):
        return False, None
    if clause_is_future(sent.text) or _HEDGED.search(sent.text) or _PARTIAL.search(before):
        return False, None
    year = int(expr.get("year"))
    if year > published.year:
        return True, year
    complete = measured and published.month is not None and published.month < 12
    if year == published.year and complete:
        return True, year + 1  # a whole year's figure cannot be known before the year ends
    return False, None


def _content_evidence(article: Article, published: Reference) -> _Evidence:
    measured = _money_sentences(article)
    conflict, min_year = False, None
    for sent, expr in _expressions(article.text):
        if expr.kind != "year":
            continue
        hit, year = _year_evidence(sent, expr, published, sent.start in measured)
        if hit and year is not None:
            conflict = True
            min_year = year if min_year is None else max(min_year, year)
    return _Evidence(conflict, min_year)


def _as_day(ref: Reference) -> dt.date:
    return dt.date(ref.year, ref.month or 7, ref.day or 1)


def _median(values: Sequence[str]) -> str | None:
    ordered = sorted(values, key=lambda v: (-len(v), v))
    full = sorted(v for v in ordered if len(v) == len(ordered[0]))
    return full[len(full) // 2] if full else None


def _moved_to_year(published: Reference, year: int) -> str | None:
    day = 28 if published.month == 2 and published.day == 29 else published.day
    return date_string(year=year, month=published.month, day=day)


def _far(a: Reference, b: str, days: int) -> bool:
    other = parse_reference(b)
    return other is not None and abs((_as_day(a) - _as_day(other)).days) > days


def check_publication_date(
    *, articles: Sequence[Article], config: DateConfig | None = None
) -> tuple[Article, ...]:
    """``articles`` with publication dates that contradict the content (or the story's other
    reports) flagged, and replaced by the date the story points to (None if unknown)."""
    cfg = config or DateConfig()
    refs = {a.id: parse_reference(a.published) for a in articles}
    evidence = {
        a.id: _content_evidence(a, ref) for a in articles if (ref := refs[a.id]) is not None
    }
    trusted = {i: a.published or "" for a in articles if (i := a.id) in evidence}
    trusted = {i: p for i, p in trusted.items() if not evidence[i].conflict}
    out: list[Article] = []
    for article in articles:
        ref = refs[article.id]
        if ref is None:
            out.append(article)
            continue
        others = [p for i, p in trusted.items() if i != article.id]
        consensus = _median(others) if len(others) >= 2 or evidence[article.id].conflict else None
        outlier = consensus is not None and _far(ref, consensus, cfg.max_story_gap_days)
        if not (evidence[article.id].conflict or (outlier and len(others) >= 2)):
            out.append(article)
            continue
        out.append(_flagged(article, ref, consensus, evidence[article.id], cfg))
    return tuple(out)


def _flagged(
    article: Article, ref: Reference, consensus: str | None, evidence: _Evidence,
    config: DateConfig,
) -> Article:
    if consensus is not None:
        inferred: str | None = consensus
    elif evidence.min_year is not None:
        inferred = _moved_to_year(ref, evidence.min_year)
    else:
        inferred = None
    flags = article.flags if config.flag in article.flags else (*article.flags, config.flag)
    return replace(
        article,
        published=inferred,
        published_source="content" if inferred else None,
        flags=flags,
    )


def story_reference(*, articles: Sequence[Article]) -> str | None:
    """The story's reference date: the median of its reports' (checked) publication dates."""
    dates = [a.published for a in articles if a.published and parse_reference(a.published)]
    return _median(dates)


def extract_story_dates(
    *, articles: Sequence[Article], config: DateConfig | None = None,
    docs: Mapping[str, Any] | None = None,
) -> dict[str, tuple[DateMention, ...]]:
    """:func:`extract_dates` for every article of a story (already passed through
    :func:`check_publication_date`); undated reports resolve against the story's date, and
    a bare weekday may name the day after its report's date when the story's reports reach
    that day and began after the week-old reading ("early on Friday" in a report dated
    Thursday, in a story reported on Thursday and Friday).
    ``docs``: the spaCy parse of each article's text by id (tense from the parse)."""
    cfg = config or DateConfig()
    story_cfg = replace(cfg, reference=cfg.reference or story_reference(articles=articles))
    parses = docs or {}
    days = sorted(
        a.published[:10] for a in articles if a.published and parse_reference(a.published)
    )
    span = (days[0], days[-1]) if days else None
    return {
        a.id: extract_dates(article=a, config=story_cfg, doc=parses.get(a.id), story=span)
        for a in articles
    }

