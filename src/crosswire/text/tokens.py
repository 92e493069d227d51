"""Word tokens with offsets, content words and word shingles."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "CJK",
    "STOPWORDS",
    "WordToken",
    "cjk_terms",
    "cjk_word_count",
    "spaced_cjk",
    "content_words",
    "word_shingles",
    "words",
]

_WORD = re.compile(r"\w+(?:['\u2019.]\w+)*", re.UNICODE)
# Chinese and Japanese characters (kana, CJK ideographs): text written without spaces, whose
# runs count as their overlapping character pairs wherever words are compared.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{CJK}]+")
_ANY_WORD = re.compile(r"[^\W_]")
_CJK_CHAR_OR_MARK = re.compile(f"([{CJK}])|[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]")

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
    """Lowercased words that are not stopwords or single characters; a run of Chinese or
    Japanese characters gives its overlapping character pairs."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group().lower().replace("\u2019", "'")
        if not w.isascii() and _CJK_RUN.search(w):
            out.extend(cjk_terms(w))
        elif len(w) > 1 and w not in STOPWORDS:
            out.append(w)
    return out


def cjk_terms(word: str) -> list[str]:
    """The terms of a word holding Chinese or Japanese characters: its other parts (two
    characters or more, not stopwords), then each overlapping pair of its CJK characters."""
    out = []
    for part in _CJK_RUN.split(word):
        if len(part) > 1 and part not in STOPWORDS:
            out.append(part)
    for m in _CJK_RUN.finditer(word):
        run = m.group()
        out.extend(run[k : k + 2] for k in range(len(run) - 1))
    return out


def spaced_cjk(text: str) -> str:
    """``text`` with each Chinese or Japanese character a word of its own (spaces around it)
    and their punctuation (。，「」…) turned into spaces, for word-level matching; other text
    is returned unchanged."""
    if text.isascii() or not _CJK_RUN.search(text):
        return text
    return _CJK_CHAR_OR_MARK.sub(lambda m: f" {m.group(1)} " if m.group(1) else " ", text)


def cjk_word_count(text: str) -> int:
    """Words in a text that may hold Chinese or Japanese: whitespace-separated tokens, a run of
    their characters counting as one word per two characters (about a Chinese word's length)."""
    count = 0
    for token in text.split():
        runs = _CJK_RUN.findall(token)
        if not runs:
            count += 1
            continue
        count += sum((len(r) + 1) // 2 for r in runs)
        count += 1 if _ANY_WORD.search(_CJK_RUN.sub(" ", token)) else 0
    return count


def word_shingles(tokens: list[str], *, size: int) -> list[str]:
    """Contiguous ``size``-word shingles joined by spaces (the whole list if shorter)."""
    if len(tokens) <= size:
        return [" ".join(tokens)] if tokens else []
    return [" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]
