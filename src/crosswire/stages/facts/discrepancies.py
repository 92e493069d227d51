"""Discrepancies: one measured thing given different values by different reports, classified.

Two facts (clusters of figures stating one value) differ when they measure one thing and the
values they allow do not meet ("nearly 80" and "more than 70" meet; 84 and "at least 90" do
not); for a toll (a count that grows: deaths, injuries, arrests) two different counts differ
even where they meet, when both are lower bounds ("at least two" and "at least six": two
confirmed counts) or they were first given on different days. For
a count of one measured thing the two clauses must also speak of one event (their other words
overlap): "32 civilians dead in the air strikes on Kunduz" is not the bombing's toll.

A sum of money quoted as a market's price, low or high (``data/market_cues.json``: "changing
hands at $6,156", "fell as low as $5,967.34") measures that quote in its currency; two such
values a factor of ``market_ratio`` or more apart are two markets.

A discrepancy is an ``update`` when the figure moved as the story developed (a clause says so,
"the toll rose to six"; or a toll's counts first given on later days are larger; or it is a
market price, which moves by the hour), its values then in time order; else a ``conflict``
(same thing, same time, different values: two lows of one day). A sentence giving two counts
of one toll breaks it down ("four seriously injured while 20 others were slightly hurt"): its
parts are not the toll.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from crosswire.models import Discrepancy, DiscrepancyValue, Span
from crosswire.stages.facts.claims import is_toll
from crosswire.stages.facts.figures import (
    CorroborationConfig,
    Item,
    jaccard,
    same_thing,
    same_value,
)
from crosswire.text.unionfind import DisjointSets
from crosswire.text.wordlists import package_words

__all__ = ["find_discrepancies"]


@cache
def _cues() -> frozenset[str]:
    return package_words("crosswire.stages.facts", "update_cues")


def _day(item: Item) -> str:
    return (item.published or "")[:10]


def _aligned(a: Sequence[Item], b: Sequence[Item], threshold: float, bare: int = 0) -> bool:
    """Whether some figure of ``a`` and some figure of ``b`` speak of one event: both in
    their reports' leads (where a report gives its main event's figures), or their clauses'
    other words overlap enough, or (with ``bare``) one clause has fewer than ``bare`` other
    words and so names no other event ("84 people have been taken to hospital"); never a
    figure of the story's past and one of its present."""
    return any(
        x.background == y.background
        and ((x.lead and y.lead) or jaccard(x.context, y.context) >= threshold
             or min(len(x.context), len(y.context)) < bare)
        for x in a for y in b
    )


def _differ(a: Sequence[Item], b: Sequence[Item], config: CorroborationConfig) -> bool:
    x, y = a[0], b[0]
    if {i.source for i in a} & {i.source for i in b}:
        return False  # one report giving both: two different things, as far as we can tell
    if x.key is not None:
        if x.key != y.key or same_value(x, y, config.relative_tolerance) is not False:
            return False
        if x.scale != y.scale:
            return False
        if x.kind == "money" and max(x.quantity.value, y.quantity.value) > (
            config.market_ratio * min(x.quantity.value, y.quantity.value)
        ):
            return False  # a price and a market's total: two things quoted alike
        apart = not any(i.allows(j) for i in a for j in b)
        if not apart and is_toll(x.key):  # two confirmed counts, or counts of two days
            apart = (x.open_ended and y.open_ended) or _earliest(a) != _earliest(b)
        if x.kind == "money":  # one market's quote: its story's price, low or high
            return apart and all(i.background == j.background for i in a for j in b)
        near = max(x.quantity.value, y.quantity.value) <= config.bare_ratio * max(
            1.0, min(x.quantity.value, y.quantity.value))
        bare = config.bare_context if is_toll(x.key) and near else 0
        return apart and _aligned(a, b, config.context_similarity, bare)
    if same_value(x, y, config.relative_tolerance) is not False:
        return False
    if any(i.allows(j) for i in a for j in b if i.bound or j.bound):
        return False  # "nearly $2 billion" and "$2.1 billion" can both be true
    if not same_thing(x, y, config.conflict_similarity, config.conflict_min_shared, strict=True):
        return False
    return x.parties is not None or _aligned(a, b, config.context_similarity)


def _earliest(cluster: Sequence[Item]) -> str:
    days = sorted(d for d in (_day(i) for i in cluster) if d)
    return days[0] if days else ""


def _grew(clusters: Sequence[Sequence[Item]], when: Sequence[str]) -> bool:
    """Whether the counts first given after the earliest ``when`` are larger on average."""
    first = min(when)
    early = [c[0].quantity.value for c, d in zip(clusters, when, strict=True) if d == first]
    later = [c[0].quantity.value for c, d in zip(clusters, when, strict=True) if d != first]
    return bool(later) and sum(later) / len(later) > sum(early) / len(early)


def _is_update(clusters: Sequence[Sequence[Item]]) -> bool:
    measured = clusters[0][0].measured
    if measured is not None and measured.moves:
        return True  # a market price moves by the hour: its values are its updates
    cued = any(
        _cues() & set(re.findall(r"[a-z]+", i.clause.lower())) for c in clusters for i in c
    )
    days = [_earliest(c) for c in clusters]
    toll = is_toll(clusters[0][0].key)
    if not all(days) or len(set(days)) < 2:
        return cued and len(set(days)) >= 1 and any(days)
    if cued:
        return True
    return toll and _grew(clusters, days)  # a toll that grew: later counts are larger


def _value(cluster: Sequence[Item]) -> DiscrepancyValue:
    first: dict[str, Item] = {}
    for item in sorted(cluster, key=lambda x: (x.source, x.span.start)):
        first.setdefault(item.source, item)
    sources = tuple(sorted(first))
    lead = first[sources[0]]
    spans = tuple(first[s].span for s in sources)
    text = lead.text
    said = lead.qualified.lower()
    if said and all(first[s].qualified.lower() == said for s in sources):
        text = lead.qualified  # every report says "at least two" (in any case): show it
        spans = tuple(Span(sp.source, sp.end - len(text), sp.end) for sp in spans)
    return DiscrepancyValue(
        text=text, sources=sources, spans=spans, published=_earliest(cluster) or None
    )


def _discrepancy(clusters: Sequence[Sequence[Item]]) -> Discrepancy:
    about: list[str] = []
    for cluster in clusters:
        lead = min(cluster, key=lambda x: (x.source, x.span.start))
        if lead.quantity.measured and lead.quantity.measured not in about:
            about.append(lead.quantity.measured)
    key = clusters[0][0].key
    if key is not None:
        about = [key]  # what the counts measure, not the words of one report
    update = _is_update(clusters)
    pairs = [(c, _value(c)) for c in clusters]
    if update:  # time order: the first report date of each value
        pairs.sort(key=lambda p: (min(i.published or "" for i in p[0]), p[0][0].quantity.value,
                                  p[1].sources))
    else:
        pairs.sort(key=lambda p: (p[1].sources, p[1].text))
    return Discrepancy(
        about=" / ".join(about),
        values=tuple(v for _, v in pairs),
        kind="update" if update else "conflict",
    )


def _parts(clusters: Sequence[Sequence[Item]]) -> set[int]:
    """Clusters made only of parts of a toll: a sentence giving two counts of one toll
    breaks it down ("four seriously injured while 20 others were slightly hurt"), and
    neither part is the toll another report gives."""
    per_sentence: dict[tuple[str, int, str], int] = {}
    for cluster in clusters:
        for i in cluster:
            if is_toll(i.key):
                k = (i.source, i.quantity.sentence.start, i.key or "")
                per_sentence[k] = per_sentence.get(k, 0) + 1
    return {
        n for n, cluster in enumerate(clusters)
        if all(per_sentence.get((i.source, i.quantity.sentence.start, i.key or ""), 0) > 1
               for i in cluster)
    }


def find_discrepancies(
    clusters: Sequence[Sequence[Item]], config: CorroborationConfig
) -> tuple[Discrepancy, ...]:
    """Groups of facts (``clusters``) that give one measured thing different values, each a
    :class:`Discrepancy` (conflict or update), in a deterministic order."""
    parts = _parts(clusters)
    sets = DisjointSets(range(len(clusters)))
    for i, a in enumerate(clusters):
        if i in parts:
            continue
        for j in range(i + 1, len(clusters)):
            if j not in parts and not sets.same(i, j) and _differ(a, clusters[j], config):
                sets.union(i, j)
    found = [_discrepancy([clusters[k] for k in g]) for g in sets.groups() if len(g) > 1]
    found.sort(key=lambda d: (d.values[0].sources, d.about))
    return tuple(found)
