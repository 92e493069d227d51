"""Parsing articles with paragraphs starting sentences (the parse the quotes stage reads)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["parse_many", "parse_paragraphs"]


def _paragraph_doc(nlp: Any, text: str) -> Any:
    doc = nlp.make_doc(text)
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text_with_ws:
            token.is_sent_start = True
    return doc


def parse_paragraphs(*, nlp: Any, text: str) -> Any:
    """Run ``nlp`` on ``text`` with every paragraph (line) starting a new sentence."""
    doc = _paragraph_doc(nlp, text)
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc


def parse_many(*, nlp: Any, texts: Sequence[str], batch_size: int = 16) -> list[Any]:
    """:func:`parse_paragraphs` of every text, run in batches (faster, same parses)."""
    return list(nlp.pipe((_paragraph_doc(nlp, t) for t in texts), batch_size=batch_size))
