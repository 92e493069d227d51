"""Which figure a key fact's count is for, when its sentence gives several (``claim_of``)."""

from __future__ import annotations

from crosswire.models import Fact, Quantity, Span
from crosswire.render.names import claim_of


def _fact(text: str, figure: str) -> Fact:
    at = text.index(figure)
    quantity = Quantity(text=figure, value=0.0, unit="", measured="",
                        span=Span("a", at, at + len(figure)), sentence=Span("a", 0, len(text)))
    return Fact(text=text, spans=(Span("a", 0, len(text)),), sources=("a",), independent=4,
                quantity=quantity)


def test_the_figure_is_named_when_the_sentence_gives_others() -> None:
    text = "There have been at least two fatalities and 84 people have been taken to hospital."
    assert claim_of(_fact(text, "two")) == "two"


def test_no_name_for_a_lone_figure_its_conversion_or_years() -> None:
    assert claim_of(_fact("The deficit was $68 billion in 2024.", "$68 billion")) is None
    assert claim_of(_fact("The surplus is 8.6 trillion yen ($55 billion).", "8.6 trillion yen")
                    ) is None
    statement = Fact(text="It was founded in 2002 and won 3 awards.", spans=(), sources=(),
                     independent=2)
    assert claim_of(statement) is None
