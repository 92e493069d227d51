"""Briefing many stories: in batches (small stories' texts parsed together) and in several
processes (``crosswire brief --processes N``).

Each story is analysed and briefed on its own (nothing one story finds changes another's
brief), so worker processes can take one story each; the briefs come back in the order the
stories were given, the same briefs a single process writes. Workers are forked from the
calling process and share its loaded spaCy pipeline, configuration and articles (copy on
write): nothing is loaded again and only the finished briefs travel back. Where ``fork`` is
not available (Windows) the stories are briefed in this process, one after another.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from typing import Any

from crosswire.config import Config
from crosswire.models import Article, Brief, Story
from crosswire.pipeline.story import analyse_story, brief_story, story_articles
from crosswire.stages.quotes import parse_many

__all__ = ["brief_each", "can_fork"]

# What the forked workers read: set just before the pool starts, cleared when it ends.
_SHARED: dict[str, Any] = {}


def can_fork() -> bool:
    """Whether worker processes can be forked here (POSIX)."""
    return "fork" in multiprocessing.get_all_start_methods()


def _brief_at(index: int) -> Brief:
    story: Story = _SHARED["stories"][index]
    config: Config = _SHARED["config"]
    analysis = analyse_story(
        story=story, articles=_SHARED["articles"], nlp=_SHARED["nlp"], config=config
    )
    return brief_story(analysis=analysis, config=config)


_BATCH_TEXTS = 32  # texts parsed in one go across stories (spaCy runs faster on batches)


def _in_batches(
    *, stories: Sequence[Story], articles: Sequence[Article], nlp: Any, config: Config,
) -> Iterator[Brief]:
    """Each story's brief in this process; the texts of several small stories are parsed
    together first (a parse does not depend on the texts beside it in a batch)."""
    k = 0
    while k < len(stories):
        window: list[Story] = []
        texts: dict[str, None] = {}
        while k < len(stories) and len(texts) < _BATCH_TEXTS:
            window.append(stories[k])
            arts = story_articles(story=stories[k], articles=articles, config=config)
            texts.update(dict.fromkeys(a.text for a in arts))
            k += 1
        parsed = dict(zip(texts, parse_many(
            nlp=nlp, texts=list(texts), batch_size=config.entities.batch_size
        ), strict=True)) if len(window) > 1 else None
        for story in window:
            analysis = analyse_story(
                story=story, articles=articles, nlp=nlp, config=config, parsed=parsed
            )
            yield brief_story(analysis=analysis, config=config)


def brief_each(
    *, stories: Sequence[Story], articles: Sequence[Article], nlp: Any, config: Config,
    processes: int = 1,
) -> Iterator[Brief]:
    """The brief of each story of ``stories``, in that order, made by up to ``processes``
    worker processes (1, or no ``fork``: in this process)."""
    workers = min(processes, len(stories))
    if workers <= 1 or not can_fork():
        yield from _in_batches(stories=stories, articles=articles, nlp=nlp, config=config)
        return
    if _SHARED:
        raise RuntimeError("brief_each with processes > 1 is already running in this process")
    _SHARED.update(stories=tuple(stories), articles=tuple(articles), nlp=nlp, config=config)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            # chunks of one: stories differ a lot in size, so workers take the next one free
            yield from pool.imap(_brief_at, range(len(stories)), chunksize=1)
    finally:
        _SHARED.clear()

