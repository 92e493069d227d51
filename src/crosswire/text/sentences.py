"""Sentence and paragraph splitting that keeps character offsets into the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SentenceSpan", "paragraphs", "split_sentences"]

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt st jr sr inc corp co ltd vs etc
    no jan feb mar apr jun jul aug sep sept oct nov dec pm am u.s u.k u.n e.g i.e d.c""".split()
)
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace.
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+|$)")
_OPEN_NEXT = re.compile(r"\s+[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u024f]")


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    text: str
    start: int
    end: int


def _is_abbreviation(text: str, end: int) -> bool:
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    token = text[start:end].rstrip(".").lower()
    if not token:
        return False
    if token in _ABBREVIATIONS:
        return True
    # Single capital initials ("J. Mansour") and dotted acronyms ("U.S.") are not ends.
    return len(token) == 1 and token.isalpha()


def _split_block(text: str, offset: int, block: str) -> list[SentenceSpan]:
    out: list[SentenceSpan] = []
    start = 0
    for m in _END.finditer(block):
        end = m.end()
        if block[m.start()] == "." and _is_abbreviation(block, m.start()):
            continue
        if not _OPEN_NEXT.match(block, end) and end < len(block):
            continue
        out.append(_trimmed(text, offset + start, offset + end))
        start = end
    if start < len(block):
        out.append(_trimmed(text, offset + start, offset + len(block)))
    return [s for s in out if s.text]


def _trimmed(text: str, start: int, end: int) -> SentenceSpan:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return SentenceSpan(text[start:end], start, end)


def paragraphs(text: str) -> list[SentenceSpan]:
    """Non-empty lines of ``text`` (crosswire's cleaned text keeps one paragraph a line)."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append(_trimmed(text, pos, pos + len(line)))
        pos += len(line) + 1
    return out


def split_sentences(text: str) -> list[SentenceSpan]:
    """Sentences of ``text`` with offsets; never crosses a line break."""
    out: list[SentenceSpan] = []
    for para in paragraphs(text):
        out.extend(_split_block(text, para.start, para.text))
    return out
