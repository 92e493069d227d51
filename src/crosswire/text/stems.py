"""Crude stems for matching words across reports: the one stemmer of the package.

* :func:`stem` strips one common English suffix, keeping at least four letters ("deficits"
  -> "deficit", "agencies" -> "agency"): the summary compares its sentences' terms through it,
  and the facts stage the words of what a figure measures (with ``inflections_only``).
* :func:`prefix_stem` cuts a lowercase word to its first :data:`PREFIX_LENGTH` characters
  ("negotiations", "negotiated" -> "negot"): the lineage stage compares the wording of two
  reports (content words outside quotes) through these.
"""

from __future__ import annotations

from typing import Final

__all__ = ["PREFIX_LENGTH", "prefix_stem", "stem"]

PREFIX_LENGTH: Final = 5
_SUFFIXES: Final = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ed", "es", "s")
_INFLECTIONS: Final = ("ing", "ed", "es", "s")
_MIN_STEM: Final = 4


def stem(word: str, /, *, inflections_only: bool = False) -> str:
    """``word`` without the first of its suffixes that leaves at least four letters.

    The suffixes are -ations, -ation, -ments, -ment, -ings, -ing, -ies (made "y"), -ed, -es
    and -s (not after another s: "process"). ``inflections_only`` strips -ing, -ed, -es and -s
    alone and as they are ("agencies" -> "agenci", "process" -> "proces"): the facts stage's
    measured words, whose thresholds were set with that stem (the full one changes the facts
    or the timeline of 6 of 289 stories of the evaluation data).
    """
    if inflections_only:
        for suffix in _INFLECTIONS:
            if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
                return word[: -len(suffix)]
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            if suffix == "ies":
                return word[:-3] + "y"
            if suffix == "s" and word.endswith("ss"):
                return word
            return word[: -len(suffix)]
    return word


def prefix_stem(word: str, /) -> str:
    """The first :data:`PREFIX_LENGTH` characters of ``word`` (all of a shorter word)."""
    return word[:PREFIX_LENGTH]
