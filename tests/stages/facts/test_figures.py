"""Figures across reports: measured things, qualifiers, conflicts and updates, statements."""

from __future__ import annotations

import pytest

from crosswire.models import Article
from crosswire.stages.facts import Corroboration, corroborate, extract_quantities
from crosswire.stages.facts.claims import (
    bound_of,
    is_background,
    is_rate,
    round_slack,
    thing_key,
    value_range,
)
from crosswire.stages.facts.counts import lead_counts, word_counts


def _run(*texts: str, days: tuple[str, ...] = ()) -> Corroboration:
    articles = [
        Article(id=f"r{i}", text=t, published=days[i] if days else "2016-11-10")
        for i, t in enumerate(texts)
    ]
    quantities = {a.id: extract_quantities(article=a) for a in articles}
    return corroborate(
        articles=articles, origin_groups={a.id: a.id for a in articles}, quantities=quantities
    )


def _key(sentence: str, figure: str, unit: str = "people") -> str | None:
    start = sentence.index(figure)
    thing = thing_key(sentence=sentence, start=start, end=start + len(figure), unit=unit)
    return thing.key if thing else None


@pytest.mark.parametrize(
    ("sentence", "figure", "unit", "key"),
    [
        ("Militants struck, killing at least two people and wounding 90.", "two", "people",
         "deaths"),
        ("Militants struck, killing at least two people and wounding 90.", "90", "people",
         "injuries"),
        ("There have been two fatalities so far.", "two", "fatalities", "deaths"),
        ("84 people have been taken to hospital.", "84", "people", "injuries"),
        ("At least five people have died in the crash.", "five", "people", "deaths"),
        ("The toll from the blast rose to at least six on Friday.", "six", "people", "deaths"),
        ("Germany has nearly 1,000 troops in the country.", "1,000", "troops", "troops"),
        ("They were taken to two city hospitals.", "two", "city", None),
        ("Some 30 civilians, including women and children, were killed in the raid.", "30",
         "civilians", "deaths"),
        ("At least 12 people, most of them tourists, were injured.", "12", "people",
         "injuries"),
        ("Some 30 civilians, including women and children, joined the march.", "30",
         "civilians", None),
    ],
)
def test_measured_thing_from_head_words(sentence: str, figure: str, unit: str, key: str | None
                                        ) -> None:
    assert _key(sentence, figure, unit) == key


def test_qualifiers_make_ranges() -> None:
    assert bound_of("killing at least ") == "at_least"
    assert bound_of("there were nearly ") == "near_below"
    assert bound_of("as many as ") == "below"
    assert bound_of("some ") == "about"
    assert bound_of("the ") == ""
    assert value_range(80, 0.5, "at_least") == (79.5, float("inf"))
    low, high = value_range(80, 0.5, "near_below")
    assert low <= 77 and high < 84  # "nearly 80" allows 77, not 84
    assert round_slack("30", 30) == 3 and round_slack("32", 32) == 0
    assert round_slack("140", 140) == 5  # 140 does not allow 128


def test_number_words_and_led_counts() -> None:
    found = word_counts("six civilians and two ships", not_counted=())
    assert [(v, n) for _, _, v, n in found] == [(6.0, "civilians"), (2.0, "ships")]
    assert [v for _, _, v in lead_counts("killing at least 12, wounding 90 and")] == [12.0, 90.0]
    assert lead_counts("He was killed in 2015.") == []


def test_rates_and_background() -> None:
    assert is_rate(" offshore companies per year")
    assert is_rate(" a share in cash")
    assert not is_rate(" offshore entities in the files")
    assert is_background("US air strikes last week that left 32 civilians dead")
    assert not is_background("a truck bomb killed six people on Thursday")


def test_toll_rising_over_days_is_an_update_in_time_order() -> None:
    found = _run(
        "A bomb hit the consulate on Thursday, killing at least two people.",
        "A bomb hit the consulate, killing at least six people, officials said.",
        "The toll from the consulate bombing rose to at least six on Friday.",
        days=("2016-11-10", "2016-11-11", "2016-11-11"),
    )
    deaths = [d for d in found.discrepancies if d.about == "deaths"]
    assert len(deaths) == 1
    assert deaths[0].kind == "update"
    assert [(v.text, v.published) for v in deaths[0].values] == [
        ("at least two", "2016-11-10"), ("at least six", "2016-11-11")]


def test_different_counts_at_one_time_are_a_conflict() -> None:
    found = _run(
        "Five people died when the bus crashed on the highway near the city.",
        "Seven people died when the bus crashed on the highway, police said.",
    )
    assert [(d.kind, tuple(v.text for v in d.values)) for d in found.discrepancies] == [
        ("conflict", ("Five", "Seven"))]


def test_compatible_bounds_are_not_a_conflict() -> None:
    found = _run(
        "The explosion at the market killed more than 70 people on Thursday.",
        "The explosion at the market killed 77 people on Thursday.",
        "The explosion at the market killed nearly 80 people on Thursday.",
    )
    assert found.discrepancies == ()


def test_different_measured_things_never_conflict() -> None:
    found = _run(
        "The blast killed 12 people and wounded 40 at the market.",
        "The blast killed 12 people and wounded 45 at the market on Monday.",
        "Acme offered $110 a share, a deal worth $5 billion.",
        "Acme's deal for the company is worth $3 billion in all.",
        "The firm opens about 20,000 offshore companies per year.",
        "The files cover some 214,000 offshore companies.",
    )
    about = [d.about for d in found.discrepancies]
    assert "deaths" not in about  # 12 dead everywhere; the injuries differ
    assert not any("share" in a or "offshore" in a for a in about)
    values = {v.text for d in found.discrepancies for v in d.values}
    assert "$110" not in values and "20,000 offshore" not in values


def test_a_past_event_count_is_not_the_story_toll() -> None:
    found = _run(
        "A suicide bomber hit the consulate on Thursday, killing at least six people.",
        "The Taliban said it was revenge for US air strikes last week that left 32 civilians "
        "dead.",
    )
    assert found.discrepancies == ()


def test_one_value_stated_differently_is_one_claim() -> None:
    found = _run(
        "The campaign will target 55,000 public schools in the United States.",
        "It will focus on 55,000 US schools, aiming to teach students.",
        "The center will kick off with an ad campaign at 55,000 US public schools.",
    )
    schools = [f for f in found.facts if f.quantity and f.quantity.value == 55000]
    assert len(schools) == 1 and schools[0].independent == 3


def test_times_and_years_are_corroborated_as_statements() -> None:
    found = _run(
        "ANA Flight 175 left Los Angeles at 11:36 a.m. bound for Tokyo.",
        "The flight left Los Angeles for Tokyo at 11:36am on Tuesday.",
        "The plane landed back in Los Angeles hours later.",
    )
    times = [f for f in found.facts if "11:36" in f.text]
    assert len(times) == 1 and times[0].sources == ("r0", "r1") and times[0].independent == 2


def test_one_happening_at_two_positions_is_a_conflict() -> None:
    found = _run(
        "Lewis Hamilton crashed out of the Monaco race on lap 20 after hitting the wall.",
        "Hamilton crashed into the wall on lap 21 and retired from the Monaco race.",
        "Bottas won the Monaco race after leading from lap 1 to the flag.",
    )
    assert [(d.about, tuple(v.text for v in d.values)) for d in found.discrepancies] == [
        ("lap", ("lap 20", "lap 21"))]
