"""One figure of one report, ready to compare: its values (a bracketed conversion joined),
what it measures (words, trade-balance parties, the measured thing's key), the values it
allows (qualifier and rounding) and the words of its clause.

Built by :func:`figure_items` for :mod:`crosswire.stages.facts.corroboration` and
:mod:`crosswire.stages.facts.discrepancies`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from crosswire.models import Article, Quantity, Span
from crosswire.stages.facts.claims import (
    Thing,
    bound_phrase,
    context_words,
    is_background,
    is_rate,
    market_key,
    round_slack,
    thing_key,
    value_range,
)
from crosswire.stages.facts.clock import ClockConfig
from crosswire.stages.facts.measure import balance_parties, measure_words
from crosswire.stages.facts.positions import PositionConfig
from crosswire.stages.facts.quantities import number_precision
from crosswire.stages.facts.statements import StatementConfig
from crosswire.text.sentences import split_sentences

__all__ = [
    "CURRENCIES",
    "CorroborationConfig",
    "Item",
    "figure_items",
    "jaccard",
    "same_thing",
    "same_value",
]

LEAD_SENTENCES = 2  # a report's lead: its first sentences, where its main figures stand
CURRENCIES = frozenset({"USD", "EUR", "GBP", "JPY", "CNY", "KRW", "INR", "RUB", "CHF"})


@dataclass(frozen=True)
class CorroborationConfig:
    """Thresholds: measured-word overlap (Jaccard) for one fact and for a conflict; for two
    counts of one measured thing ("deaths"), the overlap of their clauses' other words that
    makes them one event's count (a conflict or an update rather than two events)."""

    same_fact_similarity: float = 0.34
    conflict_similarity: float = 0.5
    conflict_min_shared: int = 2
    relative_tolerance: float = 0.01
    context_similarity: float = 0.3
    bare_context: int = 3  # a toll's clause with fewer other words names no other event
    bare_ratio: float = 2.0  # ... when the two counts are within this factor of each other
    market_ratio: float = 2.0  # two quoted prices this far apart are two markets
    claim_similarity: float = 0.15  # one value, clauses this alike: one claim
    claim_shared: int = 2  # ... or sharing this many other words
    distinct_count: float = 10  # one value of one counted noun from this up: one claim
    statements: StatementConfig = field(default_factory=StatementConfig)
    positions: PositionConfig = field(default_factory=PositionConfig)
    clock: ClockConfig = field(default_factory=ClockConfig)


@dataclass(frozen=True, slots=True)
class Item:
    source: str
    quantity: Quantity
    text: str
    span: Span
    values: tuple[tuple[str, float, float], ...]  # unit, value, rounding tolerance
    words: frozenset[str]
    thing: frozenset[str]  # the measured words alone (no counted noun)
    parties: frozenset[str] | None
    measured: Thing | None = None  # the measured thing's key ("deaths"), when its words name one
    bound: str = ""  # at_least, below, near_below, about or "" (bounds.json)
    low: float = 0.0
    high: float = 0.0
    context: frozenset[str] = frozenset()
    clause: str = ""  # the sentence the figure stands in
    published: str | None = None
    lead: bool = False  # stated in the report's first sentences (its lead)
    background: bool = False  # its sentence places it in the story's past ("last week")
    qualified: str = ""  # the figure with its qualifier ("at least two"), when it has one
    rate: bool = False  # "per year", "a day": a rate, never the same thing as a total

    @property
    def kind(self) -> str:
        unit = self.values[0][0]
        return "money" if unit in CURRENCIES else "percent" if unit == "%" else "count"

    @property
    def key(self) -> str | None:
        return self.measured.key if self.measured is not None else None

    def allows(self, other: Item) -> bool:
        """Whether the two figures' allowed values meet (False when their units differ)."""
        if self.scale != other.scale:
            return False
        return self.low <= other.high and other.low <= self.high

    @property
    def scale(self) -> str:
        """What its value counts: a measured thing's key (counts of "people", "civilians"
        and "fatalities" all count deaths; a price in its currency), else its unit."""
        if self.key is None:
            return self.values[0][0]
        return f"#{self.key}:{self.values[0][0]}" if self.kind == "money" else f"#{self.key}"

    @property
    def open_ended(self) -> bool:
        return math.isinf(self.high)


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


def _item(article: Article, group: list[Quantity], lead_end: int) -> Item:
    first, last = group[0], group[-1]
    end = last.span.end + (1 if len(group) > 1 else 0)
    sentence = article.text[first.sentence.start : first.sentence.end]
    at, stop = first.span.start - first.sentence.start, first.span.end - first.sentence.start
    parties = balance_parties(measured=first.measured, sentence=sentence, at=at)
    thing = measure_words(first.measured)
    words = thing
    if first.unit not in CURRENCIES and first.unit != "%":
        words = words | measure_words(first.unit)
    bound, reach = bound_phrase(sentence[:at])
    measured = None
    if first.unit not in CURRENCIES and first.unit != "%":
        measured = thing_key(sentence=sentence, start=at, end=stop, unit=first.unit)
    elif first.unit in CURRENCIES:
        measured = market_key(sentence[: at - reach])
    low, high = value_range(
        first.value, number_precision(first.text), bound, round_slack(first.text, first.value)
    )
    return Item(
        source=article.id,
        quantity=first,
        text=article.text[first.span.start : end],
        span=Span(article.id, first.span.start, end),
        qualified=article.text[first.span.start - reach : end] if reach else "",
        values=tuple((q.unit, q.value, number_precision(q.text)) for q in group),
        words=words,
        thing=thing,
        parties=parties,
        measured=measured,
        bound=bound,
        low=low,
        high=high,
        context=context_words(sentence=sentence, start=at, end=stop),
        clause=sentence,
        published=article.published,
        lead=first.sentence.start < lead_end,
        background=is_background(sentence),
        rate=is_rate(sentence[stop:]),
    )


def figure_items(article: Article, quantities: Sequence[Quantity]) -> list[Item]:
    """The figures of ``article`` (its ``quantities``), a conversion in brackets joined."""
    starts = [s.start for s in split_sentences(article.text)]
    lead_end = starts[LEAD_SENTENCES] if len(starts) > LEAD_SENTENCES else len(article.text)
    return [_item(article, group, lead_end) for group in _pairs(article.text, quantities)]


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def same_value(a: Item, b: Item, rel: float) -> bool | None:
    """True/False when the two share a unit, None when they cannot be compared; a market's
    quote ("changing hands at $6,156") is exact to its digits ($6,116 is another quote)."""
    if a.kind == b.kind == "money" and a.key is not None and a.key == b.key:
        rel = 0.0
    if a.key is not None and a.key == b.key:
        (_, va, ta), (_, vb, tb) = a.values[0], b.values[0]
        return abs(va - vb) <= max(ta, tb) + rel * max(abs(va), abs(vb))
    verdict: bool | None = None
    for unit, va, ta in a.values:
        for unit_b, vb, tb in b.values:
            if unit != unit_b:
                continue
            close = abs(va - vb) <= max(ta, tb) + rel * max(abs(va), abs(vb))
            verdict = close or bool(verdict)
    return verdict


def same_thing(
    a: Item, b: Item, threshold: float, min_shared: int = 1, *, strict: bool = False
) -> bool:
    """Whether two items measure one thing; ``strict`` (for conflicts) ignores counted nouns.
    A measured thing's key, where either has one, decides ("deaths" is never "injuries")."""
    if a.kind != b.kind or a.rate != b.rate:
        return False
    if a.key is not None or b.key is not None:
        return a.key == b.key
    if a.parties is not None or b.parties is not None:
        return a.parties == b.parties
    wa, wb = (a.thing, b.thing) if strict else (a.words, b.words)
    if not strict and wa and wb and (wa <= wb or wb <= wa):
        return True  # one says more of the same thing: "His bond" / "set bond for Hayes"
    shared = len(wa & wb)
    enough = shared >= min_shared or (shared > 0 and wa == wb)
    return enough and jaccard(wa, wb) >= threshold
