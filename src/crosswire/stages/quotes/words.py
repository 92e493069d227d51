"""Word lists of the quotes stage, kept as data files in its ``data/`` folder
(:mod:`crosswire.text.wordlists`)."""

from __future__ import annotations

from collections.abc import Mapping

from crosswire.text.wordlists import package_word_map, package_words

__all__ = ["word_list", "word_map"]

_PACKAGE = "crosswire.stages.quotes"


def word_list(name: str) -> frozenset[str]:
    """The words of ``data/<name>.txt``, lowercased."""
    return package_words(_PACKAGE, name)


def word_map(name: str) -> Mapping[str, object]:
    """The JSON object of ``data/<name>.json``."""
    return package_word_map(_PACKAGE, name)
