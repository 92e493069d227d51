"""Word lists kept as data files in a package's ``data/`` folder: ``<name>.txt`` (words
separated by spaces or lines, ``#`` comments) and ``<name>.json`` (an object; keys starting
with "_" are notes), read once each (:func:`functools.cache` on the pure loaders)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

__all__ = ["package_words", "package_word_map"]


def _read(package: str, filename: str) -> str:
    return resources.files(package).joinpath("data", filename).read_text(encoding="utf-8")


@cache
def package_words(package: str, name: str) -> frozenset[str]:
    """The words of ``<package>/data/<name>.txt``, lowercased."""
    text = _read(package, f"{name}.txt")
    return frozenset(
        word.lower() for line in text.splitlines() for word in line.split("#", 1)[0].split()
    )


@cache
def package_word_map(package: str, name: str) -> Mapping[str, object]:
    """The JSON object of ``<package>/data/<name>.json``, notes ("_" keys) left out."""
    data = json.loads(_read(package, f"{name}.json"))
    return MappingProxyType({k: v for k, v in data.items() if not k.startswith("_")})
