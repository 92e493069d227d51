"""Second pass of batch clustering: merge groups whose true centroids are close.

The first pass judges groups by the sum of their known pair similarities, which undercounts
large groups (pairs below the edge floor or never retrieved count as zero). Here each group gets
its real centroid (the normalised sum of its members' vectors, kept to its heaviest terms),
centroids are indexed by their heaviest terms and publication day, and the closest pair of
centroids is merged while their cosine reaches ``ClusterConfig.refine_threshold``.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crosswire.stages.cluster.index import TermIndex, median_day
from crosswire.text.vectors import add_into, cosine, normalized, top_terms

if TYPE_CHECKING:
    from crosswire.stages.cluster.config import ClusterConfig

__all__ = ["merge_centroids"]


@dataclass(slots=True)
class _Group:
    members: list[int]
    total: dict[str, float]
    centroid: dict[str, float]
    day: int | None


def _make(members: list[int], total: dict[str, float], days: Sequence[int | None],
          config: ClusterConfig) -> _Group:
    kept = {t: total[t] for t in top_terms(total, k=config.centroid_terms)}
    return _Group(members, total, normalized(kept), median_day(members=members, days=days))


def merge_centroids(
    *,
    vectors: Sequence[Mapping[str, float]],
    days: Sequence[int | None],
    groups: Sequence[Sequence[int]],
    config: ClusterConfig,
) -> list[list[int]]:
    """Groups after merging centroids at least ``config.refine_threshold`` close (none when
    that is None; deterministic: keys are smallest members)."""
    threshold = config.refine_threshold
    if threshold is None:
        return sorted(sorted(members) for members in groups)
    alive: dict[int, _Group] = {}
    for members in groups:
        total: dict[str, float] = {}
        for i in members:
            add_into(total, vectors[i])
        key = min(members)
        alive[key] = _make(sorted(members), total, days, config)
    index = TermIndex(window_days=config.window_days, max_posting=config.max_posting)
    heap: list[tuple[float, int, int, int, int]] = []
    version = dict.fromkeys(alive, 0)

    def enter(key: int) -> None:
        group = alive[key]
        seen: set[int] = set()
        terms = top_terms(group.centroid, k=config.index_terms)
        for t in terms:
            found = index.candidates(term=t, day=group.day)
            if found is not None:
                seen.update(o for o in found if o in alive and o != key)
        for other in sorted(seen):
            sim = cosine(group.centroid, alive[other].centroid)
            if sim >= threshold:
                a, b = min(key, other), max(key, other)
                heapq.heappush(heap, (-sim, a, b, version[a], version[b]))
        for t in terms:
            index.add(term=t, item=key, day=group.day)

    for key in sorted(alive):
        enter(key)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if a not in alive or b not in alive or version[a] != va or version[b] != vb:
            continue
        gone = alive.pop(b)
        keep = alive[a]
        add_into(keep.total, gone.total)
        alive[a] = _make(sorted(keep.members + gone.members), keep.total, days, config)
        version[a] += 1
        enter(a)
    return [g.members for _, g in sorted(alive.items())]
