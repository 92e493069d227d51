"""Sentence and paragraph splitting that keeps character offsets into the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.text.dates import MONTHS

__all__ = ["SentenceSpan", "paragraphs", "split_sentences"]

# Month abbreviations too, but "may" (a word of its own: "... as they may.").
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt st jr sr inc corp co ltd vs etc
    no pm am u.s u.k u.n e.g i.e d.c
    det rev capt cpl pvt adm cmdr supt insp atty fr msgr hon maj brig ft mt dept assn
    sens reps""".split()
) | (MONTHS.keys() - {"may"})
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace.
# Chinese and Japanese full stops end a sentence with or without a space after them.
_END = re.compile(
    r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+|$)"
    r"|[\u3002\uff01\uff1f\uff61]+[\"'\u201d\u2019\u300d\u300f\uff09\uff02]*"
)
_CJK_ENDS = frozenset("\u3002\uff01\uff1f\uff61")
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


def _bare_no(text: str, end: int) -> bool:
    """ "no." with no number after it ("He said no. Then ...") ends a sentence; "No. 5" and
    "No. IX" do not."""
    if not _NO.search(text, max(0, end - 3), end):
        return False
    return not _NUMBER_NEXT.match(text, end + 1)


_NUMBER_NEXT = re.compile(r"\s*(?:\d|[IVXLC]+\b)")  # "No. 5", "Symphony No. IX"
_NO = re.compile(r"(?:^|(?<=[^\w.]))[Nn][Oo]$")


def _split_block(text: str, offset: int, block: str) -> list[SentenceSpan]:
    out: list[SentenceSpan] = []
    start = 0
    for m in _END.finditer(block):
        end = m.end()
        dot = block[m.start()] == "."
        if dot and _is_abbreviation(block, m.start()) and not _bare_no(block, m.start()):
            continue
        cjk = block[m.start()] in _CJK_ENDS
        if not cjk and not _OPEN_NEXT.match(block, end) and end < len(block):
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
