"""Corroboration: quantity facts aligned across sources, independent origins, discrepancies."""

from __future__ import annotations

import pytest

from crosswire.models import Article
from crosswire.stages.facts import (
    Corroboration,
    CorroborationConfig,
    corroborate,
    extract_quantities,
)
from tests.stages.facts.test_dates import seed_articles

S000, S001, S002, S003, S004 = (
    "000_bc6434c99118b5b0",
    "001_f873cc57e5a5d69e",
    "002_d349797a489458ff",
    "003_21061efda853f391",
    "004_a461cf6f35ca191c",
)
GROUPS = {S000: "g1", S002: "g1", S001: "g2", S003: "g3", S004: "g3"}


def _run(articles: list[Article], groups: dict[str, str]) -> Corroboration:
    quantities = {a.id: extract_quantities(article=a) for a in articles}
    return corroborate(articles=articles, origin_groups=groups, quantities=quantities)


@pytest.fixture(scope="module")
def seeds() -> tuple[list[Article], Corroboration]:
    articles = seed_articles()
    return articles, _run(articles, GROUPS)


def test_seed_trade_deficit_fact(seeds: tuple[list[Article], Corroboration]) -> None:
    _, found = seeds
    facts = [f for f in found.facts if "$68 billion" in f.text]
    assert len(facts) == 1
    fact = facts[0]
    assert set(fact.sources) == {S000, S002}
    assert fact.independent == 1 and fact.exclusive
    assert fact.quantity is not None and fact.quantity.unit == "USD"


def test_seed_steel_deal_fact_within_rounding(seeds: tuple[list[Article], Corroboration]) -> None:
    _, found = seeds
    steel = [f for f in found.facts if f.quantity and f.quantity.value == pytest.approx(14.1e9)]
    assert len(steel) == 1
    assert set(steel[0].sources) == {S000, S001, S002}  # $14.1 billion = $14 billion = $14.1B
    assert steel[0].independent == 2 and not steel[0].exclusive


def test_seed_trade_balance_discrepancy(seeds: tuple[list[Article], Corroboration]) -> None:
    _, found = seeds
    trade = [d for d in found.discrepancies if any("68 billion" in v.text for v in d.values)]
    assert len(trade) == 1
    values = {v.text: set(v.sources) for v in trade[0].values}
    assert values == {"$68 billion": {S000, S002}, "8.6 trillion yen ($55 billion)": {S001}}
    assert "deficit" in trade[0].about and "surplus" in trade[0].about


def test_seed_spans_are_verbatim(seeds: tuple[list[Article], Corroboration]) -> None:
    articles, found = seeds
    texts = {a.id: a.text for a in articles}
    for fact in found.facts:
        assert fact.sources == tuple(s.source for s in fact.spans)
        assert any(texts[s.source][s.start : s.end] == fact.text for s in fact.spans)
        assert fact.independent == len({GROUPS[s] for s in fact.sources})
    for d in found.discrepancies:
        for v in d.values:
            for s in v.spans:
                assert texts[s.source][s.start : s.end] == v.text


def test_different_measures_are_not_merged_or_conflicting() -> None:
    a = Article(id="a", text="Exports rose to $10 billion. Imports fell to $3 billion.")
    b = Article(id="b", text="Exports rose to $10.2 billion last year.")
    found = _run([a, b], {"a": "a", "b": "b"})
    exports = [f for f in found.facts if "Exports" in f.text]
    assert len(exports) == 1 and exports[0].sources == ("a", "b") and exports[0].independent == 2
    assert found.discrepancies == ()


def test_one_figure_told_shorter_is_the_same_fact() -> None:
    a = Article(id="a", text="On Sunday, a judge set bond for Hayes at $1 million.")
    b = Article(id="b", text="His bond was set at $1 million.")
    c = Article(id="c", text="The reward was raised to $1 million by the city.")
    found = _run([a, b, c], {"a": "a", "b": "b", "c": "c"})
    bond = [f for f in found.facts if "bond" in f.text]
    assert len(bond) == 1 and bond[0].sources == ("a", "b") and bond[0].independent == 2
    assert [f.sources for f in found.facts if "reward" in f.text] == [("c",)]


def test_two_ages_of_one_person_are_a_discrepancy() -> None:
    a = Article(id="a", text="Cardell Hayes, 28, was charged with murder on Sunday.")
    b = Article(id="b", text="Police said Cardell Hayes, 29, fired several shots.")
    c = Article(id="c", text="Will Smith, 34, was a defensive end for the Saints.")
    found = _run([a, b, c], {"a": "a", "b": "b", "c": "c"})
    assert [(d.about, tuple(v.text for v in d.values)) for d in found.discrepancies] == [
        ("age of Cardell Hayes", ("28", "29"))
    ]


def test_a_sentence_is_listed_once() -> None:
    # two figures of one sentence: the second fact cites nothing the first does not
    a = Article(id="a", text="Police found 150 passports from 10 countries in the raid.")
    b = Article(id="b", text="Officers seized 150 passports in the raid on Friday.")
    found = _run([a, b], {"a": "a", "b": "b"})
    assert [f.sources for f in found.facts] == [("a", "b")]


def test_conflicting_values_are_a_discrepancy() -> None:
    a = Article(id="a", text="The company paid a $40 million settlement to regulators.")
    b = Article(id="b", text="The company paid a $25 million settlement to regulators.")
    found = _run([a, b], {"a": "a", "b": "b"})
    assert [tuple(v.text for v in d.values) for d in found.discrepancies] == [
        ("$40 million", "$25 million")
    ]
    strict = CorroborationConfig(conflict_similarity=1.01)
    quantities = {x.id: extract_quantities(article=x) for x in (a, b)}
    none = corroborate(articles=[a, b], origin_groups={}, quantities=quantities, config=strict)
    assert none.discrepancies == ()


def test_output_does_not_depend_on_input_order(
    seeds: tuple[list[Article], Corroboration],
) -> None:
    articles, found = seeds
    assert _run(articles[::-1], GROUPS) == found
