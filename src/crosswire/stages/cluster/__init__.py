"""The clustering stage: reports in, stories out.

Takes cleaned :class:`~crosswire.models.Article` records; returns
:class:`~crosswire.models.Story` records (member ids, and the off-topic
:class:`~crosswire.models.Segment` parts of members, which join the story they are about).
Config: :class:`ClusterConfig` (``[cluster]``, with :class:`Cohesion` and :class:`SettleConfig`
nested in it: ``[cluster.cohesion]``, ``[cluster.settle]``) and :class:`SegmentConfig`
(``[segment]``); :data:`DEFAULT_EMBEDDING_MODEL` is the model ``--embeddings`` picks.

Corpus-wide, in two steps any backend can run: the map :func:`cluster_map_many` (per report:
a :class:`ClusterSketch`) and an order-independent reduce, :func:`cluster_reduce` (batch) or
:func:`cluster_incremental` (in publication order, as a stream would). Off-topic parts are
found per story (:func:`find_off_topic`); :func:`place_segments` moves a report mostly about
another story there whole and joins the other segments to their story (:func:`assign_segments`).
:func:`cluster_articles` runs all of it on one machine. A long-lived stream (the store) keeps
a :class:`StreamClusterer` over a :class:`StreamState` it loads on demand, and judges the
off-topic parts of the stories a batch touched with :func:`split_off_topic`.
"""

from crosswire.stages.cluster.batch import (
    cluster_articles,
    cluster_incremental,
    cluster_reduce,
    split_off_topic,
)
from crosswire.stages.cluster.config import (
    DEFAULT_EMBEDDING_MODEL,
    ClusterConfig,
    Cohesion,
    SettleConfig,
)
from crosswire.stages.cluster.graph import story_id
from crosswire.stages.cluster.join import assign_segments, place_segments
from crosswire.stages.cluster.segments import SegmentConfig, find_off_topic
from crosswire.stages.cluster.sketch import ClusterSketch, cluster_map, cluster_map_many
from crosswire.stages.cluster.stream import StreamClusterer, StreamState, empty_state

__all__ = [
    "ClusterConfig",
    "ClusterSketch",
    "Cohesion",
    "DEFAULT_EMBEDDING_MODEL",
    "SegmentConfig",
    "SettleConfig",
    "StreamClusterer",
    "StreamState",
    "assign_segments",
    "cluster_articles",
    "cluster_incremental",
    "cluster_map",
    "cluster_map_many",
    "cluster_reduce",
    "empty_state",
    "find_off_topic",
    "place_segments",
    "split_off_topic",
    "story_id",
]
