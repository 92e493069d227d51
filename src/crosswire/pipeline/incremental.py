"""Incremental stories: a batch of new reports joins the stories a long-lived stream holds.

    new reports -> map (per report) -> the stream, in publication order (join or open a story,
    merge stories that converged, re-decide a story with the batch rule)
        -> the stories the batch touched, with their off-topic segments

The stream's state (:class:`~crosswire.stages.cluster.StreamClusterer`) may live in memory or in
a store that loads it on demand; either way the work of a batch is that of its reports and the
stories they touch, not of every report taken in before. The stories are then analysed and
briefed one by one as any other (:func:`~crosswire.pipeline.analyse_story`,
:func:`~crosswire.pipeline.brief_story`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from crosswire.config import Config
from crosswire.models import Article, Story
from crosswire.stages.cluster import StreamClusterer, cluster_map_many, split_off_topic

__all__ = ["TouchedStory", "assign_stories"]


@dataclass(frozen=True, slots=True)
class TouchedStory:
    """A story a batch created or changed: the stream's key of its group, and the story."""

    key: int
    story: Story


def assign_stories(
    *,
    articles: Sequence[Article],
    stream: StreamClusterer,
    config: Config,
    load_articles: Callable[[Sequence[str]], Sequence[Article]],
) -> tuple[TouchedStory, ...]:
    """Take ``articles`` (new reports) into ``stream`` in ``published`` order (then id); the
    stories they touched, in key order, with their members' off-topic segments judged among
    these stories. ``load_articles`` gives the earlier members of those stories by id."""
    sketches = cluster_map_many(articles=articles, config=config.cluster)
    for sketch in sorted(sketches, key=lambda s: (s.published or "", s.id)):
        stream.add(sketch=sketch)
    keys = stream.touched()
    bare = {key: stream.story(key) for key in keys}
    new = {a.id: a for a in articles}
    earlier = sorted({i for s in bare.values() for i in s.article_ids} - set(new))
    pool = [new[i] for i in sorted(new)] + list(load_articles(earlier))
    held = [sketch for key in keys for sketch in stream.sketches(key)]
    split = {s.id: s for s in split_off_topic(
        stories=list(bare.values()), articles=pool, config=config.cluster, sketches=held
    )}
    return tuple(TouchedStory(key=key, story=split[bare[key].id]) for key in keys)
