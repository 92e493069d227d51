"""The story's timeline: one event per resolved date and thing, cited in every report.

Each resolved date mention gives its sentence as a candidate event. Candidates with the same date
whose sentences share enough content words (the same meeting, the same blocked deal) are one
event, cited once per report; events are sorted by date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from crosswire.models import Article, DateMention, Span, TimelineEvent
from crosswire.stages.facts.measure import bullet_trim, measure_words
from crosswire.text.unionfind import DisjointSets

__all__ = ["TimelineConfig", "build_timeline"]


@dataclass(frozen=True)
class TimelineConfig:
    """How alike two same-date sentences must be to be one event."""

    min_shared_words: int = 2
    min_similarity: float = 0.1


@dataclass(frozen=True, slots=True)
class _Candidate:
    date: str
    span: Span
    words: frozenset[str]
    bullet: bool


def _candidates(
    articles: Sequence[Article], dates: Mapping[str, Sequence[DateMention]]
) -> list[_Candidate]:
    out: dict[tuple[str, str, int], _Candidate] = {}
    for article in sorted(articles, key=lambda a: a.id):
        for mention in dates.get(article.id, ()):
            if mention.date is None:
                continue
            sent = mention.sentence
            raw = article.text[sent.start : sent.end]
            cut = bullet_trim(raw)
            span = Span(article.id, sent.start + cut, sent.end)
            words = measure_words(raw.replace(mention.text, " "))
            key = (mention.date, article.id, span.start)
            out.setdefault(key, _Candidate(mention.date, span, words, cut > 0))
    return [out[k] for k in sorted(out)]


def _alike(a: _Candidate, b: _Candidate, config: TimelineConfig) -> bool:
    shared = len(a.words & b.words)
    union = len(a.words | b.words) or 1
    return shared >= config.min_shared_words and shared / union >= config.min_similarity


def _groups(cands: Sequence[_Candidate], config: TimelineConfig) -> list[list[_Candidate]]:
    """Candidates of one event, each group in candidate order, the groups by their first."""
    sets = DisjointSets(range(len(cands)))
    for i, a in enumerate(cands):
        for j in range(i + 1, len(cands)):
            b = cands[j]
            if a.date == b.date and _alike(a, b, config):
                sets.union(i, j)
    return [[cands[k] for k in group] for group in sets.groups()]


def _event(group: Sequence[_Candidate], texts: Mapping[str, str]) -> TimelineEvent:
    spans: dict[str, Span] = {}
    for cand in sorted(group, key=lambda c: (c.span.source, c.span.start)):
        spans.setdefault(cand.span.source, cand.span)
    lead = min(group, key=lambda c: (c.bullet, c.span.source, c.span.start)).span
    sources = tuple(sorted(spans))
    return TimelineEvent(
        date=group[0].date,
        text=texts[lead.source][lead.start : lead.end],
        spans=tuple(spans[s] for s in sources),
        sources=sources,
    )


def build_timeline(
    *,
    articles: Sequence[Article],
    dates: Mapping[str, Sequence[DateMention]],
    origin_groups: Mapping[str, str],
    config: TimelineConfig | None = None,
) -> tuple[TimelineEvent, ...]:
    """Events sorted by date (then by how many origins carry them, then text)."""
    cfg = config or TimelineConfig()
    texts = {a.id: a.text for a in articles}
    events = [_event(g, texts) for g in _groups(_candidates(articles, dates), cfg)]

    def key(event: TimelineEvent) -> tuple[str, int, int, str]:
        independent = len({origin_groups.get(s, s) for s in event.sources})
        return (event.date, -independent, -len(event.sources), event.text)

    return tuple(sorted(events, key=key))
