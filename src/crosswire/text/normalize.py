"""Normalising text for matching (never for display: spans always index the original)."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold_quotes", "normalize_for_match", "normalize_whitespace"]

_QUOTES = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
        "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)
_SPACES = re.compile(r"[ \t\f\v]+")
_NON_WORD = re.compile(r"[^\w\s]+")
_ANY_SPACE = re.compile(r"\s+")


def fold_quotes(text: str) -> str:
    """Map typographic quotes, dashes and odd spaces to ASCII, one char for one char."""
    return text.translate(_QUOTES)


def normalize_whitespace(text: str) -> str:
    """Collapse runs of spaces within lines, trim lines, keep at most one blank line."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def normalize_for_match(text: str) -> str:
    """Lowercase, accent-free, punctuation-free, single-spaced: for comparing passages."""
    folded = unicodedata.normalize("NFKD", fold_quotes(text))
    if not folded.isascii():  # no ASCII character is a combining mark
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = _NON_WORD.sub(" ", folded.lower())
    return _ANY_SPACE.sub(" ", folded).strip()
