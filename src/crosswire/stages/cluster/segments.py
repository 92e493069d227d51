"""Off-topic sections: parts of a report that belong to another story.

Each article of one story is split into segments at headings (short title-case lines without a
final period, colon or comma) and, inside long stretches, at topic shifts (adjacent windows of
paragraphs that share almost no weighted vocabulary). Each segment is compared with the rest of
the story -- the other articles and the article's own other segments, weighted with document
frequencies over all segments of the story -- and flagged off-topic when it shares almost
nothing with it. The IDF is damped (``idf_power`` 0.5): inside one story the words every
section repeats are the story's own vocabulary, and an off-topic section is one that lacks
them, not one that has a few rare words of its own. Spans cover whole lines of
``Article.text``.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from crosswire.errors import ConfigError
from crosswire.models import Article, Segment, Span
from crosswire.text.sentences import SentenceSpan, paragraphs
from crosswire.text.vectors import (
    TermWeights,
    add_into,
    cosine,
    idf_table,
    normalized,
    term_counts,
    tfidf,
)

__all__ = [
    "SegmentConfig",
    "find_off_topic",
    "is_heading",
    "segment_scores",
    "segment_story_id",
    "split_segments",
]

_SMALL_WORDS = "a an the of with for and at to in on as by or nor but vs via from into over per de"
_SMALL = frozenset(_SMALL_WORDS.split())
_NOT_HEADING_END = frozenset(".:;,!")
_BULLET = ("-", "*", "\u2022", "\u2013", "\u2014", "(")


@dataclass(frozen=True, slots=True)
class SegmentConfig:
    """Settings of the off-topic split (one set for every corpus)."""

    heading_max_words: int = 16
    heading_max_chars: int = 120
    min_words: int = 40  # segments with fewer body words are never judged
    threshold: float = 0.175  # cosine with the rest of the story below which a segment is off
    # The most of a report's text the cut may take (never its lead): a report judged more
    # off-topic than this is placed as a whole instead (see cluster.join).
    max_share: float = 0.5
    idf_power: float = 0.5  # <1 lets the story's shared vocabulary count more (see below)
    shift_window: int = 3  # paragraphs each side of a candidate topic shift
    shift_threshold: float = 0.02  # window similarity below which the topic shifts
    weights: TermWeights = field(default_factory=lambda: TermWeights(headline=1.0, entity=0.5))

    def __post_init__(self) -> None:
        if not 0.0 <= self.max_share <= 1.0:  # NaN fails too
            raise ConfigError("max_share must be within 0..1")


@dataclass(frozen=True, slots=True)
class _Piece:
    article: str
    heading: str | None
    lines: tuple[SentenceSpan, ...]  # heading lines first

    @property
    def span(self) -> Span:
        return Span(self.article, self.lines[0].start, self.lines[-1].end)


def is_heading(*, line: str, config: SegmentConfig) -> bool:
    """A short title-case line without final period, colon or comma, not a bullet."""
    text = line.strip()
    if not text or len(text) > config.heading_max_chars or text[-1] in _NOT_HEADING_END:
        return False
    if text.startswith(_BULLET) or text[0].isdigit():
        return False
    tokens = text.split()
    if len(tokens) < 2 or len(tokens) > config.heading_max_words:
        return False
    content = [t for t in tokens if t[0].isalpha() and t.lower() not in _SMALL]
    if not content:
        return False
    capital = sum(1 for t in content if t[0].isupper())
    return capital / len(content) >= 0.75 and tokens[0][0].isupper()


def _heading_runs(*, article: Article, config: SegmentConfig) -> list[_Piece]:
    lines = paragraphs(article.text)
    flags = [is_heading(line=ln.text, config=config) for ln in lines]
    pieces: list[_Piece] = []
    start = 0
    for i in range(1, len(lines) + 1):
        boundary = i == len(lines) or (flags[i] and not flags[i - 1])
        if boundary and i > start:
            chunk = tuple(lines[start:i])
            heads = [ln.text for ln, f in zip(chunk, flags[start:i], strict=True) if f]
            heading = heads[-1] if heads and flags[start] else None
            pieces.append(_Piece(article.id, heading, chunk))
            start = i
    return pieces


def _body(piece: _Piece) -> list[SentenceSpan]:
    skip = 0
    if piece.heading is not None:
        while skip < len(piece.lines) - 1 and piece.lines[skip].text != piece.heading:
            skip += 1
        skip += 1
    return list(piece.lines[skip:])


def _counts(lines: Sequence[SentenceSpan], config: SegmentConfig) -> dict[str, float]:
    text = "\n".join(ln.text for ln in lines)
    return dict(term_counts(text=text, title=None, weights=config.weights))


def _shift_split(piece: _Piece, config: SegmentConfig) -> list[_Piece]:
    body = _body(piece)
    w = config.shift_window
    if len(body) < 2 * w:
        return [piece]
    head = len(piece.lines) - len(body)
    cuts: list[int] = []
    for k in range(w, len(body) - w + 1):
        left = normalized(_counts(body[k - w : k], config))
        right = normalized(_counts(body[k : k + w], config))
        if cosine(left, right) < config.shift_threshold and (not cuts or k - cuts[-1] >= w):
            cuts.append(k)
    if not cuts:
        return [piece]
    out = []
    bounds = [0, *cuts, len(body)]
    for n, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
        lines = tuple(piece.lines[: head + b]) if n == 0 else tuple(body[a:b])
        out.append(_Piece(piece.article, piece.heading if n == 0 else None, lines))
    return out


def split_segments(*, article: Article, config: SegmentConfig) -> tuple[Span, ...]:
    """Spans of the segments of one article (headings and topic shifts), whole lines."""
    return tuple(p.span for p in _pieces(article, config))


def _pieces(article: Article, config: SegmentConfig) -> list[_Piece]:
    out: list[_Piece] = []
    for piece in _heading_runs(article=article, config=config):
        out.extend(_shift_split(piece, config))
    return out


def segment_story_id(*, span: Span) -> str:
    """Id of the story a segment opens when it joins none of the known stories."""
    key = f"{span.source}:{span.start}-{span.end}".encode()
    return "s-" + hashlib.blake2b(key, digest_size=6).hexdigest()


def _story_vectors(
    pieces: dict[str, list[_Piece]], config: SegmentConfig
) -> tuple[dict[str, list[dict[str, float]]], dict[str, dict[str, float]]]:
    counts = {k: [_counts(p.lines, config) for p in units] for k, units in pieces.items()}
    doc_freq: dict[str, int] = {}
    n_units = 0
    for units in counts.values():
        for unit in units:
            n_units += 1
            for term in unit:
                doc_freq[term] = doc_freq.get(term, 0) + 1
    idf = {
        t: w**config.idf_power for t, w in idf_table(doc_freq=doc_freq, n_docs=n_units).items()
    }

    def vec(c: dict[str, float]) -> dict[str, float]:
        return tfidf(counts=c.items(), idf=idf, default_idf=1.0, max_terms=10_000)

    vectors = {k: [vec(c) for c in units] for k, units in counts.items()}
    whole: dict[str, dict[str, float]] = {}
    for k, units in counts.items():
        merged: dict[str, float] = {}
        for unit in units:
            add_into(merged, unit)
        whole[k] = vec(merged)
    return vectors, whole


_NAME_RUN = re.compile(r"[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*)+")


def _announced(*, heading: str | None, intro: str) -> bool:
    """Whether a section's heading names someone or something (two capitalised words in a
    row, "Halle Berry") that the article's opening section names too: the sections of a
    list ("Stars including Halle Berry, Nicki Minaj and Drew Barrymore ...") share little
    vocabulary with each other, but they are the article's own story."""
    if not heading:
        return False
    for run in _NAME_RUN.findall(heading):
        words = run.split()
        if any(f"{x} {y}" in intro for x, y in zip(words, words[1:], strict=False)):
            return True
    return False


def segment_scores(
    *, articles: Sequence[Article], config: SegmentConfig
) -> list[tuple[Span, str | None, float]]:
    """Every judged segment of a story: span, heading, cosine with the rest of the story."""
    ordered = sorted(articles, key=lambda a: a.id)
    pieces = {a.id: _pieces(a, config) for a in ordered}
    vectors, whole = _story_vectors(pieces, config)
    # The rest of the story for a segment is R = (T - W) + (own - p): T the sum of every
    # article's vector, W this article's, own the sum of its segments' vectors, p the
    # segment's. Its cosine with p comes from dot products with T, never a copy of T per
    # segment, so the cost stays linear in the story (3,000 near-copies took minutes).
    total: dict[str, float] = {}
    for a in ordered:
        add_into(total, whole[a.id])
    total_sq = cosine(total, total)
    out: list[tuple[Span, str | None, float]] = []
    for a in ordered:
        w = whole[a.id]
        others_sq = total_sq - 2.0 * cosine(total, w) + cosine(w, w)
        own: dict[str, float] = {}
        for v in vectors[a.id]:
            add_into(own, v)
        intro = " ".join(ln.text for ln in pieces[a.id][0].lines)
        for n, piece in enumerate(pieces[a.id]):
            if sum(len(ln.text.split()) for ln in _body(piece)) < config.min_words:
                continue
            if n > 0 and _announced(heading=piece.heading, intro=intro):
                continue  # a list item the article's opening names ("Stars including ...")
            p = vectors[a.id][n]
            d = dict(own)
            add_into(d, p, scale=-1.0)
            rest_sq = others_sq + cosine(d, d) + 2.0 * (cosine(total, d) - cosine(w, d))
            if rest_sq <= 1e-12:
                continue  # nothing else in the story to compare with
            dot = cosine(total, p) - cosine(w, p) + cosine(d, p)
            out.append((piece.span, piece.heading, dot / math.sqrt(rest_sq)))
    return out


def find_off_topic(*, articles: Sequence[Article], config: SegmentConfig) -> tuple[Segment, ...]:
    """Segments of the articles of one story that belong to another story."""
    found = [
        Segment(span=span, story=segment_story_id(span=span), off_topic=True, heading=heading)
        for span, heading, sim in segment_scores(articles=articles, config=config)
        if sim < config.threshold
    ]
    return tuple(sorted(found, key=lambda s: (s.span.source, s.span.start)))
