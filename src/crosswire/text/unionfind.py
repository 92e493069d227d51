"""Disjoint sets (union-find) whose representative is the set's smallest item.

The representative does not depend on the order of the unions, so groups built from it come
out the same whatever order the pairs were found in::

    sets = DisjointSets(range(5))
    sets.union(3, 1)
    sets.union(4, 3)
    sets.find(4)      # 1
    sets.groups()     # [[0], [1, 3, 4], [2]]
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any, Generic, Protocol, TypeVar

__all__ = ["DisjointSets"]


class _Ordered(Hashable, Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


_K = TypeVar("_K", bound=_Ordered)


class DisjointSets(Generic[_K]):
    """Union-find over ``items`` (path halving; the smallest item of a set is its root)."""

    __slots__ = ("_parent",)

    def __init__(self, items: Iterable[_K] = ()) -> None:
        self._parent: dict[_K, _K] = {item: item for item in items}

    def add(self, item: _K) -> None:
        """Make ``item`` a set of its own unless it is already known."""
        self._parent.setdefault(item, item)

    def find(self, item: _K) -> _K:
        """The representative (smallest item) of ``item``'s set."""
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: _K, b: _K) -> _K:
        """Join the sets of ``a`` and ``b``; returns the representative of the joined set."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        low, high = (ra, rb) if ra < rb else (rb, ra)
        self._parent[high] = low
        return low

    def same(self, a: _K, b: _K) -> bool:
        return self.find(a) == self.find(b)

    def groups(self) -> list[list[_K]]:
        """Every set as a sorted list, the sets ordered by their representative."""
        found: dict[_K, list[_K]] = {}
        for item in sorted(self._parent):
            found.setdefault(self.find(item), []).append(item)
        return [found[root] for root in sorted(found)]
