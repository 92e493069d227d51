"""Second pass of batch clustering: merge groups whose true centroids are close.

The first pass judges groups by the sum of their known pair similarities, which undercounts
large groups (pairs below the edge floor or never retrieved count as zero). Here each group gets
its real centroid (the normalised sum of its members' vectors, kept to its heaviest terms),
centroids are indexed by their heaviest terms and publication day, and the closest pair of
centroids is merged while their cosine reaches the threshold.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from crosswire.stages.cluster.index import TermIndex, median_day
from crosswire.text.vectors import add_into, cosine, normalized, top_terms

__all__ = ["RefineSettings", "merge_centroids"]


@dataclass(frozen=True, slots=True)
class RefineSettings:
    threshold: float
    centroid_terms: int
    index_terms: int
    max_posting: int
    window_days: int | None


@dataclass(slots=True)
class _Group:
    members: list[int]
    total: dict[str, float]
    centroid: dict[str, float]
    day: int | None


def _make(members: list[int], total: dict[str, float], days: Sequence[int | None],
          settings: RefineSettings) -> _Group:
    kept = {t: total[t] for t in top_terms(total, k=settings.centroid_terms)}
    return _Group(members, total, normalized(kept), median_day(members=members, days=days))


def merge_centroids(
    *,
    vectors: Sequence[Mapping[str, float]],
    days: Sequence[int | None],
    groups: Sequence[Sequence[int]],
    settings: RefineSettings,
) -> list[list[int]]:
    """Groups after merging close centroids (deterministic: keys are smallest members)."""
    alive: dict[int, _Group] = {}
    for members in groups:
        total: dict[str, float] = {}
        for i in members:
            add_into(total, vectors[i])
        key = min(members)
        alive[key] = _make(sorted(members), total, days, settings)
    index = TermIndex(window_days=settings.window_days, max_posting=settings.max_posting)
    heap: list[tuple[float, int, int, int, int]] = []
    version = dict.fromkeys(alive, 0)

    def enter(key: int) -> None:
        group = alive[key]
        seen: set[int] = set()
        terms = top_terms(group.centroid, k=settings.index_terms)
        for t in terms:
            found = index.candidates(term=t, day=group.day)
            if found is not None:
                seen.update(o for o in found if o in alive and o != key)
        for other in sorted(seen):
            sim = cosine(group.centroid, alive[other].centroid)
            if sim >= settings.threshold:
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
        alive[a] = _make(sorted(keep.members + gone.members), keep.total, days, settings)
        version[a] += 1
        enter(a)
    return [g.members for _, g in sorted(alive.items())]
