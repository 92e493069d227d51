"""Incremental story clustering: reports arrive one at a time.

Each report is weighted with the document frequencies seen so far, compared with the earlier
reports that share one of its heaviest terms (within the time window), and joins the story whose
centroid is closest if that similarity reaches the threshold; otherwise it opens a story. After a
join, stories that have converged (their similarity now reaches the threshold) are merged. The
similarity is the one the batch reduce uses, so both modes agree on what one story is. Then the
report's story is re-decided with the batch merge rule (:mod:`cluster_stream_settle`), which
undoes greedy joins of two events of one kind; the pair similarities are stored for that.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crosswire.models import Story
from crosswire.stages.cluster.dense import mixed_similarity
from crosswire.stages.cluster.graph import Groups, story_id
from crosswire.stages.cluster.index import TermIndex
from crosswire.stages.cluster.settle import resettle
from crosswire.stages.cluster.sketch import ClusterSketch
from crosswire.text.vectors import cosine, tfidf, top_terms

if TYPE_CHECKING:
    from crosswire.stages.cluster.config import ClusterConfig

__all__ = ["StreamClusterer", "StreamState", "empty_state"]


@dataclass(slots=True)
class StreamState:
    """Everything a stream keeps between reports, item numbers (0, 1, ... in arrival order) as
    keys. In memory by default; a store hands in maps (dict subclasses) that load their entries
    when first read and an index that reads its postings, so that taking in a report costs
    the same however many reports came before (``prefetch``: told which items a report is about
    to be compared with, so that they can be loaded together)."""

    groups: Groups
    index: TermIndex
    size: int = 0  # reports taken in so far
    ids: dict[int, str] = field(default_factory=dict)
    days: dict[int, int | None] = field(default_factory=dict)
    counts: dict[int, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    vectors: dict[int, dict[str, float]] = field(default_factory=dict)
    weighted_at: dict[int, int] = field(default_factory=dict)
    n_terms: dict[int, int] = field(default_factory=dict)
    embeddings: dict[int, tuple[float, ...] | None] = field(default_factory=dict)
    owner: dict[int, int] = field(default_factory=dict)
    adjacency: dict[int, dict[int, float]] = field(default_factory=dict)
    doc_freq: dict[str, int] = field(default_factory=dict)
    prefetch: Callable[[Sequence[int]], None] | None = None


def empty_state(*, config: ClusterConfig) -> StreamState:
    """The state of a stream that has taken in nothing yet, in memory."""
    return StreamState(
        groups=Groups(linkage=config.linkage, cohesion=config.cohesion),
        index=TermIndex(window_days=config.window_days, max_posting=config.max_posting),
    )


class StreamClusterer:
    """Stories built up one report at a time (not thread-safe; one per stream)."""

    def __init__(self, *, config: ClusterConfig, state: StreamState | None = None) -> None:
        self.config = config
        self.state = state if state is not None else empty_state(config=config)
        st = self.state
        self.adjacency = st.adjacency
        self.n_terms = st.n_terms
        self.groups = st.groups
        self.doc_freq = st.doc_freq
        self.ids = st.ids
        self.days = st.days
        self.counts = st.counts
        self.vectors = st.vectors
        self.weighted_at = st.weighted_at
        self.index = st.index
        self.owner = st.owner
        self.embeddings = st.embeddings
        self.changed: set[int] = set()  # items whose story was set since :meth:`touched`

    def _idf(self, term: str) -> float:
        n = self.state.size + self.config.idf_prior_docs
        return math.log((1 + n) / (1 + self.doc_freq.get(term, 0))) + 1.0

    def _vector(self, counts: tuple[tuple[str, float], ...]) -> dict[str, float]:
        idf = {t: self._idf(t) for t, _ in counts}
        return tfidf(counts=counts, idf=idf, default_idf=1.0, max_terms=self.config.max_terms)

    def _current(self, item: int) -> dict[str, float]:
        # re-weight a stored vector once the corpus has grown by ``incremental_refresh``
        if self.state.size > self.config.incremental_refresh * self.weighted_at[item]:
            self.vectors[item] = self._vector(self.counts[item])
            self.weighted_at[item] = self.state.size
        return self.vectors[item]

    def _candidates(self, *, keys: list[str], day: int | None) -> list[int]:
        seen: set[int] = set()
        for t in keys:
            found = self.index.candidates(term=t, day=day)
            if found is not None:
                seen.update(found)
        out = sorted(seen)
        if self.state.prefetch is not None:
            self.state.prefetch(out)
        return out

    def add(self, *, sketch: ClusterSketch) -> None:
        """Take in one report: join or open a story, then merge stories that converged."""
        item = self.state.size
        self.state.size += 1
        self.ids[item] = sketch.id
        self.days[item] = sketch.day
        for t, _ in sketch.counts:
            self.doc_freq[t] = self.doc_freq.get(t, 0) + 1
        vector = self._vector(sketch.counts)
        self.counts[item] = sketch.counts
        self.vectors[item] = vector
        self.weighted_at[item] = self.state.size
        self.owner[item] = item
        self.changed.add(item)
        self.groups.add(item=item, terms=len(sketch.counts))
        self.n_terms[item] = len(sketch.counts)
        self.embeddings[item] = sketch.embedding
        self.adjacency[item] = {}
        keys = top_terms(vector, k=self.config.index_terms)
        for j in self._candidates(keys=keys, day=sketch.day):
            sim = mixed_similarity(
                lexical=cosine(vector, self._current(j)), a=sketch.embedding,
                b=self.embeddings[j], terms_a=self.n_terms[item], terms_b=self.n_terms[j],
                config=self.config,
            )
            if sim >= self.config.edge_floor:
                self.groups.link(a=item, b=self.owner[j], sim=sim)
                self.adjacency[item][j] = sim
                self.adjacency[j][item] = sim
        for t in keys:
            self.index.add(term=t, item=item, day=sketch.day)
        self._settle(item)
        self._resettle(item)

    def _resettle(self, item: int) -> None:
        key = self.owner[item]
        size = len(self.groups.members[key])
        settle = self.config.settle
        if size < 2 * settle.min_piece or size > settle.max_items:
            return
        rule = self.groups.cohesion
        if rule is None or self.groups.terms[key] < rule.min_terms * size:
            return  # no cohesion veto applies to these reports: re-merging splits nothing
        new_keys = resettle(
            groups=self.groups, key=key, adjacency=self.adjacency, terms=self.n_terms,
            owner=self.owner, config=self.config,
        )
        if len(new_keys) > 1:
            for new in new_keys:
                self.changed.update(self.groups.members[new])
            self._settle(self.owner[item])

    def _settle(self, key: int) -> None:
        while True:
            best, best_sim = -1, self.config.threshold
            for other in sorted(self.groups.cross[key]):
                sim = self.groups.similarity(key, other)
                better = sim >= best_sim and (sim > best_sim or best < 0)
                if better and self.groups.cohesive(key, other, cross=self.groups.cross[key][other]):
                    best, best_sim = other, sim
            if best < 0:
                return
            moved = list(self.groups.members[max(key, best)])
            key = self.groups.merge(key, best)
            for member in moved:
                self.owner[member] = key
            self.changed.update(moved)

    def story(self, key: int) -> Story:
        """The story of group ``key``."""
        member_ids = tuple(sorted(self.ids[i] for i in self.groups.members[key]))
        return Story(id=story_id(member_ids=member_ids), article_ids=member_ids)

    def sketches(self, key: int) -> list[ClusterSketch]:
        """What the stream holds of the members of group ``key``, as their sketches."""
        return [
            ClusterSketch(id=self.ids[i], counts=self.counts[i], day=self.days[i],
                          embedding=self.embeddings[i])
            for i in sorted(self.groups.members[key])
        ]

    def stories(self) -> tuple[Story, ...]:
        out = [self.story(key) for key in self.groups.members]
        return tuple(sorted(out, key=lambda s: s.article_ids[0]))

    def touched(self) -> list[int]:
        """The groups whose members changed since the last call (new reports, merges, splits),
        in key order; then forgets them."""
        keys = sorted({self.owner[i] for i in self.changed})
        self.changed = set()
        return keys
