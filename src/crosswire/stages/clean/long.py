"""Run-on sentences broken into paragraphs, so that no later step meets one of unbounded length.

A text with no sentence ends (a transcript without punctuation, a dump, a page of tags) is one
"sentence" to every step that reads sentences: facts quote it whole, the parser and the quote
finder walk it as one unit, and the cost and the size of a brief grow with it, not with the
text. Real news sentences stay far below the limit ([clean] max_sentence_chars: 99.99 % of
the sentences of the shared real-news and clustering sets are under 1,000 characters).

A sentence longer than the limit is cut into pieces of at most the limit, each made its own
paragraph (a line of the cleaned text): at the last clause break (a comma, a semicolon, a colon
or a dash, then a space; a CJK comma) in the second half of the piece, else at its last space,
else (a run with no space at all) after the limit's last character.
"""

from __future__ import annotations

import re

from crosswire.text.sentences import split_sentences

__all__ = ["split_long_sentences"]

# where a clause ends: after ", ; :" or a dash, at the space that follows; after a CJK comma
_CLAUSE_BREAK = re.compile(
    r"(?<=[,;:\u2013\u2014])\s|(?<=\s[-\u2013\u2014])\s|(?<=[\uff0c\u3001\uff1b\uff1a])"
)
_SPACE = re.compile(r"\s")


def _break_at(line: str, start: int, limit: int) -> int:
    """Where the piece of ``line`` starting at ``start`` (longer than ``limit``) ends."""
    end = start + limit
    half = start + limit // 2
    best = -1
    for m in _CLAUSE_BREAK.finditer(line, half, end + 1):
        best = m.start()
    if best > start:
        return best
    for m in _SPACE.finditer(line, start + 1, end + 1):
        best = m.start()
    return best if best > start else end


def _pieces(line: str, limit: int) -> tuple[list[str], int]:
    """The paragraphs ``line`` is cut into, and how many of its sentences were cut."""
    cuts: list[int] = []
    long = 0
    for sentence in split_sentences(line):
        pos = sentence.start
        long += sentence.end - pos > limit
        while sentence.end - pos > limit:
            pos = _break_at(line, pos, limit)
            cuts.append(pos)
            while pos < sentence.end and line[pos].isspace():
                pos += 1
    bounds = [0, *cuts, len(line)]
    pieces = (line[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False))
    return [p for p in pieces if p], long


def split_long_sentences(*, text: str, max_chars: int) -> tuple[str, int]:
    """``text`` (one paragraph a line) with every sentence over ``max_chars`` characters cut
    into paragraphs of at most ``max_chars``, and how many sentences were cut (0: the text
    as given). ``max_chars`` 0 or less cuts nothing."""
    if max_chars <= 0 or all(len(line) <= max_chars for line in text.split("\n")):
        return text, 0
    out: list[str] = []
    cut = 0
    for line in text.split("\n"):
        if len(line) <= max_chars:
            out.append(line)
            continue
        pieces, long = _pieces(line, max_chars)
        out.extend(pieces)
        cut += long
    return "\n".join(out), cut
