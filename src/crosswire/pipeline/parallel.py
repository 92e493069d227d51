"""Briefing stories in several processes (``crosswire brief --processes N``).

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
from crosswire.pipeline.story import analyse_story, brief_story

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


def brief_each(
    *, stories: Sequence[Story], articles: Sequence[Article], nlp: Any, config: Config,
    processes: int = 1,
) -> Iterator[Brief]:
    """The brief of each story of ``stories``, in that order, made by up to ``processes``
    worker processes (1, or no ``fork``: in this process)."""
    workers = min(processes, len(stories))
    if workers <= 1 or not can_fork():
        for story in stories:
            analysis = analyse_story(story=story, articles=articles, nlp=nlp, config=config)
            yield brief_story(analysis=analysis, config=config)
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

