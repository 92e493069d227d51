"""What a run produces: the cleaned inputs, the stories and their briefs (and, per story, a
:class:`~crosswire.models.StoryAnalysis`)."""

from __future__ import annotations

from dataclasses import dataclass

from crosswire.models import Article, Brief, Rejection, Story

__all__ = ["CleanResult", "RunResult"]


@dataclass(frozen=True, slots=True)
class CleanResult:
    """Every input read and cleaned: the articles (sorted by id) and the rejections (in order)."""

    articles: tuple[Article, ...]
    rejections: tuple[Rejection, ...]


@dataclass(frozen=True, slots=True)
class RunResult:
    """Everything one run produced: ``stories`` in :func:`story_order`, and the briefs of the
    first of them (all, or as many as the run's ``limit``), in the same order."""

    articles: tuple[Article, ...]
    rejections: tuple[Rejection, ...]
    stories: tuple[Story, ...]
    briefs: tuple[Brief, ...]
