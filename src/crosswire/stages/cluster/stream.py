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
from typing import TYPE_CHECKING

from crosswire.models import Story
from crosswire.stages.cluster.dense import mixed_similarity
from crosswire.stages.cluster.graph import Groups, story_id
from crosswire.stages.cluster.index import TermIndex
from crosswire.stages.cluster.settle import resettle
from crosswire.text.vectors import cosine, tfidf, top_terms

if TYPE_CHECKING:
    from crosswire.stages.cluster.config import ClusterConfig
    from crosswire.stages.cluster.sketch import ClusterSketch

__all__ = ["StreamClusterer"]


class StreamClusterer:
    """Stories built up one report at a time (not thread-safe; one per stream)."""

    def __init__(self, *, config: ClusterConfig) -> None:
        self.config = config
        self.adjacency: list[dict[int, float]] = []
        self.n_terms: list[int] = []
        self.groups = Groups(linkage=config.linkage, cohesion=config.cohesion)
        self.doc_freq: dict[str, int] = {}
        self.ids: list[str] = []
        self.days: list[int | None] = []
        self.counts: list[tuple[tuple[str, float], ...]] = []
        self.vectors: list[dict[str, float]] = []
        self.weighted_at: list[int] = []
        self.index = TermIndex(window_days=config.window_days, max_posting=config.max_posting)
        self.owner: list[int] = []
        self.embeddings: list[tuple[float, ...] | None] = []

    def _idf(self, term: str) -> float:
        n = len(self.ids) + self.config.idf_prior_docs
        return math.log((1 + n) / (1 + self.doc_freq.get(term, 0))) + 1.0

    def _vector(self, counts: tuple[tuple[str, float], ...]) -> dict[str, float]:
        idf = {t: self._idf(t) for t, _ in counts}
        return tfidf(counts=counts, idf=idf, default_idf=1.0, max_terms=self.config.max_terms)

    def _current(self, item: int) -> dict[str, float]:
        # re-weight a stored vector once the corpus has grown by ``incremental_refresh``
        if len(self.ids) > self.config.incremental_refresh * self.weighted_at[item]:
            self.vectors[item] = self._vector(self.counts[item])
            self.weighted_at[item] = len(self.ids)
        return self.vectors[item]

    def _candidates(self, *, keys: list[str], day: int | None) -> list[int]:
        seen: set[int] = set()
        for t in keys:
            found = self.index.candidates(term=t, day=day)
            if found is not None:
                seen.update(found)
        return sorted(seen)

    def add(self, *, sketch: ClusterSketch) -> None:
        """Take in one report: join or open a story, then merge stories that converged."""
        item = len(self.ids)
        self.ids.append(sketch.id)
        self.days.append(sketch.day)
        for t, _ in sketch.counts:
            self.doc_freq[t] = self.doc_freq.get(t, 0) + 1
        vector = self._vector(sketch.counts)
        self.counts.append(sketch.counts)
        self.vectors.append(vector)
        self.weighted_at.append(len(self.ids))
        self.owner.append(item)
        self.groups.add(item=item, terms=len(sketch.counts))
        self.n_terms.append(len(sketch.counts))
        self.embeddings.append(sketch.embedding)
        self.adjacency.append({})
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

    def stories(self) -> tuple[Story, ...]:
        out = []
        for members in self.groups.members.values():
            member_ids = tuple(sorted(self.ids[i] for i in members))
            out.append(Story(id=story_id(member_ids=member_ids), article_ids=member_ids))
        return tuple(sorted(out, key=lambda s: s.article_ids[0]))
