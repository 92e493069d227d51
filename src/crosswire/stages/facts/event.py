"""The story's event date: the day its main event happened, as its reports establish it.

Not the publication date: the day the reports tie to what they lead with. Every resolved date
of a report votes for itself with a weight:

* where it stands: a date in a report's first sentence weighs most, later ones less
  (``1 / (1 + index / position_decay)``);
* what it dates: a statement ("said Thursday", :attr:`DateMention.reporting`) weighs
  ``reporting_weight`` of an event ("the bombing late Thursday");
* how near the headline event: a sentence sharing words with the story's titles weighs up to
  ``1 + title_bonus`` times more;
* a date long before its report (``history_days``) or far after it (``ahead_days``) is history
  or a plan, not the news; a photo caption ("file photo") dates a picture; a report published
  long after the others (``late_days`` from the story's median) is a follow-up and counts
  ``late_weight``.

Each independent voice (origin group) gives a date its best weight (plus ``repeat_bonus`` per
further sentence, up to one more best weight): the date with the most support wins, the
earlier of two equal ones. Day dates are read first; only when no report gives a day does a
month win, and only the month of the reports themselves ("launched a campaign this week"): an
earlier month a report names without its day ("In January, investors asked ...") is something it
recalls. No candidate: no event date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from crosswire.models import Article, DateMention, EventDate, Span
from crosswire.stages.facts.calendar import parse_reference
from crosswire.stages.facts.dates import story_reference
from crosswire.stages.facts.measure import measure_words
from crosswire.text.sentences import split_sentences
from crosswire.text.wordlists import package_word_map

__all__ = ["EventConfig", "is_caption", "story_event_date"]


@dataclass(frozen=True)
class EventConfig:
    """How the story's event date is chosen (see the module notes)."""

    position_decay: float = 2.0
    reporting_weight: float = 0.6
    title_bonus: float = 1.0
    history_days: int = 10
    ahead_days: int = 14
    late_days: int = 21
    late_weight: float = 0.3
    repeat_bonus: float = 0.15


@dataclass(frozen=True, slots=True)
class _Vote:
    date: str
    weight: float
    sentence: Span
    voice: str


def is_caption(sentence: str) -> bool:
    """A photo caption or credit ("FILE - In this Dec. 29, 2017, file photo ..."): it dates
    a picture, not an event of the story."""
    low = sentence.strip().lower()
    cues = package_word_map("crosswire.stages.facts", "date_words")["caption_cues"]
    assert isinstance(cues, list)
    return any(str(c) in low for c in cues)


def _day(value: str) -> dt.date | None:
    ref = parse_reference(value)
    if ref is None:
        return None
    return dt.date(ref.year, ref.month or 1, ref.day or 1)


def _sentence_index(text: str) -> dict[int, int]:
    return {s.start: k for k, s in enumerate(split_sentences(text))}


def _in_window(date: str, published: dt.date | None, config: EventConfig) -> bool:
    if published is None:
        return True
    day = _day(date)
    if day is None:
        return False
    if len(date) == 7:  # a month: near the report if any of its days is
        last = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return (published - last).days <= config.history_days and (
            (day - published).days <= config.ahead_days
        )
    gap = (day - published).days
    return -config.history_days <= gap <= config.ahead_days


def _votes(
    article: Article, mentions: Sequence[DateMention], voice: str, titles: frozenset[str],
    median: dt.date | None, config: EventConfig,
) -> list[_Vote]:
    published = _day(article.published or "")
    late = median is not None and published is not None and (
        abs((published - median).days) > config.late_days
    )
    index = _sentence_index(article.text)
    out = []
    for m in mentions:
        if m.date is None or len(m.date) < 7 or not _in_window(m.date, published, config):
            continue
        sentence = article.text[m.sentence.start : m.sentence.end]
        if is_caption(sentence):
            continue
        weight = 1.0 / (1.0 + index.get(m.sentence.start, 0) / config.position_decay)
        if m.reporting:
            weight *= config.reporting_weight
        words = measure_words(sentence.replace(m.text, " "))
        if titles and words:
            weight *= 1.0 + config.title_bonus * len(words & titles) / min(len(titles), 8)
        if late:
            weight *= config.late_weight
        out.append(_Vote(m.date, weight, m.sentence, voice))
    return out


def _support(votes: Sequence[_Vote], config: EventConfig) -> dict[str, float]:
    by: dict[tuple[str, str], list[float]] = defaultdict(list)
    for v in votes:
        by[(v.date, v.voice)].append(v.weight)
    score: dict[str, float] = defaultdict(float)
    for (date, _voice), weights in by.items():
        best = max(weights)
        extra = min(best, config.repeat_bonus * (len(weights) - 1))
        score[date] += best + extra
    return score


def story_event_date(
    *, articles: Sequence[Article], dates: Mapping[str, Sequence[DateMention]],
    origin_groups: Mapping[str, str], config: EventConfig | None = None,
) -> EventDate | None:
    """The story's event date with the sentence establishing it in each source that gives it
    (the best-placed one of each), or None when no report dates an event."""
    cfg = config or EventConfig()
    titles = frozenset().union(*(measure_words(a.title or "") for a in articles))
    ref = story_reference(articles=articles)
    median = _day(ref) if ref else None
    votes = [
        v for a in sorted(articles, key=lambda a: a.id)
        for v in _votes(
            a, dates.get(a.id, ()), origin_groups.get(a.id, a.id), titles, median, cfg
        )
    ]
    pool = [v for v in votes if len(v.date) == 10]
    if not pool and ref is not None:  # no day: the reports' own month ("this week")
        pool = [v for v in votes if v.date == ref[:7]]
    if not pool:
        return None
    score = _support(pool, cfg)
    best = min(score, key=lambda d: (-round(score[d], 6), d))
    return _evidence(best, [v for v in pool if v.date == best], articles)


def _evidence(date: str, votes: Sequence[_Vote], articles: Sequence[Article]) -> EventDate:
    texts = {a.id: a.text for a in articles}
    per_source: dict[str, _Vote] = {}
    for v in sorted(votes, key=lambda v: (-v.weight, v.sentence.source, v.sentence.start)):
        per_source.setdefault(v.sentence.source, v)
    lead = max(per_source.values(), key=lambda v: (v.weight, -v.sentence.start))
    order = [lead] + sorted(
        (v for v in per_source.values() if v is not lead), key=lambda v: v.sentence.source
    )
    span = lead.sentence
    return EventDate(
        date=date,
        text=texts[span.source][span.start : span.end],
        spans=tuple(v.sentence for v in order),
        sources=tuple(v.sentence.source for v in order),
    )
