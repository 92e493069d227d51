"""crosswire.text.stems: the one stemmer (summary terms, facts' measured words, lineage)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crosswire.text.stems import PREFIX_LENGTH, prefix_stem, stem


def test_stem() -> None:
    assert [stem(w) for w in ("deficits", "talks", "agencies", "negotiations", "payments")] == [
        "deficit", "talk", "agency", "negoti", "payment"
    ]
    assert [stem(w) for w in ("process", "bus", "meeting", "raised")] == [
        "process", "bus", "meet", "rais"
    ]


def test_inflections_only() -> None:
    words = ("deficits", "agencies", "process", "negotiations", "meetings", "talked", "taxes")
    assert [stem(w, inflections_only=True) for w in words] == [
        "deficit", "agenci", "proces", "negotiation", "meeting", "talk", "taxe"
    ]


def test_prefix_stem() -> None:
    assert PREFIX_LENGTH == 5
    assert prefix_stem("negotiations") == prefix_stem("negotiated") == "negot"
    assert prefix_stem("tax") == "tax"


@given(st.text(alphabet="abcdeginorstyz", max_size=12), st.booleans())
def test_a_stem_is_a_prefix_or_ends_in_y(word: str, inflections_only: bool) -> None:
    out = stem(word, inflections_only=inflections_only)
    assert out == word or len(out) >= 4
    assert word.startswith(out) or (out.endswith("y") and word.startswith(out[:-1]))
