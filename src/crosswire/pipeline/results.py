"""What a run produces: the cleaned inputs, the stories, each story's analysis and briefs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from crosswire.models import (
    Article,
    Brief,
    DateMention,
    Discrepancy,
    Entity,
    Fact,
    Lineage,
    Quantity,
    Quote,
    Rejection,
    Story,
    SummarySentence,
    TimelineEvent,
)

__all__ = ["CleanResult", "RunResult", "StoryAnalysis"]


@dataclass(frozen=True, slots=True)
class CleanResult:
    """Every input read and cleaned: the articles (sorted by id) and the rejections (in order)."""

    articles: tuple[Article, ...]
    rejections: tuple[Rejection, ...]


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


@dataclass(frozen=True, slots=True)
class RunResult:
    """Everything one run produced: ``stories`` in :func:`story_order`, and the briefs of the
    first of them (all, or as many as the run's ``limit``), in the same order."""

    articles: tuple[Article, ...]
    rejections: tuple[Rejection, ...]
    stories: tuple[Story, ...]
    briefs: tuple[Brief, ...]
