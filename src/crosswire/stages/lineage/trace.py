"""Copy lineage: which reports copy, trim, rewrite or merge which, and which are independent.

Map (:func:`lineage_map`, per article, parallel-safe): a :class:`LineageSketch` with the text,
a one-permutation MinHash signature over word shingles, sentence sketches (ordinary-wording
stems, verbatim fingerprints), verbatim n-gram hashes outside quotes and rare-feature hashes.

Reduce (:func:`lineage_reduce`, order-independent):

1. sentences and n-grams found in ``boilerplate_df`` or more reports are ignored (site chrome);
2. candidate pairs -- never all pairs -- from LSH banding of the signatures (copies, trims,
   merges) and from an inverted index of rare features (pairs of consecutive ordinary-wording
   stems, sentence fingerprints) shared ``min_shared_features`` times (rewrites that keep
   hardly a phrase);
3. each candidate pair is aligned sentence by sentence (:mod:`lineage_align`);
4. links, merges (:mod:`lineage_merges`), direction (:mod:`lineage_direction`: publication
   times, then what the texts hold, then credits, garbling, repeats, then ids), kind and
   origin groups are decided (:mod:`lineage_decide`).

``Lineage.origin`` is the report in the set a report derives from (None for originals and
for siblings: reports that share text of an origin not in the set, each with material the
other lacks); ``origin_group`` is the smallest article id of its group (a tree of
derivations joined with its siblings, see :mod:`lineage_groups`).  ``kind`` is one of
original, copy, trim, rewrite, spin (repeated paragraphs, reworded), merge (all of one
report plus parts of another) and translation (names garbled as by machine translation); a
sibling is a copy or a rewrite of the origin that is not in the set, and its passages are
the ones it shares with its siblings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import xxhash

from crosswire.errors import UsageError
from crosswire.models import Article, Lineage
from crosswire.stages.lineage.align import (
    PairEvidence,
    SentenceSketch,
    _normalise,
    align_pair,
    index_sentences,
    is_content,
    mask_quotes,
    sentence_sketches,
)
from crosswire.stages.lineage.config import LineageConfig
from crosswire.stages.lineage.decide import ReportFacts, decide_lineage, is_linked
from crosswire.stages.lineage.evidence import published_moment
from crosswire.text.agencies import BRACKET_CREDITS, CREDIT_FORMS
from crosswire.text.minhash import (
    MinHashParams,
    bucket_pairs,
    candidate_pairs,
    lsh_params,
    shingle_hashes,
    signatures,
    word_hashes,
)
from crosswire.text.sentences import split_sentences
from crosswire.text.stems import prefix_stem

__all__ = ["LineageConfig", "LineageSketch", "lineage_map", "lineage_reduce", "trace_lineage"]

_CREDIT_HEAD = re.compile(r"\((" + "|".join(map(re.escape, BRACKET_CREDITS)) + r")\)")
_CREDIT_TAIL = re.compile(  # "agencies": a credit to agencies unnamed
    r"(?:with inputs? from|reporting by|additional reporting by)\s+(?:the\s+)?"
    r"(" + "|".join(map(re.escape, (*CREDIT_FORMS, "agencies"))) + ")",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class LineageSketch:
    """Everything the reduce step needs about one article (picklable, no reference to it)."""

    article_id: str
    text: str
    title: str  # normalised headline, "" when none
    published: str | None
    published_in_text: bool  # the date was read off the text (its dateline or head)
    credit: str | None
    signature: bytes  # uint32 MinHash values
    sentences: tuple[SentenceSketch, ...]
    repeated: int  # sentences that repeat an earlier one (cleaning's repeats included)
    ngrams: bytes  # sorted unique uint64 hashes of verbatim n-grams outside quotes
    features: bytes  # sorted unique uint64 hashes of rare-candidate features


def _credit(article: Article) -> str | None:
    if article.attribution:
        return article.attribution
    head = _CREDIT_HEAD.search(article.text[:300])
    if head:
        return head.group(1)
    tail = _CREDIT_TAIL.search(article.text[-300:])
    return tail.group(1) if tail else None


def _stem_pairs(sentences: tuple[SentenceSketch, ...], text: str) -> list[int]:
    out: list[int] = []
    for s in sentences:
        words = re.findall(r"\w+", text[s.start : s.end].lower())
        kept = [stem for w in words if (stem := prefix_stem(w)) in s.stems]
        out.extend(
            xxhash.xxh3_64_intdigest(f"{x} {y}".encode())
            for x, y in zip(kept, kept[1:], strict=False)
        )
        if s.fingerprint:
            out.extend(s.fingerprint ^ salt for salt in (1, 2, 3))
    return out


def lineage_map(*, article: Article, config: LineageConfig) -> LineageSketch:
    """The sketch of one article (pure: depends on the article and config only)."""
    params = MinHashParams(num_perm=config.num_perm, shingle=config.shingle, seed=config.seed)
    sentences = sentence_sketches(text=article.text, config=config)
    distinct = sum(1 for s in split_sentences(article.text) if _normalise(s.text))
    masked = mask_quotes(text=article.text)
    bare = "\n".join(masked[s.start : s.end] for s in sentences)
    words = word_hashes(text=bare)
    grams = np.zeros(0, dtype=np.uint64)
    if len(words) >= config.verbatim_ngram:
        grams = np.unique(shingle_hashes(words=words, size=config.verbatim_ngram))
    features = np.unique(np.array(_stem_pairs(sentences, masked), dtype=np.uint64))
    removed = sum(1 for r in article.removed if r.reason in config.repeat_reasons)
    return LineageSketch(
        article_id=article.id,
        text=article.text,
        title=_normalise(article.title or ""),
        published=article.published,
        published_in_text=article.published_source in config.text_date_sources,
        credit=_credit(article),
        signature=signatures(texts=[article.text], params=params)[0].tobytes(),
        sentences=sentences,
        repeated=max(0, distinct - len(sentences)) + removed,
        ngrams=grams.astype(np.uint64).tobytes(),
        features=features.tobytes(),
    )


def _rare_feature_pairs(sketches: Sequence[LineageSketch], config: LineageConfig) -> np.ndarray:
    arrays = [np.frombuffer(s.features, dtype=np.uint64) for s in sketches]
    if not arrays:
        return np.zeros((0, 2), dtype=np.int64)
    feats = np.concatenate(arrays)
    owner = np.repeat(np.arange(len(sketches)), [len(a) for a in arrays])
    pairs = bucket_pairs(keys=feats, max_bucket=config.max_feature_df)
    if len(pairs) == 0:
        return pairs
    a, b = owner[pairs[:, 0]], owner[pairs[:, 1]]
    codes = np.minimum(a, b) * len(sketches) + np.maximum(a, b)
    unique, counts = np.unique(codes, return_counts=True)
    keep = unique[counts >= config.min_shared_features]
    return np.stack([keep // len(sketches), keep % len(sketches)], axis=1)


def _candidates(sketches: Sequence[LineageSketch], config: LineageConfig) -> list[tuple[int, int]]:
    if len(sketches) < 2:  # no pair to find (a story of one report)
        return []
    sigs = np.stack([np.frombuffer(s.signature, dtype=np.uint32) for s in sketches])
    bands, rows = lsh_params(threshold=config.lsh_threshold, num_perm=config.num_perm)
    lsh = candidate_pairs(sigs=sigs, bands=bands, rows=rows, max_bucket=config.max_bucket)
    rare = _rare_feature_pairs(sketches, config)
    both = {(int(i), int(j)) for i, j in np.concatenate([lsh, rare])}
    return sorted(both)


def _boilerplate(
    sketches: Sequence[LineageSketch], config: LineageConfig
) -> tuple[set[int], np.ndarray]:
    counts: dict[int, int] = {}
    for s in sketches:
        for fp in {x.fingerprint for x in s.sentences if x.fingerprint}:
            counts[fp] = counts.get(fp, 0) + 1
    common = {fp for fp, c in counts.items() if c >= config.boilerplate_df}
    grams = [np.frombuffer(s.ngrams, dtype=np.uint64) for s in sketches]
    if grams:
        values, freq = np.unique(np.concatenate(grams), return_counts=True)
        common_grams = values[freq >= config.boilerplate_df]
    else:
        common_grams = np.zeros(0, dtype=np.uint64)
    return common, common_grams


def _kept(sketch: LineageSketch, common: set[int], config: LineageConfig) -> list[int]:
    """The content sentences of ``sketch`` that are not site boilerplate."""
    return [
        i
        for i, s in enumerate(sketch.sentences)
        if is_content(sentence=s, config=config) and s.fingerprint not in common
    ]


def lineage_reduce(
    *, sketches: Sequence[LineageSketch], config: LineageConfig
) -> tuple[Lineage, ...]:
    """Lineage of every sketched article, sorted by article id (input order does not matter)."""
    ordered = sorted(sketches, key=lambda s: s.article_id)
    ids = [s.article_id for s in ordered]
    if len(set(ids)) != len(ids):
        raise UsageError("lineage_reduce needs unique article ids")
    common, common_grams = _boilerplate(ordered, config)
    kept = [_kept(s, common, config) for s in ordered]
    indexed = [
        index_sentences(sentences=s.sentences, keep=k) for s, k in zip(ordered, kept, strict=True)
    ]
    grams = [
        np.setdiff1d(np.frombuffer(s.ngrams, dtype=np.uint64), common_grams, assume_unique=True)
        for s in ordered
    ]
    links: dict[tuple[int, int], PairEvidence] = {}
    need = min(config.verbatim_min_points, config.rewrite_min_points)
    for i, j in _candidates(ordered, config):
        verbatim = len(np.intersect1d(grams[i], grams[j], assume_unique=True))
        share = verbatim / max(1, min(len(grams[i]), len(grams[j])))
        shortest = min(len(indexed[i].keep), len(indexed[j].keep))
        possible = indexed[i].possible_points(other=indexed[j], min_shared=config.min_shared_stems)
        if possible < min(need, shortest) and share < config.contained_verbatim_share:
            continue
        evidence = align_pair(
            a=i,
            b=j,
            sents_a=ordered[i].sentences,
            sents_b=ordered[j].sentences,
            kept_a=indexed[i],
            kept_b=indexed[j],
            verbatim=verbatim,
            verbatim_share=share,
            config=config,
        )
        if is_linked(evidence=evidence, config=config):
            links[(i, j)] = evidence
    reports = [
        ReportFacts(
            s.article_id,
            s.text,
            s.published,
            s.credit,
            s.repeated,
            s.sentences,
            tuple(k),
            len(g),
            s.title,
            published_moment(
                s.published,
                in_text=s.published_in_text,
                midnight_is_date=config.midnight_is_date,
            ),
        )
        for s, k, g in zip(ordered, kept, grams, strict=True)
    ]
    return decide_lineage(reports=reports, links=links, config=config)


def trace_lineage(
    *, articles: Sequence[Article], config: LineageConfig | None = None
) -> tuple[Lineage, ...]:
    """Map every article, then reduce: the lineage of each article, sorted by article id."""
    cfg = config or LineageConfig()
    return lineage_reduce(
        sketches=[lineage_map(article=a, config=cfg) for a in articles], config=cfg
    )
