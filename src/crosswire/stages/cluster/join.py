"""Off-topic segments join the story they are about (or open one of their own); a report whose
body is mostly about another story moves there whole.

The off-topic split judges sections, and a section's verdict is never allowed to empty a
report: the report's lead (its first segment) is never cut, nor more than ``max_share`` of its
text (:class:`~crosswire.stages.cluster.segments.SegmentConfig`). When more than that is judged
off-topic, the report as a whole is compared with the stories: it moves to the story whose
centroid it is closest to when that is another story at least ``ClusterConfig.threshold``
close, opens a story of its own when it is not even that close to the rest of its story, and
otherwise stays whole, nothing cut (the sections disagreed with the report as a whole). A report
that is one segment (a short blurb: nothing to split) never opens a story of its own here: the
clustering already judged that very text against every story, with the whole pile's document
frequencies, and placed it; the segment test, weighted within one story, has no more evidence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from crosswire.models import Article, Segment, Story
from crosswire.stages.cluster.graph import story_id
from crosswire.text.vectors import add_into, cosine, idf_table, normalized, term_counts, tfidf

if TYPE_CHECKING:
    from crosswire.stages.cluster.config import ClusterConfig
    from crosswire.stages.cluster.sketch import ClusterSketch

__all__ = ["assign_segments", "place_segments", "settle_off_topic"]


def _idf(sketches: Sequence[ClusterSketch], config: ClusterConfig) -> dict[str, float]:
    doc_freq: dict[str, int] = {}
    for sketch in sketches:
        for term, _ in sketch.counts:
            doc_freq[term] = doc_freq.get(term, 0) + 1
    return idf_table(doc_freq=doc_freq, n_docs=len(sketches), prior_docs=config.idf_prior_docs)


def _lead_end(text: str) -> int:
    """Where a report's first line ends: a segment starting before it holds the lead."""
    stripped = len(text) - len(text.lstrip())
    end = text.find("\n", stripped)
    return len(text) if end < 0 else end


def assign_segments(
    *,
    stories: tuple[Story, ...],
    articles: Mapping[str, Article],
    sketches: Sequence[ClusterSketch],
    segments: Sequence[Segment],
    config: ClusterConfig,
) -> tuple[Story, ...]:
    """Stories with their members' off-topic segments, each pointed at its best story."""
    idf = _idf(sketches, config)
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


def _vector(counts: Sequence[tuple[str, float]], idf: Mapping[str, float],
            terms: int) -> dict[str, float]:
    return tfidf(counts=counts, idf=idf, default_idf=1.0, max_terms=terms)


def _home(
    *, article: str, stories: Sequence[Story], totals: Mapping[str, Mapping[str, float]],
    vectors: Mapping[str, dict[str, float]], config: ClusterConfig, whole: bool = False,
) -> str | None:
    """Where a report judged mostly off-topic goes: the id of another story, "" for a story of
    its own, None to stay (see the module docstring; ``whole``: the report is one segment,
    which never opens a story of its own)."""
    vector = vectors[article]
    home_sim, best, best_sim = 0.0, "", 0.0
    for story in stories:
        total = totals[story.id]
        if article in story.article_ids:  # its own story, without it
            rest = dict(total)
            add_into(rest, vector, scale=-1.0)
            home_sim = cosine(vector, normalized(rest))
            continue
        sim = cosine(vector, normalized(total))
        if sim > best_sim:  # stories come sorted: ties keep the first
            best, best_sim = story.id, sim
    if best and best_sim >= config.threshold:
        return best if best_sim > home_sim else None
    return "" if home_sim < config.threshold and not whole else None


def settle_off_topic(
    *,
    stories: tuple[Story, ...],
    articles: Mapping[str, Article],
    sketches: Sequence[ClusterSketch],
    segments: Sequence[Segment],
    config: ClusterConfig,
    max_share: float,
) -> tuple[tuple[Story, ...], tuple[Segment, ...]]:
    """The stories after moving each report whose off-topic segments would take its lead or
    more than ``max_share`` of its text, and the segments left to cut (never a lead)."""
    by_article: dict[str, list[Segment]] = {}
    for seg in segments:
        by_article.setdefault(seg.span.source, []).append(seg)
    idf = _idf(sketches, config)
    terms = config.terms_for(len(sketches))
    vectors = {s.id: _vector(s.counts, idf, terms) for s in sketches}
    totals: dict[str, dict[str, float]] = {}
    for story in stories:
        totals[story.id] = {}
        for member in story.article_ids:
            add_into(totals[story.id], vectors[member])
    moves: dict[str, str] = {}
    kept: list[Segment] = []
    for article_id, found in sorted(by_article.items()):
        text = articles[article_id].text
        cut = sum(seg.span.end - seg.span.start for seg in found)
        if cut > max_share * len(text.strip()):
            target = _home(article=article_id, stories=stories, totals=totals, vectors=vectors,
                           config=config, whole=_one_segment(text, found))
            if target is not None:
                moves[article_id] = target
            continue
        lead = _lead_end(text)
        kept.extend(seg for seg in found if seg.span.start >= lead)
    if not moves:
        return stories, tuple(kept)
    return _moved(stories, moves), tuple(kept)


def _one_segment(text: str, found: Sequence[Segment]) -> bool:
    """Whether ``found`` is one segment spanning all of the report's text."""
    if len(found) != 1:
        return False
    span = found[0].span
    lead = len(text) - len(text.lstrip())
    return span.start <= lead and span.end >= len(text.rstrip())


def _moved(stories: Sequence[Story], moves: Mapping[str, str]) -> tuple[Story, ...]:
    members: dict[str, list[str]] = {
        s.id: [a for a in s.article_ids if a not in moves] for s in stories
    }
    for article_id, target in sorted(moves.items()):
        members.setdefault(target or f"own:{article_id}", []).append(article_id)
    out = [
        Story(id=story_id(member_ids=ids), article_ids=tuple(sorted(ids)))
        for ids in members.values() if ids
    ]
    return tuple(sorted(out, key=lambda s: s.article_ids[0]))


def place_segments(
    *,
    stories: tuple[Story, ...],
    articles: Mapping[str, Article],
    sketches: Sequence[ClusterSketch],
    segments: Sequence[Segment],
    config: ClusterConfig,
    max_share: float,
    move: bool = True,
) -> tuple[Story, ...]:
    """The stories after :func:`settle_off_topic` and :func:`assign_segments`: every backend's
    last clustering step (``articles`` need only hold the reports that have segments).
    ``move=False`` (the store's incremental stories, which see only the stories a batch
    touched): a report mostly about another story stays whole where it is, nothing cut."""
    moved, kept = settle_off_topic(
        stories=stories, articles=articles, sketches=sketches, segments=segments,
        config=config, max_share=max_share,
    )
    if move:
        stories = moved
    if not kept:
        return stories
    return assign_segments(
        stories=stories, articles=articles, sketches=sketches, segments=kept, config=config
    )
