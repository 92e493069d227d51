"""Sentence sketches and passage alignment between two reports (used by :mod:`lineage`).

Evidence of copying is taken from *ordinary wording*: lowercase content words outside quotation
marks.  Independent reports of one event share names, numbers and the quotes they all heard, so
those count for nothing here; what a copy or a rewrite keeps is the wire writer's own wording
and the order of its points.  Two sentences "match" when they share at least
``min_shared_stems`` lowercase content stems (or are identical once quotes are dropped); the
matches of two reports are aligned in order (a monotone alignment, like a diff) and scored.
The settings are those of :class:`~crosswire.stages.lineage.config.LineageConfig`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import xxhash
from rapidfuzz import fuzz

from crosswire.stages.lineage.config import LineageConfig
from crosswire.text.normalize import fold_quotes, normalize_for_match
from crosswire.text.sentences import split_sentences
from crosswire.text.stems import prefix_stem
from crosswire.text.tokens import CJK, STOPWORDS, cjk_terms, cjk_word_count

__all__ = [
    "KeptSentences",
    "PairEvidence",
    "SentenceSketch",
    "align_pair",
    "index_sentences",
    "is_content",
    "sentence_sketches",
    "mask_quotes",
]

_QUOTED = re.compile(
    r"[\"\u201c\u201d\u201e][^\"\u201c\u201d\u201e\n]{0,600}[\"\u201c\u201d\u201e]"
)
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_CJK_RUN = re.compile(f"[{CJK}]")
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class SentenceSketch:
    """One sentence of a report: its span, ordinary-wording stems and verbatim fingerprint.

    ``stems``: sorted prefixes of the lowercase content words outside quotes; ``fingerprint``:
    hash of the sentence's normalised text without quotes (0 when fewer than
    ``fingerprint_min_words`` words remain);
    ``norm``: the normalised sentence, for similarity scores.
    """

    start: int
    end: int
    stems: tuple[str, ...]
    fingerprint: int
    norm: str


@dataclass(frozen=True, slots=True)
class PairEvidence:
    """How two reports ``a`` and ``b`` line up: aligned sentence pairs ``(i, j, similarity)``."""

    a: int
    b: int
    matches: tuple[tuple[int, int, float], ...]
    cover_a: float
    cover_b: float
    verbatim: int  # verbatim n-grams outside quotes the two share
    verbatim_share: float  # ... as a share of those of the report with fewer
    shortest: int  # content sentences of the shorter report
    # sentences of each report that match one of the other, in order or not (a paragraph
    # moved, as rewrites do, matches but cannot be aligned in order)
    matched_a: frozenset[int] = frozenset()
    matched_b: frozenset[int] = frozenset()

    @property
    def points(self) -> int:
        return len(self.matches)


def mask_quotes(*, text: str) -> str:
    """``text`` with each quoted passage blanked out (a bar, then spaces: offsets kept), since
    independent reports share quotes: reports that share only a speaker's words are not
    copies of each other. Run on a whole article, so that every sentence of a quote running
    over several is blanked, not only the ones holding a quotation mark."""
    return _QUOTED.sub(lambda m: "|" + " " * (len(m.group()) - 1), text)


def _normalise(text: str) -> str:
    """:func:`normalize_for_match`, with a fast path for ASCII text."""
    folded = fold_quotes(text)
    if not folded.isascii():
        return normalize_for_match(text)
    return _SPACES.sub(" ", _NON_WORD.sub(" ", folded.lower())).strip()


def _stems(text: str) -> tuple[str, ...]:
    out = set()
    for m in _WORD.finditer(text):
        word = m.group()
        if not word.isascii() and _CJK_RUN.search(word):
            out.update(cjk_terms(word))
            continue
        if m.start() > 0 and not word[0].islower():
            continue  # names and other capitalised words: shared by any report of the story
        word = word.lower()
        if len(word) < 3 or word in STOPWORDS or word.isdigit():
            continue
        out.add(prefix_stem(word))
    return tuple(sorted(out))


def is_content(*, sentence: SentenceSketch, config: LineageConfig) -> bool:
    """Whether ``sentence`` carries enough of a report's own wording to take part in alignment
    and count in covers: ``min_content_stems`` stems, or a verbatim fingerprint."""
    return len(sentence.stems) >= config.min_content_stems or bool(sentence.fingerprint)


def sentence_sketches(*, text: str, config: LineageConfig) -> tuple[SentenceSketch, ...]:
    """Sketches of the distinct sentences of ``text`` (a repeated sentence is kept once)."""
    out = []
    seen: set[str] = set()
    masked = mask_quotes(text=text)
    for sent in split_sentences(text):
        norm = _normalise(sent.text)
        if not norm or norm in seen:
            continue
        seen.add(norm)
        bare = masked[sent.start : sent.end]
        bare_norm = _normalise(bare)
        fingerprint = 0
        if cjk_word_count(bare_norm) >= config.fingerprint_min_words:
            fingerprint = xxhash.xxh3_64_intdigest(bare_norm.encode()) >> 1
        out.append(SentenceSketch(sent.start, sent.end, _stems(bare), fingerprint, norm))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class KeptSentences:
    """The sentences of one report that take part in alignment, indexed for fast matching."""

    keep: tuple[int, ...]  # indices into the report's sentence sketches
    postings: dict[str, tuple[int, ...]]  # stem -> positions in ``keep``
    fingerprints: dict[int, int]  # verbatim fingerprint -> first position in ``keep``
    stem_sets: tuple[frozenset[str], ...]  # stems of each kept sentence
    vocabulary: frozenset[str]  # stems of all kept sentences

    def possible_points(self, *, other: KeptSentences, min_shared: int) -> int:
        """An upper bound on the aligned sentences with ``other`` (cheap pre-check)."""
        return sum(
            1 for stems in self.stem_sets if len(stems & other.vocabulary) >= min_shared
        ) + sum(1 for fp in self.fingerprints if fp in other.fingerprints)


def index_sentences(*, sentences: tuple[SentenceSketch, ...], keep: list[int]) -> KeptSentences:
    postings: dict[str, list[int]] = {}
    fingerprints: dict[int, int] = {}
    for pos, i in enumerate(keep):
        for stem in sentences[i].stems:
            postings.setdefault(stem, []).append(pos)
        if sentences[i].fingerprint:
            fingerprints.setdefault(sentences[i].fingerprint, pos)
    stem_sets = tuple(frozenset(sentences[i].stems) for i in keep)
    return KeptSentences(
        tuple(keep),
        {k: tuple(v) for k, v in postings.items()},
        fingerprints,
        stem_sets,
        frozenset(postings),
    )


def _gains(
    sents_a: tuple[SentenceSketch, ...], a: KeptSentences, b: KeptSentences, min_shared: int
) -> dict[tuple[int, int], int]:
    """Non-zero match gains between kept sentences ``(pos in a, pos in b) -> shared stems``."""
    gains: dict[tuple[int, int], int] = {}
    for pos, i in enumerate(a.keep):
        sent = sents_a[i]
        counts: dict[int, int] = {}
        for stem in sent.stems:
            for other in b.postings.get(stem, ()):
                counts[other] = counts.get(other, 0) + 1
        for other, shared in counts.items():
            if shared >= min_shared:
                gains[(pos, other)] = shared
        same = b.fingerprints.get(sent.fingerprint) if sent.fingerprint else None
        if same is not None:
            gains[(pos, same)] = max(min_shared, len(sent.stems), gains.get((pos, same), 0))
    return gains


def _monotone_alignment(gains: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """Pairs of a maximum-gain alignment that keeps the order of both sides (like a diff),
    computed on the rows and columns that have any match."""
    if not gains:
        return []
    rows = sorted({i for i, _ in gains})
    cols = sorted({j for _, j in gains})
    n, m = len(rows), len(cols)
    matrix = np.zeros((n, m), dtype=np.int64)
    row_at = {r: k for k, r in enumerate(rows)}
    col_at = {c: k for k, c in enumerate(cols)}
    for (i, j), g in gains.items():
        matrix[row_at[i], col_at[j]] = g
    best = np.zeros((n + 1, m + 1), dtype=np.int64)
    for i in range(1, n + 1):
        g = matrix[i - 1]
        prev = best[i - 1]
        row = np.maximum(prev[1:], np.where(g > 0, prev[:-1] + g, 0))
        best[i, 1:] = np.maximum.accumulate(row)
    pairs = []
    i, j = n, m
    while i > 0 and j > 0:
        g = matrix[i - 1, j - 1]
        if g and best[i, j] == best[i - 1, j - 1] + g:
            pairs.append((rows[i - 1], cols[j - 1]))
            i, j = i - 1, j - 1
        elif best[i, j] == best[i - 1, j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def _weight(
    sentences: tuple[SentenceSketch, ...], keep: tuple[int, ...], config: LineageConfig
) -> int:
    return sum(1 for i in keep if is_content(sentence=sentences[i], config=config))


def align_pair(
    *,
    a: int,
    b: int,
    sents_a: tuple[SentenceSketch, ...],
    sents_b: tuple[SentenceSketch, ...],
    kept_a: KeptSentences,
    kept_b: KeptSentences,
    verbatim: int,
    verbatim_share: float,
    config: LineageConfig,
) -> PairEvidence:
    """Align the kept sentences of reports ``a`` and ``b``."""
    matches = []
    gains = _gains(sents_a, kept_a, kept_b, config.min_shared_stems)
    for i, j in _monotone_alignment(gains):
        ia, jb = kept_a.keep[i], kept_b.keep[j]
        sim = fuzz.ratio(sents_a[ia].norm, sents_b[jb].norm) / 100.0
        matches.append((ia, jb, round(sim, 4)))
    total_a = max(1, _weight(sents_a, kept_a.keep, config))
    total_b = max(1, _weight(sents_b, kept_b.keep, config))
    return PairEvidence(
        a=a,
        b=b,
        matches=tuple(matches),
        cover_a=min(1.0, len(matches) / total_a),
        cover_b=min(1.0, len(matches) / total_b),
        verbatim=verbatim,
        verbatim_share=verbatim_share,
        shortest=min(total_a, total_b),
        matched_a=frozenset(kept_a.keep[i] for i, _ in gains),
        matched_b=frozenset(kept_b.keep[j] for _, j in gains),
    )
