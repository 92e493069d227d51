"""Entity types checked against usage, and aliases joined by the text's evidence (invented)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from crosswire.models import Article, Entity
from crosswire.stages.facts import extract_entities
from crosswire.stages.facts.entity_types import checked_type, neighbours
from crosswire.stages.facts.linking import initials


def _type(name: str, voted: str, near: dict[str, int], texts: tuple[str, ...] = ()) -> str:
    return checked_type(name=name, voted=voted, near=Counter(near), texts=texts,
                        type_map={"FAC": "LOC"})


def test_types_follow_usage() -> None:
    assert _type("Twitter", "PERSON", {}) == "ORG"
    assert _type("Facebook Messenger", "PERSON", {}) == "PRODUCT"
    assert _type("Harvest Moon", "ORG", {"<tanker": 2}) == "PRODUCT"
    assert _type("Maplefest", "ORG", {}) == "EVENT"
    assert _type("Open Minds Media", "PERSON", {}) == "ORG"
    assert _type("Carter Hale", "WORK_OF_ART", {"<firm": 3}) == "ORG"
    assert _type("Jones", "ORG", {"<mayor": 2}) == "PERSON"
    assert _type("Shigeru Ishiba", "PERSON", {"<minister": 5, "<company": 1}) == "PERSON"
    assert _type("TradeDesk", "PERSON", {}) == "ORG"
    assert _type("Litecoin", "PERSON", {}, ("the price of litecoin fell",)) == "PRODUCT"
    assert _type("Coinview", "NORP", {}) == "ORG" and _type("Japanese", "NORP", {}) == "NORP"
    assert _type("Wembley Stadium", "FAC", {}) == "LOC"
    assert neighbours("the law firm Carter Hale said", 13, 24) == ("<firm", ">said")


def test_initials() -> None:
    assert initials("securities and exchange commission") == "sec"
    assert initials("international consortium of investigative journalists") == "icij"


def _entities(nlp: Any, *texts: str) -> tuple[Entity, ...]:
    articles = [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]
    return extract_entities(articles=articles, nlp=nlp)


def _together(entities: tuple[Entity, ...], a: str, b: str) -> bool:
    return any({a, b} <= {e.name, *e.aliases} for e in entities)


def test_aliases_joined_by_evidence(nlp: Any) -> None:
    found = _entities(
        nlp,
        "The Securities and Exchange Commission warned investors on Monday. The SEC said "
        "trading platforms must register.",
        "The Consumer Safety Bureau (CSB) opened an inquiry. Analyst Mary Quinn, also known as "
        "Dr Gloom, said prices would fall.",
        "James P. Harlan founded the group. Jim Harlan said the campaign would start soon.",
        "North Korea fired a missile, and the DPRK said more would follow.",
    )
    assert _together(found, "Securities and Exchange Commission", "SEC")
    assert _together(found, "Consumer Safety Bureau", "CSB")
    assert _together(found, "James P. Harlan", "Jim Harlan")
    assert _together(found, "North Korea", "DPRK")


def test_different_people_stay_apart(nlp: Any) -> None:
    found = _entities(
        nlp,
        "John Addo Mensah, the son of a former president, was named. John Agyekum Mensah, the "
        "former president, did not comment. John Mensah was in Accra.",
        "The UN said the UN Security Council would meet on Friday.",
    )
    assert not _together(found, "John Addo Mensah", "John Agyekum Mensah")
    assert not _together(found, "UN", "UN Security Council")


def test_spellings_and_owned_bodies_joined(nlp: Any) -> None:
    found = _entities(
        nlp,
        "The rocket lifted off from the Kennedy Space Center in Florida on Tuesday.",
        "Crowds gathered outside the Kennedy Space Centre to watch the launch.",
        "The United Nations Security Council passed a resolution. The United Nations said the "
        "Security Council would meet again, and the Security Council named four ships.",
    )
    assert _together(found, "Kennedy Space Center", "Kennedy Space Centre")
    assert _together(found, "United Nations Security Council", "Security Council")
    assert not _together(found, "United Nations", "United Nations Security Council")
