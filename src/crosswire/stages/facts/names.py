"""Name surfaces: cleaning spaCy entity spans into name mentions, and keys to compare them.

Helpers for :mod:`crosswire.stages.facts.entities`. A spaCy span such as "Prime Minister Shigeru
Ishiba's" becomes the mention "Shigeru Ishiba" (offsets moved with it, so the mention stays
verbatim); "Masayoshi Son's SoftBank" becomes two mentions; spans crossing a line, holding a
quote mark or sitting in a title-cased headline line are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.text.normalize import fold_quotes

__all__ = ["NameSpan", "clean_name_spans", "has_stutter", "is_headline", "name_key"]

_TITLES = re.compile(
    r"^(?:(?:the|then|former|late|ex|acting|interim|incoming|outgoing|then-\w+|US|U\.S\.)\s+)*"
    r"(?:(?:Japanese|Israeli|Russian|Ukrainian|Chinese|British|French|German|American|Indian)\s+)?"
    r"(?:President|Prime Minister|PM|Vice President|Sen\.|Senator|Rep\.|Representative|Gov\."
    r"|Governor|Minister|Chancellor|Secretary|Mr\.|Mrs\.|Ms\.|Dr\.|Prof\.|King|Queen|Pope|CEO"
    r"|Chairman|Chairwoman|General|Gen\.|Ambassador|Mayor|Judge|Justice|Speaker|Premier)\s+"
)
_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_POSSESSIVE_SPLIT = re.compile(r"['\u2019]s\s+")
_TRAILING = re.compile(r"(?:['\u2019]s?|\s+[a-z][\w-]*)+$")
_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")
_STUTTER = re.compile(r"(\w{2,})\1")


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A cleaned name: offsets into the article text and whether the NER label still applies."""

    start: int
    end: int
    labelled: bool


def name_key(text: str) -> str:
    """Comparison key of a name: folded, lowercase, no dots, single spaces."""
    key = fold_quotes(text).lower().replace(".", "")
    key = re.sub(r"'s$", "", key)
    return " ".join(key.split())


def has_stutter(text: str) -> bool:
    """A doubled syllable ("Kishidida"), a common typing slip in names."""
    return _STUTTER.search(text.lower()) is not None


def is_headline(line: str) -> bool:
    """A title-cased line without final punctuation (headlines, section heads)."""
    stripped = line.strip()
    if not stripped or stripped[-1] in ".!?\"\u201d":
        return False
    long_words = [w for w in _WORD.findall(stripped) if len(w) >= 4]
    if len(long_words) < 3:
        return False
    capital = sum(1 for w in long_words if w[0].isupper())
    return capital / len(long_words) >= 0.6


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Titles, a leading 'the', possessives and trailing lowercase words taken off."""
    piece = text[start:end]
    for pattern in (_LEADING_THE, _TITLES, _LEADING_THE):
        m = pattern.match(piece)
        if m and m.end() < len(piece):
            start += m.end()
            piece = piece[m.end() :]
    m = _TRAILING.search(piece)
    if m and m.start() > 0:
        end = start + m.start()
    while end > start and text[end - 1] in " ,;:-\u2014\u2013":
        end -= 1
    return start, end


def clean_name_spans(text: str, start: int, end: int) -> list[NameSpan]:
    """The name mentions inside one NER span of ``text`` (maybe none, maybe two)."""
    piece = text[start:end]
    if "\n" in piece or any(q in piece for q in ":\"\u201c\u201d"):
        return []
    parts: list[tuple[int, int]] = []
    pos = start
    for m in _POSSESSIVE_SPLIT.finditer(piece):
        parts.append((pos, start + m.start()))
        pos = start + m.end()
    parts.append((pos, end))
    labelled = len(parts) == 1
    out: list[NameSpan] = []
    for a, b in parts:
        s, e = _trim(text, a, b)
        name = text[s:e]
        if len(name) < 2 or not (name[0].isupper() or name[0].isdigit()):
            continue
        out.append(NameSpan(s, e, labelled))
    return out
