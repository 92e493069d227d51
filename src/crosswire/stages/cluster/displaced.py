"""Reports whose date is wrong: text evidence outweighs ``published``.

The time window keeps apart two events of one kind told weeks apart, but it also keeps a report
with a late or wrong ``published`` (a crawl date, a re-publication a year on) away from the
coverage it copies or retells. After the batch passes, each small group -- a lone report, or
up to ``displaced_size`` reports -- is compared, whatever the dates, with the centroids of the
stories at least as large that share its heaviest terms, and joins the closest when:

* the centroid cosine reaches ``displaced_threshold``, far above the merge threshold: the
  report tells the story nearly as its coverage does (on the dev pile the reports of one story
  with a wrong date met its other reports at 0.40 to 0.66, and nothing else above 0.22);
* it is ``attach_ratio`` times the cosine with the runner-up (two stories of one kind that share
  a report's vocabulary -- a rocket's reveal and its launch a month on -- leave it alone);
* its mean similarity with the story's members passes the merge pass's cohesion bar.

Inside the time window the other passes have already judged the group, so this pass changes
nothing for undated corpora and moves only what the window had kept apart. Decisions are taken
against the stories as the attach passes left them and applied together (order-independent); a
group whose target is itself moving stays, unless the two chose each other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from crosswire.stages.cluster.attach import StoryShape, join_targets, story_shape
from crosswire.stages.cluster.index import TermIndex
from crosswire.text.vectors import cosine, top_terms

if TYPE_CHECKING:
    from crosswire.stages.cluster.config import ClusterConfig

__all__ = ["attach_displaced"]


def _cohesive(own: StoryShape, shape: StoryShape, config: ClusterConfig) -> bool:
    rule = config.cohesion
    if rule is None or shape.size < 2:
        return True
    squared = sum(w * w for w in shape.total.values())
    inner = (squared - shape.self_mass) / (shape.size * (shape.size - 1))
    if inner <= 0.0:
        return True
    cross = cosine(own.total, shape.total) / (own.size * shape.size)
    return cross >= rule.ratio * inner


def _target(k: int, shapes: Sequence[StoryShape], candidates: Sequence[int],
            config: ClusterConfig) -> int | None:
    own = shapes[k]
    scored = sorted(
        ((cosine(own.centroid, shapes[o].centroid), o) for o in candidates),
        key=lambda so: (-so[0], so[1]),
    )
    if not scored or config.displaced_threshold is None:
        return None
    best, target = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best < config.displaced_threshold or best < config.attach_ratio * runner_up:
        return None
    if shapes[target].size < own.size or not _cohesive(own, shapes[target], config):
        return None
    return target


def attach_displaced(
    *,
    vectors: Sequence[Mapping[str, float]],
    groups: Sequence[Sequence[int]],
    config: ClusterConfig,
) -> list[list[int]]:
    """``groups`` after each small group has joined the larger story it tells nearly word for
    word, whatever the dates (see the module docstring; None threshold: unchanged)."""
    ordered = sorted(sorted(g) for g in groups if g)
    if config.displaced_threshold is None:
        return ordered
    shapes = [
        story_shape(vectors=vectors, members=g, centroid_terms=config.centroid_terms)
        for g in ordered
    ]
    index = TermIndex(window_days=None, max_posting=config.max_posting)
    for k, shape in enumerate(shapes):
        for t in top_terms(shape.centroid, k=config.index_terms):
            index.add(term=t, item=k, day=None)
    targets: dict[int, int] = {}
    for k, group in enumerate(ordered):
        if len(group) > config.displaced_size:
            continue
        seen: set[int] = set()
        for t in top_terms(shapes[k].centroid, k=config.index_terms):
            found = index.candidates(term=t, day=None)
            if found is not None:
                seen.update(o for o in found if o != k)
        target = _target(k, shapes, sorted(seen), config)
        if target is not None:
            targets[k] = target
    return join_targets(groups=ordered, targets=targets)
