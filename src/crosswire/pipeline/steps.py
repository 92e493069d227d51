"""The whole run, in order: read -> clean -> cluster (with the off-topic split) -> per story:
analyse -> brief. Every backend and the store call these functions; none orders steps itself.

A caller that already holds one story's reports (a feed reader's related group, a Multi-News
cluster) says so with ``one_story``: every report is then a member of one story
(:func:`whole_story`), with no clustering and no off-topic cut across stories."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from crosswire.config import Config
from crosswire.models import Article, Brief, RawDocument, Rejection, Story
from crosswire.pipeline.parallel import brief_each
from crosswire.pipeline.results import CleanResult, RunResult
from crosswire.stages.clean import clean_document
from crosswire.stages.cluster import cluster_articles, story_id

__all__ = [
    "brief_stories",
    "clean_all",
    "clean_stream",
    "cluster_stories",
    "run",
    "story_order",
    "whole_story",
]


def clean_stream(
    *, docs: Iterable[RawDocument | Rejection], config: Config
) -> Iterator[Article | Rejection]:
    """Each document cleaned, in input order; rejections pass through.

    The duplicate-id rule: a document is rejected as ``duplicate-id`` when an earlier one with
    its id became an article (an earlier one that was rejected does not count).
    """
    kept: set[str] = set()
    for doc in docs:
        if isinstance(doc, Rejection):
            yield doc
            continue
        if doc.id in kept:
            yield Rejection(doc.id, "duplicate-id", f"id {doc.id!r} was already read", doc.origin)
            continue
        result = clean_document(doc=doc, config=config.clean)
        if isinstance(result, Article):
            kept.add(result.id)
        yield result


def clean_all(*, docs: Iterable[RawDocument | Rejection], config: Config) -> CleanResult:
    """Clean every document; rejections (including duplicate ids) are kept, never dropped."""
    articles: dict[str, Article] = {}
    rejections: list[Rejection] = []
    for result in clean_stream(docs=docs, config=config):
        if isinstance(result, Rejection):
            rejections.append(result)
        else:
            articles[result.id] = result
    return CleanResult(
        articles=tuple(articles[k] for k in sorted(articles)), rejections=tuple(rejections)
    )


def story_order(stories: Iterable[Story]) -> list[Story]:
    """The order stories are briefed and shown in: largest first, then by id."""
    return sorted(stories, key=lambda s: (-len(s.article_ids), s.id))


def whole_story(*, articles: Sequence[Article]) -> tuple[Story, ...]:
    """Every article as the one story (none when there is no article): no clustering, no
    off-topic segments. Its id is the one clustering would give the same members."""
    ids = tuple(sorted(a.id for a in articles))
    return (Story(id=story_id(member_ids=ids), article_ids=ids),) if ids else ()


def cluster_stories(
    *, articles: Sequence[Article], config: Config, incremental: bool = False
) -> tuple[Story, ...]:
    """The stories of ``articles`` in :func:`story_order`, with their off-topic segments."""
    found = cluster_articles(articles=articles, config=config.cluster, incremental=incremental)
    return tuple(story_order(found))


def brief_stories(
    *, stories: Sequence[Story], articles: Sequence[Article], nlp: Any, config: Config,
    limit: int | None = None, on_brief: Callable[[int, int], None] | None = None,
    processes: int = 1,
) -> tuple[Brief, ...]:
    """One brief per story in :func:`story_order`, only the first ``limit`` when given;
    ``on_brief(done, total)`` after each (progress display). ``processes``: worker processes
    that brief stories side by side (:mod:`crosswire.pipeline.parallel`; same briefs)."""
    ordered = story_order(stories)
    if limit is not None:
        ordered = ordered[: max(0, limit)]
    briefs: list[Brief] = []
    made = brief_each(
        stories=ordered, articles=articles, nlp=nlp, config=config, processes=processes
    )
    for brief in made:
        briefs.append(brief)
        if on_brief is not None:
            on_brief(len(briefs), len(ordered))
    return tuple(briefs)


def run(
    *, docs: Iterable[RawDocument | Rejection], config: Config, nlp: Any,
    limit: int | None = None, one_story: bool = False,
    on_brief: Callable[[int, int], None] | None = None, processes: int = 1,
) -> RunResult:
    """Clean, cluster into stories, and brief the stories (the first ``limit`` when given:
    a caller that shows one brief analyses one story). ``one_story``: the inputs are one
    story's reports (:func:`whole_story`), not clustered. ``on_brief``: see
    :func:`brief_stories`. ``processes``: see :func:`brief_stories`."""
    cleaned = clean_all(docs=docs, config=config)
    stories = (
        whole_story(articles=cleaned.articles) if one_story
        else cluster_stories(articles=cleaned.articles, config=config)
    )
    briefs = brief_stories(
        stories=stories, articles=cleaned.articles, nlp=nlp, config=config, limit=limit,
        on_brief=on_brief, processes=processes,
    )
    return RunResult(cleaned.articles, cleaned.rejections, stories, briefs)
