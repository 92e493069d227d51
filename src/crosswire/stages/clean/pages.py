"""Pages that are not reports: what cleaning left of a page says whether it is one.

A page is no report (:func:`not_article`, rejection reason ``not-article``) when

* every paragraph of it was page furniture: a site footer, a chat or newsletter prompt, a
  cookie or subscription wall, an author box, a caption-only gallery;
* it is a search-results page (a line such as "12 results for ..." or "Sort by: relevance"),
  whatever teasers it lists;
* all that is left is teasers cut short ("... Does the ceasefire hold...") -- a section or
  index page.

A page whose only paragraph besides its furniture is its own headline is a report of one line
(a wire stub, a feed item): :func:`headline_left` finds that headline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from crosswire.models import RemovedSegment

__all__ = ["headline_left", "not_article"]

_HEADLINE = frozenset({"title", "repeated-headline"})
_TRUNCATED = re.compile(r"(?:\.\.\.|\u2026|\[\u2026\]|\[\.\.\.\])\s*$")
_MIN_HEADLINE_WORDS = 3


def headline_left(removed: Sequence[RemovedSegment]) -> RemovedSegment | None:
    """The page's headline when nothing else but furniture was taken off it: the first
    ``title`` or ``repeated-headline`` segment of at least three words, else None."""
    for seg in removed:
        if seg.reason in _HEADLINE and len(seg.text.split()) >= _MIN_HEADLINE_WORDS:
            return seg
    return None


def _reasons(removed: Sequence[RemovedSegment]) -> str:
    counts = Counter(seg.reason for seg in removed)
    return ", ".join(f"{reason} x{n}" for reason, n in sorted(counts.items()))


def not_article(*, text: str, removed: Sequence[RemovedSegment]) -> str | None:
    """Why a cleaned page is not a report (see the module docstring), or None when it is one."""
    if any(seg.reason == "search" for seg in removed):
        return "a search results page"
    if not text.strip():
        if not removed:
            return None
        return f"every paragraph is page furniture ({_reasons(removed)})"
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if lines and all(_TRUNCATED.search(ln) for ln in lines):
        return "only teasers cut short: an index or section page"
    return None
