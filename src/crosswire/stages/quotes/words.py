"""Word lists of the quotes stage, kept as data files in ``data/`` (one word a line or several
a line, ``#`` comments) and JSON maps, read once each (:func:`functools.cache`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

__all__ = ["word_list", "word_map"]


@cache
def word_list(name: str) -> frozenset[str]:
    """The words of ``data/<name>.txt``, lowercased."""
    text = resources.files("crosswire.stages.quotes").joinpath("data", f"{name}.txt").read_text(
        encoding="utf-8"
    )
    return frozenset(
        word.lower() for line in text.splitlines() for word in line.split("#", 1)[0].split()
    )


@cache
def word_map(name: str) -> Mapping[str, object]:
    """The JSON object of ``data/<name>.json`` (keys starting with "_" left out)."""
    text = resources.files("crosswire.stages.quotes").joinpath("data", f"{name}.json").read_text(
        encoding="utf-8"
    )
    data = json.loads(text)
    return MappingProxyType({k: v for k, v in data.items() if not k.startswith("_")})
