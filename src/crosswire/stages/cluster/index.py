"""An inverted index of report terms, sliced by publication day.

Candidate reports for a comparison are those indexed under one of the same heavy terms and
published within the time window; a term with more candidates than ``max_posting`` in that
window is too common to narrow anything down and is skipped. Reports without a date are always
candidates (and see every dated report).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

__all__ = ["TermIndex", "median_day"]


def median_day(*, members: Sequence[int], days: Sequence[int | None]) -> int | None:
    """The day a group of reports is indexed under: the median of its dated members' days."""
    dated = sorted(d for d in (days[i] for i in members) if d is not None)
    return dated[len(dated) // 2] if dated else None


class TermIndex:
    """term -> reports, dated ones kept sorted by (day, item)."""

    def __init__(self, *, window_days: int | None, max_posting: int) -> None:
        self.window = window_days
        self.max_posting = max_posting
        self.dated: dict[str, list[tuple[int, int]]] = {}
        self.undated: dict[str, list[int]] = {}

    def add(self, *, term: str, item: int, day: int | None) -> None:
        if day is None:
            self.undated.setdefault(term, []).append(item)
            return
        posting = self.dated.setdefault(term, [])
        entry = (day, item)
        if not posting or posting[-1] <= entry:
            posting.append(entry)
        else:
            bisect.insort(posting, entry)

    def candidates(self, *, term: str, day: int | None) -> list[int] | None:
        """Reports under ``term`` within the window of ``day``; None when the term is too common."""
        dated = self.dated.get(term, [])
        if day is None or self.window is None:
            lo, hi = 0, len(dated)
        else:
            lo = bisect.bisect_left(dated, (day - self.window, -1))
            hi = bisect.bisect_right(dated, (day + self.window, 1 << 62))
        undated = self.undated.get(term, [])
        if hi - lo + len(undated) > self.max_posting:
            return None
        return [item for _, item in dated[lo:hi]] + undated
