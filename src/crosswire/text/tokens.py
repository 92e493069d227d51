"""Word tokens with offsets, content words and word shingles."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["STOPWORDS", "WordToken", "content_words", "word_shingles", "words"]

_WORD = re.compile(r"\w+(?:['\u2019.]\w+)*", re.UNICODE)

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other our
    ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    said says say told according""".split()
)


@dataclass(frozen=True, slots=True)
class WordToken:
    text: str
    start: int
    end: int


def words(text: str) -> list[WordToken]:
    """Word tokens (letters/digits, inner apostrophes and dots kept) with their offsets."""
    return [WordToken(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def content_words(text: str) -> list[str]:
    """Lowercased words that are not stopwords or single characters."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group().lower().replace("\u2019", "'")
        if len(w) > 1 and w not in STOPWORDS:
            out.append(w)
    return out


def word_shingles(tokens: list[str], *, size: int) -> list[str]:
    """Contiguous ``size``-word shingles joined by spaces (the whole list if shorter)."""
    if len(tokens) <= size:
        return [" ".join(tokens)] if tokens else []
    return [" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]
