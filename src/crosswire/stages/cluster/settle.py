"""Re-deciding a report's story with the batch merge rule.

A stream joins each report greedily, so reports of a second event of one kind can join the
first event's story before the second event has a story of its own, and that join is never
undone. After each report, its story is taken apart and re-merged from single reports with the
batch rule (:func:`merge_groups`: most similar pair first, cohesion veto), on the pair
similarities the stream stored. The re-decision may split the story, but only into substantial
pieces: a piece with fewer than ``min_share`` of the story's reports or fewer than ``min_piece``
reports goes back to the piece it is most similar to (small fragments of a large story are more
often its own side threads than a second event). The work is bounded by the story's size: a
story of more than ``max_items`` reports is left as it is, and so is one of reports too short
for the cohesion veto (headlines), which re-merging would only rebuild. The settings are
``ClusterConfig.settle`` (:class:`~crosswire.stages.cluster.config.SettleConfig`,
``[cluster.settle]``).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import TYPE_CHECKING

from crosswire.stages.cluster.graph import Groups, merge_groups

if TYPE_CHECKING:
    from crosswire.stages.cluster.config import ClusterConfig

__all__ = ["resettle"]


def resettle(
    *,
    groups: Groups,
    key: int,
    adjacency: Mapping[int, dict[int, float]],
    terms: Mapping[int, int],
    owner: MutableMapping[int, int],
    config: ClusterConfig,
) -> list[int]:
    """Replace the story ``key`` with the batch partition of its reports (merged at
    ``config.threshold``, split as ``config.settle`` allows); the new keys."""
    items = sorted(groups.members[key])
    inside = set(items)
    local = Groups(linkage=groups.linkage, cohesion=groups.cohesion)
    for i in items:
        local.add(item=i, terms=terms[i])
    for i in items:
        for j, sim in sorted(adjacency[i].items()):
            if j > i and j in inside:
                local.link(a=i, b=j, sim=sim)
    merge_groups(groups=local, threshold=config.threshold)
    smallest = max(float(config.settle.min_piece), config.settle.min_share * len(items))
    _reattach(groups=local, min_size=smallest)
    if len(local.members) == 1:
        return [key]  # nothing split off: the story stays as it is
    _drop(groups=groups, key=key)
    new_keys = sorted(local.members)
    for new in new_keys:
        members = sorted(local.members[new])
        groups.members[new] = members
        groups.terms[new] = local.terms[new]
        groups.internal[new] = local.internal[new]
        groups.masses[new] = local.masses[new]
        groups.cross[new] = {}
        groups.version[new] = 0
        for m in members:
            owner[m] = new
    for new in new_keys:
        row = groups.cross[new]
        for m in groups.members[new]:
            for j, sim in adjacency[m].items():
                other = owner[j]
                if other == new:
                    continue
                row[other] = row.get(other, 0.0) + sim
                if j not in inside:
                    back = groups.cross[other]
                    back[new] = back.get(new, 0.0) + sim
    return new_keys


def _reattach(*, groups: Groups, min_size: float) -> None:
    """Merge each piece smaller than ``min_size`` into the piece it is most similar to."""
    while True:
        small = sorted(
            (len(m), k) for k, m in groups.members.items()
            if len(m) < min_size and any(s > 0.0 for s in groups.cross[k].values())
        )
        if not small:
            return
        key = small[0][1]
        partner = max(sorted(groups.cross[key]), key=lambda o: groups.similarity(key, o))
        groups.merge(key, partner)


def _drop(*, groups: Groups, key: int) -> None:
    for other in groups.cross[key]:
        groups.cross[other].pop(key, None)
    del groups.members[key], groups.terms[key], groups.internal[key]
    del groups.cross[key], groups.version[key], groups.masses[key]
