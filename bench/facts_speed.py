"""Speed of the facts stage: parse, entities, quotes, quantities, dates, corroboration, timeline.

    .venv/bin/python bench/facts_speed.py                      # ECB+ (772 docs, by subtopic)
    .venv/bin/python bench/facts_speed.py --set multinews      # Multi-News validation clusters
    .venv/bin/python bench/facts_speed.py --limit 200          # a subset first
    .venv/bin/python bench/facts_speed.py --no-quotes          # without the quotes step
    .venv/bin/python bench/facts_speed.py --separate-parses    # entities and quotes parse apart

Stories are the gold groups (ECB+ ``subtopic``, Multi-News ``cluster_id``); every article is its
own origin group. Multi-News documents are whitespace-normalised (one paragraph a line) the way
cleaning would leave them. spaCy is loaded once, outside the timing. As in
``crosswire.stages.story.analyse_story``, each article is parsed once (``parse``) and the parse
serves both the entities and the quotes; ``--separate-parses`` times the older way (an NER-only
pass for entities, a full parse for quotes) for comparison. Prints articles/s for the whole stage
and the seconds spent in each step.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crosswire.models import Article
from crosswire.nlp import load_nlp
from crosswire.stages.facts import (
    build_timeline,
    check_publication_date,
    corroborate,
    extract_entities,
    extract_quantities,
    extract_story_dates,
)
from crosswire.stages.quotes import extract_quotes, merge_quotes, parse_many
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


def _timed(totals: dict[str, float], name: str, fn: Callable[[], Any]) -> Any:
    """Run ``fn``, adding its wall seconds to ``totals[name]`` and CPU seconds to 'cpu'."""
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    totals[name] += time.perf_counter() - start
    totals["cpu"] += time.process_time() - cpu
    return result


def _quotes(story: list[Article], nlp: Any, groups: dict[str, str],
            docs: dict[str, Any] | None) -> Any:
    found = [
        q for a in story
        for q in extract_quotes(article=a, nlp=nlp, doc=docs[a.id] if docs else None)
    ]
    return merge_quotes(quotes=found, origin_groups=groups)


def _parse(story: list[Article], nlp: Any) -> dict[str, Any]:
    parsed = parse_many(nlp=nlp, texts=[a.text for a in story])
    return dict(zip([a.id for a in story], parsed, strict=True))


def run(
    stories: list[list[Article]], nlp: Any, *, quotes: bool = True, shared: bool = True
) -> dict[str, Any]:
    totals: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for story in stories:
        groups = {a.id: a.id for a in story}
        checked = _timed(totals, "dates", lambda s=story: check_publication_date(articles=s))
        docs = _timed(totals, "parse", lambda s=checked: _parse(s, nlp)) if shared else None
        ents = _timed(totals, "entities", lambda s=checked, d=docs: extract_entities(
            articles=s, nlp=nlp, docs=d
        ))
        qs = _timed(totals, "quantities", lambda s=checked: {
            a.id: extract_quantities(article=a) for a in s
        })
        ds = _timed(totals, "dates", lambda s=checked: extract_story_dates(articles=s))
        found = _timed(totals, "corroborate", lambda s=checked, q=qs, g=groups: corroborate(
            articles=s, origin_groups=g, quantities=q
        ))
        line = _timed(totals, "timeline", lambda s=checked, d=ds, g=groups: build_timeline(
            articles=s, dates=d, origin_groups=g
        ))
        if quotes:
            merged = _timed(totals, "quotes", lambda s=checked, g=groups, d=docs: _quotes(
                s, nlp, g, d
            ))
            counts["quotes"] += len(merged)
        counts["articles"] += len(story)
        counts["entities"] += len(ents)
        counts["quantities"] += sum(len(v) for v in qs.values())
        counts["dates"] += sum(len(v) for v in ds.values())
        counts["facts"] += len(found.facts)
        counts["multi-source facts"] += sum(1 for f in found.facts if len(f.sources) > 1)
        counts["discrepancies"] += len(found.discrepancies)
        counts["timeline events"] += len(line)
    cpu = totals.pop("cpu", 0.0)
    total = sum(totals.values())
    return {"seconds": dict(totals), "total_s": total, "cpu_s": cpu, "counts": dict(counts),
            "articles_per_s": counts["articles"] / total if total else 0.0,
            "articles_per_cpu_s": counts["articles"] / cpu if cpu else 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("ecbplus", "multinews"), default="ecbplus")
    parser.add_argument("--limit", type=int, default=10_000, help="at most this many articles")
    parser.add_argument("--no-quotes", action="store_true", help="leave the quotes step out")
    parser.add_argument("--separate-parses", action="store_true",
                        help="entities and quotes each parse the articles (the older way)")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"{DATA} is not there: the benchmark needs ../shared/data", file=sys.stderr)
        return 2
    stories = _ecbplus(args.limit) if args.set == "ecbplus" else _multinews(args.limit)
    nlp = load_nlp()
    result = run(stories, nlp, quotes=not args.no_quotes, shared=not args.separate_parses)
    chars = sum(len(a.text) for s in stories for a in s)
    print(f"set: {args.set}  stories: {len(stories)}  articles: {result['counts']['articles']}"
          f"  chars: {chars}")
    print(f"facts stage: {result['articles_per_s']:.1f} articles/s wall"
          f"  ({result['total_s']:.2f} s), {result['articles_per_cpu_s']:.1f} articles/CPU-s"
          f"  ({result['cpu_s']:.2f} CPU-s, one process)")
    for name, secs in sorted(result["seconds"].items()):
        print(f"  {name:<12} {secs:7.2f} s")
    for name, n in result["counts"].items():
        print(f"  {name:<18} {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
