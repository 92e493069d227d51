"""Sentence candidates and their features for the extractive summary.

Pure helpers for :mod:`crosswire.stages.summarize.select`: splitting articles into candidate
sentences (with offsets into ``Article.text``) and their stemmed terms, TF-IDF vectors and the
shape of a sentence (fragment, heading, bullet, question, link).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from crosswire.models import Article, Span
from crosswire.stages.quotes.marks import QuotedStretch, quoted_stretches
from crosswire.text import content_words, normalize_for_match, split_sentences
from crosswire.text.stems import stem
from crosswire.text.tokens import cjk_word_count

__all__ = [
    "Candidate",
    "candidates",
    "centroid_scores",
    "dangling",
    "shape_factor",
    "support_scores",
    "tfidf_matrix",
    "word_count",
]

_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25cf\u25aa\u2023>#|]|\d{1,2}[.)]\s)")
_LINK = re.compile(r"https?://|www\.|@\w|\.com\b|\.org\b", re.IGNORECASE)
_SEPARATOR = re.compile(r"\S\s*[/|]\s+\S|\S\s+[/|]\s*\S")
_TERMINAL = re.compile(r"[.!\"'\u201d\u2019)]\s*$")
_FIRST_WORD = re.compile(r"^\W*(\w+)")
_LEANING = frozenset(
    """he she it they this that these those his her its their him them but and also however
    still yet so meanwhile instead then thus""".split()
)
_OPEN_QUOTES = frozenset("\"'\u201c\u2018")
_CLOSE_QUOTES = frozenset("\"'\u201d\u2019")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One source sentence that may enter the summary."""

    article: str
    index: int  # position of the sentence in its article (0 = lead)
    start: int
    end: int
    text: str
    words: int
    terms: tuple[str, ...]
    norm: str  # normalize_for_match(text), for near-verbatim matching
    # Part of a quote that runs over more than one sentence (it starts inside the quote, or
    # opens it and the quote goes on): out of its article it reads as narration, unattributed.
    quote_part: bool = False


def word_count(text: str) -> int:
    """Words as the budget counts them: whitespace-separated tokens (Chinese and Japanese
    text: one word per two characters)."""
    return cjk_word_count(text)


def _excluded(*, article: str, start: int, end: int, exclude: Sequence[Span]) -> bool:
    return any(
        sp.source == article and sp.start < end and start < sp.end for sp in exclude
    )


def candidates(
    *, articles: Sequence[Article], exclude: Sequence[Span] = ()
) -> list[Candidate]:
    """Every sentence of every article, in (article id, offset) order.

    Sentences overlapping a span of ``exclude`` (off-topic segments, say) are left out.
    """
    out: list[Candidate] = []
    for article in sorted(articles, key=lambda a: a.id):
        sents = [
            s
            for s in split_sentences(article.text)
            if not _excluded(article=article.id, start=s.start, end=s.end, exclude=exclude)
        ]
        stretches = quoted_stretches(article.text)
        for index, sent in enumerate(sents):
            terms = tuple(stem(w) for w in content_words(sent.text))
            out.append(
                Candidate(
                    article=article.id,
                    index=index,
                    start=sent.start,
                    end=sent.end,
                    text=sent.text,
                    words=word_count(sent.text),
                    terms=terms,
                    norm=normalize_for_match(sent.text),
                    quote_part=_quote_part(start=sent.start, end=sent.end, stretches=stretches),
                )
            )
    return out


def _quote_part(*, start: int, end: int, stretches: Sequence[QuotedStretch]) -> bool:
    for q in stretches:
        if q.open_at >= end:
            break
        if q.start < start < q.end:
            return True  # begins inside a quote opened in an earlier sentence
        if start <= q.open_at and q.end > end:
            return True  # opens a quote that goes on after the sentence
    return False


def dangling(text: str) -> bool:
    """Whether a sentence leans on the one before it (pronoun or connective first, or a
    bare quote with no one saying it), so it reads badly out of its article."""
    stripped = text.strip()
    if stripped[:1] in _OPEN_QUOTES:
        return stripped[-1:] in _CLOSE_QUOTES
    first = _FIRST_WORD.match(stripped)
    return first is not None and first.group(1).lower() in _LEANING


def shape_factor(
    *, cand: Candidate, min_words: int, max_words: int, penalty: float
) -> float:
    """1.0 for a plain declarative sentence, ``penalty`` per oddity, 0.0 for non-sentences.

    Fragments, over-long run-ons, bullets, lines carrying links and lines ending in a colon
    are never chosen;
    questions, lines without a closing punctuation mark (headings, captions), shouting
    and slash-separated header runs are scaled down.
    """
    text = cand.text
    if cand.words < min_words or cand.words > max_words or not cand.terms:
        return 0.0
    if _BULLET.match(text) or _LINK.search(text) or text.rstrip().endswith(":"):
        return 0.0  # a line ending in a colon announces what follows ("I DARE YOU TO STALK ME:")
    factor = 1.0
    if text.rstrip().endswith("?"):
        factor *= penalty
    if not _TERMINAL.search(text):
        factor *= penalty
    if len(_SEPARATOR.findall(text)) >= 2:
        factor *= penalty
    letters = list(filter(str.isalpha, text))
    if letters and sum(map(str.isupper, letters)) > 0.5 * len(letters):
        factor *= penalty
    return factor


def tfidf_matrix(*, cands: Sequence[Candidate]) -> np.ndarray:
    """L2-normalised TF-IDF rows (sublinear tf; idf over the candidate sentences)."""
    vocab: dict[str, int] = {}
    for cand in cands:
        for term in cand.terms:
            vocab.setdefault(term, len(vocab))
    matrix = np.zeros((len(cands), max(1, len(vocab))), dtype=np.float64)
    df: Counter[str] = Counter()
    for cand in cands:
        df.update(set(cand.terms))
    n = len(cands)
    for row, cand in enumerate(cands):
        for term, count in Counter(cand.terms).items():
            idf = math.log((n + 1) / (df[term] + 1)) + 1.0
            matrix[row, vocab[term]] = (1.0 + math.log(count)) * idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0.0] = 1.0
    return matrix / norms


def _group_rows(
    *, cands: Sequence[Candidate], origin_groups: Mapping[str, str]
) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for row, cand in enumerate(cands):
        groups.setdefault(origin_groups.get(cand.article, cand.article), []).append(row)
    return groups


def centroid_scores(
    *, cands: Sequence[Candidate], matrix: np.ndarray, origin_groups: Mapping[str, str]
) -> np.ndarray:
    """Cosine of each sentence to the cluster centroid, one equal vote per origin group.

    Each origin group's centroid is the mean of its sentences, so three copies of one
    report weigh what one report weighs.
    """
    groups = _group_rows(cands=cands, origin_groups=origin_groups)
    centroid = np.zeros(matrix.shape[1])
    for name in sorted(groups):
        centroid += matrix[groups[name]].mean(axis=0)
    norm = float(np.linalg.norm(centroid))
    if norm == 0.0:
        return np.zeros(len(cands))
    scores: np.ndarray = matrix @ (centroid / norm)
    return scores


def support_scores(
    *,
    cands: Sequence[Candidate],
    sims: np.ndarray,
    origin_groups: Mapping[str, str],
    floor: float,
) -> np.ndarray:
    """How far each sentence's content is carried by *other* independent origins.

    For every other origin group, the best similarity of any of its sentences (0 below
    ``floor``); summed and divided by the number of other groups. Copies inside the
    sentence's own origin group add nothing.
    """
    groups = _group_rows(cands=cands, origin_groups=origin_groups)
    names = sorted(groups)
    if len(names) < 2:
        return np.zeros(len(cands))
    best = np.zeros((len(cands), len(names)))
    for col, name in enumerate(names):
        best[:, col] = sims[:, groups[name]].max(axis=1)
    best[best < floor] = 0.0
    own = {name: col for col, name in enumerate(names)}
    for row, cand in enumerate(cands):
        best[row, own[origin_groups.get(cand.article, cand.article)]] = 0.0
    scores: np.ndarray = best.sum(axis=1) / (len(names) - 1)
    return scores
