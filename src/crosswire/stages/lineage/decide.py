"""Derivation decisions for :mod:`lineage`: which links hold, who came first, what kind of copy.

* A pair of reports is *linked* (shares an origin) when it reuses the same wording: most of
  the verbatim word n-grams outside quotes of one report found in the other; or enough such
  n-grams plus aligned sentences that cover a fair share of one of the two; or -- for
  rewrites that keep hardly a phrase -- enough sentences carrying the same ordinary wording
  in the same order, covering a good share of both reports.
* Direction: every report gets a precedence key -- publish time (unknown sorts last), then a
  wire credit in its own text ("(AP)", "With inputs from Reuters"; a copyright footer is not a
  credit), then fewer repeated sentences, then more content, then id.
* Derivation needs more than a link: the later report must be mostly explained by the earlier
  (its aligned sentences cover ``derive_cover`` of it and the shared n-grams
  ``derive_verbatim_share`` of its wording, or its sentences alone cover
  ``paraphrase_cover``), or merge the whole earlier report with other text, or run the text
  of an earlier report that carries a wire credit it lacks.  A report's origin is the report
  it derives from that explains most of it (the earliest of those within
  ``origin_tolerance``).  Merges come after what they merge, everything else after its
  origin in key order, so the origins form a forest.
* Linked reports that do not derive from each other are siblings: each carries material the
  other lacks, and both take text from an origin not in the set.  Neither gets an origin;
  :mod:`lineage_groups` decides which of them share a group.

The settings are those of :class:`~crosswire.stages.lineage.config.LineageConfig`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from crosswire.models import Lineage, ReusedPassage, Span
from crosswire.stages.lineage.align import PairEvidence, SentenceSketch
from crosswire.stages.lineage.config import LineageConfig
from crosswire.stages.lineage.groups import origin_groups, paraphrased

__all__ = ["ReportFacts", "decide_lineage", "is_linked"]

_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """What the decisions need to know about one report."""

    article_id: str
    text: str
    published: str | None
    credit: str | None
    repeated: int
    sentences: tuple[SentenceSketch, ...]
    content: int  # number of kept content sentences
    ngrams: int  # verbatim n-grams outside quotes and boilerplate


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


def _precedence(report: ReportFacts) -> tuple[str, int, float, int, str]:
    published = report.published or "\uffff"
    share_repeated = report.repeated / max(1, report.content + report.repeated)
    return (
        published,
        0 if report.credit else 1,
        share_repeated,
        -report.content,
        report.article_id,
    )


def _oriented(evidence: PairEvidence, child: int) -> tuple[tuple[int, int, float], ...]:
    """Matches as ``(child sentence, other sentence, similarity)``."""
    if evidence.a == child:
        return evidence.matches
    return tuple((j, i, s) for i, j, s in evidence.matches)


def _merges(
    links: dict[tuple[int, int], PairEvidence], rank: dict[int, int], complete: float
) -> set[int]:
    """Reports that contain the whole of an earlier report plus separate parts of another
    report not linked to it (a report that merely contains its own trims is no merge)."""
    parts: dict[int, list[tuple[int, set[int], float]]] = {}
    for (a, b), ev in links.items():
        parts.setdefault(a, []).append((b, {i for i, _, _ in ev.matches}, ev.cover_b))
        parts.setdefault(b, []).append((a, {j for _, j, _ in ev.matches}, ev.cover_a))
    out = set()
    for report, found in parts.items():
        wholes = [s for s in found if s[2] >= complete and rank[s[0]] < rank[report]]
        if any(
            (min(x, z), max(x, z)) not in links
            and len(from_x - from_z) >= 2
            and len(from_z - from_x) >= 2
            for x, from_x, _ in wholes
            for z, from_z, _ in found
            if z != x
        ):
            out.add(report)
    return out


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


def _choose_origins(
    links: dict[tuple[int, int], PairEvidence],
    reports: Sequence[ReportFacts],
    rank: dict[int, int],
    merges: set[int],
    config: LineageConfig,
) -> dict[int, int]:
    """The origin of each derived report: among the reports before it that it derives from (a
    merge comes after everything it merges), the earliest whose cover of it is within
    ``origin_tolerance`` of the best cover -- so a copy of a copy points to the first report,
    not to its sibling; a merge is taken as an origin only when nothing else is as good."""
    parents: dict[int, list[tuple[float, float, int]]] = {}
    for (a, b), ev in links.items():
        if (a in merges) != (b in merges):
            child = a if a in merges else b
        else:
            child = a if rank[a] > rank[b] else b
        parent = b if child == a else a
        covers = (ev.cover_a, ev.cover_b) if child == a else (ev.cover_b, ev.cover_a)
        merge = child in merges
        if _derives(reports[child], reports[parent], covers, ev.verbatim, merge, config):
            parents.setdefault(child, []).append((covers[0], covers[1], parent))
    origins = {}
    for child, options in parents.items():
        best = max(cover for cover, _, _ in options)
        near = [o for o in options if o[0] >= best - config.origin_tolerance]
        if child in merges:  # a merge comes from the report it takes whole
            near = [o for o in near if o[1] >= config.complete_cover] or near
        origins[child] = min((p for _, _, p in near), key=lambda p: (p in merges, rank[p]))
    return origins


def _names(text: str) -> set[str]:
    return set(_CAPITALISED.findall(text))


def _garbled_names(child: ReportFacts, origin: ReportFacts, name_df: dict[str, int]) -> int:
    """Capitalised words of ``child`` found in no other report but one slip away from a word of
    ``origin`` (machine-translation damage: Ishiba -> Isba)."""
    theirs = _names(origin.text)
    count = 0
    for word in _names(child.text) - theirs:
        if name_df.get(word, 0) > 1:
            continue
        if any(fuzz.ratio(word, o) >= 80 for o in theirs if abs(len(o) - len(word)) <= 2):
            count += 1
    return count


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
    if _garbled_names(c, o, name_df) >= 2:
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
    order = sorted(range(len(reports)), key=lambda i: _precedence(reports[i]))
    rank = {i: r for r, i in enumerate(order)}
    merges = _merges(links, rank, config.complete_cover)
    origins = _choose_origins(links, reports, rank, merges, config)
    ids = [r.article_id for r in reports]
    grouped = origin_groups(ids=ids, links=links, origins=origins, merges=merges, config=config)
    neighbours: dict[int, list[int]] = {}
    for a, b in links:
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    name_df: dict[str, int] = {}
    for report in reports:
        for name in _names(report.text):
            name_df[name] = name_df.get(name, 0) + 1
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
