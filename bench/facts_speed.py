"""Speed of the facts stage: parse, entities, quotes, quantities, dates, corroboration, timeline.

    .venv/bin/python bench/facts_speed.py                      # ECB+ (772 docs, by subtopic)
    .venv/bin/python bench/facts_speed.py --set multinews      # Multi-News validation clusters
    .venv/bin/python bench/facts_speed.py --limit 200          # a subset first

Stories are the gold groups (ECB+ ``subtopic``, Multi-News ``cluster_id``). Multi-News documents
are whitespace-normalised (one paragraph a line) the way cleaning would leave them. spaCy is
loaded once, outside the timing. Each story goes through :func:`crosswire.pipeline.analyse_story`
itself (the product path), whose probe times every step; the facts stage is the sum of its
steps (dates, parse, entities, quantities, corroborate, quotes, timeline); lineage and summary,
which the same call runs, are printed apart and not counted in it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crosswire.config import Config
from crosswire.models import Article, Story
from crosswire.nlp import load_nlp
from crosswire.pipeline import analyse_story
from crosswire.text.normalize import normalize_whitespace

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _ecbplus(limit: int) -> list[list[Article]]:
    stories: dict[str, list[Article]] = defaultdict(list)
    lines = (DATA / "clustering" / "ecbplus_dev.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines[:limit]:
        rec = json.loads(line)
        stories[rec["subtopic"]].append(Article(id=rec["doc_id"], text=rec["text"]))
    return [stories[k] for k in sorted(stories)]


def _multinews(limit: int) -> list[list[Article]]:
    stories: list[list[Article]] = []
    count = 0
    path = DATA / "summaries" / "multinews_validation.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        docs = [normalize_whitespace(d) for d in rec["documents"] if d.strip()]
        story = [Article(id=f"{rec['cluster_id']}-{i}", text=d) for i, d in enumerate(docs)]
        stories.append(story)
        count += len(story)
        if count >= limit:
            break
    return stories


FACT_STEPS = ("dates", "parse", "entities", "quantities", "corroborate", "quotes", "timeline")


def run(stories: list[list[Article]], nlp: Any, config: Config) -> dict[str, Any]:
    """Analyse every story through the pipeline; seconds per step, wall and CPU."""
    wall: dict[str, float] = defaultdict(float)
    cpu: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)

    @contextmanager
    def probe(step: str) -> Iterator[None]:
        start, start_cpu = time.perf_counter(), time.process_time()
        yield
        wall[step] += time.perf_counter() - start
        cpu[step] += time.process_time() - start_cpu

    for k, members in enumerate(stories):
        story = Story(id=f"s{k}", article_ids=tuple(sorted(a.id for a in members)))
        found = analyse_story(story=story, articles=members, nlp=nlp, config=config, probe=probe)
        counts["articles"] += len(members)
        counts["entities"] += len(found.entities)
        counts["quantities"] += sum(len(v) for v in found.quantities.values())
        counts["dates"] += sum(len(v) for v in found.dates.values())
        counts["facts"] += len(found.facts)
        counts["multi-source facts"] += sum(1 for f in found.facts if len(f.sources) > 1)
        counts["discrepancies"] += len(found.discrepancies)
        counts["timeline events"] += len(found.timeline)
        counts["quotes"] += len(found.quotes)
    total = sum(wall[s] for s in FACT_STEPS)
    total_cpu = sum(cpu[s] for s in FACT_STEPS)
    return {"seconds": dict(wall), "total_s": total, "cpu_s": total_cpu, "counts": dict(counts),
            "articles_per_s": counts["articles"] / total if total else 0.0,
            "articles_per_cpu_s": counts["articles"] / total_cpu if total_cpu else 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("ecbplus", "multinews"), default="ecbplus")
    parser.add_argument("--limit", type=int, default=10_000, help="at most this many articles")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"{DATA} is not there: the benchmark needs ../shared/data", file=sys.stderr)
        return 2
    stories = _ecbplus(args.limit) if args.set == "ecbplus" else _multinews(args.limit)
    nlp = load_nlp()
    result = run(stories, nlp, Config())
    chars = sum(len(a.text) for s in stories for a in s)
    print(f"set: {args.set}  stories: {len(stories)}  articles: {result['counts']['articles']}"
          f"  chars: {chars}")
    print(f"facts stage: {result['articles_per_s']:.1f} articles/s wall"
          f"  ({result['total_s']:.2f} s), {result['articles_per_cpu_s']:.1f} articles/CPU-s"
          f"  ({result['cpu_s']:.2f} CPU-s, one process)")
    for name, secs in sorted(result["seconds"].items()):
        part = "" if name in FACT_STEPS else "  (not in the facts stage)"
        print(f"  {name:<12} {secs:7.2f} s{part}")
    for name, n in result["counts"].items():
        print(f"  {name:<18} {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
