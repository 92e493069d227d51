"""Analysing one story: every per-story stage, in order, on the story's own articles.

The local runner and the Spark backend both call :func:`analyse_story` once per story.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from crosswire.config import Config
from crosswire.models import (
    Article,
    DateMention,
    Discrepancy,
    Entity,
    Fact,
    Lineage,
    Quantity,
    Quote,
    RemovedSegment,
    Segment,
    Story,
    SummarySentence,
    TimelineEvent,
)
from crosswire.stages.facts import (
    build_timeline,
    canonical_namer,
    check_publication_date,
    corroborate,
    extract_entities,
    extract_quantities,
    extract_story_dates,
)
from crosswire.stages.lineage import trace_lineage
from crosswire.stages.quotes import extract_quotes, merge_quotes, parse_many
from crosswire.stages.summarize import summarize

__all__ = ["StoryAnalysis", "analyse_story", "strip_off_topic"]


@dataclass(frozen=True, slots=True)
class StoryAnalysis:
    """Everything found in one story; ``articles`` hold the texts all spans point into."""

    story: Story
    articles: tuple[Article, ...]
    lineages: tuple[Lineage, ...]
    entities: tuple[Entity, ...]
    quotes: tuple[Quote, ...]
    facts: tuple[Fact, ...]
    discrepancies: tuple[Discrepancy, ...]
    timeline: tuple[TimelineEvent, ...]
    summary: tuple[SummarySentence, ...]
    quantities: Mapping[str, tuple[Quantity, ...]]
    dates: Mapping[str, tuple[DateMention, ...]]


def _cut(*, article: Article, segments: Sequence[Segment]) -> Article:
    pieces: list[str] = []
    removed: list[RemovedSegment] = []
    pos = 0
    for seg in sorted(segments, key=lambda s: s.span.start):
        start, end = max(seg.span.start, pos), seg.span.end
        if start >= end:
            continue
        pieces.append(article.text[pos:start])
        removed.append(RemovedSegment(reason="off-topic", text=article.text[start:end].strip()))
        pos = end
    pieces.append(article.text[pos:])
    lines = [line for line in "".join(pieces).split("\n") if line.strip()]
    return replace(article, text="\n".join(lines), removed=article.removed + tuple(removed))


def strip_off_topic(*, articles: Sequence[Article], story: Story) -> tuple[Article, ...]:
    """The story's articles with their off-topic segments moved into ``removed``."""
    by_article: dict[str, list[Segment]] = {}
    for seg in story.segments:
        if seg.off_topic:
            by_article.setdefault(seg.span.source, []).append(seg)
    return tuple(
        _cut(article=a, segments=by_article[a.id]) if a.id in by_article else a for a in articles
    )


def _quotes(
    *, articles: Sequence[Article], nlp: Any, config: Config, groups: Mapping[str, str],
    entities: Sequence[Entity], docs: Mapping[str, Any],
) -> tuple[Quote, ...]:
    found = [
        q for a in articles
        for q in extract_quotes(article=a, nlp=nlp, config=config.quotes, doc=docs[a.id])
    ]
    return merge_quotes(
        quotes=found,
        origin_groups=groups,
        canonical_name=canonical_namer(entities=entities),
        config=config.quotes,
    )


def analyse_story(
    *, story: Story, articles: Sequence[Article], nlp: Any, config: Config
) -> StoryAnalysis:
    """Run lineage, entities, quantities, dates, quotes, corroboration, timeline and summary."""
    members = set(story.article_ids)
    arts = strip_off_topic(articles=[a for a in articles if a.id in members], story=story)
    arts = tuple(sorted(check_publication_date(articles=arts, config=config.dates), key=_key))
    lineages = trace_lineage(articles=arts, config=config.lineage)
    groups = {lin.article_id: lin.origin_group for lin in lineages}
    # One parse per article (paragraphs start sentences) serves the entities and the quotes.
    parsed = parse_many(
        nlp=nlp, texts=[a.text for a in arts], batch_size=config.entities.batch_size
    )
    docs = dict(zip([a.id for a in arts], parsed, strict=True))
    entities = extract_entities(articles=arts, nlp=nlp, config=config.entities, docs=docs)
    quantities = {a.id: extract_quantities(article=a, config=config.quantities) for a in arts}
    dates = extract_story_dates(articles=arts, config=config.dates)
    found = corroborate(
        articles=arts, origin_groups=groups, quantities=quantities, config=config.corroborate
    )
    return StoryAnalysis(
        story=story,
        articles=arts,
        lineages=lineages,
        entities=entities,
        quotes=_quotes(
            articles=arts, nlp=nlp, config=config, groups=groups, entities=entities, docs=docs
        ),
        facts=found.facts,
        discrepancies=found.discrepancies,
        timeline=build_timeline(
            articles=arts, dates=dates, origin_groups=groups, config=config.timeline
        ),
        summary=summarize(articles=arts, origin_groups=groups, config=config.summary),
        quantities=quantities,
        dates=dates,
    )


def _key(article: Article) -> str:
    return article.id
