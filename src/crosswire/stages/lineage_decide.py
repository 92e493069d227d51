"""Derivation decisions for :mod:`lineage`: which links hold, who came first, what kind of copy.

* A pair of reports is *linked* (shares an origin) when it reuses the same wording: enough
  verbatim word n-grams outside quotes plus at least two aligned sentences that cover a fair
  share of one of the two reports, or -- for rewrites
  that keep hardly a phrase -- enough sentences carrying the same ordinary wording in the same
  order, covering a good share of both reports.
* Direction: every report gets a precedence key -- publish time (unknown sorts last), then a
  wire credit in its own text ("(AP)", "With inputs from Reuters"; a copyright footer is not a
  credit), then fewer repeated sentences, then more content, then id.  A report's origin is the
  linked report before it that explains most of its sentences.  Keys are a total order, so the
  origins form a forest and groups are its trees.
* Two rewrites of one wire report that is not in the set (same points, same order) are linked;
  the earlier by that key is recorded as the origin of the other, and both share a group.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import permutations

from rapidfuzz import fuzz

from crosswire.models import Lineage, ReusedPassage, Span
from crosswire.stages.lineage_align import PairEvidence, SentenceSketch

__all__ = ["DecideSettings", "ReportFacts", "decide_lineage", "is_linked"]

_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")
_MAX_SOURCES = 12  # linked reports considered per report when looking for merges


@dataclass(frozen=True, slots=True)
class DecideSettings:
    min_verbatim: int
    verbatim_min_points: int
    verbatim_min_cover: float
    rewrite_min_points: int
    rewrite_min_cover_short: float
    rewrite_min_cover_long: float
    copy_similarity: float
    complete_cover: float
    origin_tolerance: float


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


def is_linked(*, evidence: PairEvidence, settings: DecideSettings) -> bool:
    """Whether two reports share an origin, from their alignment."""
    short, long_ = sorted((evidence.cover_a, evidence.cover_b), reverse=True)
    if (
        evidence.verbatim >= settings.min_verbatim
        and evidence.points >= min(settings.verbatim_min_points, evidence.shortest)
        and short >= settings.verbatim_min_cover
    ):
        return True
    return (
        evidence.points >= settings.rewrite_min_points
        and short >= settings.rewrite_min_cover_short
        and long_ >= settings.rewrite_min_cover_long
    )


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
        sources = sorted(found, key=lambda s: (-len(s[1]), s[0]))[:_MAX_SOURCES]
        for (x, from_x, cover_x), (z, from_z, _) in permutations(sources, 2):
            if cover_x < complete or rank[x] > rank[report] or (min(x, z), max(x, z)) in links:
                continue
            if len(from_x - from_z) >= 2 and len(from_z - from_x) >= 2:
                out.add(report)
                break
    return out


def _choose_origins(
    links: dict[tuple[int, int], PairEvidence],
    rank: dict[int, int],
    merges: set[int],
    tolerance: float,
) -> dict[int, int]:
    """The origin of each derived report: among the linked reports before it (a merge comes
    after everything it merges), the earliest whose cover of it is within ``tolerance`` of the
    best cover -- so a copy of a copy points to the first report, not to its sibling."""
    parents: dict[int, list[tuple[float, int]]] = {}
    for (a, b), ev in links.items():
        if (a in merges) != (b in merges):
            child = a if a in merges else b
        else:
            child = a if rank[a] > rank[b] else b
        parent = b if child == a else a
        cover = ev.cover_a if child == a else ev.cover_b
        parents.setdefault(child, []).append((cover, parent))
    origins = {}
    for child, options in parents.items():
        best = max(cover for cover, _ in options)
        near = [parent for cover, parent in options if cover >= best - tolerance]
        origins[child] = min(near, key=lambda p: rank[p])
    return origins


def _groups(n: int, origins: dict[int, int], ids: Sequence[str]) -> list[str]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for child, origin in origins.items():
        ra, rb = find(child), find(origin)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    smallest: dict[int, str] = {}
    for i in range(n):
        root = find(i)
        if root not in smallest or ids[i] < smallest[root]:
            smallest[root] = ids[i]
    return [smallest[find(i)] for i in range(n)]


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


def _kind(
    child: int,
    origin: int,
    reports: Sequence[ReportFacts],
    evidence: PairEvidence,
    settings: DecideSettings,
    name_df: dict[str, int],
) -> str:
    c, o = reports[child], reports[origin]
    if _garbled_names(c, o, name_df) >= 2:
        return "translation"
    own = _oriented(evidence, child)
    verbatim = bool(own) and sum(s for _, _, s in own) / len(own) >= settings.copy_similarity
    if c.repeated and not verbatim:
        return "spin"
    child_cover = len(own) / max(1, c.content)
    origin_cover = len(own) / max(1, o.content)
    if verbatim and child_cover >= settings.complete_cover:
        return "copy" if origin_cover >= settings.complete_cover else "trim"
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
    settings: DecideSettings,
) -> tuple[Lineage, ...]:
    """One :class:`Lineage` per report (in the order of ``reports``) from the linked pairs."""
    order = sorted(range(len(reports)), key=lambda i: _precedence(reports[i]))
    rank = {i: r for r, i in enumerate(order)}
    merges = _merges(links, rank, settings.complete_cover)
    origins = _choose_origins(links, rank, merges, settings.origin_tolerance)
    ids = [r.article_id for r in reports]
    groups = _groups(len(reports), origins, ids)
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
        if origin is None:
            out.append(Lineage(report.article_id, None, groups[i], "original"))
            continue
        sources = [origin]
        if i in merges:
            kind = "merge"
            others = [o for o in neighbours[i] if o != origin and _key(o, origin) not in links]
            sources += sorted(others)[:_MAX_SOURCES]
        else:
            evidence = links[_key(i, origin)]
            kind = _kind(i, origin, reports, evidence, settings, name_df)
        passages = _passages(i, sources, reports, links)
        out.append(Lineage(report.article_id, ids[origin], groups[i], kind, passages))
    return tuple(out)


def _key(a: int, b: int) -> tuple[int, int]:
    return (min(a, b), max(a, b))
