"""MinHash signatures over word shingles and LSH banding, in numpy.

Words are hashed once (64-bit polynomial hashes over the UTF-8 bytes, all words of a batch in
one numpy pass; each Chinese or Japanese character is a word, see ``spaced_cjk``) and shingles
are combined from word hashes with integer arithmetic. The signature is a one-permutation
MinHash (Li, Owen & Zhang 2012): the seeded hash of each shingle picks one of ``num_perm`` bins
and the minimum per bin is kept; an empty bin takes the value of the next filled bin, offset by
the distance (rotation densification, Shrivastava & Li 2014). Work per text is linear in its
length, not in ``length * num_perm``; one seed gives the same signatures on every machine and in
every process.

LSH banding cuts a signature into ``bands`` bands of ``rows`` rows; two texts are a candidate
pair when any band is identical.  :func:`lsh_params` picks ``bands``/``rows`` for a Jaccard
threshold by minimising the weighted false-positive and false-negative areas of the S-curve.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from crosswire.errors import ConfigError
from crosswire.text.tokens import spaced_cjk

__all__ = [
    "MinHashParams",
    "bucket_pairs",
    "candidate_pairs",
    "lsh_params",
    "shingle_hashes",
    "signature",
    "signatures",
    "word_hashes",
]

_WORD = re.compile(r"\w+")
_MASK32 = np.uint64(0xFFFFFFFF)
_MIX = np.uint64(0xFF51AFD7ED558CCD)
_P1 = np.uint64(0x9E3779B97F4A7C15)
_P2 = np.uint64(0xC2B2AE3D27D4EB4F)
_EMPTY = np.uint32(0xFFFFFFFF)


@dataclass(frozen=True, slots=True)
class MinHashParams:
    """Signature settings: ``num_perm`` hash functions over ``shingle``-word shingles."""

    num_perm: int = 128
    shingle: int = 3
    seed: int = 1


def _byte_classes() -> np.ndarray:
    table = np.zeros(256, dtype=bool)
    for ch in b"abcdefghijklmnopqrstuvwxyz0123456789_":
        table[ch] = True
    table[128:] = True  # bytes of non-ASCII letters
    return table


_IS_WORD = _byte_classes()
_BASE = 0x100000001B3
_BASE_INV = pow(_BASE, -1, 2**64)


def _word_hashes_joined(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Word hashes of ``text`` and the byte offset where each word starts."""
    data = np.frombuffer(text.lower().encode("utf-8"), dtype=np.uint8)
    if len(data) == 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    inner = _IS_WORD[data]
    # General punctuation U+2000..U+207F (curly quotes, dashes) and U+00A0 separate words.
    lead = np.flatnonzero((data[:-2] == 0xE2) & ((data[1:-1] & 0xFE) == 0x80))
    for shift in range(3):
        inner[lead + shift] = False
    nbsp = np.flatnonzero((data[:-1] == 0xC2) & (data[1:] == 0xA0))
    inner[nbsp] = False
    inner[nbsp + 1] = False
    isword = np.r_[False, inner, False]
    edges = np.flatnonzero(isword[1:] != isword[:-1])
    starts, ends = edges[0::2], edges[1::2]
    n = len(data)
    powers = np.empty(n + 1, dtype=np.uint64)
    powers[0] = 1
    powers[1:] = np.cumprod(np.full(n, _BASE, dtype=np.uint64))
    inverse = np.empty(n + 1, dtype=np.uint64)
    inverse[0] = 1
    inverse[1:] = np.cumprod(np.full(n, _BASE_INV, dtype=np.uint64))
    prefix = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum((data.astype(np.uint64) + np.uint64(1)) * powers[:n], out=prefix[1:])
    raw = (prefix[ends] - prefix[starts]) * inverse[starts] + (ends - starts).astype(np.uint64)
    raw ^= raw >> np.uint64(32)
    raw *= _MIX
    raw ^= raw >> np.uint64(29)
    return raw, starts


def word_hashes(*, text: str) -> np.ndarray:
    """64-bit hashes of the lowercased words of ``text`` (letters, digits, ``_``), in order.

    Polynomial hashes computed for all words at once from prefix sums over the UTF-8 bytes.
    """
    return _word_hashes_joined(spaced_cjk(text.replace("\x00", " ")))[0]


def _mix(acc: np.ndarray) -> np.ndarray:
    acc ^= acc >> np.uint64(33)
    acc *= _MIX
    acc ^= acc >> np.uint64(29)
    return acc


def shingle_hashes(*, words: np.ndarray, size: int) -> np.ndarray:
    """Hashes of the contiguous ``size``-word shingles (one shingle when there are fewer words)."""
    n = len(words)
    if n == 0:
        return words
    k = min(size, n)
    acc = words[: n - k + 1].copy()
    for i in range(1, k):
        acc = acc * _P1 + words[i : n - k + 1 + i] * _P2
    return _mix(acc)


def _one_permutation(
    shingles: np.ndarray, docs: np.ndarray, *, n_docs: int, params: MinHashParams
) -> np.ndarray:
    """One-permutation MinHash: each shingle falls in one of ``num_perm`` bins, keep the minimum
    per bin, then fill empty bins from the next filled bin (rotation densification)."""
    m = params.num_perm
    if shingles.size == 0:  # no text had a word: every bin stays empty
        return np.full((n_docs, m), _EMPTY, dtype=np.uint32)
    salted = _mix(shingles ^ np.uint64(params.seed * 0x9E3779B97F4A7C15 % 2**64))
    bins = ((salted >> np.uint64(32)) * np.uint64(m)) >> np.uint64(32)
    keys = docs.astype(np.uint64) * np.uint64(m) + bins
    combined = np.sort((keys << np.uint64(32)) | (salted & _MASK32))
    sorted_keys = (combined >> np.uint64(32)).astype(np.int64)
    first = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]
    flat_sig = np.full(n_docs * m, _EMPTY, dtype=np.uint32)
    flat_sig[sorted_keys[first]] = (combined[first] & _MASK32).astype(np.uint32)
    sig = flat_sig.reshape(n_docs, m)
    flat_filled = np.zeros(n_docs * m, dtype=bool)
    flat_filled[sorted_keys[first]] = True
    filled = flat_filled.reshape(n_docs, m)
    if filled.all() or not filled.any():
        return sig
    ext = np.concatenate([filled, filled], axis=1)
    pos = np.where(ext, np.arange(2 * m), 2 * m)
    nxt = np.minimum.accumulate(pos[:, ::-1], axis=1)[:, ::-1][:, :m]
    has = nxt < 2 * m
    rows = np.nonzero(has)[0]
    src_bin = nxt[has] % m
    shift = (nxt[has] - np.nonzero(has)[1]).astype(np.uint32)
    dense = sig.copy()
    dense[has] = sig[rows, src_bin] + shift * np.uint32(0x9E3779B1)
    return dense


def _doc_shingles(texts: Sequence[str], size: int) -> tuple[np.ndarray, np.ndarray]:
    """Shingle hashes of all texts and the index of the text each belongs to."""
    joined = "\x00".join(spaced_cjk(t.replace("\x00", " ")) for t in texts)
    words, starts = _word_hashes_joined(joined)
    bounds = np.flatnonzero(np.frombuffer(joined.encode("utf-8"), dtype=np.uint8) == 0)
    doc = np.searchsorted(bounds, starts)
    counts = np.bincount(doc, minlength=len(texts))
    if len(words) >= size:
        acc = words[: len(words) - size + 1].copy()
        for i in range(1, size):
            acc = acc * _P1 + words[i : len(words) - size + 1 + i] * _P2
        valid = doc[: len(words) - size + 1] == doc[size - 1 :]
        shingles, owner = _mix(acc[valid]), doc[: len(words) - size + 1][valid]
    else:
        shingles, owner = np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    short = np.flatnonzero((counts > 0) & (counts < size))
    if len(short):
        cuts = np.r_[0, np.cumsum(counts)]
        extra = [shingle_hashes(words=words[cuts[i] : cuts[i + 1]], size=size) for i in short]
        shingles = np.concatenate([shingles, *extra])
        owner = np.concatenate([owner, short])
    return shingles, owner


def signature(*, text: str, params: MinHashParams) -> np.ndarray:
    """The MinHash signature of one text (uint32, ``num_perm`` values)."""
    return signatures(texts=[text], params=params)[0]


def signatures(*, texts: Sequence[str], params: MinHashParams, batch: int = 256) -> np.ndarray:
    """Signatures of many texts as an ``(len(texts), num_perm)`` uint32 matrix.

    Texts are hashed ``batch`` at a time in one numpy pass; each row depends only on its text.
    """
    out = np.empty((len(texts), params.num_perm), dtype=np.uint32)
    for lo in range(0, len(texts), batch):
        chunk = texts[lo : lo + batch]
        shingles, owner = _doc_shingles(chunk, params.shingle)
        out[lo : lo + len(chunk)] = _one_permutation(
            shingles, owner, n_docs=len(chunk), params=params
        )
    return out


def _s_curve_area(*, threshold: float, bands: int, rows: int, above: bool) -> float:
    xs = np.linspace(threshold, 1.0, 200) if above else np.linspace(0.0, threshold, 200)
    probs = 1.0 - (1.0 - xs**rows) ** bands
    ys = 1.0 - probs if above else probs
    return float(np.sum((ys[1:] + ys[:-1]) * np.diff(xs)) / 2.0)


@functools.cache  # a search over every (bands, rows): once per setting, not once per story
def lsh_params(
    *, threshold: float, num_perm: int, fp_weight: float = 0.5, fn_weight: float = 0.5
) -> tuple[int, int]:
    """``(bands, rows)`` with ``bands * rows <= num_perm`` minimising weighted FP + FN areas."""
    if not 0.0 < threshold < 1.0:
        raise ConfigError(f"LSH threshold must be between 0 and 1, got {threshold}")
    best: tuple[float, int, int] | None = None
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            fp = _s_curve_area(threshold=threshold, bands=bands, rows=rows, above=False)
            fn = _s_curve_area(threshold=threshold, bands=bands, rows=rows, above=True)
            err = fp_weight * fp + fn_weight * fn
            if best is None or err < best[0] - 1e-12:
                best = (err, bands, rows)
    assert best is not None
    return best[1], best[2]


def _band_keys(sigs: np.ndarray, *, start: int, rows: int) -> np.ndarray:
    block = sigs[:, start : start + rows].astype(np.uint64)
    key = np.full(len(sigs), np.uint64(start + 1), dtype=np.uint64)
    for col in range(rows):
        key = (key ^ block[:, col]) * _P1
        key ^= key >> np.uint64(31)
    return key


def bucket_pairs(*, keys: np.ndarray, max_bucket: int) -> np.ndarray:
    """Index pairs ``(i, j)``, ``i < j``, of equal ``keys`` (one row per shared key occurrence),
    skipping keys held by more than ``max_bucket`` entries."""
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    run = np.repeat(np.arange(len(starts)), sizes)
    ok = np.repeat((sizes >= 2) & (sizes <= max_bucket), sizes)
    chunks = []
    longest = int(sizes[(sizes <= max_bucket)].max(initial=1))
    for gap in range(1, longest):
        same = (run[:-gap] == run[gap:]) & ok[:-gap]
        if not same.any():
            break
        left, right = order[:-gap][same], order[gap:][same]
        chunks.append(np.stack([np.minimum(left, right), np.maximum(left, right)], axis=1))
    if not chunks:
        return np.zeros((0, 2), dtype=np.int64)
    return np.concatenate(chunks).astype(np.int64)


def candidate_pairs(
    *, sigs: np.ndarray, bands: int, rows: int, max_bucket: int = 200
) -> np.ndarray:
    """Unique row pairs ``(i, j)``, ``i < j``, of ``sigs`` that share a band, sorted.

    Buckets larger than ``max_bucket`` (boilerplate or empty texts) are skipped.
    """
    n = len(sigs)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    unique = np.zeros(0, dtype=np.int64)
    for band in range(bands):
        keys = _band_keys(sigs, start=band * rows, rows=rows)
        pairs = bucket_pairs(keys=keys, max_bucket=max_bucket)
        unique = np.union1d(unique, pairs[:, 0] * n + pairs[:, 1])
    return np.stack([unique // n, unique % n], axis=1)
