"""Pair similarity of two reports when sentence embeddings are on (``embedding_model``).

TF-IDF cosine is reliable between articles, which share many words, and weak between
headlines and other short reports, which may tell one event in different words. So the pair
similarity mixes in the embedding cosine, by length: a pair whose shorter report has at least
``embedding_terms`` distinct terms keeps its TF-IDF cosine; below that the TF-IDF weight falls
with the shorter report's term count, down to ``embedding_min_lexical``. Embedding cosines at or
below ``embedding_floor`` (unrelated texts of one language) count as zero and the rest are
stretched back to 0..1. Candidate pairs still come from the term index; embeddings only re-score
them. (The settings are those of :class:`~crosswire.stages.cluster.config.ClusterConfig`.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crosswire.stages.cluster.config import ClusterConfig

__all__ = ["mixed_similarity"]


def mixed_similarity(
    *,
    lexical: float,
    a: tuple[float, ...] | None,
    b: tuple[float, ...] | None,
    terms_a: int,
    terms_b: int,
    config: ClusterConfig,
) -> float:
    """The pair similarity of two reports (``a``, ``b``: their embeddings, if any); the
    lexical cosine alone while ``config.embedding_model`` is None."""
    if config.embedding_model is None or a is None or b is None:
        return lexical
    floor = config.embedding_floor
    weight = min(
        1.0, max(config.embedding_min_lexical, min(terms_a, terms_b) / config.embedding_terms)
    )
    if weight >= 1.0:
        return lexical
    dense = sum(x * y for x, y in zip(a, b, strict=True))
    dense = max(0.0, (dense - floor) / (1.0 - floor))
    return weight * lexical + (1.0 - weight) * dense
