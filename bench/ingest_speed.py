"""Ingest speed of the store: end to end, and the cost of a batch as the store grows.

    .venv/bin/python bench/ingest_speed.py --e2e 2000 --sizes 2000,20000,100000
    .venv/bin/python bench/ingest_speed.py --e2e 300 --sizes 2000        # a quick look

Reports are the real dev articles of ``../shared/data/realnews/newscluster_dev.jsonl``,
replicated and perturbed: copy ``k`` of a report drops a seeded ~10% of its lines' words past
the first line and is dated in copy ``k``'s own stretch of time (from 1850 on, as the cleaner
keeps only 1800-2100; the dev set's five years as they are up to ~40 copies, squeezed beyond),
so every copy is a new pile of stories and the stream has the same story rate all along, as a
growing store of real news has.

* End to end: ``--e2e`` reports into an empty store through the store's own steps: clean and
  store (``add_documents``), cluster (``assign_new``), then lineage, facts, quotes, summary and
  brief of every story and its storing (``refresh_stories``); reports per CPU-second of this
  process (spaCy's own threads included) and per wall-second. The spaCy load is timed apart.
* Batch cost: for each size, in a fresh process (peak RSS is per process), a store of that many
  reports is built (cleaned, stored and clustered; its stories are not briefed: only the
  stories a later batch touches are), then timed: adding one report to it, a batch of
  ``--batch`` reports (each a variant of a report of the last copy, so it joins a story), and
  re-ingesting that batch (nothing new). Each includes briefing the stories it touched.

CPU seconds are this process's (all threads) plus its ended children's: with ``--processes N``
the end-to-end stories are briefed in N worker processes, whose CPU counts too.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from crosswire.config import Config
from crosswire.models import RawDocument
from crosswire.store import open_store
from crosswire.store.ingest import add_documents, assign_new, derived_key, refresh_stories
from crosswire.store.sqlite import Store

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "realnews"
DEV = DATA / "newscluster_dev.jsonl"
SHIFT_DAYS = 2200  # the dev set spans 2013-01-30 .. 2018-02-06
DEV_START = datetime(2013, 1, 1)
DEV_SPAN_DAYS = 1900
START = datetime(1850, 1, 1)
ROOM_DAYS = 91_000  # to 2099


def _rows() -> list[dict[str, Any]]:
    with DEV.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _redate(published: str | None, *, copy: int, copies: int) -> str | None:
    """Copy ``copy`` of ``copies`` gets its own stretch of time within 1850-2100 (the years
    the cleaner keeps): the dev set's five years as they are when there is room, squeezed
    (stories come closer together, as in a busier store) when there is not."""
    if not published:
        return published
    try:
        when = datetime.fromisoformat(published[:19])
    except ValueError:
        return published
    per_copy = min(SHIFT_DAYS, ROOM_DAYS // max(1, copies))
    scale = min(1.0, (per_copy - 10) / DEV_SPAN_DAYS)
    offset = timedelta(days=(when - DEV_START).total_seconds() / 86400 * scale)
    return (START + timedelta(days=copy * per_copy) + offset).isoformat()


def perturbed(row: dict[str, Any], *, copy: int, variant: int = 0, copies: int = 1) -> RawDocument:
    """Copy ``copy`` (variant ``variant``) of a dev report: words dropped, dates shifted."""
    rng = random.Random(f"{row['id']}:{copy}:{variant}")
    lines = row["text"].split("\n")
    if copy or variant:
        kept = [lines[0]]
        for line in lines[1:]:
            kept.append(" ".join(w for w in line.split(" ") if rng.random() > 0.1))
        lines = kept
    return RawDocument(
        id=f"{row['id']}-c{copy}v{variant}", text="\n".join(lines), title=row.get("title"),
        site=row.get("site"), url=None,
        published=_redate(row.get("published"), copy=copy, copies=copies),
        origin="bench",
    )


def corpus(n: int, *, variant: int = 0) -> list[RawDocument]:
    rows = _rows()
    copies = -(-n // len(rows))
    return [
        perturbed(rows[k % len(rows)], copy=k // len(rows), variant=variant, copies=copies)
        for k in range(n)
    ]


@dataclass
class Timed:
    cpu: float
    wall: float


def _cpu() -> float:
    """CPU seconds of this process (all its threads) and of its ended children (the worker
    processes of ``--processes``)."""
    own, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn: Callable[[], Any]) -> tuple[Timed, Any]:
    c0, w0 = _cpu(), time.perf_counter()
    out = fn()
    return Timed(_cpu() - c0, time.perf_counter() - w0), out


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load_nlp() -> tuple[Timed, Any]:
    from crosswire.nlp import load_nlp

    return timed(load_nlp)


def end_to_end(n: int, *, processes: int = 1) -> dict[str, Any]:
    config = Config()
    nlp_time, nlp = _load_nlp()
    docs = corpus(n)
    with tempfile.TemporaryDirectory() as tmp, open_store(path=Path(tmp) / "e2e.db") as store:
        add, added = timed(lambda: add_documents(store=store, docs=docs, config=config))
        key = derived_key(config=config)
        cluster, _ = timed(lambda: assign_new(store=store, config=config, key=key))
        brief, report = timed(
            lambda: refresh_stories(store=store, config=config, nlp=nlp, processes=processes)
        )
    total = Timed(add.cpu + cluster.cpu + brief.cpu, add.wall + cluster.wall + brief.wall)
    return {
        "reports": len(added.added), "stories": report.stories, "nlp_load_s": nlp_time.wall,
        "clean_store": vars(add), "cluster": vars(cluster), "brief_store": vars(brief),
        "total": vars(total), "reports_per_cpu_s": len(added.added) / total.cpu,
        "reports_per_wall_s": len(added.added) / total.wall, "peak_mb": _peak_mb(),
    }


def _ingest(store: Store, docs: list[RawDocument], config: Config, nlp: Any) -> dict[str, Any]:
    def run() -> tuple[int, int]:
        added = add_documents(store=store, docs=docs, config=config)
        report = refresh_stories(store=store, config=config, nlp=nlp)
        return len(added.added), len(report.updated)

    took, (added, briefed) = timed(run)
    return {"cpu": took.cpu, "wall": took.wall, "added": added, "briefed": briefed}


def batch_cost(size: int, batch: int) -> dict[str, Any]:
    config = Config()
    _, nlp = _load_nlp()
    copies = -(-size // len(_rows()))
    with tempfile.TemporaryDirectory() as tmp, open_store(path=Path(tmp) / "s.db") as store:
        build, _ = timed(lambda: add_documents(store=store, docs=corpus(size), config=config))
        key = derived_key(config=config)
        cluster, _ = timed(lambda: assign_new(store=store, config=config, key=key))
        with store.transaction():  # bench only: the built store's stories are not briefed
            store.conn.execute("DELETE FROM stream_pending")
        last = corpus(size)[-batch:]  # variants of the last copy's reports join its stories
        rows = {r["id"]: r for r in _rows()}
        def variants(v: int, n: int) -> list[RawDocument]:
            return [perturbed(rows[d.id.rsplit("-c", 1)[0]], copy=copies - 1, variant=v,
                              copies=copies) for d in last[-n:]]
        one = _ingest(store, variants(1, 1), config, nlp)
        many = _ingest(store, variants(2, batch), config, nlp)
        again = _ingest(store, variants(2, batch), config, nlp)
        db_mb = (Path(tmp) / "s.db").stat().st_size / 2**20
    return {
        "size": size, "build_clean_store": vars(build), "build_cluster": vars(cluster),
        "one": one, "batch": many, "nothing_new": again, "peak_mb": _peak_mb(), "db_mb": db_mb,
    }


def _child(args: list[str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--e2e", type=int, default=2000, help="reports end to end (0: skip)")
    parser.add_argument("--sizes", default="2000,20000,100000")
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--processes", type=int, default=1,
                        help="end to end: brief stories in N worker processes (CPU counts them)")
    parser.add_argument("--one-e2e", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_e2e is not None:
        print(json.dumps(end_to_end(args.one_e2e, processes=args.processes)))
        return
    if args.one_size is not None:
        print(json.dumps(batch_cost(args.one_size, args.batch)))
        return
    if args.e2e:
        e = _child(["--one-e2e", str(args.e2e), "--processes", str(args.processes)])
        print(f"end to end: {e['reports']} reports, {e['stories']} stories; "
              f"clean+store {e['clean_store']['cpu']:.1f} CPU-s, cluster {e['cluster']['cpu']:.1f}"
              f" CPU-s, brief+store {e['brief_store']['cpu']:.1f} CPU-s; "
              f"{e['reports_per_cpu_s']:.2f} reports/CPU-s ({e['reports_per_wall_s']:.2f}/wall-s)"
              f" [goal >= 10]; spaCy load {e['nlp_load_s']:.1f} s; peak {e['peak_mb']:.0f} MB",
              flush=True)
    for size in [int(s) for s in args.sizes.split(",") if s]:
        r = _child(["--one-size", str(size), "--batch", str(args.batch)])
        b, o, z = r["batch"], r["one"], r["nothing_new"]
        print(f"store {size:>7}: build {r['build_clean_store']['cpu']:.0f}+"
              f"{r['build_cluster']['cpu']:.0f} CPU-s (clean+cluster); "
              f"one report {o['wall']:.2f} s wall / {o['cpu']:.2f} CPU-s [goal < 2 s]; "
              f"batch of {b['added']} {b['wall']:.2f} s wall / {b['cpu']:.2f} CPU-s "
              f"({b['briefed']} stories briefed); nothing new {z['wall']:.3f} s "
              f"[goal < 1 s]; peak {r['peak_mb']:.0f} MB, store {r['db_mb']:.0f} MB", flush=True)


if __name__ == "__main__":
    main()
