"""Pair similarity of two reports when sentence embeddings are on (``embedding_model``).

TF-IDF cosine is reliable between articles, which share many words, and weak between
headlines and other short reports, which may tell one event in different words. So the pair
similarity mixes in the embedding cosine, by length: a pair whose shorter report has at least
``max_terms`` distinct terms keeps its TF-IDF cosine; below that the TF-IDF weight falls with
the shorter report's term count, down to ``min_lexical``. Embedding cosines at or below
``floor`` (unrelated texts of one language) count as zero and the rest are stretched back to
0..1. Candidate pairs still come from the term index; embeddings only re-score them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crosswire.stages.cluster.config import ClusterConfig

__all__ = ["DenseMix", "dense_mix", "mixed_similarity"]


@dataclass(frozen=True, slots=True)
class DenseMix:
    max_terms: int
    min_lexical: float
    floor: float


def mixed_similarity(
    *,
    lexical: float,
    a: tuple[float, ...] | None,
    b: tuple[float, ...] | None,
    terms_a: int,
    terms_b: int,
    mix: DenseMix | None,
) -> float:
    """The pair similarity of two reports (``a``, ``b``: their embeddings, if any)."""
    if mix is None or a is None or b is None:
        return lexical
    weight = min(1.0, max(mix.min_lexical, min(terms_a, terms_b) / mix.max_terms))
    if weight >= 1.0:
        return lexical
    dense = sum(x * y for x, y in zip(a, b, strict=True))
    dense = max(0.0, (dense - mix.floor) / (1.0 - mix.floor))
    return weight * lexical + (1.0 - weight) * dense


def dense_mix(config: ClusterConfig) -> DenseMix | None:
    """How embeddings enter pair similarities under ``config`` (None: they do not)."""
    if config.embedding_model is None:
        return None
    return DenseMix(
        max_terms=config.embedding_terms,
        min_lexical=config.embedding_min_lexical,
        floor=config.embedding_floor,
    )
