"""Entities: NER mentions canonicalised across a story (surnames, titles, typos, order)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from crosswire.models import Article, Entity
from crosswire.stages.facts import EntityConfig, canonical_namer, extract_entities
from crosswire.stages.facts.linking import Group, link_groups
from tests.stages.facts.test_dates import seed_articles


@pytest.fixture(scope="module")
def seed_entities(nlp: Any) -> tuple[Entity, ...]:
    return extract_entities(articles=seed_articles(), nlp=nlp)


def _by_name(entities: tuple[Entity, ...]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("Isba", "Shigeru Ishiba"),
        ("Isab", "Shigeru Ishiba"),
        ("Ishiba", "Shigeru Ishiba"),
        ("Fumio Kishidida", "Fumio Kishida"),
        ("Abe Shinzo", "Shinzo Abe"),
        ("Abe", "Shinzo Abe"),
        ("Trump", "Donald Trump"),
        ("Biden", "Joe Biden"),
        ("U.S.", "United States"),
        ("Nippon", "Nippon Steel"),
    ],
)
def test_seed_alias_table(seed_entities: tuple[Entity, ...], alias: str, canonical: str) -> None:
    assert alias in _by_name(seed_entities)[canonical].aliases


def test_seed_entities_keep_people_and_kinds_apart(seed_entities: tuple[Entity, ...]) -> None:
    by_name = _by_name(seed_entities)
    assert "Melania Trump" in by_name and "Melania Trump" not in by_name["Donald Trump"].aliases
    assert by_name["Japan"].type == "GPE" and by_name["Japanese"].type == "NORP"
    assert "Japanese" not in by_name["Japan"].aliases
    assert by_name["Shigeru Ishiba"].type == "PERSON"  # the model tags "Ishiba" ORG: outvoted
    assert set(by_name["Shigeru Ishiba"].sources) == {a.id for a in seed_articles()}
    assert not any("Tells" in e.name or e.name == "U.S.-Japan" for e in seed_entities)


def test_seed_mentions_are_verbatim(seed_entities: tuple[Entity, ...]) -> None:
    texts = {a.id: a.text for a in seed_articles()}
    for entity in seed_entities:
        assert entity.sources == tuple(sorted({m.span.source for m in entity.mentions}))
        for m in entity.mentions:
            assert texts[m.span.source][m.span.start : m.span.end] == m.text


def test_canonical_namer(seed_entities: tuple[Entity, ...]) -> None:
    name = canonical_namer(entities=seed_entities)
    assert name("PM Ishiba") == "Shigeru Ishiba"
    assert name("Prime Minister Shigeru Ishiba") == "Shigeru Ishiba"
    assert name("Isba") == "Shigeru Ishiba"
    assert name("Ishiba\u2019s") == "Shigeru Ishiba"
    assert name("Kishida") == "Fumio Kishida"
    assert name("Melania Trump") == "Melania Trump"
    assert name("Someone Else") == "Someone Else"
    # a role of someone is not that someone: the named holder, or the phrase as it is
    assert name("Ishiba's spokesman, Yoshimasa Hayashi") == "Yoshimasa Hayashi"
    assert name("Ishiba's chief spokesman Yoshimasa Hayashi") == "Yoshimasa Hayashi"
    assert name("Ishiba’s spokesman") == "Ishiba’s spokesman"
    assert name("Ishiba's office") == "Ishiba's office"


def test_order_of_articles_does_not_matter(nlp: Any) -> None:
    arts = [
        Article(id="b", text="President Donald Trump met Prime Minister Shigeru Ishiba."),
        Article(id="a", text="Ishiba said Trump was kind. Isba told reporters he was glad."),
    ]
    forward = extract_entities(articles=arts, nlp=nlp)
    assert forward == extract_entities(articles=arts[::-1], nlp=nlp)
    assert all(e.name != "Ishiba" for e in forward)


def test_min_mentions_filters(nlp: Any) -> None:
    arts = [Article(id="a", text="Angela Merkel met Emmanuel Macron in Paris. Merkel spoke.")]
    cfg = EntityConfig(min_mentions=2)
    assert [e.name for e in extract_entities(articles=arts, nlp=nlp, config=cfg)] == [
        "Angela Merkel"
    ]


def test_a_given_name_far_commoner_than_the_full_name_is_another_entity() -> None:
    def group(key: str, n: int, label: str) -> Group:
        return Group(key=key, mentions=[object()] * n,  # type: ignore[list-item]
                     surfaces=Counter({key.title(): n}), labels=Counter({label: n}))

    groups = {g.key: g for g in (
        group("bitcoin", 12, "PRODUCT"), group("bitcoin cash", 2, "PERSON"),
        group("carstens", 6, "PERSON"), group("agustín carstens", 2, "PERSON"),
    )}
    clusters = link_groups(groups=groups, dominance=2.0, similar=lambda a, b: a == b,
                           near=lambda a, b: False, min_length=4, min_context=2)
    keys = sorted(sorted(g.key for g in c) for c in clusters)
    assert ["agustín carstens", "carstens"] in keys  # a surname joins its full name
    assert ["bitcoin"] in keys and ["bitcoin cash"] in keys
