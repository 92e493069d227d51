"""Quotation marks in text: the quoted stretches of each paragraph, with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.text import paragraphs

__all__ = ["QuotedStretch", "quoted_stretches"]

# Typographic, guillemet, ASCII and TeX-style double quotes ('' and `` count as one mark).
_MARK = re.compile(r"``|''|[\u201c\u201d\u201e\u00ab\u00bb\"]")
_OPENERS = frozenset({"\u201c", "\u201e", "\u00ab", "``"})
_CLOSERS = frozenset({"\u201d", "\u00bb"})
_TRAILING = " \t,;"


@dataclass(frozen=True, slots=True)
class QuotedStretch:
    """Content ``[start, end)`` between an opening mark at ``open_at`` and its closing mark.

    ``close_at`` is None when the paragraph ends before the quote closes (the news convention
    for a quote running on into the next paragraph). ``paragraph`` counts non-empty lines.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    close_end: int
    paragraph: int


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


def _stretch(text: str, opened: tuple[int, int], close: tuple[int, int] | None, *,
             para_end: int, paragraph: int) -> QuotedStretch | None:
    content_end = close[0] if close else para_end
    start, end = _trim(text, opened[1], content_end)
    if end <= start or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return QuotedStretch(
        start=start,
        end=end,
        open_at=opened[0],
        close_at=close[0] if close else None,
        close_end=close[1] if close else para_end,
        paragraph=paragraph,
    )


def quoted_stretches(text: str) -> list[QuotedStretch]:
    """Every quoted stretch of ``text``, in order; quotes never cross a line break."""
    out: list[QuotedStretch] = []
    for number, para in enumerate(paragraphs(text)):
        opened: tuple[int, int] | None = None
        for m in _MARK.finditer(text, para.start, para.end):
            mark = m.group()
            if opened is None:
                if mark not in _CLOSERS:
                    opened = (m.start(), m.end())
                continue
            if mark in _OPENERS:
                # A new opener while one is open: the first one was never closed.
                opened = (m.start(), m.end())
                continue
            found = _stretch(text, opened, (m.start(), m.end()), para_end=para.end,
                             paragraph=number)
            if found is not None:
                out.append(found)
            opened = None
        if opened is not None:
            found = _stretch(text, opened, None, para_end=para.end, paragraph=number)
            if found is not None:
                out.append(found)
    return out
