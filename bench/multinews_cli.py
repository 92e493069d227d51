"""Multi-News through the product: `crosswire brief CLUSTER --one-story` against the summariser
alone (bench/summaries.py) and LexRank, on the same clusters, scored the same way.

Usage:  .venv/bin/python bench/multinews_cli.py [--data PATH] [--limit N] [--cli-sample K]
                                                [--crosswire PATH] [--systems a,b] [--clustered]

``--clustered`` leaves ``--one-story`` out: the brief of the largest story crosswire finds in
the cluster, what ``crosswire brief CLUSTER`` gave before a user could say the reports are one
story.

Protocol:
- each cluster's raw documents become a JSON Lines file of records ``{"id": "d<k>", "text":
  document}``, the same documents bench/summaries.py cleans (crosswire cleans them the same
  way: clean_document with the default settings);
- crosswire: the brief of that file as ``crosswire brief FILE --one-story --summary-words N
  --format json`` writes it, run in-process through the same facade the CLI calls
  (``api.brief(paths=[FILE], one_story=True, limit=1)``, [summary] words = N) so the spaCy
  model loads once; N = the reference summary's whitespace words, as bench/summaries.py;
- a sample of clusters (``--cli-sample``, spread over the set) also runs through the real
  command line, timed, and its JSON summary must equal the in-process one;
- the same clusters through bench/summaries.py's summariser alone and its baselines (LexRank by
  default), side by side: ROUGE-1/2/L F1 (rouge-score, stemmer on), every output cut to N
  words, averaged over clusters, x100; tuning split = the first 125 clusters, held-out = the
  rest, all 250 also reported.
A cluster all of whose documents cleaning rejects has no brief, and a brief (with
``--clustered``: of a story of junk) may have an empty summary: either scores 0 for crosswire
(bench/summaries.py keeps raw text instead; both counts are printed).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rouge_score import rouge_scorer

import summaries  # bench/summaries.py (beside this script): its loader, systems and table
from crosswire import api
from crosswire.config import load_config, replace_setting
from crosswire.nlp import load_nlp
from crosswire.serialize import brief_to_dict

ROUGE = ("rouge1", "rouge2", "rougeL")


def _records(path: Path, limit: int | None) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return rows[:limit] if limit is not None else rows


def _write_cluster(rec: dict[str, Any], folder: Path) -> Path:
    path = folder / f"{rec['cluster_id']}.jsonl"
    rows = [{"id": f"d{k}", "text": text} for k, text in enumerate(rec["documents"])]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _brief_summary(*, path: Path, words: int, nlp: Any, one_story: bool) -> list[str] | None:
    """The summary sentences of the brief (None when there is no brief)."""
    config = replace_setting(config=load_config(path=None), table="summary", key="words",
                             value=words)
    result = api.brief(paths=[str(path)], config=config, nlp=nlp, limit=1, one_story=one_story)
    if not result.briefs:
        return None
    return [s["text"] for s in brief_to_dict(result.briefs[0])["summary"]]


def _cli_summary(
    *, crosswire: str, path: Path, words: int, one_story: bool
) -> tuple[list[str], float]:
    start = time.perf_counter()
    flags = ["--one-story"] if one_story else []
    out = subprocess.run(
        [crosswire, "brief", str(path), *flags, "--summary-words", str(words),
         "--format", "json"],
        capture_output=True, text=True,
    )
    took = time.perf_counter() - start
    if out.returncode != 0:
        return [], took
    return [s["text"] for s in json.loads(out.stdout)["summary"]], took


def _score(scorer: Any, reference: str, texts: Sequence[str], n: int) -> dict[str, float]:
    found = scorer.score(reference, summaries.cut(texts, n))
    return {k: 100 * v.fmeasure for k, v in found.items()}


def _sample(count: int, total: int) -> list[int]:
    if count <= 0 or total == 0:
        return []
    step = max(1, total // count)
    return list(range(0, total, step))[:count]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--data", type=Path, default=summaries.DATA)
    ap.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    ap.add_argument("--cli-sample", type=int, default=10,
                    help="clusters also run through the real command line (10)")
    ap.add_argument("--crosswire", default=str(Path(sys.executable).parent / "crosswire"),
                    help="the crosswire command (default: beside this Python)")
    ap.add_argument("--systems", default="lexrank", help="bench/summaries.py baselines too")
    ap.add_argument("--clustered", action="store_true",
                    help="leave --one-story out: the largest story crosswire finds")
    args = ap.parse_args(argv)
    one_story = not args.clustered
    if not args.data.exists():
        print(f"missing data: {args.data}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    recs = _records(args.data, args.limit)
    clusters = summaries.load(args.data, args.limit)  # the summariser's own cleaning
    # the brief through the CLI path; the summariser alone (bench/summaries.py)
    names = ["brief-cli" if one_story else "clustered", "crosswire"]
    baselines = [n for n in args.systems.split(",") if n]
    scores: dict[str, list[dict[str, float]]] = {n: [] for n in names + baselines}
    scorer = rouge_scorer.RougeScorer(list(ROUGE), use_stemmer=True)
    nlp = load_nlp()
    sampled = set(_sample(args.cli_sample, len(recs)))
    cli_times: list[float] = []
    mismatched: list[str] = []
    no_brief = empty = 0
    with tempfile.TemporaryDirectory(prefix="multinews-cli-") as tmp:
        for i, (rec, cluster) in enumerate(zip(recs, clusters, strict=True)):
            n = len(rec["summary"].split())
            path = _write_cluster(rec, Path(tmp))
            found = _brief_summary(path=path, words=n, nlp=nlp, one_story=one_story)
            no_brief += found is None
            empty += found == []
            texts = found or []
            scores[names[0]].append(_score(scorer, rec["summary"], texts, n))
            groups = summaries._origin_groups(cluster.articles)[1]
            alone = [s.text for s in summaries.crosswire_summary(cluster, n, groups)]
            scores[names[1]].append(_score(scorer, rec["summary"], alone, n))
            for name in baselines:
                picked = summaries.SYSTEMS[name](cluster, n)
                scores[name].append(_score(scorer, rec["summary"], picked, n))
            if i in sampled:
                via_cli, took = _cli_summary(crosswire=args.crosswire, path=path, words=n,
                                             one_story=one_story)
                cli_times.append(took)
                if via_cli != texts:
                    mismatched.append(rec["cluster_id"])
    k = len(recs)
    print(f"{k} clusters, {sum(len(r['documents']) for r in recs)} documents; "
          f"{no_brief} with no brief (every document rejected), {empty} whose brief's summary "
          "is empty")
    print("length: every output cut to the reference's N words "
          f"(mean N = {statistics.fmean(len(r['summary'].split()) for r in recs):.1f})")
    summaries.table(title=f"tuning split: clusters 1-{min(summaries.TUNE, k)}", scores=scores,
                    lo=0, hi=summaries.TUNE)
    summaries.table(title=f"held-out split: clusters {summaries.TUNE + 1}-{k}", scores=scores,
                    lo=summaries.TUNE, hi=k)
    summaries.table(title=f"all {k} clusters", scores=scores, lo=0, hi=k)
    if cli_times:
        print(f"\nreal CLI on {len(cli_times)} sampled clusters: "
              f"{statistics.fmean(cli_times):.1f}s a cluster (spaCy loaded each time); "
              f"summary equal to the in-process brief on {len(cli_times) - len(mismatched)}"
              f"/{len(cli_times)}" + (f" (differs: {', '.join(mismatched)})" if mismatched else ""))
    print(f"time: {time.perf_counter() - t0:.1f}s")
    return 1 if mismatched else 0


if __name__ == "__main__":
    raise SystemExit(main())
