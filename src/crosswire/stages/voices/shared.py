"""Which reports of a story carry essentially the same text (one text run by several outlets).

Lineage links a report to the one it derives from, and lists the passages the two share. A
rewrite that borrows a few paragraphs, or two reports that quote the same tweet, are linked
too; they are still two voices. Two reports carry the same text when the passages they share
cover most of one of them (:class:`~crosswire.stages.voices.config.VoicesConfig`
``same_text_share`` and ``same_text_chars``): a wire story run whole, or trimmed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from crosswire.models import Article, Lineage
from crosswire.stages.voices.config import VoicesConfig
from crosswire.text.spans import merge_ranges
from crosswire.text.unionfind import DisjointSets

__all__ = ["same_text_sets"]


def _shared_ranges(
    *, lineages: Sequence[Lineage], known: Mapping[str, int]
) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """(a, b) -> the ranges of a's text shared with b, both directions of every passage."""
    out: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for lin in lineages:
        for passage in lin.passages:
            a, b = passage.span.source, passage.counterpart.source
            if a == b or a not in known or b not in known:
                continue
            out[(a, b)].append((passage.span.start, passage.span.end))
            out[(b, a)].append((passage.counterpart.start, passage.counterpart.end))
    return out


def _mostly_shared(
    ranges: Sequence[tuple[int, int]], *, length: int, config: VoicesConfig
) -> bool:
    covered = sum(end - start for start, end in merge_ranges(ranges, limit=length))
    return covered >= config.same_text_chars and covered >= config.same_text_share * length


def same_text_sets(
    *, articles: Sequence[Article], lineages: Sequence[Lineage], config: VoicesConfig
) -> DisjointSets[str]:
    """The story's articles, joined where two of them carry essentially the same text."""
    lengths = {a.id: len(a.text) for a in articles}
    ranges = _shared_ranges(lineages=lineages, known=lengths)
    sets = DisjointSets(sorted(lengths))
    for (a, b), in_a in sorted(ranges.items()):
        if a < b and (
            _mostly_shared(in_a, length=lengths[a], config=config)
            or _mostly_shared(ranges[(b, a)], length=lengths[b], config=config)
        ):
            sets.union(a, b)
    return sets
