"""Off-topic segments join the story they are about (or open one of their own)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from crosswire.models import Article, Segment, Story
from crosswire.text.vectors import add_into, cosine, idf_table, normalized, term_counts, tfidf

if TYPE_CHECKING:
    from crosswire.stages.cluster.config import ClusterConfig
    from crosswire.stages.cluster.sketch import ClusterSketch

__all__ = ["assign_segments"]


def assign_segments(
    *,
    stories: tuple[Story, ...],
    articles: Mapping[str, Article],
    sketches: Sequence[ClusterSketch],
    segments: Sequence[Segment],
    config: ClusterConfig,
) -> tuple[Story, ...]:
    """Stories with their members' off-topic segments, each pointed at its best story."""
    doc_freq: dict[str, int] = {}
    for sketch in sketches:
        for term, _ in sketch.counts:
            doc_freq[term] = doc_freq.get(term, 0) + 1
    idf = idf_table(
        doc_freq=doc_freq, n_docs=len(sketches), prior_docs=config.idf_prior_docs
    )
    counts = {s.id: s.counts for s in sketches}
    centroids: dict[str, dict[str, float]] = {}
    owner: dict[str, str] = {}
    for story in stories:
        total: dict[str, float] = {}
        for member in story.article_ids:
            owner[member] = story.id
            vec = tfidf(counts=counts[member], idf=idf, default_idf=1.0,
                        max_terms=config.max_terms)
            add_into(total, vec)
        centroids[story.id] = normalized(total)
    by_story: dict[str, list[Segment]] = {}
    for seg in segments:
        text = articles[seg.span.source].text[seg.span.start : seg.span.end]
        seg_counts = term_counts(text=text, title=seg.heading, weights=config.weights)
        vec = tfidf(counts=seg_counts, idf=idf, default_idf=1.0, max_terms=config.max_terms)
        home = owner[seg.span.source]
        best, best_sim = seg.story, config.threshold
        for sid in sorted(centroids):
            if sid == home:
                continue
            sim = cosine(vec, centroids[sid])
            if sim >= best_sim:
                best, best_sim = sid, sim
        by_story.setdefault(home, []).append(replace(seg, story=best))
    return tuple(
        replace(s, segments=tuple(sorted(by_story.get(s.id, []),
                                         key=lambda g: (g.span.source, g.span.start))))
        for s in stories
    )
