"""Quantities: money with currency and scale, percentages, counts, and what they measure."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.models import Article, Quantity
from crosswire.stages.facts.quantities import QuantityConfig, extract_quantities, number_precision


def _one(text: str) -> list[tuple[str, float, str]]:
    found = extract_quantities(article=Article(id="a", text=text))
    return [(q.text, q.value, q.unit) for q in found]


def _all(text: str) -> list[Quantity]:
    return list(extract_quantities(article=Article(id="t", text=text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It cost $14.1 billion.", [("$14.1 billion", 14.1e9, "USD")]),
        ("Japan's $14.1B bid for U.S. Steel.", [("$14.1B", 14.1e9, "USD")]),
        ("A $68 billion deficit.", [("$68 billion", 68e9, "USD")]),
        (
            "The surplus is 8.6 trillion yen ($55 billion).",
            [("8.6 trillion yen", 8.6e12, "JPY"), ("$55 billion", 55e9, "USD")],
        ),
        ("A record 8.7 trillion yen defence budget.", [("8.7 trillion yen", 8.7e12, "JPY")]),
        ("It raised €2.5 million last year.", [("€2.5 million", 2.5e6, "EUR")]),
        ("A $140-million bid.", [("$140-million", 140e6, "USD")]),
        ("Sales fell 3.5% in March.", [("3.5%", 3.5, "%")]),
        ("Spending rose 12 percent.", [("12 percent", 12.0, "%")]),
        ("They employ nearly 1 million Americans.", [("1 million Americans", 1e6, "Americans")]),
        ("It employs more than 45,000 people.", [("45,000 people", 45000.0, "people")]),
        ("Abe resigned in 2020 and met on February 7.", []),
        ("His 24-hour visit lasted two hours.", []),
        # the emergency number and numbers that are part of a name are no quantities
        ("A 911 call came after 911 picked up; 911 people were rescued.",
         [("911 people", 911.0, "people")]),
        ("Neighbors told Channel 11 News and Fox 8 reporters that 12 people fled.",
         [("12 people", 12.0, "people")]),
        ("Some 300 people marched.", [("300 people", 300.0, "people")]),
    ],
)
def test_quantity_table(text: str, expected: list[tuple[str, float, str]]) -> None:
    got = _one(text)
    assert [(t, u) for t, _, u in got] == [(t, u) for t, _, u in expected]
    for (_, value, _), (_, want, _) in zip(got, expected, strict=True):
        assert value == pytest.approx(want)


def test_ages_of_named_people() -> None:
    from crosswire.stages.facts.quantities import AGE

    text = ("Cardell Hayes, 28, was arrested. Police said 29-year-old Cardell Hayes fired. "
            "On February 7, 2025, Smith, 34, and his wife Racquel, 33, were shot. "
            "The Lakers, 102, lost to a 4-year-old record. Held: Kevin Johnson, 24; Ann Lee, 30.")
    ages = [(q.text, q.value, q.measured) for q in _all(text) if q.unit == AGE]
    assert ages == [("28", 28.0, "age of Cardell Hayes"), ("29", 29.0, "age of Cardell Hayes"),
                    ("34", 34.0, "age of Smith"), ("33", 33.0, "age of Racquel"),
                    ("24", 24.0, "age of Kevin Johnson"), ("30", 30.0, "age of Ann Lee")]


@pytest.mark.parametrize(
    ("text", "quantity", "measured"),
    [
        ("But the U.S. had a more than $68 billion trade deficit with Japan in 2024.",
         "$68 billion", "trade deficit with Japan in 2024"),
        ("Japan\u2019s annual trade surplus with the U.S. is 8.6 trillion yen ($55 billion).",
         "$55 billion", "Japan\u2019s annual trade surplus with the U.S."),
        ("It won approval for a $14.1 billion acquisition of U.S. Steel.",
         "$14.1 billion", "acquisition of U.S. Steel"),
        ("The topic was Nippon Steel's attempt to acquire U.S. Steel for $14.1 billion.",
         "$14.1 billion", "Nippon Steel's attempt to acquire U.S. Steel"),
        ("His bond was set at $1 million.", "$1 million", "His bond"),
    ],
)
def test_measured_phrase(text: str, quantity: str, measured: str) -> None:
    found = {q.text: q for q in extract_quantities(article=Article(id="a", text=text))}
    assert found[quantity].measured == measured


def test_spans_and_sentences_are_verbatim() -> None:
    text = "First line with $5 billion.\nSecond: 40% of 1,200 workers struck."
    article = Article(id="x", text=text)
    found = extract_quantities(article=article)
    assert [q.text for q in found] == ["$5 billion", "40%", "1,200 workers"]
    for q in found:
        assert text[q.span.start : q.span.end] == q.text
        sentence = text[q.sentence.start : q.sentence.end]
        assert q.text in sentence and "\n" not in sentence


def test_config_switches_kinds_off() -> None:
    article = Article(id="a", text="It cost $5 billion, 40% more, for 300 workers.")
    cfg = QuantityConfig(money=False, counts=False)
    assert [q.unit for q in extract_quantities(article=article, config=cfg)] == ["%"]


def test_number_precision_follows_the_written_digits() -> None:
    assert number_precision("$14 billion") == pytest.approx(0.5e9)
    assert number_precision("$14.1B") == pytest.approx(0.05e9)
    assert number_precision("45,000 people") == pytest.approx(0.5)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="$%0123456789 .,abcmilonyenBK\n", max_size=80))
def test_spans_stay_inside_the_text(text: str) -> None:
    for q in extract_quantities(article=Article(id="h", text=text)):
        assert 0 <= q.span.start < q.span.end <= len(text)
        assert text[q.span.start : q.span.end] == q.text


def test_a_number_naming_a_thing_is_not_a_count() -> None:
    def counts(text: str) -> list[str]:
        return [q.text for q in extract_quantities(article=Article(id="x", text=text))]

    assert counts("All Nippon Airways flight 175 took off at 11:36am.") == []
    assert counts("Flight 175 departed Los Angeles with 230 passengers.") == ["230 passengers"]
    assert counts("The Game 7 crowd of 38,000 fans roared.") == ["38,000 fans"]
    assert counts("Article 50 was triggered by 60 lawmakers.") == ["60 lawmakers"]


def test_occurrences_scales_in_words_and_compound_nouns() -> None:
    def found(text: str) -> list[tuple[str, float, str]]:
        return [(q.text, q.value, q.unit)
                for q in extract_quantities(article=Article(id="x", text=text))]

    assert found("Ships swapped oil at sea around 30 times since October.") == [
        ("30 times", 30.0, "times")]
    assert found("He fired 12 times at the car.") == [("12 times", 12.0, "times")]
    assert found("Prices are three times higher, and 10 times the size.") == []
    assert found("Satellites saw 30 ship-to-ship transfers.") == [
        ("30 ship-to-ship", 30.0, "ship-to-ship")]
    assert found("The resolution set a 2 million-barrel cap.") == [
        ("2 million-barrel", 2e6, "barrel")]
    assert found("the arrival of about one million asylum seekers") == [
        ("one million", 1e6, "asylum")]
    assert found("It took in more than a million migrants.") == [("a million", 1e6, "migrants")]


def test_pounds_of_weight_are_not_money() -> None:
    def units(text: str) -> list[tuple[str, str]]:
        return [(q.text, q.unit) for q in extract_quantities(article=Article(id="x", text=text))]

    assert units("It can lift 140,660 pounds (63,800 kilograms).")[0] == ("140,660 pounds", "lb")
    assert units("Its engines make 5 million pounds of thrust.") == [("5 million pounds", "lb")]
    assert units("They seized 300 pounds of cocaine.") == [("300 pounds", "lb")]
    assert units("He was fined 5,000 pounds by the court.") == [("5,000 pounds", "GBP")]
