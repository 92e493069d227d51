"""Merges for :mod:`lineage`: reports that run the whole of one report plus parts of another.

A report M is a merge of X when

* M covers X whole (``complete_cover`` of X's content sentences aligned with M), and
* the sentences M holds beyond X (its *extra*: not aligned with X, not X's headline) were
  taken from other reports: at least ``merge_min_borrowed`` of them, and
  ``merge_borrowed_share`` of the extra, are aligned nearly word for word
  (``copy_similarity``) with, or are verbatim sentences or the headline of, a report Z
  that is not linked to X -- another story's text, not the rest of
  X's own (an original that holds the whole of its own trim holds the trim's missing tail,
  which the trim's other copies share: they are linked to the trim).

Z counts whether or not M and Z passed the link tests: two or three borrowed paragraphs are
often too small a share of either report for a link, yet verbatim sentences outside quotes
say where they came from. The parts of a merge (X and each such Z) come before it, and a merge
is never the origin of its parts.
The settings are those of :class:`~crosswire.stages.lineage.config.LineageConfig`.
"""

from __future__ import annotations

from collections.abc import Sequence

from crosswire.stages.lineage.align import PairEvidence
from crosswire.stages.lineage.config import LineageConfig
from crosswire.stages.lineage.evidence import (
    ReportFacts,
    SentenceIndex,
    aligned,
    extra_sentences,
)

__all__ = ["find_merges"]


def _sources(
    m: int,
    x: int,
    extra: set[int],
    near: Sequence[tuple[int, PairEvidence]],
    reports: Sequence[ReportFacts],
    index: SentenceIndex,
    config: LineageConfig,
) -> dict[int, set[int]]:
    """The reports ``m`` borrowed its ``extra`` (beyond ``x``) from -> the sentences taken."""
    found: dict[int, set[int]] = {}
    apart: set[int] = set()  # reports aligned with the part of m that is x's: x's story
    for z, ev in near:
        if z != x and not index.linked(x, z):
            if aligned(ev, m) - extra:
                apart.add(z)
                continue
            got = aligned(ev, m, config.copy_similarity) & extra
            if got:
                found.setdefault(z, set()).update(got)
    for z, got in index.found_apart(reports[m], m, extra, x).items():
        if z not in apart:
            found.setdefault(z, set()).update(got)
    need = min(config.merge_min_borrowed, len(extra))
    taken = reports[m].content - len(extra)
    return {
        z: got
        for z, got in found.items()
        if len(got) >= need
        and (taken >= len(got) or len(got) < config.merge_source_cover * reports[z].content)
    }


def find_merges(
    *,
    reports: Sequence[ReportFacts],
    links: dict[tuple[int, int], PairEvidence],
    index: SentenceIndex,
    config: LineageConfig,
) -> dict[int, frozenset[int]]:
    """Each merge -> its parts (the reports it covers whole, those it borrowed from)."""
    neighbours: dict[int, list[tuple[int, PairEvidence]]] = {}
    for (a, b), ev in sorted(links.items()):
        neighbours.setdefault(a, []).append((b, ev))
        neighbours.setdefault(b, []).append((a, ev))
    out: dict[int, frozenset[int]] = {}
    for m, near in sorted(neighbours.items()):
        parts: set[int] = set()
        for x, ev in near:
            if len(aligned(ev, x)) < config.complete_cover * reports[x].content:
                continue
            extra = extra_sentences(
                reports[m], reports[x], aligned(ev, m), config.headline_similarity
            )
            if not extra or min(reports[m].kept) in extra:
                continue  # a merge leads with the report it takes whole
            sources = _sources(m, x, extra, near, reports, index, config)
            borrowed = set().union(*sources.values())
            if sources and len(borrowed) >= config.merge_borrowed_share * len(extra):
                parts |= {x, *sources}
        if parts:
            out[m] = frozenset(parts)
    return out
