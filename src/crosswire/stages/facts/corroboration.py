"""Corroboration: quantity facts aligned across reports, counted by independent origin.

Two quantities state one fact when they measure the same thing (similar measured words, or the
same trade-balance parties seen from either side) with values equal within rounding ("$14.1
billion" = "$14 billion" = "$14.1B"). A conversion in brackets ("8.6 trillion yen ($55 billion)")
is one value in two units. Facts that measure the same thing with different values, carried by
different reports, are discrepancies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from crosswire.models import (
    Article,
    Discrepancy,
    DiscrepancyValue,
    Fact,
    Quantity,
    Span,
)
from crosswire.stages.facts.measure import balance_parties, bullet_trim, measure_words
from crosswire.stages.facts.quantities import number_precision
from crosswire.text.unionfind import DisjointSets

__all__ = ["Corroboration", "CorroborationConfig", "corroborate"]

_CURRENCIES = frozenset({"USD", "EUR", "GBP", "JPY", "CNY", "KRW", "INR", "RUB", "CHF"})


@dataclass(frozen=True)
class CorroborationConfig:
    """Thresholds: measured-word overlap (Jaccard) for one fact and for a conflict."""

    same_fact_similarity: float = 0.34
    conflict_similarity: float = 0.5
    conflict_min_shared: int = 2
    relative_tolerance: float = 0.01


@dataclass(frozen=True, slots=True)
class Corroboration:
    """Facts (each with its sources and independent origins) and the conflicts between them."""

    facts: tuple[Fact, ...]
    discrepancies: tuple[Discrepancy, ...]


@dataclass(frozen=True, slots=True)
class _Item:
    source: str
    quantity: Quantity
    text: str
    span: Span
    values: tuple[tuple[str, float, float], ...]  # unit, value, rounding tolerance
    words: frozenset[str]
    thing: frozenset[str]  # the measured words alone (no counted noun)
    parties: frozenset[str] | None

    @property
    def kind(self) -> str:
        unit = self.values[0][0]
        return "money" if unit in _CURRENCIES else "percent" if unit == "%" else "count"


def _pairs(text: str, quantities: Sequence[Quantity]) -> list[list[Quantity]]:
    """Quantities grouped so that a bracketed conversion joins the quantity it converts."""
    groups: list[list[Quantity]] = []
    for q in sorted(quantities, key=lambda q: q.span.start):
        if groups:
            last = groups[-1][-1]
            gap = text[last.span.end : q.span.start]
            after = text[q.span.end : q.span.end + 2]
            if len(groups[-1]) == 1 and re.fullmatch(r"\s*\(\s*", gap) and after.startswith(")"):
                groups[-1].append(q)
                continue
        groups.append([q])
    return groups


def _item(article: Article, group: list[Quantity]) -> _Item:
    first, last = group[0], group[-1]
    end = last.span.end + (1 if len(group) > 1 else 0)
    sentence = article.text[first.sentence.start : first.sentence.end]
    parties = balance_parties(
        measured=first.measured, sentence=sentence, at=first.span.start - first.sentence.start
    )
    thing = measure_words(first.measured)
    words = thing
    if first.unit not in _CURRENCIES and first.unit != "%":
        words = words | measure_words(first.unit)
    return _Item(
        source=article.id,
        quantity=first,
        text=article.text[first.span.start : end],
        span=Span(article.id, first.span.start, end),
        values=tuple((q.unit, q.value, number_precision(q.text)) for q in group),
        words=words,
        thing=thing,
        parties=parties,
    )


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _same_value(a: _Item, b: _Item, rel: float) -> bool | None:
    """True/False when the two share a unit, None when they cannot be compared."""
    verdict: bool | None = None
    for unit, va, ta in a.values:
        for unit_b, vb, tb in b.values:
            if unit != unit_b:
                continue
            close = abs(va - vb) <= max(ta, tb) + rel * max(abs(va), abs(vb))
            verdict = close or bool(verdict)
    return verdict


def _same_thing(
    a: _Item, b: _Item, threshold: float, min_shared: int = 1, *, strict: bool = False
) -> bool:
    """Whether two items measure one thing; ``strict`` (for conflicts) ignores counted nouns."""
    if a.kind != b.kind:
        return False
    if a.parties is not None or b.parties is not None:
        return a.parties == b.parties
    wa, wb = (a.thing, b.thing) if strict else (a.words, b.words)
    if not strict and wa and wb and (wa <= wb or wb <= wa):
        return True  # one says more of the same thing: "His bond" / "set bond for Hayes"
    shared = len(wa & wb)
    enough = shared >= min_shared or (shared > 0 and wa == wb)
    return enough and _jaccard(wa, wb) >= threshold


def _clusters(items: Sequence[_Item], config: CorroborationConfig) -> list[list[_Item]]:
    """Items stating one fact, each cluster in item order, the clusters by their first item."""
    sets = DisjointSets(range(len(items)))
    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            b = items[j]
            if sets.same(i, j) or not _same_value(a, b, config.relative_tolerance):
                continue
            threshold = 0.0 if a.source == b.source else config.same_fact_similarity
            if _same_thing(a, b, threshold) or (a.kind == "count" and a.words == b.words):
                sets.union(i, j)
    return [[items[k] for k in group] for group in sets.groups()]


def _sentence_span(article: Article, q: Quantity) -> Span:
    text = article.text[q.sentence.start : q.sentence.end]
    return Span(q.sentence.source, q.sentence.start + bullet_trim(text), q.sentence.end)


def _fact(
    cluster: Sequence[_Item], by_id: Mapping[str, Article], groups: Mapping[str, str]
) -> Fact:
    def rank(item: _Item) -> tuple[int, str, int]:
        sentence = by_id[item.source].text[item.quantity.sentence.start :]
        return (1 if bullet_trim(sentence) else 0, item.source, item.span.start)

    ordered = sorted(cluster, key=rank)
    spans: dict[str, Span] = {}
    for item in ordered:
        spans.setdefault(item.source, _sentence_span(by_id[item.source], item.quantity))
    best = spans[ordered[0].source]
    sources = tuple(sorted(spans))
    independent = len({groups.get(s, s) for s in sources})
    return Fact(
        text=by_id[best.source].text[best.start : best.end],
        spans=tuple(spans[s] for s in sources),
        sources=sources,
        independent=independent,
        quantity=ordered[0].quantity,
        exclusive=independent == 1,
    )


def _conflicts(
    clusters: Sequence[Sequence[_Item]], config: CorroborationConfig
) -> list[list[int]]:
    """Clusters measuring one thing with different values, carried by different reports
    (groups of cluster indices, each sorted, the groups by their first index)."""
    sets = DisjointSets(range(len(clusters)))
    for i, a in enumerate(clusters):
        for j in range(i + 1, len(clusters)):
            b = clusters[j]
            if {x.source for x in a} & {x.source for x in b}:
                continue
            if _same_value(a[0], b[0], config.relative_tolerance) is not False:
                continue
            thing = _same_thing(
                a[0], b[0], config.conflict_similarity, config.conflict_min_shared, strict=True
            )
            if thing:
                sets.union(i, j)
    return [g for g in sets.groups() if len(g) > 1]


def _discrepancy(clusters: Sequence[Sequence[_Item]]) -> Discrepancy:
    values: list[DiscrepancyValue] = []
    about: list[str] = []
    for cluster in clusters:
        first: dict[str, _Item] = {}
        for item in sorted(cluster, key=lambda x: (x.source, x.span.start)):
            first.setdefault(item.source, item)
        sources = tuple(sorted(first))
        lead = first[sources[0]]
        values.append(
            DiscrepancyValue(
                text=lead.text, sources=sources, spans=tuple(first[s].span for s in sources)
            )
        )
        if lead.quantity.measured and lead.quantity.measured not in about:
            about.append(lead.quantity.measured)
    values.sort(key=lambda v: (v.sources, v.text))
    return Discrepancy(about=" / ".join(about), values=tuple(values))


def corroborate(
    *,
    articles: Sequence[Article],
    origin_groups: Mapping[str, str],
    quantities: Mapping[str, Sequence[Quantity]],
    config: CorroborationConfig | None = None,
) -> Corroboration:
    """Facts aligned across ``articles`` with their independent origins, and discrepancies."""
    cfg = config or CorroborationConfig()
    by_id = {a.id: a for a in articles}
    items = [
        _item(by_id[aid], group)
        for aid in sorted(quantities)
        if aid in by_id
        for group in _pairs(by_id[aid].text, quantities[aid])
    ]
    clusters = _clusters(items, cfg)
    facts = [_fact(c, by_id, origin_groups) for c in clusters]
    order = sorted(
        range(len(facts)),
        key=lambda i: (-facts[i].independent, -len(facts[i].sources), facts[i].spans[0].source,
                       facts[i].spans[0].start),
    )
    conflicts = [_discrepancy([clusters[i] for i in g]) for g in _conflicts(clusters, cfg)]
    conflicts.sort(key=lambda d: (d.values[0].sources, d.about))
    return Corroboration(facts=_distinct(facts[i] for i in order), discrepancies=tuple(conflicts))


def _distinct(facts: Iterable[Fact]) -> tuple[Fact, ...]:
    """One fact per statement: a sentence with two quantities is listed once, at its best rank
    (a fact shown with the same sentence as an earlier one, all of whose sentences the earlier
    facts already cite, says nothing new)."""
    cited: set[Span] = set()
    shown: set[str] = set()
    out = []
    for fact in facts:
        if fact.text in shown and set(fact.spans) <= cited:
            continue
        cited.update(fact.spans)
        shown.add(fact.text)
        out.append(fact)
    return tuple(out)
