"""Story clustering quality on real labelled news: B-cubed P/R/F1 and ARI.

    .venv/bin/python bench/clustering.py          # all sets: crosswire batch, incremental, baseline
    .venv/bin/python bench/clustering.py --embeddings  # and again with MiniLM for short reports
    .venv/bin/python bench/clustering.py --sweep  # threshold sweep (batch) to choose one setting
    .venv/bin/python bench/clustering.py --sets ecb-odd,ecb-even,multinews-odd,multinews-even
                                                  # halves: does a setting hold on each half?
    .venv/bin/python bench/clustering.py --sets uci --window-days 0  # diagnosis: same-day only

Sets (../shared/data/): ECB+ at the event level (``subtopic``; the Cybulska-Vossen dev split and
all 772 train+dev documents), Multi-News validation pooled (``cluster_id``; as scraped, and
cleaned by crosswire first as the pipeline does, every method then on the cleaned texts),
UCI headlines (``story_id``), WikiRef220 (``label``). The baseline is plain TF-IDF (scikit-learn
defaults, English stop words) with average-link agglomeration at one fixed cosine-distance
threshold.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from crosswire.models import Article, RawDocument
from crosswire.stages.clean import CleanConfig, clean_document
from crosswire.stages.cluster import (
    DEFAULT_EMBEDDING_MODEL,
    ClusterConfig,
    ClusterSketch,
    cluster_incremental,
    cluster_map,
    cluster_map_many,
    cluster_reduce,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BASELINE_DISTANCE = 0.8


@dataclass(frozen=True)
class Labelled:
    name: str
    articles: tuple[Article, ...]
    gold: dict[str, str]


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _lines(text: str) -> str:
    rows = [re.sub(r"\s+", " ", row).strip() for row in re.split(r"\r?\n", text)]
    return "\n".join(row for row in rows if row)


def load_ecb(*, split: str | None) -> Labelled:
    arts, gold = [], {}
    for r in _jsonl(DATA / "clustering" / "ecbplus_dev.jsonl"):
        if split and r["split_cybulska_vossen"] != split:
            continue
        sents = list(r["sentences"])
        if sents and sents[0].startswith("http"):
            sents = sents[1:]  # sentence 0 of ECB+ documents is often the source URL
        arts.append(Article(id=r["doc_id"], text="\n".join(sents)))
        gold[r["doc_id"]] = r["subtopic"]
    return Labelled(f"ECB+ event ({split or 'train+dev'})", tuple(arts), gold)


def load_multinews(*, clean: bool = False) -> Labelled:
    """Multi-News documents as scraped; with ``clean``, as crosswire's cleaning leaves them (the
    pipeline clusters cleaned articles): a document cleaning rejects stays in the gold and is
    scored as a story of its own."""
    arts, gold = [], {}
    for r in _jsonl(DATA / "summaries" / "multinews_validation.jsonl"):
        for k, doc in enumerate(r["documents"]):
            text = _lines(doc)
            if not text:
                continue
            doc_id = f"{r['cluster_id']}-{k}"
            gold[doc_id] = r["cluster_id"]
            if not clean:
                arts.append(Article(id=doc_id, text=text))
                continue
            cleaned = clean_document(doc=RawDocument(id=doc_id, text=text), config=CleanConfig())
            if isinstance(cleaned, Article):
                arts.append(cleaned)
    name = "Multi-News pooled" + (" cleaned" if clean else "")
    return Labelled(name, tuple(arts), gold)


def load_uci() -> Labelled:
    arts, gold = [], {}
    for r in _jsonl(DATA / "clustering" / "uci_headlines.jsonl"):
        day = datetime.fromtimestamp(r["timestamp_ms"] / 1000, tz=UTC).date().isoformat()
        doc_id = f"uci-{r['id']}"
        arts.append(Article(id=doc_id, text=r["title"], title=r["title"], published=day))
        gold[doc_id] = r["story_id"]
    return Labelled("UCI headlines", tuple(arts), gold)


def load_wikiref() -> Labelled:
    arts, gold = [], {}
    for r in _jsonl(DATA / "clustering" / "wikiref220.jsonl"):
        arts.append(Article(id=r["doc_id"], text=_lines(r["text"]), title=r.get("title")))
        gold[r["doc_id"]] = r["label"]
    return Labelled("WikiRef220", tuple(arts), gold)


def half(ds: Labelled, *, odd: bool) -> Labelled:
    """The articles whose gold group number (its last run of digits) is odd, or even."""

    def number(label: str) -> int:
        return int(re.findall(r"\d+", label)[-1])

    arts = tuple(a for a in ds.articles if number(ds.gold[a.id]) % 2 == int(odd))
    name = f"{ds.name.split(' (')[0]} {'odd' if odd else 'even'}"
    return Labelled(name, arts, {a.id: ds.gold[a.id] for a in arts})


def bcubed(*, gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    g_size = Counter(gold.values())
    p_size = Counter(pred.values())
    both = Counter((gold[i], pred[i]) for i in gold)
    n = len(gold)
    precision = sum(both[(gold[i], pred[i])] / p_size[pred[i]] for i in gold) / n
    recall = sum(both[(gold[i], pred[i])] / g_size[gold[i]] for i in gold) / n
    return precision, recall, 2 * precision * recall / (precision + recall)


def ari(*, gold: dict[str, str], pred: dict[str, str]) -> float:
    from sklearn.metrics import adjusted_rand_score

    ids = sorted(gold)
    return float(adjusted_rand_score([gold[i] for i in ids], [pred[i] for i in ids]))


def _assign(stories: Sequence) -> dict[str, str]:
    return {a: s.id for s in stories for a in s.article_ids}


def baseline(articles: Sequence[Article]) -> dict[str, str]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [
        (a.title + "\n" if a.title and a.title not in a.text else "") + a.text for a in articles
    ]
    matrix = TfidfVectorizer(stop_words="english").fit_transform(texts).toarray()
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=BASELINE_DISTANCE
    ).fit_predict(matrix)
    return {a.id: str(label) for a, label in zip(articles, labels, strict=True)}


def _row(name: str, method: str, gold: dict[str, str], found: dict[str, str], secs: float) -> str:
    pred = {i: found.get(i, f"unclustered-{i}") for i in gold}  # rejected: a story of its own
    p, r, f = bcubed(gold=gold, pred=pred)
    k = len(set(pred.values()))
    return (
        f"{name:<26} {method:<25} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  "
        f"ARI {ari(gold=gold, pred=pred):.3f}"
        f"  clusters {k:>5} (gold {len(set(gold.values()))})  {secs:6.1f}s"
    )


def _timed(fn: Callable[[], dict[str, str]]) -> tuple[dict[str, str], float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def evaluate(
    sets: Sequence[Labelled], configs: Sequence[tuple[str, ClusterConfig]], *, with_baseline: bool
) -> None:
    """Seconds shown for crosswire include the map step (term counts, embeddings)."""
    for ds in sets:
        for label, config in configs:
            sketches, map_secs = _timed_map(ds.articles, config)
            pred, secs = _timed(
                lambda s=sketches, c=config: _assign(cluster_reduce(sketches=s, config=c))
            )
            print(_row(ds.name, f"crosswire batch{label}", ds.gold, pred, map_secs + secs),
                  flush=True)
            pred, secs = _timed(
                lambda s=sketches, c=config: _assign(cluster_incremental(sketches=s, config=c))
            )
            print(_row(ds.name, f"crosswire incremental{label}", ds.gold, pred, map_secs + secs),
                  flush=True)
        if with_baseline:
            pred, secs = _timed(lambda a=ds.articles: baseline(a))
            print(_row(ds.name, f"tfidf avg-link@{BASELINE_DISTANCE}", ds.gold, pred, secs),
                  flush=True)


def _timed_map(
    articles: Sequence[Article], config: ClusterConfig
) -> tuple[list[ClusterSketch], float]:
    t0 = time.perf_counter()
    sketches = cluster_map_many(articles=articles, config=config)
    return sketches, time.perf_counter() - t0


def sweep(sets: Sequence[Labelled], config: ClusterConfig, thresholds: Sequence[float]) -> None:
    for ds in sets:
        sketches = [cluster_map(article=a, config=config) for a in ds.articles]
        cells = []
        for t in thresholds:
            pred = _assign(cluster_reduce(sketches=sketches, config=replace(config, threshold=t)))
            cells.append(f"{t:.2f}:{bcubed(gold=ds.gold, pred=pred)[2]:.3f}")
        print(f"{ds.name:<26} " + " ".join(cells), flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--embeddings", nargs="?", const=DEFAULT_EMBEDDING_MODEL, default=None, metavar="MODEL",
        help="also run crosswire with embeddings for short reports (crosswire[embeddings])",
    )
    parser.add_argument("--sets", default="ecb-dev,ecb,multinews,multinews-cleaned,uci,wikiref")
    parser.add_argument(
        "--window-days", type=int, default=None, metavar="N",
        help="override the time window (a diagnosis, never the shipped setting)",
    )
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"no evaluation data at {DATA}", file=sys.stderr)
        return 2
    loaders = {
        "ecb-dev": lambda: load_ecb(split="dev"),
        "ecb": lambda: load_ecb(split=None),
        "multinews": load_multinews,
        "multinews-cleaned": lambda: load_multinews(clean=True),
        "uci": load_uci,
        "wikiref": load_wikiref,
        "ecb-odd": lambda: half(load_ecb(split=None), odd=True),
        "ecb-even": lambda: half(load_ecb(split=None), odd=False),
        "multinews-odd": lambda: half(load_multinews(), odd=True),
        "multinews-even": lambda: half(load_multinews(), odd=False),
    }
    sets = [loaders[name]() for name in args.sets.split(",")]
    config = ClusterConfig(segments=None)
    if args.window_days is not None:
        config = replace(config, window_days=args.window_days)
    print(f"config: {config}")
    configs = [("", config)]
    if args.embeddings:
        configs.append(("+emb", replace(config, embedding_model=args.embeddings)))
    if args.sweep:
        sweep(sets, config, [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5])
    else:
        evaluate(sets, configs, with_baseline=not args.no_baseline)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
