"""Speed of MinHash signatures + LSH candidate pairs: crosswire vs datasketch, side by side.

    python bench/lineage_speed.py [--sizes 10000 30000 100000] [--datasketch-max 10000]

The corpus is made from real ECB+ articles (../shared/data/clustering/ecbplus_dev.jsonl):
texts are strung together from real sentences, one in ten a light edit of an earlier text, so
the set holds near-duplicates and distinct texts at every size (see ``corpus``).  Both
tools use 128 permutations, word 3-shingles and the same LSH threshold; bands/rows are printed
for each.  datasketch runs MinHash.update per shingle (its documented use) and MinHashLSH.insert;
it is timed once, on the first ``--datasketch-max`` texts, and that rate is compared with the
larger sizes (stated in the output).  One process, one core for both.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
import tracemalloc
from pathlib import Path

import numpy as np

from crosswire.text.minhash import MinHashParams, candidate_pairs, lsh_params, signatures

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT.parent / "shared" / "data" / "clustering" / "ecbplus_dev.jsonl"
WORDS = re.compile(r"\w+")


def corpus(*, size: int, seed: int) -> list[str]:
    """``size`` news-like texts from real ECB+ sentences.

    Each text strings together sentences of three random ECB+ articles, one word in three to
    five replaced by a random token (so that texts reusing one ECB+ sentence are not
    near-duplicates); one text in ten is a light edit (a sentence dropped, a few words
    swapped, a line added) of an earlier text, so near-duplicates exist at every size and the
    number of true near-duplicate pairs grows about linearly with ``size``.
    """
    docs = [json.loads(line)["text"].split("\n") for line in BASE.open(encoding="utf-8")]
    rng = random.Random(seed)
    out: list[str] = []
    for i in range(size):
        if out and rng.random() < 0.1:
            sents = out[rng.randrange(len(out))].split("\n")[1:]
            if len(sents) > 3:
                del sents[rng.randrange(len(sents))]
            words = " ".join(sents).split(" ")
            for _ in range(3):
                words[rng.randrange(len(words))] = f"w{rng.randrange(10**6)}"
            body = [" ".join(words)]
        else:
            body = []
            for doc in rng.sample(docs, 3):
                start = rng.randrange(len(doc))
                for sent in doc[start : start + rng.randint(3, 8)]:
                    words = sent.split(" ")
                    step = rng.randint(3, 5)
                    for k in range(rng.randrange(step), len(words), step):
                        words[k] = f"w{rng.randrange(10**6)}"
                    body.append(" ".join(words))
        out.append(f"ref {i} {rng.random():.6f}\n" + "\n".join(body))
    return out


def shingles3(text: str) -> set[bytes]:
    words = WORDS.findall(text.lower())
    return {" ".join(words[i : i + 3]).encode() for i in range(max(1, len(words) - 2))}


def jaccard(texts: list[str], pair: tuple[int, int]) -> float:
    a, b = shingles3(texts[pair[0]]), shingles3(texts[pair[1]])
    return len(a & b) / max(1, len(a | b))


def run_crosswire(
    texts: list[str], threshold: float
) -> tuple[float, float, set[tuple[int, int]], float]:
    params = MinHashParams(num_perm=128, shingle=3, seed=1)
    bands, rows = lsh_params(threshold=threshold, num_perm=128)
    t0 = time.perf_counter()
    sigs = signatures(texts=texts, params=params)
    t1 = time.perf_counter()
    pairs = candidate_pairs(sigs=sigs, bands=bands, rows=rows)
    t2 = time.perf_counter()
    bytes_per_article = sigs.nbytes / len(texts)
    return t1 - t0, t2 - t1, {(int(i), int(j)) for i, j in pairs}, bytes_per_article


def run_datasketch(texts: list[str], threshold: float) -> tuple[float, float, set[tuple[int, int]]]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    t0 = time.perf_counter()
    sigs = []
    for text in texts:
        m = MinHash(num_perm=128, seed=1)
        for sh in shingles3(text):
            m.update(sh)
        sigs.append(m)
    t1 = time.perf_counter()
    pairs: set[tuple[int, int]] = set()
    for i, m in enumerate(sigs):
        for j in lsh.query(m):
            pairs.add((int(j), i))
        lsh.insert(i, m)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, pairs


def datasketch_bulk_rate(texts: list[str]) -> float:
    """Articles/s of datasketch's fastest signature path (MinHash.bulk), shingling included."""
    from datasketch import MinHash

    t0 = time.perf_counter()
    MinHash.bulk([list(shingles3(text)) for text in texts], num_perm=128, seed=1)
    return len(texts) / (time.perf_counter() - t0)


def peak_memory(texts: list[str]) -> float:
    """Peak traced bytes per article while signing and banding a batch (crosswire)."""
    params = MinHashParams(num_perm=128, shingle=3, seed=1)
    tracemalloc.start()
    sigs = signatures(texts=texts, params=params)
    bands, rows = lsh_params(threshold=0.5, num_perm=128)
    candidate_pairs(sigs=sigs, bands=bands, rows=rows)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / len(texts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    ap.add_argument("--datasketch-max", type=int, default=10_000)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    from datasketch import MinHashLSH

    ds = MinHashLSH(threshold=args.threshold, num_perm=128)
    print(f"threshold {args.threshold}, 128 permutations, word 3-shingles")
    print(
        f"  crosswire bands x rows: {lsh_params(threshold=args.threshold, num_perm=128)}; "
        f"datasketch: ({ds.b}, {ds.r})"
    )
    header = (
        f"{'articles':>9} | {'crosswire sig s':>15} {'lsh s':>6} {'art/s':>7} {'pairs':>8} | "
        f"{'datasketch sig s':>16} {'lsh s':>6} {'art/s':>6} {'pairs':>8} | {'speed-up':>8}"
    )
    print(header)
    theirs = 0.0
    for n, size in enumerate(args.sizes):
        texts = corpus(size=size, seed=args.seed)
        sig_s, lsh_s, ours_pairs, _ = run_crosswire(texts, args.threshold)
        ours = size / (sig_s + lsh_s)
        if n == 0:
            sub = texts[: min(size, args.datasketch_max)]
            d_sig, d_lsh, d_pairs = run_datasketch(sub, args.threshold)
            theirs = len(sub) / (d_sig + d_lsh)
            measured = f"{d_sig:>16.2f} {d_lsh:>6.2f} {theirs:>6.0f} {len(d_pairs):>8}"
            same = ours_pairs if len(sub) == size else run_crosswire(sub, args.threshold)[2]
            both = len(same & d_pairs)
            found = {p: jaccard(sub, p) for p in same | d_pairs}
            high = {p for p, j in found.items() if j >= args.threshold}
            bulk = datasketch_bulk_rate(sub)
            sig_rate = len(sub) / run_crosswire(sub, args.threshold)[0]
            agreement = (
                f"{'':>9}   signatures only, same {len(sub)} texts: crosswire {sig_rate:.0f}/s, "
                f"datasketch MinHash.bulk {bulk:.0f}/s ({sig_rate / bulk:.1f}x)\n"
                f"{'':>9}   on the same {len(sub)} texts: crosswire {len(same)} pairs, "
                f"datasketch {len(d_pairs)}, shared {both}; of the {len(high)} found pairs with "
                f"true Jaccard >= {args.threshold}: crosswire has {len(high & same)}, "
                f"datasketch {len(high & d_pairs)}"
            )
        else:
            measured = f"{'(rate of first row)':>16} {'':>6} {theirs:>6.0f} {'-':>8}"
            agreement = ""
        print(
            f"{size:>9} | {sig_s:>15.2f} {lsh_s:>6.2f} {ours:>7.0f} {len(ours_pairs):>8} | "
            f"{measured} | {ours / theirs:>7.1f}x"
        )
        if agreement:
            print(agreement)
    print(
        f"datasketch was timed once, on the first {min(args.sizes[0], args.datasketch_max)} "
        "texts; later rows compare with that rate (datasketch's per-text work does not depend "
        "on corpus size; its LSH inserts are dictionary operations)"
    )
    mem = peak_memory(corpus(size=5_000, seed=args.seed))
    print(
        f"memory: signature {128 * 4} bytes/article kept; peak while signing+banding "
        f"{mem / 1024:.1f} KiB/article (tracemalloc, 5k articles, texts not counted)"
    )
    print(f"numpy {np.__version__}; one process")


if __name__ == "__main__":
    main()
