"""Story clustering: group reports about one real-world event, as a batch or as they arrive.

Map (:func:`cluster_map`, per report): weighted term counts -- headline and entity-like words
count more -- and the publication day. Reduce (:func:`cluster_reduce`, order-independent):
document frequencies over all sketches give TF-IDF vectors (a small pile keeps more terms per
report); candidate pairs come from an inverted index of each report's heaviest terms, and a
pair's similarity fades once the two are further apart in time than the window; groups are
merged by centroid similarity while it stays above ``ClusterConfig.threshold``, unless the two
groups are each tight and much looser together (``ClusterConfig.cohesion``: two events of one
kind). A report left alone then joins the story whose centroid is clearly closest, and so does
a group of two or three (:mod:`cluster_attach`); last, a small group that retells a larger
story nearly word for word joins it whatever its date says (:mod:`cluster.displaced`), and a
report still alone joins the story of a report with its headline (:mod:`cluster.headlines`),
all batch only.
:func:`cluster_incremental` takes reports in ``published`` order, assigns each to a story or
opens one, and merges stories that converge, using the same similarity, threshold and check.

Story ids are ``"s-"`` plus a short hash of the story's smallest member id, so a story keeps its
id while it grows.
"""

from __future__ import annotations

from collections.abc import Sequence

from crosswire.errors import UsageError
from crosswire.models import Article, Segment, Story
from crosswire.stages.cluster.attach import attach_fragments, attach_singletons, attaching
from crosswire.stages.cluster.config import ClusterConfig
from crosswire.stages.cluster.displaced import attach_displaced
from crosswire.stages.cluster.graph import Groups, candidate_edges, merge_groups, story_id
from crosswire.stages.cluster.headlines import attach_headlines
from crosswire.stages.cluster.join import place_segments
from crosswire.stages.cluster.refine import merge_centroids
from crosswire.stages.cluster.segments import SegmentConfig, find_off_topic
from crosswire.stages.cluster.sketch import ClusterSketch, cluster_map_many
from crosswire.stages.cluster.stream import StreamClusterer
from crosswire.text.vectors import idf_table, tfidf

__all__ = [
    "cluster_articles", "cluster_incremental", "cluster_reduce", "split_off_topic", "story_id",
]


def _vectors(
    *, sketches: Sequence[ClusterSketch], config: ClusterConfig
) -> list[dict[str, float]]:
    doc_freq: dict[str, int] = {}
    for sketch in sketches:
        for term, _ in sketch.counts:
            doc_freq[term] = doc_freq.get(term, 0) + 1
    idf = idf_table(doc_freq=doc_freq, n_docs=len(sketches), prior_docs=config.idf_prior_docs)
    return [
        tfidf(counts=s.counts, idf=idf, default_idf=1.0,
              max_terms=config.terms_for(len(sketches)))
        for s in sketches
    ]


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
            raise UsageError(f"two different reports share the id {sketch.id!r}")
        by_id[sketch.id] = sketch
    return [by_id[k] for k in sorted(by_id)]


def cluster_reduce(
    *, sketches: Sequence[ClusterSketch], config: ClusterConfig
) -> tuple[Story, ...]:
    """Batch clustering of all sketches; the result does not depend on their order."""
    ordered = _unique(sketches)
    vectors = _vectors(sketches=ordered, config=config)
    edges = candidate_edges(
        vectors=vectors, days=[s.day for s in ordered], config=config,
        embeddings=[s.embedding for s in ordered], sizes=[len(s.counts) for s in ordered],
    )
    groups = Groups(linkage=config.linkage, cohesion=config.cohesion)
    for i, sketch in enumerate(ordered):
        groups.add(item=i, terms=len(sketch.counts))
    for (i, j), sim in sorted(edges.items()):
        groups.link(a=i, b=j, sim=sim)
    merge_groups(groups=groups, threshold=config.threshold)
    members = [sorted(m) for m in groups.members.values()]
    if attaching(config=config):
        days = [s.day for s in ordered]
        members = attach_singletons(vectors=vectors, days=days, groups=members, config=config)
        members = attach_fragments(
            vectors=vectors, groups=members, pairs=edges.keys(), config=config
        )
    members = attach_displaced(vectors=vectors, groups=members, config=config)
    members = attach_headlines(
        headlines=[s.headline for s in ordered], days=[s.day for s in ordered],
        groups=members, config=config,
    )
    if config.refine_threshold is not None:
        members = merge_centroids(
            vectors=vectors, days=[s.day for s in ordered], groups=members, config=config
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


def split_off_topic(
    *, stories: Sequence[Story], articles: Sequence[Article], config: ClusterConfig,
    sketches: Sequence[ClusterSketch] | None = None,
) -> tuple[Story, ...]:
    """``stories`` (of ``articles``, which hold their members) with their members' off-topic
    segments, judged among these stories only and without moving a report whole (the store's
    incremental stories: only the stories a batch touched are judged again). ``sketches``:
    the members' sketches when the caller holds them (else they are made)."""
    ordered = tuple(sorted(stories, key=lambda s: s.article_ids[0]))
    if config.segments is None or not ordered:
        return ordered
    if sketches is None:
        sketches = cluster_map_many(articles=articles, config=config)
    return _with_segments(
        stories=ordered, articles=articles, sketches=sketches, config=config,
        segment_config=config.segments, move=False,
    )


def _with_segments(
    *,
    stories: tuple[Story, ...],
    articles: Sequence[Article],
    sketches: Sequence[ClusterSketch],
    config: ClusterConfig,
    segment_config: SegmentConfig,
    move: bool = True,
) -> tuple[Story, ...]:
    by_id = {a.id: a for a in articles}
    found: list[Segment] = []
    for story in stories:
        members = [by_id[i] for i in story.article_ids]
        found.extend(find_off_topic(articles=members, config=segment_config))
    if not found:
        return stories
    return place_segments(
        stories=stories, articles=by_id, sketches=sketches, segments=found, config=config,
        max_share=segment_config.max_share, move=move,
    )
