"""Origin groups for :mod:`lineage`: which reports carry one origin, in the set or not.

A group is a tree of derivations (a report and everything copied from it), joined with the
trees of its *siblings*: linked reports, neither derived from the other (not even through
other reports), that carry one
origin that is not in the set (two outlets running one wire story, each with material the
other lacks).  Siblings get no origin; what they share is their group.

* Verbatim siblings share a good share (``sibling_verbatim_share``) of the wording outside
  quotes of the one with fewer words.  Merges take no part: they carry text of other groups.
* Paraphrased siblings tell the same points in the same order in other words (two rewrites
  of one wire report; the paraphrase link test of :func:`paraphrased`, with the
  ``rewrite_*`` settings).  That evidence is weaker, so it only pairs two reports that stand
  alone, each the other's best such partner: it never chains groups together.

The settings are those of :class:`~crosswire.stages.lineage.config.LineageConfig`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crosswire.stages.lineage.align import PairEvidence
from crosswire.stages.lineage.config import LineageConfig
from crosswire.text.unionfind import DisjointSets

__all__ = ["OriginGroups", "origin_groups", "paraphrased"]


@dataclass(frozen=True, slots=True)
class OriginGroups:
    """``groups[i]``: the smallest article id of report ``i``'s group; ``siblings[i]``: the
    reports, not derived from each other, through which ``i`` joined its group."""

    groups: tuple[str, ...]
    siblings: dict[int, tuple[int, ...]]


def paraphrased(*, evidence: PairEvidence, config: LineageConfig) -> bool:
    """Whether two reports tell the same points in the same order: ``rewrite_min_points``
    aligned sentences, covering ``rewrite_min_cover_short`` of one report and
    ``rewrite_min_cover_long`` of the other."""
    high, low = sorted((evidence.cover_a, evidence.cover_b), reverse=True)
    return (
        evidence.points >= config.rewrite_min_points
        and high >= config.rewrite_min_cover_short
        and low >= config.rewrite_min_cover_long
    )


def _union(sets: DisjointSets[int], pairs: Sequence[tuple[int, int]]) -> None:
    for a, b in pairs:
        sets.union(a, b)


def _pairings(
    pairs: Sequence[tuple[int, int]],
    links: dict[tuple[int, int], PairEvidence],
    sets: DisjointSets[int],
) -> list[tuple[int, int]]:
    """The weak pairs that may join groups: mutual best partners that both stand alone."""
    size = {group[0]: len(group) for group in sets.groups()}
    best: dict[int, tuple[tuple[int, float, int], int]] = {}
    for a, b in pairs:
        ev = links[(a, b)]
        strength = min(ev.cover_a, ev.cover_b)
        for x, y in ((a, b), (b, a)):
            key = (-ev.points, -strength, y)
            if x not in best or key < best[x][0]:
                best[x] = (key, y)
    return [
        (a, b)
        for a, b in pairs
        if best[a][1] == b
        and best[b][1] == a
        and size[sets.find(a)] == 1
        and size[sets.find(b)] == 1
    ]


def _descends(child: int, ancestor: int, origins: dict[int, int]) -> bool:
    """Whether ``child`` derives from ``ancestor``, directly or through other reports."""
    seen = {child}
    node = origins.get(child)
    while node is not None and node not in seen:
        if node == ancestor:
            return True
        seen.add(node)
        node = origins.get(node)
    return False


def origin_groups(
    *,
    ids: Sequence[str],
    links: dict[tuple[int, int], PairEvidence],
    origins: dict[int, int],
    merges: set[int],
    config: LineageConfig,
) -> OriginGroups:
    """Groups of reports ``0 .. len(ids) - 1`` from their derivations (``origins``: child ->
    origin) and their sibling links."""
    verbatim, weak = [], []
    for (a, b), ev in sorted(links.items()):
        if a in merges or b in merges or _descends(a, b, origins) or _descends(b, a, origins):
            continue
        if ev.verbatim_share >= config.sibling_verbatim_share:
            verbatim.append((a, b))
        elif a not in origins and b not in origins and paraphrased(evidence=ev, config=config):
            weak.append((a, b))
    sets = DisjointSets(range(len(ids)))
    _union(sets, sorted(origins.items()))
    _union(sets, verbatim)
    chosen = _pairings(weak, links, sets)
    _union(sets, chosen)
    smallest: dict[int, str] = {}
    for i, article_id in enumerate(ids):
        root = sets.find(i)
        if root not in smallest or article_id < smallest[root]:
            smallest[root] = article_id
    partners: dict[int, list[int]] = {}
    for a, b in verbatim + chosen:
        partners.setdefault(a, []).append(b)
        partners.setdefault(b, []).append(a)
    return OriginGroups(
        groups=tuple(smallest[sets.find(i)] for i in range(len(ids))),
        siblings={k: tuple(sorted(v)) for k, v in sorted(partners.items())},
    )
