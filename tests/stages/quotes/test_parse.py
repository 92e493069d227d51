"""The quotes stage's parse: every line starts a sentence, and the doc's text is joined once."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.stages.quotes.parse import doc_text, parse_many, parse_paragraphs

TEXTS = [
    "Ann Lee said it rained.\nBob Day said it did not.\n\n\"No,\" he said. It was dry.",
    "\n\nOne line\n",
    "No break here. Two sentences.",
    "a\r\nb\n",
    "",
]


def _by_token_walk(nlp: Any, text: str) -> list[bool]:
    """Where sentences must start: each token after a token holding a line break."""
    doc = nlp.make_doc(text)
    return [k > 0 and "\n" in doc[k - 1].text_with_ws for k in range(len(doc))]


@pytest.mark.parametrize("text", TEXTS)
def test_each_token_after_a_line_break_starts_a_sentence(nlp: Any, text: str) -> None:
    doc = parse_paragraphs(nlp=nlp, text=text)
    wanted = _by_token_walk(nlp, text)
    assert [k for k, w in enumerate(wanted) if w] == [
        k for k in range(1, len(doc)) if wanted[k] and doc[k].is_sent_start
    ]
    assert doc_text(doc) == doc.text == text


def test_parse_many_parses_as_one_at_a_time(nlp: Any) -> None:
    many = parse_many(nlp=nlp, texts=TEXTS, batch_size=2)
    for doc, text in zip(many, TEXTS, strict=True):
        one = parse_paragraphs(nlp=nlp, text=text)
        assert [(t.text, t.dep_, t.head.i, t.is_sent_start, t.ent_type_) for t in doc] == [
            (t.text, t.dep_, t.head.i, t.is_sent_start, t.ent_type_) for t in one
        ]
        assert doc_text(doc) == text


def test_doc_text_of_a_doc_made_elsewhere_is_its_text(nlp: Any) -> None:
    doc = nlp("Made by calling the pipeline.")
    assert doc_text(doc) == doc.text and doc_text(doc) == doc.text
