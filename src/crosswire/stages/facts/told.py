"""What reports tell of one happening, compared: helpers shared by
:mod:`crosswire.stages.facts.positions` ("on lap 20" / "lap 21") and
:mod:`crosswire.stages.facts.clock` ("around 11pm" / "around 11:30pm").

A *told* item is one report's mention (its source, the verbatim text and span, the report's
publication date); :func:`one_happening` groups the mentions two by two, :func:`told_value`
makes one listed value of a group, and :func:`one_report_twice` tells a sequence from a
conflict.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from crosswire.models import DiscrepancyValue, Span
from crosswire.text.unionfind import DisjointSets

__all__ = ["Told", "one_happening", "one_report_twice", "told_value"]


class Told(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def span(self) -> Span: ...
    @property
    def text(self) -> str: ...
    @property
    def published(self) -> str | None: ...


T = TypeVar("T", bound=Told)


def one_happening(told: Sequence[T], same: Callable[[T, T], bool]) -> list[list[T]]:
    """``told`` grouped by ``same`` taken two by two (and its chains), in a deterministic order."""
    sets = DisjointSets(range(len(told)))
    for i, a in enumerate(told):
        for j in range(i + 1, len(told)):
            if same(a, told[j]):
                sets.union(i, j)
    return [[told[k] for k in group] for group in sets.groups()]


def told_value(told: Sequence[Told]) -> DiscrepancyValue:
    """One value of a discrepancy: every report that tells it (its first mention in each),
    shown as the first report's words, dated by the earliest report."""
    first: dict[str, Told] = {}
    for t in told:
        first.setdefault(t.source, t)
    sources = tuple(sorted(first))
    days = sorted(d[:10] for d in (first[s].published for s in sources) if d)
    return DiscrepancyValue(
        text=first[sources[0]].text, sources=sources,
        spans=tuple(first[s].span for s in sources), published=days[0] if days else None,
    )


def one_report_twice(values: Sequence[DiscrepancyValue]) -> bool:
    """Whether one report gives two of the values: a sequence, as far as we can tell, not a
    conflict."""
    seen: set[str] = set()
    for value in values:
        if seen & set(value.sources):
            return True
        seen |= set(value.sources)
    return False
