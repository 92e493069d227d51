"""Parsing articles with paragraphs starting sentences (the parse the quotes stage reads)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

__all__ = ["doc_text", "parse_many", "parse_paragraphs"]

_TEXT_KEY = "crosswire.text"
_BREAK = re.compile("\n")


def doc_text(doc: Any) -> str:
    """``doc.text``, joined once: spaCy joins every token's text anew on each access (a pass
    over the whole document each time); a parse's text never changes, so the first join is
    kept in the doc's ``user_data``."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


def _paragraph_doc(nlp: Any, text: str) -> Any:
    doc = nlp.make_doc(text)
    doc.user_data[_TEXT_KEY] = text  # the tokenizer keeps every character: doc.text == text
    # the token after each token holding a line break starts a sentence (a token's trailing
    # whitespace is one space at most, so a break is in a token's own text); the tokens are
    # found from the breaks' offsets rather than by visiting every token
    from spacy.attrs import IDX  # spaCy is imported by whoever loaded ``nlp``

    starts = doc.to_array(IDX).tolist() if "\n" in text else []
    last = -1
    for m in _BREAK.finditer(text):
        k = bisect_right(starts, m.start())  # the next token after the one holding the break
        if k != last and k < len(starts):
            doc[k].is_sent_start = True
            last = k
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
