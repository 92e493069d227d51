"""The story's timeline: one row per event, cited in every report that dates it.

* A sentence is one candidate event, dated by one of its date mentions: the story's event date
  where the sentence gives it, else a date of something that happened (not "said Thursday"),
  the most precise first ("Wednesday" before "1908"), the earliest in the sentence first. A
  photo caption ("file photo") or a note on the article ("This article was amended on ...")
  gives none, nor "today" inside a quotation (the speaker's day), nor a sentence with fewer
  than two content words besides its dates (a dateline, "But on Wednesday, it happened.").
* Candidates with the same date whose sentences share enough content words (the same meeting,
  the same blocked deal) are one event, cited once per report; so are the sentences that
  establish the story's event date (one per report: the main event).
* A row dated by a year alone, the year of the story's own day, is left out (the story's other
  rows say when in that year).
* The row of the main event (the story's event date, the one its reports establish it with)
  comes first; then the story's other events by date; then its background, by date: events
  that ended more than ``background_days`` before the main event (or before the story's
  reports, without one), marked ``background`` ("founded in 1990", "last year's figures").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from crosswire.models import Article, DateMention, EventDate, Span, TimelineEvent
from crosswire.stages.facts.calendar import parse_reference
from crosswire.stages.facts.dates import story_reference
from crosswire.stages.facts.event import EventConfig, is_caption
from crosswire.stages.facts.measure import bullet_trim, measure_words
from crosswire.text.unionfind import DisjointSets

__all__ = ["TimelineConfig", "build_timeline", "last_day"]


@dataclass(frozen=True)
class TimelineConfig:
    """How alike two same-date sentences must be to be one event, and what is background."""

    min_shared_words: int = 2
    min_similarity: float = 0.1
    background_days: int = 7
    event: EventConfig = field(default_factory=EventConfig)


@dataclass(frozen=True, slots=True)
class _Candidate:
    date: str
    span: Span
    words: frozenset[str]
    bullet: bool


def _primary(mentions: Sequence[DateMention], main: str | None) -> DateMention:
    """The mention that dates its sentence's event (see the module notes)."""
    return min(
        mentions,
        key=lambda m: (m.date != main, m.reporting, -len(m.date or ""), m.span.start),
    )


def _candidates(
    articles: Sequence[Article], dates: Mapping[str, Sequence[DateMention]], main: str | None
) -> list[_Candidate]:
    out: dict[tuple[str, str, int], _Candidate] = {}
    for article in sorted(articles, key=lambda a: a.id):
        by_sentence: dict[int, list[DateMention]] = {}
        for mention in dates.get(article.id, ()):
            if mention.date is not None and not _since(mention, article.text):
                by_sentence.setdefault(mention.sentence.start, []).append(mention)
        for mentions in by_sentence.values():
            mention = _primary(mentions, main)
            sent = mention.sentence
            raw = article.text[sent.start : sent.end]
            if is_caption(raw) or mention.date is None or _quoted_today(mention, article.text):
                continue
            cut = bullet_trim(raw)
            span = Span(article.id, sent.start + cut, sent.end)
            for other in mentions:
                raw = raw.replace(other.text, " ")
            words = measure_words(raw)
            if len(words) < 2:  # "Nov. 3, 2016." "But on Wednesday, it happened.": no event
                continue
            key = (mention.date, article.id, span.start)
            out.setdefault(key, _Candidate(mention.date, span, words, cut > 0))
    return [out[k] for k in sorted(out)]


_SINCE = re.compile(r"\b(?:since|until|till|by)\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?$",
                    re.IGNORECASE)


def _since(mention: DateMention, text: str) -> bool:
    """A date after "since" (or "until", "by") is a reference point or a deadline, no event's
    date ("the lowest level since Nov. 13", "their first pennant since 1945", "a permanent
    station by 2023")."""
    return _SINCE.search(text, mention.sentence.start, mention.span.start) is not None


def _quoted_today(mention: DateMention, text: str) -> bool:
    """"today" or "tonight" inside quotation marks: the speaker's day, no event's date
    ("'I'm just glad that today is the day.'")."""
    if mention.text.lower() not in ("today", "tonight"):
        return False
    before = text[mention.sentence.start : mention.span.start]
    opened = sum(before.count(c) for c in "\u201c\u2018") - sum(
        before.count(c) for c in "\u201d"
    )
    return opened > 0 or before.count('"') % 2 == 1


def _alike(a: _Candidate, b: _Candidate, config: TimelineConfig) -> bool:
    shared = len(a.words & b.words)
    union = len(a.words | b.words) or 1
    return shared >= config.min_shared_words and shared / union >= config.min_similarity


def _groups(
    cands: Sequence[_Candidate], config: TimelineConfig, event_date: EventDate | None
) -> list[list[_Candidate]]:
    """Candidates of one event, each group in candidate order, the groups by their first: the
    sentences establishing the event date (one per report) are one event, the main one."""
    sets = DisjointSets(range(len(cands)))
    for i, a in enumerate(cands):
        for j in range(i + 1, len(cands)):
            b = cands[j]
            if a.date == b.date and _alike(a, b, config):
                sets.union(i, j)
    if event_date is not None:
        main = [
            k for k, c in enumerate(cands)
            if c.date == event_date.date and any(_within(e, c.span) for e in event_date.spans)
        ]
        for k in main[1:]:
            sets.union(main[0], k)
    return [[cands[k] for k in group] for group in sets.groups()]


def _event(
    group: Sequence[_Candidate], texts: Mapping[str, str], lead_span: Span | None
) -> TimelineEvent:
    spans: dict[str, Span] = {}
    for cand in sorted(group, key=lambda c: (c.span.source, c.span.start)):
        spans.setdefault(cand.span.source, cand.span)
    in_group = [c for c in group if lead_span is not None and _within(lead_span, c.span)]
    lead = (in_group or [min(group, key=lambda c: (c.bullet, c.span.source, c.span.start))])[0]
    spans[lead.span.source] = lead.span
    sources = tuple(sorted(spans))
    return TimelineEvent(
        date=group[0].date,
        text=texts[lead.span.source][lead.span.start : lead.span.end],
        spans=tuple(spans[s] for s in sources),
        sources=sources,
    )


def _within(outer: Span, inner: Span) -> bool:
    return outer.source == inner.source and outer.start <= inner.start < outer.end


def last_day(date: str) -> dt.date | None:
    """The last day a ``YYYY[-MM[-DD]]`` date covers."""
    ref = parse_reference(date)
    if ref is None:
        return None
    if ref.month is None:
        return dt.date(ref.year, 12, 31)
    if ref.day is None:
        first_next = dt.date(ref.year + ref.month // 12, ref.month % 12 + 1, 1)
        return first_next - dt.timedelta(days=1)
    return dt.date(ref.year, ref.month, ref.day)


def _anchor(articles: Sequence[Article], event_date: EventDate | None) -> dt.date | None:
    value = event_date.date if event_date is not None else story_reference(articles=articles)
    ref = parse_reference(value)
    return None if ref is None else dt.date(ref.year, ref.month or 1, ref.day or 1)


def _is_main(event: TimelineEvent, event_date: EventDate | None) -> bool:
    """The row that holds the sentence establishing the story's event date."""
    return event_date is not None and event.date == event_date.date and any(
        _within(event_date.spans[0], s) for s in event.spans
    )


def build_timeline(
    *,
    articles: Sequence[Article],
    dates: Mapping[str, Sequence[DateMention]],
    origin_groups: Mapping[str, str],
    event_date: EventDate | None = None,
    config: TimelineConfig | None = None,
) -> tuple[TimelineEvent, ...]:
    """One row per event: the main event first, the story's other events by date (then by how
    many origins carry them, then text), its background last (see the module notes)."""
    cfg = config or TimelineConfig()
    texts = {a.id: a.text for a in articles}
    main = event_date.date if event_date is not None else None
    lead_span = event_date.spans[0] if event_date is not None else None
    events = [
        _event(g, texts, lead_span)
        for g in _groups(_candidates(articles, dates, main), cfg, event_date)
    ]
    anchor = _anchor(articles, event_date)

    def background(event: TimelineEvent) -> bool:
        end = last_day(event.date)
        return anchor is not None and end is not None and (
            (anchor - end).days > cfg.background_days
        )

    def independent(event: TimelineEvent) -> int:
        return len({origin_groups.get(s, s) for s in event.sources})

    def key(event: TimelineEvent) -> tuple[bool, bool, str, int, int, str]:
        return (
            not _is_main(event, event_date), event.background, event.date,
            -independent(event), -len(event.sources), event.text,
        )

    # a year alone that holds the story's own day dates no event of its own ("the year 2018
    # has been...", "the 2016 World Series"): the story's rows say when in it
    events = [e for e in events if anchor is None or e.date != f"{anchor.year:04d}"]
    marked = [replace(e, background=background(e)) for e in events]
    return tuple(sorted(marked, key=key))
