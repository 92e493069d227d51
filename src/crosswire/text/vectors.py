"""Sparse TF-IDF vectors for news: weighted term counts, IDF tables, cosine, centroids.

A sparse vector is a plain ``dict[str, float]``; term counts travel between stages as sorted
``tuple[tuple[str, float], ...]`` so that records stay frozen and comparable. Headline words and
entity-like words (capitalised inside a sentence) get extra weight, which is what tells two
similar events apart (two rehab check-ins of two different actresses). Words of every script
count; Chinese and Japanese text counts as overlapping character pairs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from crosswire.text.tokens import CJK, STOPWORDS

__all__ = [
    "TermWeights",
    "add_into",
    "cosine",
    "idf_table",
    "normalized",
    "term_counts",
    "tfidf",
    "top_terms",
]

# Chinese and Japanese are written without spaces: a run of their characters counts as its
# overlapping character pairs (the usual index terms for CJK text); any other script's words
# are words.
_TOKEN = re.compile(r"[^\W\d_]\w*(?:['\u2019.-]\w+)*|\d{4}")
_CJK_SPLIT = re.compile(f"([{CJK}]+)")
_ENDS = re.compile(r"[.!?\n]")  # a gap holding one of these starts a new sentence
_EXTRA_WORDS = (
    """also one two would could new like get got may might us mr mrs ms year years last first
    week day time people many much well even still since back make made way go going"""
)
_EXTRA_STOP = frozenset(_EXTRA_WORDS.split())


@dataclass(frozen=True, slots=True)
class TermWeights:
    """How much one occurrence counts, by where it occurs."""

    body: float = 1.0
    headline: float = 2.0
    entity: float = 1.0  # added on top of ``body`` for capitalised words inside a sentence
    name_pair: float = 0.0  # weight of a feature for two capitalised words in a row (names)


def _norm_token(token: str) -> str | None:
    low = token.lower().replace("\u2019", "'")
    if low.endswith("'s"):
        low = low[:-2]
    low = low.replace(".", "")
    if len(low) < 2 or low in STOPWORDS or low in _EXTRA_STOP:
        return None
    return low


# the same word recurs through a pile: its term is looked up, not worked out again (bounded,
# for long-lived processes)
_norm_token_cached = lru_cache(maxsize=1 << 16)(_norm_token)


def _add_cjk(counts: dict[str, float], token: str, *, weight: float) -> None:
    """A token holding Chinese or Japanese: each run of those characters counts as its
    overlapping character pairs, any other part as a word."""
    for k, part in enumerate(_CJK_SPLIT.split(token)):
        if k % 2:  # a CJK run
            for i in range(len(part) - 1):
                pair = part[i : i + 2]
                counts[pair] = counts.get(pair, 0.0) + weight
        elif part and (term := _norm_token(part)) is not None:
            counts[term] = counts.get(term, 0.0) + weight


def _add_text(
    counts: dict[str, float], text: str, *, weight: float, weights: TermWeights
) -> None:
    previous: str | None = None
    last_end = -1
    entity, name_pair = weights.entity, weights.name_pair
    ends, norm, get = _ENDS.search, _norm_token_cached, counts.get  # the hot loop of clustering
    for m in _TOKEN.finditer(text):
        initial = last_end < 0 or ends(text, last_end, m.start()) is not None
        last_end = m.end()
        if initial:
            previous = None
        token = m.group()
        if not token.isascii() and _CJK_SPLIT.search(token):
            previous = None
            _add_cjk(counts, token, weight=weight)
            continue
        term = norm(token)
        if term is None:
            previous = None
            continue
        capital = token[0].isupper()
        boost = entity if capital and not initial else 0.0
        counts[term] = get(term, 0.0) + weight + boost
        if name_pair and capital and previous is not None:
            pair = f"{previous}_{term}"
            counts[pair] = get(pair, 0.0) + name_pair
        previous = term if capital else None


def term_counts(
    *, text: str, title: str | None, weights: TermWeights
) -> tuple[tuple[str, float], ...]:
    """Weighted term counts of an article, sorted by term."""
    counts: dict[str, float] = {}
    _add_text(counts, text, weight=weights.body, weights=weights)
    if title:
        _add_text(counts, title, weight=weights.headline, weights=weights)
    return tuple(sorted(counts.items()))


def idf_table(
    *, doc_freq: Mapping[str, int], n_docs: int, prior_docs: int = 0
) -> dict[str, float]:
    """Smoothed IDF ``ln((1 + N + P) / (1 + df)) + 1``.

    ``P`` background documents that contain none of the terms keep a small corpus (five reports
    of one story) from treating the story's own vocabulary as common words.
    """
    total = 1 + n_docs + prior_docs
    return {t: math.log(total / (1 + df)) + 1.0 for t, df in doc_freq.items()}


def tfidf(
    *, counts: Iterable[tuple[str, float]], idf: Mapping[str, float], default_idf: float,
    max_terms: int,
) -> dict[str, float]:
    """Sublinear-TF x IDF, truncated to the ``max_terms`` heaviest terms, L2-normalised."""
    weighted = [(t, (1.0 + math.log(c)) * idf.get(t, default_idf)) for t, c in counts if c > 0]
    if len(weighted) > max_terms:
        weighted.sort(key=lambda tw: (-tw[1], tw[0]))
        weighted = weighted[:max_terms]
    return normalized(dict(weighted))


def normalized(vector: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    if norm == 0.0:
        return {}
    return {t: w / norm for t, w in vector.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two vectors (cosine when both are normalised)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def add_into(target: dict[str, float], vector: Mapping[str, float], *, scale: float = 1.0) -> None:
    for t, w in vector.items():
        target[t] = target.get(t, 0.0) + w * scale


def top_terms(vector: Mapping[str, float], *, k: int) -> list[str]:
    """The ``k`` heaviest terms (ties by term)."""
    return [t for t, _ in sorted(vector.items(), key=lambda tw: (-tw[1], tw[0]))[:k]]
