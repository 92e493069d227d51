"""Extractive multi-document summary: source sentences, each cited to every report carrying it.

Pipeline (all pure, deterministic):

1. candidates -- every sentence of every article, with offsets into ``Article.text``;
2. score -- centrality (TF-IDF cosine to a centroid in which each origin group votes once),
   support (how far the content is carried by *other* independent origins), lead position,
   length, and a penalty for fragments, headings, bullets, questions and links;
3. select -- maximal marginal relevance under a word budget (``SummaryConfig.words``),
   near-duplicates skipped;
4. order for reading -- by position in the source, then source id;
5. cite -- one span per article carrying the sentence verbatim or near-verbatim, each span
   pointing at that article's own sentence.

Nothing is rewritten: every ``SummarySentence.text`` is one source sentence verbatim.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from crosswire.errors import ConfigError
from crosswire.models import Article, Span, SummarySentence
from crosswire.stages.summarize.features import (
    Candidate,
    candidates,
    centroid_scores,
    dangling,
    shape_factor,
    support_scores,
    tfidf_matrix,
)

__all__ = ["ScoredSentence", "SummaryConfig", "score_sentences", "summarize"]


@dataclass(frozen=True, slots=True)
class SummaryConfig:
    """Settings of the summary; ``words`` is the budget (whitespace words, never exceeded)."""

    words: int = 120
    centrality_weight: float = 1.0
    support_weight: float = 1.0
    position_weight: float = 1.0
    position_decay: float = 8.0  # sentences: lead bonus falls to 1/e after this many
    length_target: int = 20  # words: shorter sentences are scaled down proportionally
    min_words: int = 6
    max_words: int = 80
    shape_penalty: float = 0.3
    dangling_penalty: float = 0.8  # for sentences that lean on the previous one ("He ...")
    quote_part_penalty: float = 0.0  # for a sentence of a quote that runs over several
    support_floor: float = 0.2  # similarity below which another origin does not count
    redundancy: float = 0.3  # MMR: weight of the similarity to already chosen sentences
    novelty: float = 1.0  # exponent on the share of a sentence's terms not yet covered
    duplicate_similarity: float = 0.45  # never choose a sentence this close to a chosen one
    carrier_ratio: float = 85.0  # rapidfuzz ratio (0-100) for a near-verbatim carrier
    carrier_prefilter: float = 0.5  # TF-IDF cosine a carrier must reach before fuzzy matching
    # in a brief: reports published this many days or more before the story's event date
    # (previews, an earlier turn of the story) are left out of its summary; None keeps them
    before_event_days: int | None = 3

    def __post_init__(self) -> None:
        if self.words < 1:
            raise ConfigError(f"SummaryConfig.words must be at least 1, got {self.words}")
        if not 0.0 <= self.duplicate_similarity <= 1.0:
            raise ConfigError("SummaryConfig.duplicate_similarity must be within [0, 1]")


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    """A candidate sentence and its score parts (for inspection and tuning)."""

    article: str
    start: int
    end: int
    text: str
    score: float
    centrality: float
    support: float
    position: float


def _normalised(values: np.ndarray) -> np.ndarray:
    top = float(values.max()) if values.size else 0.0
    return values / top if top > 0.0 else np.zeros_like(values)


def _eligible_rank(*, cands: Sequence[Candidate], shape: np.ndarray) -> np.ndarray:
    """Position of each sentence among its article's usable sentences (junk not counted)."""
    seen: dict[str, int] = {}
    rank = np.zeros(len(cands))
    for row, cand in enumerate(cands):
        rank[row] = seen.get(cand.article, 0)
        if shape[row] > 0.0:
            seen[cand.article] = int(rank[row]) + 1
    return rank


def _scores(
    *,
    cands: Sequence[Candidate],
    sims: np.ndarray,
    matrix: np.ndarray,
    origin_groups: Mapping[str, str],
    config: SummaryConfig,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    central = _normalised(
        centroid_scores(cands=cands, matrix=matrix, origin_groups=origin_groups)
    )
    support = support_scores(
        cands=cands, sims=sims, origin_groups=origin_groups, floor=config.support_floor
    )
    shape = np.array(
        [
            shape_factor(
                cand=c,
                min_words=config.min_words,
                max_words=config.max_words,
                penalty=config.shape_penalty,
            )
            * min(1.0, c.words / config.length_target)
            * (config.dangling_penalty if dangling(c.text) else 1.0)
            * (config.quote_part_penalty if c.quote_part else 1.0)
            for c in cands
        ]
    )
    position = np.exp(-_eligible_rank(cands=cands, shape=shape) / config.position_decay)
    total = (
        config.centrality_weight * central
        + config.support_weight * support
        + config.position_weight * position
    ) * shape
    return total, central, support, position


@dataclass(frozen=True, slots=True)
class _Scored:
    cands: Sequence[Candidate]
    sims: np.ndarray
    total: np.ndarray
    central: np.ndarray
    support: np.ndarray
    position: np.ndarray


def _score_all(
    *, articles: Sequence[Article], origin_groups: Mapping[str, str], config: SummaryConfig,
    exclude: Sequence[Span],
) -> _Scored | None:
    """Every candidate sentence with its pair similarities and scores (None: no candidate)."""
    cands = candidates(articles=articles, exclude=exclude)
    if not cands:
        return None
    matrix = tfidf_matrix(cands=cands)
    sims = matrix @ matrix.T
    total, central, support, position = _scores(
        cands=cands, sims=sims, matrix=matrix, origin_groups=origin_groups, config=config
    )
    return _Scored(cands, sims, total, central, support, position)


def score_sentences(
    *,
    articles: Sequence[Article],
    origin_groups: Mapping[str, str],
    config: SummaryConfig | None = None,
    exclude: Sequence[Span] = (),
) -> tuple[ScoredSentence, ...]:
    """Every sentence of ``articles`` with its score, best first (ties by source id, offset)."""
    scored = _score_all(
        articles=articles, origin_groups=origin_groups, config=config or SummaryConfig(),
        exclude=exclude,
    )
    if scored is None:
        return ()
    cands, total, central, support, position = (
        scored.cands, scored.total, scored.central, scored.support, scored.position
    )
    out = [
        ScoredSentence(
            article=c.article,
            start=c.start,
            end=c.end,
            text=c.text,
            score=float(total[i]),
            centrality=float(central[i]),
            support=float(support[i]),
            position=float(position[i]),
        )
        for i, c in enumerate(cands)
    ]
    return tuple(sorted(out, key=lambda s: (-s.score, s.article, s.start)))


def _select(
    *, cands: Sequence[Candidate], sims: np.ndarray, total: np.ndarray, config: SummaryConfig
) -> list[int]:
    """Greedy MMR under the word budget; sentences that no longer fit are skipped.

    A sentence's value is its score scaled by the share of its terms not yet covered
    (to the power ``novelty``), less ``redundancy`` times its similarity to the closest
    chosen sentence.
    """
    order = sorted(range(len(cands)), key=lambda i: (-total[i], cands[i].article, cands[i].start))
    pool = [i for i in order if total[i] > 0.0 and cands[i].words <= config.words]
    terms = [frozenset(c.terms) for c in cands]
    covered: set[str] = set()
    chosen: list[int] = []
    budget = config.words
    closest = np.zeros(len(cands))
    while pool:
        best, best_value = -1, -np.inf
        for i in pool:
            fresh = len(terms[i] - covered) / max(1, len(terms[i]))
            value = total[i] * fresh**config.novelty - config.redundancy * closest[i]
            if value > best_value:
                best, best_value = i, value
        chosen.append(best)
        budget -= cands[best].words
        covered |= terms[best]
        closest = np.maximum(closest, sims[:, best])
        pool = [
            i
            for i in pool
            if i != best
            and cands[i].words <= budget
            and closest[i] < config.duplicate_similarity
            and cands[i].norm != cands[best].norm
        ]
    return chosen


def _carriers(
    *, row: int, cands: Sequence[Candidate], sims: np.ndarray, config: SummaryConfig
) -> tuple[Span, ...]:
    """One span per article carrying candidate ``row`` verbatim or near-verbatim."""
    own = cands[row]
    best: dict[str, tuple[float, int, int, int]] = {own.article: (101.0, 0, own.start, own.end)}
    for j in np.flatnonzero(sims[row] >= config.carrier_prefilter):
        other = cands[int(j)]
        if other.article == own.article:
            continue
        ratio = 100.0 if other.norm == own.norm else fuzz.ratio(own.norm, other.norm)
        if ratio < config.carrier_ratio:
            continue
        key = (ratio, -other.start, other.start, other.end)
        if other.article not in best or key > best[other.article]:
            best[other.article] = key
    return tuple(Span(source, s, e) for source, (_, _, s, e) in sorted(best.items()))


def summarize(
    *,
    articles: Sequence[Article],
    origin_groups: Mapping[str, str],
    config: SummaryConfig | None = None,
    exclude: Sequence[Span] = (),
) -> tuple[SummarySentence, ...]:
    """The extractive summary of ``articles``, ordered for reading, every sentence cited.

    ``origin_groups`` maps article id -> origin group (articles missing from it are their
    own group). The summary holds at most ``config.words`` whitespace words. Sentences
    overlapping a span in ``exclude`` (e.g. off-topic segments) are neither chosen, cited
    nor counted.
    """
    cfg = config or SummaryConfig()
    scored = _score_all(articles=articles, origin_groups=origin_groups, config=cfg, exclude=exclude)
    if scored is None:
        return ()
    cands, sims = scored.cands, scored.sims
    chosen = _select(cands=cands, sims=sims, total=scored.total, config=cfg)
    chosen.sort(key=lambda i: (cands[i].index, cands[i].article, cands[i].start))
    out = []
    for row in chosen:
        spans = _carriers(row=row, cands=cands, sims=sims, config=cfg)
        out.append(
            SummarySentence(
                text=cands[row].text,
                spans=spans,
                sources=tuple(span.source for span in spans),
            )
        )
    return tuple(out)
