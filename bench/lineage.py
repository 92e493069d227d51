"""Copy-lineage quality on the labelled ECB+ benchmark (../shared/bench/make_lineage.py).

    python bench/lineage.py [--seed 7] [--stories N] [--base PATH]

Builds the benchmark with make_lineage.py as it stands (originals that share no wire text with
one another, so its gold is true as built), reads it the way ``crosswire lineage FILE`` does
(ingest and cleaning: the reports carry what cleaning keeps of their publication time, a date),
runs the lineage stage with its default settings and prints:
  * derivation edges: precision / recall / F1 of (article -> origin), strictly: an edge is
    right only when the predicted origin equals the gold origin; an original given any origin
    is a false positive (and a derived report given a wrong one is both a false positive and
    a false negative);
  * origin groups: pairwise precision / recall / F1 (two articles in one gold group = the same
    gold origin);
  * per kind (copy, trim, rewrite, spin, merge, garble, original): how many are right, and
    what the wrong ones got -- no origin; a *sibling* (another derivative of their origin);
    one of their *own derivatives* (the direction reversed); another report; for originals,
    an origin that is their own derivative or another report -- and how often the kind is
    named right (a garbled copy should be called a translation);
  * throughput of the lineage stage (articles/s, one process, cleaning not counted).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from crosswire.api import extract
from crosswire.models import Article, Lineage
from crosswire.stages.lineage import LineageConfig, trace_lineage

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
KINDS = ("copy", "trim", "rewrite", "spin", "merge", "garble", "original")
ERRORS = ("none", "sibling", "own-derivative", "other")


def build(*, base: Path, seed: int, stories: int, out: Path) -> list[dict]:
    """The benchmark records, written to ``out`` by the corrected generator."""
    cmd = [
        sys.executable,
        str(SHARED / "bench" / "make_lineage.py"),
        str(base),
        str(out),
        "--seed",
        str(seed),
    ]
    if stories:
        cmd += ["--stories", str(stories)]
    subprocess.run(cmd, check=True, capture_output=True)
    return [json.loads(line) for line in out.open(encoding="utf-8")]


def read_articles(path: Path) -> list[Article]:
    """The benchmark's reports as ``crosswire lineage`` reads them (ingest + cleaning)."""
    return list(extract(paths=[str(path)]).articles)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pair_set(groups: Mapping[str, str]) -> set[tuple[str, str]]:
    members: dict[str, list[str]] = defaultdict(list)
    for art, grp in groups.items():
        members[grp].append(art)
    return {pair for ids in members.values() for pair in combinations(sorted(ids), 2)}


@dataclass(frozen=True, slots=True)
class Scores:
    edges: tuple[float, float, float, int, int, int]  # P, R, F1, tp, fp, fn
    groups: tuple[float, float, float, int, int]  # P, R, F1, gold pairs, predicted pairs
    right: Counter[str]  # kind -> reports with the right origin (originals: none)
    total: Counter[str]  # kind -> reports
    wrong: Counter[tuple[str, str]]  # (kind, error) -> reports
    named: Counter[str]  # kind -> right origin and the kind named right


def error(gold: Mapping[str, dict], aid: str, pred: str | None) -> str:
    """What a report with a wrong origin got instead (see ``ERRORS``)."""
    if pred is None:
        return "none"
    want = gold[aid]["origin"]
    if gold.get(pred, {}).get("origin") == aid:
        return "own-derivative"
    if want is not None and gold.get(pred, {}).get("origin") == want:
        return "sibling"
    return "other"


def score(gold: Mapping[str, dict], result: Mapping[str, Lineage]) -> Scores:
    """Strict edge scores, pairwise origin-group scores and the per-kind tallies; a report
    that cleaning rejected counts as given no origin and a group of its own."""
    tp = fp = fn = 0
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: Counter[tuple[str, str]] = Counter()
    named: Counter[str] = Counter()
    for aid, rec in gold.items():
        lin = result.get(aid)
        pred = lin.origin if lin else None
        kind = rec["kind"]
        total[kind] += 1
        if pred == rec["origin"]:
            right[kind] += 1
            tp += rec["origin"] is not None
            want = {"garble": "translation"}.get(kind, kind)
            named[kind] += lin is not None and lin.kind == want
            continue
        wrong[(kind, error(gold, aid, pred))] += 1
        fp += pred is not None
        fn += rec["origin"] is not None
    gold_groups = {aid: (rec["origin"] or aid) for aid, rec in gold.items()}
    pred_groups = {
        aid: (result[aid].origin_group if aid in result else aid) for aid in gold
    }
    gp, pp = pair_set(gold_groups), pair_set(pred_groups)
    groups = (*prf(len(gp & pp), len(pp - gp), len(gp - pp)), len(gp), len(pp))
    return Scores((*prf(tp, fp, fn), tp, fp, fn), groups, right, total, wrong, named)


def kind_table(scores: Scores) -> list[str]:
    """One row per kind: right / total, each error, and the kind named right."""
    head = f"  {'kind':9s} {'right':>9s} " + " ".join(f"{e:>14s}" for e in ERRORS)
    rows = [head + f" {'kind named':>11s}"]
    for kind in KINDS:
        n = scores.total[kind]
        if not n:
            continue
        cells = " ".join(f"{scores.wrong[(kind, e)]:>14d}" for e in ERRORS)
        named = "-" if kind == "original" else f"{scores.named[kind]}/{scores.right[kind]}"
        rows.append(f"  {kind:9s} {f'{scores.right[kind]}/{n}':>9s} {cells} {named:>11s}")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--stories", type=int, default=0)
    ap.add_argument(
        "--base", type=Path, default=SHARED / "data" / "clustering" / "ecbplus_dev.jsonl"
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "b.jsonl"
        recs = build(base=args.base, seed=args.seed, stories=args.stories, out=path)
        articles = read_articles(path)
    start = time.perf_counter()
    result = {
        lin.article_id: lin for lin in trace_lineage(articles=articles, config=LineageConfig())
    }
    elapsed = time.perf_counter() - start
    gold = {r["id"]: r for r in recs}
    s = score(gold, result)
    print(
        f"benchmark: {len(recs)} articles (seed {args.seed}), "
        f"{sum(r['origin'] is not None for r in recs)} derived, "
        f"{len(recs) - len(articles)} rejected by cleaning"
    )
    ep, er, ef, tp, fp, fn = s.edges
    print(f"derivation edges: P {ep:.3f} R {er:.3f} F1 {ef:.3f}  (tp {tp} fp {fp} fn {fn})")
    gp_, gr_, gf_, n_gold, n_pred = s.groups
    print(
        f"origin groups (pairwise): P {gp_:.3f} R {gr_:.3f} F1 {gf_:.3f}  "
        f"(gold pairs {n_gold}, predicted {n_pred})"
    )
    print("per kind (right: the gold origin, originals none; wrong: what they got instead):")
    for row in kind_table(s):
        print(row)
    print(f"throughput: {len(articles) / elapsed:.0f} articles/s ({elapsed:.1f} s, one process)")


if __name__ == "__main__":
    main()
