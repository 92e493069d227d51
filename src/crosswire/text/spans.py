"""Locating passages in text and checking spans."""

from __future__ import annotations

from crosswire.models import Span

__all__ = ["find_span", "span_text"]


def span_text(*, text: str, span: Span) -> str:
    return text[span.start : span.end]


def find_span(*, source: str, text: str, passage: str) -> Span | None:
    """The first verbatim occurrence of ``passage`` in ``text`` as a span, or None."""
    at = text.find(passage)
    if at < 0:
        return None
    return Span(source, at, at + len(passage))
