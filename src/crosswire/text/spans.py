"""Locating passages in text and checking spans."""

from __future__ import annotations

from collections.abc import Iterable

from crosswire.models import Span

__all__ = ["find_span", "merge_ranges", "span_text"]


def span_text(*, text: str, span: Span) -> str:
    return text[span.start : span.end]


def find_span(*, source: str, text: str, passage: str) -> Span | None:
    """The first verbatim occurrence of ``passage`` in ``text`` as a span, or None."""
    at = text.find(passage)
    if at < 0:
        return None
    return Span(source, at, at + len(passage))


def merge_ranges(
    ranges: Iterable[tuple[int, int]], /, *, limit: int | None = None
) -> list[tuple[int, int]]:
    """``(start, end)`` ranges sorted, clamped to ``0..limit``, empty ones dropped and those
    that overlap or touch merged: ``[(5, 9), (0, 3), (2, 4)]`` -> ``[(0, 4), (5, 9)]``."""
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        lo, hi = max(0, start), end if limit is None else min(limit, end)
        if lo >= hi:
            continue
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [(lo, hi) for lo, hi in merged]
