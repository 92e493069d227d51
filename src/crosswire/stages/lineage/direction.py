"""Who came first in a linked pair, for :mod:`lineage`: evidence in a fixed order.

:func:`orient` looks at the evidence one kind after the other and stops at the first that
tells the two reports apart (:class:`Level` names each kind, strongest first):

1. ``TIME``: known publication times. A report cannot derive from one published after it:
   two times of day more than ``clock_tolerance_minutes`` apart, or two different dates
   (a date alone says nothing about the hours of one day), order the pair.
2. ``MERGE``: a merge (the whole of one report plus separate parts of another, see
   :mod:`lineage_merges`) comes after the reports it merges.
3. ``CONTAINS``: containment asymmetry. The report that holds content sentences the other
   lacks (``contain_min_extra`` and ``contain_min_share`` of its own), while the other holds
   hardly any it lacks (``contain_max_extra``), came first: the other is a cut of it (a trim
   keeps the top, a rewrite drops paragraphs). A sentence that matches one of the other's
   out of order (a moved paragraph) or is the other report's headline (a copy often runs
   its origin's headline in the body) is not material the other lacks.
4. ``CREDIT``: a wire credit in the report's own text ("(AP)", "With inputs from Reuters").
5. ``NAMES``: fewer garbled names (capitalised words found in no other report but one slip
   away from a name of the other, as machine translation mangles them).
6. ``REPEATS``: fewer repeated paragraphs, as a share of its sentences (content farms repeat
   paragraphs when they spin a report; cleaning removes the repeats and they count too).
7. ``DATED``: a report with a known publication date before one without (a date read off
   the text is not known).
8. ``ID``: the smaller article id (nothing else tells them apart).

Dates and times are read from ``Article.published`` (``YYYY[-MM[-DD]]``, or an ISO date-time
when the caller has one); unknown or partial dates order nothing they cannot.
The settings are those of :class:`~crosswire.stages.lineage.config.LineageConfig`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum

from crosswire.stages.lineage.align import PairEvidence
from crosswire.stages.lineage.config import LineageConfig
from crosswire.stages.lineage.evidence import (
    Moment,
    ReportFacts,
    extra_sentences,
    garbled_names,
    matched,
)

__all__ = ["DirectionContext", "Level", "orient"]


class Level(IntEnum):
    """The kind of evidence that ordered a pair, strongest first."""

    TIME = 0
    MERGE = 1
    CONTAINS = 2
    CREDIT = 3
    NAMES = 4
    REPEATS = 5
    DATED = 6
    ID = 7


def _time_order(a: Moment | None, b: Moment | None, tolerance: int) -> int:
    """-1 when ``a`` was surely published before ``b``, 1 when after, 0 when unknown (a
    date read off a report's text only bounds it from below: it orders that report after
    an earlier one, never before)."""
    if a is None or b is None:
        return 0
    order = _compare(a, b, tolerance)
    if (order < 0 and a.at_least) or (order > 0 and b.at_least):
        return 0
    return order


def _compare(a: Moment, b: Moment, tolerance: int) -> int:
    if a.minute is not None and b.minute is not None:
        gap = b.minute - a.minute
        return 0 if abs(gap) <= tolerance else (-1 if gap > 0 else 1)
    ka: tuple[int, ...] = (a.year,)
    kb: tuple[int, ...] = (b.year,)
    if a.month is not None and b.month is not None:
        ka, kb = (a.year, a.month), (b.year, b.month)
        if a.day is not None and b.day is not None:
            ka, kb = (*ka, a.day), (*kb, b.day)
    return 0 if ka == kb else (-1 if ka < kb else 1)


@dataclass(frozen=True, slots=True)
class DirectionContext:
    """What :func:`orient` needs beyond the pair: every report, merges and their parts,
    and in how many reports each capitalised word occurs."""

    reports: tuple[ReportFacts, ...]
    merge_parts: Mapping[int, frozenset[int]]
    name_df: Mapping[str, int]
    config: LineageConfig


def _by(first_a: bool | None, a: int, b: int, level: Level) -> tuple[int, Level] | None:
    if first_a is None:
        return None
    return (a if first_a else b), level


def _own_extra(a: int, b: int, ev: PairEvidence, ctx: DirectionContext) -> int:
    """How many content sentences ``a`` holds that ``b`` lacks: that match none of ``b``'s
    (in order or not) and are not ``b``'s headline."""
    extra = extra_sentences(
        ctx.reports[a], ctx.reports[b], matched(ev, a), ctx.config.headline_similarity
    )
    return len(extra)


def _contains(a: int, b: int, ev: PairEvidence, ctx: DirectionContext) -> bool | None:
    """True when ``a`` holds material of its own that ``b`` lacks and not the other way
    round, False when the reverse, None when neither."""
    cfg = ctx.config
    extra_a = _own_extra(a, b, ev, ctx)
    extra_b = _own_extra(b, a, ev, ctx)
    need_a = max(cfg.contain_min_extra, cfg.contain_min_share * ctx.reports[a].content)
    need_b = max(cfg.contain_min_extra, cfg.contain_min_share * ctx.reports[b].content)
    if extra_a >= need_a and extra_b <= cfg.contain_max_extra:
        return True
    if extra_b >= need_b and extra_a <= cfg.contain_max_extra:
        return False
    return None


def _known(moment: Moment | None) -> bool:
    """Whether a publication date is known (one read off the text is not)."""
    return moment is not None and not moment.at_least


def _fewer(x: float, y: float) -> bool | None:
    return None if x == y else x < y


def orient(a: int, b: int, ev: PairEvidence, ctx: DirectionContext) -> tuple[int, Level]:
    """The report of the linked pair ``a``, ``b`` that came first, and the evidence that
    said so (see the module docstring)."""
    ra, rb = ctx.reports[a], ctx.reports[b]
    order = _time_order(ra.moment, rb.moment, ctx.config.clock_tolerance_minutes)
    if order:
        return (a if order < 0 else b), Level.TIME
    if b in ctx.merge_parts.get(a, ()):
        return b, Level.MERGE
    if a in ctx.merge_parts.get(b, ()):
        return a, Level.MERGE
    decided = _by(_contains(a, b, ev, ctx), a, b, Level.CONTAINS)
    if decided is None and bool(ra.credit) != bool(rb.credit):
        decided = _by(bool(ra.credit), a, b, Level.CREDIT)
    if decided is None:
        ga = garbled_names(ra, rb, ctx.name_df, ctx.config)
        gb = garbled_names(rb, ra, ctx.name_df, ctx.config)
        if max(ga, gb) >= ctx.config.garbled_min_names:
            decided = _by(_fewer(ga, gb), a, b, Level.NAMES)
    if decided is None:
        share_a = ra.repeated / max(1, ra.content + ra.repeated)
        share_b = rb.repeated / max(1, rb.content + rb.repeated)
        decided = _by(_fewer(share_a, share_b), a, b, Level.REPEATS)
    known_a, known_b = _known(ra.moment), _known(rb.moment)
    if decided is None and known_a != known_b:
        decided = _by(known_a, a, b, Level.DATED)
    if decided is None:
        return (a if ra.article_id < rb.article_id else b), Level.ID
    return decided
