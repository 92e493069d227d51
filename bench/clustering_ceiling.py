"""How far word overlap can go on each clustering set: a ceiling set by the gold labels.

    .venv/bin/python bench/clustering_ceiling.py                 # Multi-News (both), ECB+, UCI
    .venv/bin/python bench/clustering_ceiling.py --sets multinews-cleaned

Every pair of reports gets its plain TF-IDF cosine (scikit-learn, English stop words, sublinear
term frequency, title + text). Two tables per set:

* Pairs by cosine band: how many pairs of one gold story and how many of two different stories
  fall in each band. Where different-story pairs outnumber same-story pairs many times over, no
  threshold on word overlap can link the same-story pairs without merging many wrong ones.
* Oracle B-cubed: each gold story is split into the parts that its own same-story pairs at
  cosine >= t connect; precision is 1 by construction. This is what a clusterer that never
  merges two stories and links every same-story pair above t would score: a ceiling for any
  method whose evidence is word overlap at that cosine.
* For a set with publication dates: how many gold stories span more than one day, and how many
  carry one publication stamp on every report.
* With ``--embeddings``: in each band, how many same- and different-story pairs also reach a
  MiniLM cosine of 0.5 (does a dense model tell the band's pairs apart where words cannot?).

The sets and the B-cubed code are those of ``bench/clustering.py``. Nothing here is tuned.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import numpy as np

from clustering import DATA, Labelled, bcubed, load_ecb, load_multinews, load_uci
from crosswire.stages.cluster import DEFAULT_EMBEDDING_MODEL

BANDS = (0.0, 0.03, 0.05, 0.08, 0.1, 0.13, 0.2, 0.3, 1.01)
ORACLE_AT = (0.05, 0.1, 0.13, 0.2)
DENSE_AT = 0.5


def cosines(ds: Labelled) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [
        (a.title + "\n" if a.title and a.title not in a.text else "") + a.text
        for a in ds.articles
    ]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True, dtype=np.float32)
    vectors = matrix.fit_transform(texts)
    return np.asarray((vectors @ vectors.T).todense(), dtype=np.float32)


def oracle(ds: Labelled, sims: np.ndarray, *, at: float) -> dict[str, str]:
    """Gold stories split into the components their same-story pairs at cosine >= ``at`` link;
    reports the set lacks (rejected by cleaning) stay alone."""
    ids = [a.id for a in ds.articles]
    parent = list(range(len(ids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    labels = np.array([ds.gold[i] for i in ids])
    rows, cols = np.nonzero(np.triu(sims >= at, 1) & (labels[:, None] == labels[None, :]))
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        parent[root(i)] = root(j)
    found = {d: f"{ds.gold[d]}/{root(n)}" for n, d in enumerate(ids)}
    return {d: found.get(d, f"alone/{d}") for d in ds.gold}


def dense_cosines(ds: Labelled, *, model: str) -> np.ndarray:
    from crosswire.text.embed import embed_texts

    vectors = np.array(
        embed_texts(texts=[a.text for a in ds.articles], model=model), dtype=np.float32
    )
    return vectors @ vectors.T


def report(ds: Labelled, *, model: str | None) -> None:
    sims = cosines(ds)
    dense = dense_cosines(ds, model=model)[np.triu_indices(len(sims), 1)] if model else None
    labels = np.array([ds.gold[a.id] for a in ds.articles])
    upper = np.triu_indices(len(labels), 1)
    values = sims[upper]
    same = (labels[:, None] == labels[None, :])[upper]
    print(f"{ds.name}: {len(labels)} reports, {len(set(ds.gold.values()))} gold stories")
    for lo, hi in zip(BANDS, BANDS[1:], strict=False):
        band = (values >= lo) & (values < hi)
        n_same, n_cross = int((band & same).sum()), int((band & ~same).sum())
        ratio = f"{n_cross / n_same:8.1f}" if n_same else "       -"
        extra = ""
        if dense is not None:
            close = band & (dense >= DENSE_AT)
            extra = (f"  | MiniLM >= {DENSE_AT}: same {int((close & same).sum()):6d}  "
                     f"different {int((close & ~same).sum()):7d}")
        print(f"  cosine [{lo:.2f}, {min(hi, 1.0):.2f})  same story {n_same:7d}  "
              f"different {n_cross:9d}  different per same {ratio}{extra}")
    for at in ORACLE_AT:
        p, r, f = bcubed(gold=ds.gold, pred=oracle(ds, sims, at=at))
        print(f"  oracle linking same-story pairs at cosine >= {at:.2f}: "
              f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    dated_gold(ds)


def dated_gold(ds: Labelled) -> None:
    """How the gold stories of a dated set sit in time: how many span more than one day and
    more than one distinct ``published`` value (a story whose reports all carry one stamp is
    a story of that stamp, whatever its subject)."""
    stamps: dict[str, set[str]] = {}
    for a in ds.articles:
        if a.published:
            stamps.setdefault(ds.gold[a.id], set()).add(a.published)
    if not stamps:
        return
    multi_day = sum(len({p[:10] for p in v}) > 1 for v in stamps.values())
    one_stamp = sum(len(v) == 1 for v in stamps.values())
    days = len({p[:10] for v in stamps.values() for p in v})
    print(f"  dated gold: {len(stamps)} stories over {days} days; {multi_day} span more than one "
          f"day; {one_stamp} carry a single publication stamp on every report")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default="multinews,multinews-cleaned,ecb,uci")
    parser.add_argument(
        "--embeddings", nargs="?", const=DEFAULT_EMBEDDING_MODEL, default=None, metavar="MODEL",
        help="also count the pairs of each band that a dense model puts at cosine >= 0.5",
    )
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"no evaluation data at {DATA}", file=sys.stderr)
        return 2
    loaders = {
        "ecb": lambda: load_ecb(split=None),
        "multinews": load_multinews,
        "multinews-cleaned": lambda: load_multinews(clean=True),
        "uci": load_uci,
    }
    for name in args.sets.split(","):
        report(loaders[name](), model=args.embeddings)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
