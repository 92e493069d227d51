"""Derivation decisions for :mod:`lineage`: which links hold, who came first, what kind of copy.

* A pair of reports is *linked* (shares an origin) when it reuses the same wording: most of
  the verbatim word n-grams outside quotes of one report found in the other; or enough such
  n-grams plus aligned sentences that cover a fair share of one of the two; or -- for
  rewrites that keep hardly a phrase -- enough sentences carrying the same ordinary wording
  in the same order, covering a good share of both reports.
* Merges (the whole of one report plus separate parts of another) are found first, from the
  structure of the links alone (:mod:`lineage_merges`).
* Direction: each linked pair is ordered by the first evidence that tells the two apart, in a
  fixed order -- publication times, merge parts, containment of material of one's own, a
  wire credit in the text, garbled names, repeated paragraphs, a known date, the id
  (:mod:`lineage_direction`).
* Derivation needs more than a link: the later report must be mostly explained by the earlier
  (its sentences aligned with it, or the earlier one's headline, cover ``derive_cover`` of it
  and the shared n-grams ``derive_verbatim_share`` of its wording, or its sentences alone
  cover ``paraphrase_cover``), or merge the whole earlier report with other text, or run the
  text of an earlier report that carries a wire credit it lacks.  A merge is never the
  origin of its parts.  A report's origin is, among the reports it derives from that explain
  it within ``origin_tolerance`` of the best, the one that comes before the most others
  (the original rather than one of its copies, which explain it as well).  Pairwise
  evidence need not be transitive: a chain of origins that comes back to itself loses its
  most weakly ordered link, so the origins form a forest.
* Linked reports that do not derive from each other are siblings: each carries material the
  other lacks, and both take text from an origin not in the set.  Neither gets an origin;
  :mod:`lineage_groups` decides which of them share a group.

The settings are those of :class:`~crosswire.stages.lineage.config.LineageConfig`.
"""

from __future__ import annotations

from collections.abc import Sequence

from crosswire.models import Lineage, ReusedPassage, Span
from crosswire.stages.lineage.align import PairEvidence
from crosswire.stages.lineage.config import LineageConfig
from crosswire.stages.lineage.direction import DirectionContext, Level, orient
from crosswire.stages.lineage.evidence import (
    ReportFacts,
    SentenceIndex,
    aligned,
    extra_sentences,
    garbled_names,
    names,
)
from crosswire.stages.lineage.groups import origin_groups, paraphrased
from crosswire.stages.lineage.merges import find_merges

__all__ = ["ReportFacts", "decide_lineage", "is_linked"]


def is_linked(*, evidence: PairEvidence, config: LineageConfig) -> bool:
    """Whether two reports share an origin, from their alignment."""
    if (
        evidence.verbatim >= config.min_verbatim
        and evidence.points
        and (evidence.verbatim_share >= config.contained_verbatim_share)
    ):
        return True  # most of one report's own wording is found in the other
    if (
        evidence.verbatim >= config.min_verbatim
        and evidence.points >= min(config.verbatim_min_points, evidence.shortest)
        and max(evidence.cover_a, evidence.cover_b) >= config.verbatim_min_cover
    ):
        return True
    return paraphrased(evidence=evidence, config=config)


def _oriented(evidence: PairEvidence, child: int) -> tuple[tuple[int, int, float], ...]:
    """Matches as ``(child sentence, other sentence, similarity)``."""
    if evidence.a == child:
        return evidence.matches
    return tuple((j, i, s) for i, j, s in evidence.matches)


def _derives(
    child: ReportFacts,
    parent: ReportFacts,
    covers: tuple[float, float],
    verbatim: int,
    merge: bool,
    config: LineageConfig,
) -> bool:
    """Whether ``child`` (after ``parent``) is a derivative of it, not a sibling that shares an
    absent origin with it: most of the child comes from the parent, or the child merges the
    whole parent with other text, or the parent carries a wire credit the child lacks."""
    child_cover, parent_cover = covers
    share = verbatim / max(1, child.ngrams)
    if child_cover >= config.derive_cover and share >= config.derive_verbatim_share:
        return True
    if child_cover >= config.paraphrase_cover:
        return True
    if merge and parent_cover >= config.complete_cover:
        return True
    return bool(parent.credit) and not child.credit


def _explained(child: int, parent: int, ev: PairEvidence, ctx: DirectionContext) -> float:
    """The share of ``child``'s content sentences that ``parent`` explains: aligned with it,
    or its headline (a copy runs its origin's headline in the body)."""
    report = ctx.reports[child]
    extra = extra_sentences(
        report, ctx.reports[parent], aligned(ev, child), ctx.config.headline_similarity
    )
    return 1.0 - len(extra) / max(1, report.content)


def _fallback(report: ReportFacts) -> tuple[int, int, str]:
    """Order of two reports that are not linked: known dates first, then by id."""
    m = report.moment
    if m is None:
        return (1, 0, report.article_id)
    return (0, m.year * 10000 + (m.month or 0) * 100 + (m.day or 0), report.article_id)


def _earliest(
    options: Sequence[int],
    order: dict[tuple[int, int], tuple[int, Level]],
    reports: Sequence[ReportFacts],
) -> int:
    """The option that comes before the most others (linked pairs as ``order`` says), ties
    by known date and id: the original rather than one of its copies."""
    wins = dict.fromkeys(options, 0)
    for x in options:
        for y in options:
            if x < y:
                first = order[(x, y)][0] if (x, y) in order else min(
                    x, y, key=lambda r: _fallback(reports[r])
                )
                wins[first] += 1
    return min(options, key=lambda r: (-wins[r], _fallback(reports[r])))


def _choose_origins(
    links: dict[tuple[int, int], PairEvidence],
    ctx: DirectionContext,
) -> dict[int, tuple[int, Level]]:
    """The origin of each derived report, with the evidence that ordered the two: among the
    reports before it that it derives from (a merge is never the origin of its parts), the
    one that comes first of those whose share explained of it is within ``origin_tolerance``
    of the best -- so a copy of a copy points to the first report, not to its sibling; a
    merge comes from a report it takes whole."""
    config, reports, parts = ctx.config, ctx.reports, ctx.merge_parts
    order = {pair: orient(pair[0], pair[1], ev, ctx) for pair, ev in links.items()}
    parents: dict[int, list[tuple[float, float, int, Level]]] = {}
    for (a, b), ev in links.items():
        first, level = order[(a, b)]
        child = b if first == a else a
        if child in parts.get(first, ()):
            continue  # a merge is never the origin of its parts
        covers = (_explained(child, first, ev, ctx), ev.cover_b if child == a else ev.cover_a)
        merge = first in parts.get(child, ())
        if _derives(reports[child], reports[first], covers, ev.verbatim, merge, config):
            parents.setdefault(child, []).append((covers[0], covers[1], first, level))
    origins = {}
    for child, options in sorted(parents.items()):
        best = max(cover for cover, _, _, _ in options)
        near = [o for o in options if o[0] >= best - config.origin_tolerance]
        if child in parts:  # a merge comes from the report it takes whole
            near = [o for o in near if o[1] >= config.complete_cover] or near
        levels = {p: lv for _, _, p, lv in near}
        chosen = _earliest(sorted(levels), order, reports)
        origins[child] = (chosen, levels[chosen])
    return _break_cycles(origins, reports)


def _break_cycles(
    origins: dict[int, tuple[int, Level]], reports: Sequence[ReportFacts]
) -> dict[int, tuple[int, Level]]:
    """Origins without cycles: pairwise evidence need not be transitive, so a chain that
    comes back to itself loses its most weakly ordered link (ties: the largest id)."""
    out = dict(origins)
    for start in sorted(out):
        path: list[int] = []
        node: int | None = start
        while node is not None and node in out and node not in path:
            path.append(node)
            node = out[node][0]
        if node is None or node not in path:
            continue
        cycle = path[path.index(node) :]
        weakest = max(cycle, key=lambda c: (out[c][1], reports[c].article_id))
        del out[weakest]
    return out


def _verbatim(sims: Sequence[float], config: LineageConfig) -> bool:
    """Whether aligned sentences are copied as they are: their mean similarity and the share
    of them reproduced word for word (``exact_similarity``) both reach ``copy_similarity``."""
    if not sims:
        return False
    exact = sum(1 for s in sims if s >= config.exact_similarity) / len(sims)
    return min(sum(sims) / len(sims), exact) >= config.copy_similarity


def _kind(
    child: int,
    origin: int,
    reports: Sequence[ReportFacts],
    evidence: PairEvidence,
    config: LineageConfig,
    name_df: dict[str, int],
) -> str:
    c, o = reports[child], reports[origin]
    if garbled_names(c, o, name_df, config) >= config.garbled_min_names:
        return "translation"
    own = _oriented(evidence, child)
    verbatim = _verbatim([s for _, _, s in own], config)
    extra = c.repeated - o.repeated
    if extra >= 2 or (extra > 0 and not verbatim):
        return "spin"  # repeated paragraphs the origin lacks, as content farms do
    child_cover = len(own) / max(1, c.content)
    origin_cover = len(own) / max(1, o.content)
    if verbatim and child_cover >= config.complete_cover:
        return "copy" if origin_cover >= config.complete_cover else "trim"
    return "rewrite"


def _passages(
    child: int,
    others: Sequence[int],
    reports: Sequence[ReportFacts],
    links: dict[tuple[int, int], PairEvidence],
) -> tuple[ReusedPassage, ...]:
    out = []
    c = reports[child]
    for other in others:
        ev = links[(min(child, other), max(child, other))]
        o = reports[other]
        for i, j, sim in _oriented(ev, child):
            si, sj = c.sentences[i], o.sentences[j]
            out.append(
                ReusedPassage(
                    span=Span(c.article_id, si.start, si.end),
                    counterpart=Span(o.article_id, sj.start, sj.end),
                    similarity=sim,
                )
            )
    out.sort(key=lambda p: (p.span.start, p.counterpart.source, p.counterpart.start))
    return tuple(out)


def decide_lineage(
    *,
    reports: Sequence[ReportFacts],
    links: dict[tuple[int, int], PairEvidence],
    config: LineageConfig,
) -> tuple[Lineage, ...]:
    """One :class:`Lineage` per report (in the order of ``reports``) from the linked pairs."""
    name_df: dict[str, int] = {}
    for report in reports:
        for name in names(report.text):
            name_df[name] = name_df.get(name, 0) + 1
    index = SentenceIndex.build(reports, links)
    parts = find_merges(reports=reports, links=links, index=index, config=config)
    ctx = DirectionContext(tuple(reports), parts, name_df, config)
    origins = {c: o for c, (o, _) in _choose_origins(links, ctx).items()}
    merges = set(parts)
    ids = [r.article_id for r in reports]
    grouped = origin_groups(ids=ids, links=links, origins=origins, merges=merges, config=config)
    neighbours: dict[int, list[int]] = {}
    for a, b in links:
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    out = []
    for i, report in enumerate(reports):
        origin = origins.get(i)
        group = grouped.groups[i]
        if origin is None:
            partners = _strongest(i, grouped.siblings.get(i, ()), links, ids, config)
            kind = _sibling_kind(i, partners, links, config) if partners else "original"
            passages = _passages(i, partners, reports, links)
            out.append(Lineage(report.article_id, None, group, kind, passages))
            continue
        sources = [origin]
        if i in merges:
            kind = "merge"
            others = [o for o in neighbours[i] if o != origin and _key(o, origin) not in links]
            sources += _strongest(i, others, links, ids, config)
        else:
            evidence = links[_key(i, origin)]
            kind = _kind(i, origin, reports, evidence, config, name_df)
        passages = _passages(i, sources, reports, links)
        out.append(Lineage(report.article_id, ids[origin], group, kind, passages))
    return tuple(out)


def _strongest(
    report: int,
    partners: Sequence[int],
    links: dict[tuple[int, int], PairEvidence],
    ids: Sequence[str],
    config: LineageConfig,
) -> list[int]:
    """The ``max_sources`` partners sharing the most passages with ``report`` (ties: by id)."""
    ranked = sorted(partners, key=lambda p: (-links[_key(report, p)].points, ids[p]))
    return sorted(ranked[: config.max_sources])


def _sibling_kind(
    report: int,
    partners: Sequence[int],
    links: dict[tuple[int, int], PairEvidence],
    config: LineageConfig,
) -> str:
    """How a report with no origin in the set renders the origin it shares with its
    siblings: as a copy when its best-aligned sibling matches it nearly word for word."""
    best = max(partners, key=lambda p: (links[_key(report, p)].points, -p))
    sims = [s for _, _, s in links[_key(report, best)].matches]
    return "copy" if _verbatim(sims, config) else "rewrite"


def _key(a: int, b: int) -> tuple[int, int]:
    return (min(a, b), max(a, b))
