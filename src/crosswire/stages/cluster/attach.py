"""Attaching reports left alone to the story they are clearly about.

The merge pass judges a report by the sum of its pair similarities with a story's members;
pairs below the edge floor count as zero, so a report on another angle of a story (sharing the
story's names but few words with any single member) can stay alone although it is closer to the
story as a whole than to anything else. Here each report that is still a story of its own is
compared with the centroids of the stories found by its heaviest terms (within the time
window) and joins the closest one when three things hold (the settings are those of
:class:`~crosswire.stages.cluster.config.ClusterConfig`):

* the centroid cosine reaches ``attach_threshold``;
* it is ``attach_ratio`` times the cosine with the runner-up story (a report between two stories
  of one kind -- two lotteries, two Syrian sieges -- is left alone rather than guessed);
* its mean similarity with the story's members reaches ``cohesion.ratio`` times the mean
  similarity among them (the merge pass's cohesion rule, judged on true sums: a tight story
  does not take in a report that only shares its general vocabulary).

A report with fewer terms than the story's reports have on average is held to bars (the
threshold and the cohesion bar) lowered by the square root of that share: a short blurb that
tells part of a story ("Bitcoin touches USD 6000 as the tumble continues", 31 terms) has a
cosine with the story's centroid and with each of its reports of about that root times what a
full report of the story would have, whatever story it belongs to.

A story further away in time than the window but within ``followup_days`` is a candidate too
(a follow-up a few weeks on: the fallout of a leak, the release of an update announced in
beta), at a higher bar, ``followup_threshold`` (not lowered for short reports); the runner-up
test is the same, over the candidates near and far.

A report with fewer than ``attach_min_terms`` terms (a headline) is left alone: the cosine of a
few words with a centroid says little about which story they belong to, and the runner-up test
means little when most stories share none of them.

A second pass (:func:`attach_fragments`) does the same for small groups: a group of at most
``attach_fragment_size`` reports whose centroid has a cosine of at least
``attach_fragment_threshold`` with a larger story, ``attach_ratio`` times its cosine with any
other story it has a similarity edge to, joins it. Two or three copies of
one wire report are tight by copying, so the merge pass's cohesion veto can hold them apart
from their event's main group; a clear best match at a higher bar than a lone report's stands
in for that test here. On pooled ECB+ such fragments met their own event at 0.27 to 0.39 and
every other story at less than half that; on Multi-News the fragments that came as close to a
larger story (0.20 to 0.33) were all other stories, none of them at 0.3 with that margin.

Every decision is taken against the stories as the previous pass left them, and the joins are
then applied together, so the result does not depend on the order of the reports. The passes
are batch-only: in incremental mode a story's true centroid would have to be rebuilt for every
lone arrival near it, a cost that grows with the story, and the stream's re-settling of a
story (which sees only pair similarities) would split such a report off again.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crosswire.stages.cluster.index import TermIndex, median_day
from crosswire.text.vectors import add_into, cosine, normalized, top_terms

if TYPE_CHECKING:
    from crosswire.stages.cluster.config import ClusterConfig

__all__ = [
    "StoryShape",
    "attach_fragments",
    "attach_singletons",
    "attach_target",
    "attaching",
    "coverage",
    "join_targets",
    "story_shape",
]


@dataclass(frozen=True, slots=True)
class StoryShape:
    """What the attach rule needs of one story: its member count, the sum of its members'
    vectors, its centroid (that sum's heaviest terms, normalised), the sum of its members'
    squared norms (to get the mean pair similarity inside it from the sum) and the mean number
    of terms of its members' vectors."""

    size: int
    total: Mapping[str, float]
    centroid: Mapping[str, float]
    self_mass: float
    mean_terms: float = 0.0


def attaching(*, config: ClusterConfig) -> bool:
    """Whether lone reports or small groups may join stories under ``config``."""
    return config.attach_threshold is not None or config.attach_fragment_threshold is not None


def story_shape(
    *, vectors: Sequence[Mapping[str, float]], members: Sequence[int], centroid_terms: int
) -> StoryShape:
    total: dict[str, float] = {}
    self_mass = 0.0
    terms = 0
    for i in members:
        add_into(total, vectors[i])
        self_mass += sum(w * w for w in vectors[i].values())
        terms += len(vectors[i])
    kept = {t: total[t] for t in top_terms(total, k=centroid_terms)}
    return StoryShape(
        size=len(members), total=total, centroid=normalized(kept), self_mass=self_mass,
        mean_terms=terms / len(members) if members else 0.0,
    )


def coverage(*, terms: int, shape: StoryShape) -> float:
    """The share of a story's typical report a report of ``terms`` terms can cover, as the
    factor its cosines with the story's reports shrink by: sqrt(terms / mean terms), at most 1
    (a report whose terms are a part of another's, equally weighted, has the square root of
    that part as its cosine with it)."""
    if shape.mean_terms <= 0.0 or terms >= shape.mean_terms:
        return 1.0
    return math.sqrt(terms / shape.mean_terms)


def _inner_mean(shape: StoryShape) -> float | None:
    n = shape.size
    if n < 2:
        return None
    squared = sum(w * w for w in shape.total.values())
    return (squared - shape.self_mass) / (n * (n - 1))


def attach_target(
    *,
    vector: Mapping[str, float],
    candidates: Mapping[int, StoryShape],
    config: ClusterConfig,
    later: Collection[int] = (),
) -> int | None:
    """The key of the story among ``candidates`` that a lone report (``vector``) joins, if
    any (ties: the smaller key). ``later``: the candidates beyond the time window (within
    ``followup_days``), joined only from ``followup_threshold``."""
    threshold = config.attach_threshold
    if threshold is None or len(vector) < config.attach_min_terms:
        return None
    scored = sorted(
        ((cosine(vector, shape.centroid), key) for key, shape in candidates.items()),
        key=lambda sk: (-sk[0], sk[1]),
    )
    if not scored:
        return None
    best, key = scored[0]
    shape = candidates[key]
    share = coverage(terms=len(vector), shape=shape)
    if key in later:
        threshold = max(threshold, config.followup_threshold)
    else:
        threshold *= share
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best < threshold or best < config.attach_ratio * runner_up:
        return None
    inner = _inner_mean(shape)
    rule = config.cohesion  # the merge pass's cohesion bar (None: no check)
    if rule is not None and inner is not None and inner > 0.0:
        cross = cosine(vector, shape.total) / shape.size
        if cross < rule.ratio * inner * share:
            return None
    return key


def _search_days(config: ClusterConfig) -> int | None:
    """How far apart in days a lone report and a story are compared at all."""
    if config.window_days is None or config.followup_days is None:
        return config.window_days
    return max(config.window_days, config.followup_days)


def _later(day: int | None, other: int | None, config: ClusterConfig) -> bool:
    if day is None or other is None or config.window_days is None:
        return False
    return abs(day - other) > config.window_days


def attach_singletons(
    *,
    vectors: Sequence[Mapping[str, float]],
    days: Sequence[int | None],
    groups: Sequence[Sequence[int]],
    config: ClusterConfig,
) -> list[list[int]]:
    """``groups`` after each lone report has joined the story it is clearly about.

    The target may be another lone report (two reports on one angle of a story, each the
    other's clear best match). A report whose target is itself moving stays where it is, unless
    the two chose each other: no report reaches a story through another one that moves."""
    ordered = sorted(sorted(g) for g in groups if g)
    shapes = [
        story_shape(vectors=vectors, members=g, centroid_terms=config.centroid_terms)
        for g in ordered
    ]
    group_days = [median_day(members=g, days=days) for g in ordered]
    index = TermIndex(window_days=_search_days(config), max_posting=config.max_posting)
    for k, shape in enumerate(shapes):
        for t in top_terms(shape.centroid, k=config.index_terms):
            index.add(term=t, item=k, day=group_days[k])
    targets: dict[int, int] = {}
    for k, group in enumerate(ordered):
        if len(group) != 1:
            continue
        vector = vectors[group[0]]
        seen: set[int] = set()
        for t in top_terms(vector, k=config.index_terms):
            found = index.candidates(term=t, day=group_days[k])
            if found is not None:
                seen.update(o for o in found if o != k)
        target = attach_target(
            vector=vector, candidates={o: shapes[o] for o in sorted(seen)}, config=config,
            later={o for o in seen if _later(group_days[k], group_days[o], config)},
        )
        if target is not None:
            targets[k] = target
    return join_targets(groups=ordered, targets=targets)


def join_targets(
    *, groups: Sequence[Sequence[int]], targets: Mapping[int, int]
) -> list[list[int]]:
    """``groups`` after group ``k`` has joined group ``targets[k]`` for each ``k``: a group
    whose target is itself moving stays, unless the two chose each other (no chains)."""
    joined: dict[int, list[int]] = {k: list(g) for k, g in enumerate(groups)}
    for k, target in sorted(targets.items()):
        onward = targets.get(target)
        if onward is None:
            joined[target].extend(joined.pop(k))
        elif onward == k and k < target:  # two that chose each other
            joined[k].extend(joined.pop(target))
    return sorted(sorted(m) for m in joined.values())


def attach_fragments(
    *,
    vectors: Sequence[Mapping[str, float]],
    groups: Sequence[Sequence[int]],
    pairs: Iterable[tuple[int, int]],
    config: ClusterConfig,
) -> list[list[int]]:
    """``groups`` after each group of 2 to ``config.attach_fragment_size`` reports has joined the
    larger story it is clearly about (see the module docstring); a fragment whose target is
    itself moving stays where it is. The stories a fragment is compared with are those holding
    a report that one of ``pairs`` (the similarity graph's edges) links to one of its own."""
    ordered = sorted(sorted(g) for g in groups if g)
    threshold = config.attach_fragment_threshold
    if threshold is None:
        return ordered
    owner = {i: k for k, g in enumerate(ordered) for i in g}
    fragments = {k for k, g in enumerate(ordered) if 2 <= len(g) <= config.attach_fragment_size}
    near: dict[int, set[int]] = {k: set() for k in fragments}
    for i, j in pairs:
        a, b = owner.get(i), owner.get(j)
        if a is not None and b is not None and a != b:
            if a in near:
                near[a].add(b)
            if b in near:
                near[b].add(a)
    shapes: dict[int, StoryShape] = {}

    def centroid(k: int) -> Mapping[str, float]:
        if k not in shapes:
            shapes[k] = story_shape(
                vectors=vectors, members=ordered[k], centroid_terms=config.centroid_terms
            )
        return shapes[k].centroid

    targets: dict[int, int] = {}
    for k in sorted(fragments):
        own = centroid(k)
        scored = sorted(
            ((cosine(own, centroid(o)), o) for o in near[k]), key=lambda so: (-so[0], so[1])
        )
        if not scored:
            continue
        best, target = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        larger = len(ordered[target]) > len(ordered[k])
        if larger and best >= threshold and best >= config.attach_ratio * runner_up:
            targets[k] = target
    joined: dict[int, list[int]] = {k: list(g) for k, g in enumerate(ordered)}
    for k, target in sorted(targets.items()):
        if target not in targets:
            joined[target].extend(joined.pop(k))
    return sorted(sorted(m) for m in joined.values())
