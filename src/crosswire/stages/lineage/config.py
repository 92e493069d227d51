"""Settings of the lineage stage: :class:`LineageConfig` (``[lineage]``).

Every module of the stage reads its thresholds from this one record (the decisions of
:mod:`~crosswire.stages.lineage.decide` and :mod:`~crosswire.stages.lineage.groups` too), so
nothing is copied field by field into settings objects of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from crosswire.errors import ConfigError

__all__ = ["LineageConfig"]


@dataclass(frozen=True, slots=True)
class LineageConfig:
    """Settings of the lineage stage (the same for benchmarks, tests and real runs)."""

    num_perm: int = 128
    shingle: int = 3
    seed: int = 1
    lsh_threshold: float = 0.3
    max_bucket: int = 200
    verbatim_ngram: int = 6
    min_shared_features: int = 3
    max_feature_df: int = 50
    boilerplate_df: int = 20
    min_shared_stems: int = 4
    min_verbatim: int = 8
    verbatim_min_points: int = 2
    verbatim_min_cover: float = 0.2
    contained_verbatim_share: float = 0.5  # of the shorter's n-grams: linked on that alone
    rewrite_min_points: int = 4
    rewrite_min_cover_short: float = 0.3
    rewrite_min_cover_long: float = 0.2
    copy_similarity: float = 0.9
    complete_cover: float = 0.85
    origin_tolerance: float = 0.15
    derive_cover: float = 0.5  # derived: this share of its sentences aligned with the origin
    derive_verbatim_share: float = 0.25  # ... and this share of its n-grams found there,
    paraphrase_cover: float = 0.8  # ... or this share of its sentences
    sibling_verbatim_share: float = 0.25  # siblings: share of the shorter's n-grams
    # a sentence takes part in alignment with this many ordinary-wording stems (or a fingerprint)
    min_content_stems: int = 3
    fingerprint_min_words: int = 5  # words left outside quotes for a verbatim fingerprint
    exact_similarity: float = 0.99  # an aligned sentence this similar is copied word for word
    max_sources: int = 12  # other reports whose passages are listed for a merge or a sibling
    # direction (see :mod:`~crosswire.stages.lineage.direction`)
    clock_tolerance_minutes: int = 10  # times of day closer than this do not order a pair
    text_date_sources: tuple[str, ...] = ("header",)  # dates read off the text: lower bounds
    midnight_is_date: bool = True  # a time of exactly 00:00:00, no zone, is a date alone
    contain_min_extra: int = 1  # content sentences the containing report holds beyond the other
    contain_min_share: float = 0.1  # ... and this share of its content sentences
    contain_max_extra: int = 0  # ... while the contained one holds at most this many beyond it
    headline_similarity: float = 0.8  # a sentence this like the other's headline is no extra
    garbled_min_names: int = 2  # garbled names that make a translation (and order a pair)
    garbled_similarity: float = 0.8  # a garbled name is this similar to the other's name
    repeat_reasons: tuple[str, ...] = ("repeated-paragraph",)  # cleaning's repeated paragraphs
    # merges (see :mod:`~crosswire.stages.lineage.merges`)
    merge_min_borrowed: int = 2  # extra sentences a merge takes from a report unlinked to X
    merge_borrowed_share: float = 0.5  # ... and the share of its extra they make up
    merge_source_cover: float = 0.5  # a source M holds this much of gives M fewer than X

    def __post_init__(self) -> None:
        if not 0.0 <= self.exact_similarity <= 1.0:  # NaN fails too
            raise ConfigError("exact_similarity must be within 0..1")
        if self.max_sources < 1:
            raise ConfigError("max_sources must be at least 1")
        if not 0.0 <= self.garbled_similarity <= 1.0:
            raise ConfigError("garbled_similarity must be within 0..1")
        if not 0.0 <= self.merge_borrowed_share <= 1.0:
            raise ConfigError("merge_borrowed_share must be within 0..1")
        if not 0.0 <= self.contain_min_share <= 1.0 or not 0.0 <= self.headline_similarity <= 1.0:
            raise ConfigError("contain_min_share and headline_similarity must be within 0..1")
        if not 0.0 <= self.merge_source_cover <= 1.0:
            raise ConfigError("merge_source_cover must be within 0..1")
        if min(self.clock_tolerance_minutes, self.contain_max_extra) < 0:
            raise ConfigError("clock_tolerance_minutes and contain_max_extra must be >= 0")
        if min(self.contain_min_extra, self.merge_min_borrowed, self.garbled_min_names) < 1:
            raise ConfigError(
                "contain_min_extra, merge_min_borrowed and garbled_min_names must be >= 1"
            )
