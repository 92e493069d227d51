"""MinHash signatures and LSH banding: determinism, estimates, order independence."""

from __future__ import annotations

import pickle
import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.text.minhash import (
    MinHashParams,
    candidate_pairs,
    lsh_params,
    shingle_hashes,
    signature,
    signatures,
    word_hashes,
)

WORDS = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "zeta",
    "eta",
    "theta",
    "iota",
    "kappa",
    "lambda",
    "mu",
    "nu",
    "xi",
    "omicron",
    "pi",
    "rho",
    "sigma",
    "tau",
    "upsilon",
    "phi",
    "chi",
    "psi",
    "omega",
]


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(n))


def _jaccard(a: str, b: str) -> float:
    sa = set(shingle_hashes(words=word_hashes(text=a), size=3).tolist())
    sb = set(shingle_hashes(words=word_hashes(text=b), size=3).tolist())
    return len(sa & sb) / len(sa | sb)


def test_word_hashes_ignore_case_and_punctuation() -> None:
    a = word_hashes(text="Japan\u2019s  PM\u2014said: \u201cyes\u201d")
    b = word_hashes(text="japan s pm said yes")
    assert a.tolist() == b.tolist()
    assert len(word_hashes(text="")) == 0


def test_signatures_are_deterministic_and_batch_independent() -> None:
    rng = random.Random(1)
    texts = [_text(rng, rng.randrange(1, 300)) for _ in range(40)] + ["", "one", "one two"]
    params = MinHashParams()
    whole = signatures(texts=texts, params=params)
    assert whole.shape == (len(texts), 128) and whole.dtype == np.uint32
    assert np.array_equal(whole, signatures(texts=texts, params=params, batch=7))
    assert np.array_equal(whole[5], signature(text=texts[5], params=params))
    assert not np.array_equal(whole, signatures(texts=texts, params=MinHashParams(seed=2)))
    assert pickle.loads(pickle.dumps(params)) == params


def test_signatures_of_texts_without_words_are_empty_not_an_error() -> None:
    params = MinHashParams()
    alone = signatures(texts=[""], params=params)
    assert alone.shape == (1, 128) and (alone == np.uint32(0xFFFFFFFF)).all()
    mixed = signatures(texts=["", "--", "one two three"], params=params)
    assert (mixed[:2] == np.uint32(0xFFFFFFFF)).all()
    assert np.array_equal(mixed[2], signature(text="one two three", params=params))


def test_signature_agreement_estimates_jaccard() -> None:
    rng = random.Random(3)
    errors = []
    for _ in range(40):
        base = _text(rng, 400).split()
        cut = rng.randrange(50, 350)
        other = " ".join(base[:cut] + _text(rng, rng.randrange(0, 200)).split() + base[cut + 50 :])
        params = MinHashParams()
        sigs = signatures(texts=[" ".join(base), other], params=params)
        errors.append(float((sigs[0] == sigs[1]).mean()) - _jaccard(" ".join(base), other))
    assert abs(float(np.mean(errors))) < 0.03
    assert float(np.std(errors)) < 0.08


def test_lsh_params_match_the_s_curve() -> None:
    bands, rows = lsh_params(threshold=0.5, num_perm=128)
    assert bands * rows <= 128
    assert 0.4 < (1 / bands) ** (1 / rows) < 0.6


def test_candidate_pairs_find_near_duplicates_only() -> None:
    rng = random.Random(5)
    originals = [_text(rng, 300) for _ in range(30)]
    copies = [t.replace(t.split()[10], "changed", 1) for t in originals[:10]]
    sigs = signatures(texts=originals + copies, params=MinHashParams())
    bands, rows = lsh_params(threshold=0.5, num_perm=128)
    pairs = {tuple(p) for p in candidate_pairs(sigs=sigs, bands=bands, rows=rows).tolist()}
    assert {(i, 30 + i) for i in range(10)} <= pairs
    assert all(j == i + 30 for i, j in pairs)


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_candidate_pairs_do_not_depend_on_input_order(rnd: random.Random) -> None:
    rng = random.Random(11)
    base = [_text(rng, 120) for _ in range(8)]
    texts = base + [t + " tail" for t in base[:4]] + [base[0][:300]]
    order = list(range(len(texts)))
    rnd.shuffle(order)
    params = MinHashParams()
    bands, rows = lsh_params(threshold=0.3, num_perm=128)
    plain = candidate_pairs(sigs=signatures(texts=texts, params=params), bands=bands, rows=rows)
    shuffled = candidate_pairs(
        sigs=signatures(texts=[texts[i] for i in order], params=params), bands=bands, rows=rows
    )
    back = {tuple(sorted((order[i], order[j]))) for i, j in shuffled.tolist()}
    assert back == {tuple(p) for p in plain.tolist()}
