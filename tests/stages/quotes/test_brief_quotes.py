"""Which quotes a brief shows as direct: the span must open right after an opening mark."""

from __future__ import annotations

from crosswire.models import Quote, Span
from crosswire.stages.brief import is_direct_quote


def _quote(text: str, inner: str) -> tuple[Quote, dict[str, str]]:
    start = text.index(inner)
    span = Span(source="a", start=start, end=start + len(inner))
    return Quote(text=inner, speaker="Barling", spans=(span,)), {"a": text}


def test_a_quote_after_an_opening_mark_is_direct() -> None:
    for text in ('Barling said: "Tavin was not a gang member."',
                 '"Tavin was not a gang member," Barling said.',
                 "Barling said \u201cTavin was not a gang member.\u201d",
                 'He said ("Tavin was not a gang member").'):
        quote, texts = _quote(text, "Tavin was not a gang member")
        assert is_direct_quote(quote=quote, texts=texts), text


def test_a_paraphrase_after_a_closing_mark_is_not_direct() -> None:
    text = ('Barling described the woman as an "associated gang member." '
            "Gang enhancement charges were filed against her, Barling said.")
    quote, texts = _quote(text, "Gang enhancement charges were filed against her")
    assert not is_direct_quote(quote=quote, texts=texts)
    curly = text.replace('"associated gang member."', "\u201cassociated gang member.\u201d")
    quote, texts = _quote(curly, "Gang enhancement charges were filed against her")
    assert not is_direct_quote(quote=quote, texts=texts)
