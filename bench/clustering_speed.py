"""Story clustering speed and memory as the corpus grows.

    .venv/bin/python bench/clustering_speed.py --sizes 10000,50000      # while iterating
    .venv/bin/python bench/clustering_speed.py --sizes 10000,50000,200000

Articles are real reports (ECB+ and Multi-News documents, first 2,000 characters) replicated
and perturbed: copy ``e`` of a report drops a seeded ~15% of its words and is dated ten days
after copy ``e - 1``, so the stream has the same story rate all along, as real news does. Each
size runs in a fresh process (peak RSS is per process) for batch (map + reduce) and
incremental (map + stream); articles/s count the whole clustering, not the data generation,
by wall clock and by this process's CPU time (the machine may be shared).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from crosswire.models import Article
from crosswire.stages.cluster import ClusterConfig, cluster_incremental, cluster_map, cluster_reduce

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
START = date(2025, 1, 1)


def _base_texts() -> list[str]:
    texts = []
    with (DATA / "clustering" / "ecbplus_dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            sents = json.loads(line)["sentences"]
            texts.append("\n".join(s for s in sents if not s.startswith("http")))
    with (DATA / "summaries" / "multinews_validation.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            for doc in json.loads(line)["documents"]:
                rows = [re.sub(r"\s+", " ", r).strip() for r in doc.split("\n")]
                texts.append("\n".join(r for r in rows if r))
    return [t[:2000] for t in texts if t.strip()]


def make_articles(n: int, *, seed: int = 1) -> list[Article]:
    bases = _base_texts()
    out = []
    for k in range(n):
        epoch, b = divmod(k, len(bases))
        rng = random.Random(seed * 1_000_003 + k)
        lines = []
        for row in bases[b].split("\n"):
            words = [w for w in row.split(" ") if rng.random() > 0.15]
            lines.append(" ".join(words))
        day = START + timedelta(days=10 * epoch + b % 3)
        out.append(Article(id=f"a{k:07d}", text="\n".join(lines), published=day.isoformat()))
    return out


def run_one(n: int, mode: str) -> dict[str, float]:
    articles = make_articles(n)
    config = ClusterConfig(segments=None)
    c0 = time.process_time()
    t0 = time.perf_counter()
    sketches = [cluster_map(article=a, config=config) for a in articles]
    t1 = time.perf_counter()
    if mode == "batch":
        stories = cluster_reduce(sketches=sketches, config=config)
    else:
        stories = cluster_incremental(sketches=sketches, config=config)
    t2 = time.perf_counter()
    cpu = time.process_time() - c0
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": n,
        "map_s": t1 - t0,
        "cluster_s": t2 - t1,
        "articles_per_s": n / (t2 - t0),
        "articles_per_cpu_s": n / cpu,
        "peak_rss_mib": peak_mib,
        "stories": len(stories),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument("--modes", default="batch,incremental")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        n, mode = args.one.split(":")
        print(json.dumps(run_one(int(n), mode)))
        return 0
    for size in args.sizes.split(","):
        for mode in args.modes.split(","):
            proc = subprocess.run(
                [sys.executable, __file__, "--one", f"{size}:{mode}"],
                capture_output=True, text=True, check=True,
            )
            r = json.loads(proc.stdout)
            print(
                f"{mode:<12} {r['articles']:>7} articles  map {r['map_s']:7.1f}s  "
                f"cluster {r['cluster_s']:7.1f}s  {r['articles_per_s']:7.0f} articles/s "
                f"({r['articles_per_cpu_s']:5.0f}/CPU-s)  "
                f"peak RSS {r['peak_rss_mib']:6.0f} MiB  stories {r['stories']}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
