"""The local runner: every stage on one machine, in one process, in a fixed order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.config import Config
from crosswire.models import Article, Brief, RawDocument, Rejection, Story
from crosswire.stages.brief import BriefParts, assemble_brief
from crosswire.stages.clean import clean_document
from crosswire.stages.cluster import cluster_articles
from crosswire.stages.story import StoryAnalysis, analyse_story

__all__ = [
    "CleanResult",
    "RunResult",
    "brief_from_analysis",
    "brief_stories",
    "clean_all",
    "run_local",
]


@dataclass(frozen=True, slots=True)
class CleanResult:
    articles: tuple[Article, ...]
    rejections: tuple[Rejection, ...]


@dataclass(frozen=True, slots=True)
class RunResult:
    """Everything one run produced; briefs are ordered by story size, then story id."""

    articles: tuple[Article, ...]
    rejections: tuple[Rejection, ...]
    stories: tuple[Story, ...]
    briefs: tuple[Brief, ...]


def clean_all(*, docs: Iterable[RawDocument | Rejection], config: Config) -> CleanResult:
    """Clean every document; rejections (including duplicate ids) are kept, never dropped."""
    articles: dict[str, Article] = {}
    rejections: list[Rejection] = []
    for doc in docs:
        if isinstance(doc, Rejection):
            rejections.append(doc)
            continue
        if doc.id in articles:
            rejections.append(
                Rejection(doc.id, "duplicate-id", f"id {doc.id!r} was already read", doc.origin)
            )
            continue
        result = clean_document(doc=doc, config=config.clean)
        if isinstance(result, Rejection):
            rejections.append(result)
        else:
            articles[result.id] = result
    return CleanResult(
        articles=tuple(articles[k] for k in sorted(articles)), rejections=tuple(rejections)
    )


def brief_from_analysis(*, analysis: StoryAnalysis, config: Config) -> Brief:
    """The cited brief of one analysed story."""
    parts = BriefParts(
        story=analysis.story,
        articles=analysis.articles,
        lineages=analysis.lineages,
        summary=analysis.summary,
        facts=analysis.facts,
        quotes=analysis.quotes,
        entities=analysis.entities,
        timeline=analysis.timeline,
        discrepancies=analysis.discrepancies,
    )
    return assemble_brief(parts=parts, config=config.brief)


def brief_stories(
    *, stories: Sequence[Story], articles: Sequence[Article], nlp: Any, config: Config
) -> tuple[Brief, ...]:
    """One brief per story, largest story first."""
    ordered = sorted(stories, key=lambda s: (-len(s.article_ids), s.id))
    return tuple(
        brief_from_analysis(
            analysis=analyse_story(story=s, articles=articles, nlp=nlp, config=config),
            config=config,
        )
        for s in ordered
    )


def run_local(
    *, docs: Iterable[RawDocument | Rejection], config: Config, nlp: Any
) -> RunResult:
    """Clean, cluster into stories, and brief each story."""
    cleaned = clean_all(docs=docs, config=config)
    stories = cluster_articles(articles=cleaned.articles, config=config.cluster)
    briefs = brief_stories(stories=stories, articles=cleaned.articles, nlp=nlp, config=config)
    return RunResult(cleaned.articles, cleaned.rejections, stories, briefs)
