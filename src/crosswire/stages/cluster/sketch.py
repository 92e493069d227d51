"""The per-report map step of clustering: weighted term counts, publication day, headline words,
embedding."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from crosswire.models import Article
from crosswire.stages.cluster.config import ClusterConfig
from crosswire.stages.cluster.headlines import headline_words
from crosswire.text.embed import embed_texts
from crosswire.text.vectors import term_counts

__all__ = ["ClusterSketch", "cluster_map", "cluster_map_many"]


@dataclass(frozen=True, slots=True)
class ClusterSketch:
    """What the reduce step needs of one report."""

    id: str
    counts: tuple[tuple[str, float], ...]
    day: int | None = None  # proleptic ordinal of ``published``
    published: str | None = None
    embedding: tuple[float, ...] | None = None  # short reports, when embeddings are on
    headline: tuple[str, ...] = ()  # the headline's content words (see cluster.headlines)


def _day(published: str | None) -> int | None:
    if not published:
        return None
    parts = published[:10].split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2]) if len(parts) > 2 else 1
        return date(y, m, d).toordinal()
    except (ValueError, IndexError):
        return None


def cluster_map(*, article: Article, config: ClusterConfig) -> ClusterSketch:
    """The per-report step: weighted term counts, the publication day, the headline's words
    and, for a short report when ``config.embedding_model`` is set, its sentence embedding."""
    return cluster_map_many(articles=[article], config=config)[0]


def cluster_map_many(
    *, articles: Sequence[Article], config: ClusterConfig
) -> list[ClusterSketch]:
    """:func:`cluster_map` of each article, the embeddings computed in batches."""
    sketches = []
    for article in articles:
        head = _headline(article)
        counts = term_counts(text=article.text, title=head, weights=config.weights)
        sketches.append(
            ClusterSketch(
                id=article.id, counts=counts, day=_day(article.published),
                published=article.published, headline=headline_words(head),
            )
        )
    if config.embedding_model is None:
        return sketches
    short = [k for k, s in enumerate(sketches) if len(s.counts) < config.embedding_terms]
    texts = [_embedding_text(articles[k]) for k in short]
    for k, vector in zip(short, embed_texts(texts=texts, model=config.embedding_model),
                         strict=True):
        sketches[k] = replace(sketches[k], embedding=vector)
    return sketches


def _embedding_text(article: Article) -> str:
    head = _headline(article)
    text = article.text.strip()
    if head and not text.startswith(head):
        text = f"{head}\n{text}"
    return text[:2000]


def _headline(article: Article) -> str | None:
    if article.title:
        return article.title
    first = article.text.lstrip().split("\n", 1)[0].strip()
    if first and len(first.split()) <= 16 and first[-1] not in ".!?\"'\u201d":
        return first
    return None
