"""Corroboration: claims aligned across reports, each counted once per independent voice.

Two figures state one claim when they measure the same thing (similar measured words, one
measured thing's key such as ``deaths``, or the same trade-balance parties seen from either
side) with values equal within rounding ("$14.1 billion" = "$14 billion" = "$14.1B"); across
reports also when one value of one counted noun is given ("214,000 offshore entities" /
"214,000 offshore companies") or their sentences share enough other words. A bound ("more than
11 million") joins the one value of its thing it allows. A conversion in brackets ("8.6
trillion yen ($55 billion)") is one value in two units. A fact's ``independent`` counts the
voices (``origin_groups``) of the reports stating its claim, no others. Years, times, scores,
durations and days are corroborated the same way as statements
(:mod:`crosswire.stages.facts.statements`); discrepancies come from
:mod:`crosswire.stages.facts.discrepancies`, :mod:`crosswire.stages.facts.positions` and
:mod:`crosswire.stages.facts.clock`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from crosswire.models import Article, Discrepancy, Fact, Quantity, Span
from crosswire.stages.facts.claims import is_toll
from crosswire.stages.facts.clock import clock_discrepancies
from crosswire.stages.facts.discrepancies import find_discrepancies
from crosswire.stages.facts.figures import (
    CorroborationConfig,
    Item,
    figure_items,
    jaccard,
    same_thing,
    same_value,
)
from crosswire.stages.facts.measure import bullet_trim
from crosswire.stages.facts.positions import position_discrepancies
from crosswire.stages.facts.statements import statement_facts
from crosswire.text.unionfind import DisjointSets

__all__ = ["Corroboration", "CorroborationConfig", "corroborate"]


@dataclass(frozen=True, slots=True)
class Corroboration:
    """Facts (each with its sources and independent origins) and the conflicts between them."""

    facts: tuple[Fact, ...]
    discrepancies: tuple[Discrepancy, ...]


def _clusters(items: Sequence[Item], config: CorroborationConfig) -> list[list[Item]]:
    """Items stating one fact, each cluster in item order, the clusters by their first item:
    one value of one measured thing; then a bound ("more than 11 million") joins the one
    value of its measured thing that it allows ("11.5 million"), where there is just one."""
    sets = DisjointSets(range(len(items)))
    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            b = items[j]
            if sets.same(i, j) or not _equal(a, b, config.relative_tolerance):
                continue
            threshold = 0.0 if a.source == b.source else config.same_fact_similarity
            if same_thing(a, b, threshold) or _one_claim(a, b, config):
                sets.union(i, j)
    groups = [[items[k] for k in group] for group in sets.groups()]
    return _join_bounds(groups, config)


def _equal(a: Item, b: Item, rel: float) -> bool:
    """One value: in a shared unit, or two counts of differently named nouns."""
    same = same_value(a, b, rel)
    if same is None and a.kind == b.kind == "count":
        (_, va, ta), (_, vb, tb) = a.values[0], b.values[0]
        return abs(va - vb) <= max(ta, tb) + rel * max(abs(va), abs(vb))
    return bool(same)


def _one_claim(a: Item, b: Item, config: CorroborationConfig) -> bool:
    """Two reports' figures of one value that state one claim though their measured words
    differ: counts of one counted noun ("214,000 offshore entities" / "214,000 offshore
    companies"), or figures whose sentences share enough other words ("$2 billion through
    offshore accounts" of Putin's friends / "$2bn" of "offshore deals" around Putin)."""
    if a.kind != b.kind or a.rate != b.rate or a.key != b.key:
        return False
    if a.kind == "count" and (a.values[0][0] == b.values[0][0] or a.words & b.words) and (
        a.words == b.words or a.quantity.value >= config.distinct_count
    ):
        return True  # "55,000 public schools" / "55,000 US schools"
    if a.kind == "count" and a.values[0][0] != b.values[0][0] and not a.words & b.words:
        return False  # "four outs" / "four seasons": two things counted, whatever else is said
    shared = len(a.context & b.context)
    return shared >= config.claim_shared or jaccard(a.context, b.context) >= config.claim_similarity


def _worth_a_fact(cluster: Sequence[Item], groups: Mapping[str, str]) -> bool:
    """A number written as a word ("two executives", "five consecutive years") is a key fact
    only when it counts a measured thing (deaths) or two voices state it."""
    if any(ch.isdigit() for i in cluster for ch in i.quantity.text) or cluster[0].key:
        return True
    return len({groups.get(i.source, i.source) for i in cluster}) >= 2


def _join_bounds(groups: list[list[Item]], config: CorroborationConfig) -> list[list[Item]]:
    """A toll's bound stays its own claim ("at least two" dead is not "four" dead)."""
    bounded = [g for g in groups if all(i.bound for i in g) and not is_toll(g[0].key)]
    for group in bounded:
        lead = group[0]
        hosts = [
            g for g in groups
            if g is not group and g and g[0].scale == lead.scale
            and not all(i.bound for i in g)
            and same_thing(lead, g[0], config.same_fact_similarity)
            and all(i.allows(j) for i in group for j in g)
            and not {i.source for i in group} & {j.source for j in g}
        ]
        if len(hosts) == 1:
            hosts[0].extend(group)
            group.clear()
    kept = [g for g in groups if g]
    for g in kept:
        g.sort(key=lambda x: (x.source, x.span.start))
    kept.sort(key=lambda g: (g[0].source, g[0].span.start))
    return kept


def _sentence_span(article: Article, q: Quantity) -> Span:
    text = article.text[q.sentence.start : q.sentence.end]
    return Span(q.sentence.source, q.sentence.start + bullet_trim(text), q.sentence.end)


def _fact(
    cluster: Sequence[Item], by_id: Mapping[str, Article], groups: Mapping[str, str]
) -> Fact:
    def rank(item: Item) -> tuple[int, str, int]:
        sentence = by_id[item.source].text[item.quantity.sentence.start :]
        return (1 if bullet_trim(sentence) else 0, item.source, item.span.start)

    ordered = sorted(cluster, key=rank)
    spans: dict[str, Span] = {}
    for item in ordered:
        spans.setdefault(item.source, _sentence_span(by_id[item.source], item.quantity))
    best = spans[ordered[0].source]
    # the fact's own sentence first (its figure is there), then the other reports in id order
    sources = (best.source, *sorted(s for s in spans if s != best.source))
    independent = len({groups.get(s, s) for s in sources})
    return Fact(
        text=by_id[best.source].text[best.start : best.end],
        spans=tuple(spans[s] for s in sources),
        sources=sources,
        independent=independent,
        quantity=ordered[0].quantity,
        exclusive=independent == 1,
    )


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
        item
        for aid in sorted(quantities)
        if aid in by_id
        for item in figure_items(by_id[aid], quantities[aid])
    ]
    clusters = _clusters(items, cfg)
    facts = [_fact(c, by_id, origin_groups) for c in clusters if _worth_a_fact(c, origin_groups)]
    facts += statement_facts(articles=articles, origin_groups=origin_groups,
                             config=cfg.statements)
    order = sorted(
        range(len(facts)),
        key=lambda i: (-facts[i].independent, -len(facts[i].sources), facts[i].spans[0].source,
                       facts[i].spans[0].start),
    )
    return Corroboration(
        facts=_distinct(facts[i] for i in order),
        discrepancies=tuple(sorted(
            find_discrepancies(clusters, cfg)
            + tuple(position_discrepancies(articles=articles, config=cfg.positions))
            + tuple(clock_discrepancies(articles=articles, config=cfg.clock)),
            key=lambda d: (d.values[0].sources, d.about),
        )),
    )


def _distinct(facts: Iterable[Fact]) -> tuple[Fact, ...]:
    """One fact per statement: a sentence with two claims is listed once, at its best rank
    (the better-supported claim's sources are the ones it shows)."""
    shown: set[str] = set()
    out = []
    for fact in facts:
        if fact.text in shown:
            continue
        shown.add(fact.text)
        out.append(fact)
    return tuple(out)
