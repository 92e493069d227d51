"""Stories and the off-topic cut on real multi-outlet news: B-cubed of the pile, emptied reports.

    .venv/bin/python bench/realnews_clusters.py              # newscluster dev + BASIL dev
    .venv/bin/python bench/realnews_clusters.py --details    # and each predicted story's members
    .venv/bin/python bench/realnews_clusters.py --crosswire .venv/bin/crosswire
                                                             # the same through the command line

Data: ../shared/data/realnews/ (never copied into the project). For each pile
(``newscluster_dev.jsonl``: 205 reports of 37 events; ``basil_dev.jsonl``: 49 triplets) the
reports are clustered as ``crosswire cluster`` does and scored against ``gold_story`` with
B-cubed, counted as ``../shared/bench/realnews.py`` counts it (a rejected record has no story:
all of them fall into one predicted group). Then every story of the pile goes through the
off-topic cut as ``crosswire brief --all`` does, and a report is *emptied* when its input text
had at least 1,000 characters and fewer than 200 are left: cleaning plus the cut must never
make a report vanish. Rejections are listed with their reasons.

With ``--crosswire CMD`` the command line itself runs (``cluster`` and ``brief --all --format
json``) and its output is read back: slower, the same figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from clustering import bcubed
from crosswire import api
from crosswire.pipeline.story import strip_off_topic

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "realnews"
MIN_INPUT = 1000  # an input text at least this long ...
MAX_LEFT = 200  # ... is emptied when fewer characters than this are left


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _inputs(records: Sequence[dict], work: Path) -> Path:
    """The pile as a user gives it: the gold fields left out."""
    path = work / "pile.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            row = {k: v for k, v in r.items() if k not in ("gold_story", "quotes", "main_event")}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def _in_process(path: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Story of each record ('None' when rejected), text left after the cut, rejections."""
    run = api.cluster(paths=[str(path)])
    story = {r.id: "None" for r in run.cleaned.rejections}
    left: dict[str, str] = {}
    for s in run.stories:
        for a in strip_off_topic(articles=run.cleaned.articles, story=s):
            if a.id in s.article_ids:
                story[a.id] = s.id
                left[a.id] = a.text
    rejected = {r.id: f"{r.reason}: {r.message}" for r in run.cleaned.rejections}
    return story, left, rejected


def _command_line(cmd: str, path: Path, work: Path
                  ) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    clustered, briefs = work / "pile.cluster.jsonl", work / "pile.briefs.json"
    for args in (["cluster", str(path), "-o", str(clustered)],
                 ["brief", str(path), "--all", "--format", "json", "-o", str(briefs)]):
        subprocess.run([cmd, *args], check=True, capture_output=True, text=True)
    story: dict[str, str] = {}
    rejected: dict[str, str] = {}
    for r in _jsonl(clustered):
        story[r["id"]] = str(r.get("story"))
        if "error" in r:
            rejected[r["id"]] = f"{r['error']}: {r.get('message')}"
    left = {}
    for brief in json.loads(briefs.read_text(encoding="utf-8")):
        for s in brief.get("sources", []):
            left[s["id"]] = s.get("text") or ""
    return story, left, rejected


def score(name: str, records: Sequence[dict], *, cmd: str | None, details: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="realnews-clusters-") as tmp:
        work = Path(tmp)
        path = _inputs(records, work)
        story, left, rejected = (_command_line(cmd, path, work) if cmd else _in_process(path))
    gold = {r["id"]: r["gold_story"] for r in records}
    pred = {i: story.get(i, "_solo_" + i) for i in gold}
    p, r, f = bcubed(gold=gold, pred=pred)
    raw = {r["id"]: r.get("text") or "" for r in records}
    emptied = sorted(i for i, text in left.items()
                     if len(raw.get(i, "")) >= MIN_INPUT and len(text) < MAX_LEFT)
    halved = sorted(i for i, text in left.items()
                    if len(raw.get(i, "")) >= MIN_INPUT and len(text) < 0.5 * len(raw[i]))
    print(f"{name}: {len(gold)} records, {len(set(gold.values()))} gold stories, "
          f"{len(set(pred.values()))} predicted; B3 P {p:.3f} R {r:.3f} F1 {f:.3f}; "
          f"emptied {len(emptied)}; under half left {len(halved)}; rejected {len(rejected)}")
    for i in emptied:
        print(f"  emptied {i}: {len(raw[i])} -> {len(left[i])} characters")
    if details:
        for i in halved:
            print(f"  under half left {i}: {len(raw[i])} -> {len(left[i])} characters")
    for i, why in sorted(rejected.items()):
        print(f"  rejected {i} ({gold.get(i)}): {why}")
    if details:
        members: dict[str, list[str]] = defaultdict(list)
        for i in sorted(pred):
            members[pred[i]].append(i)
        for sid, ids in sorted(members.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            labels = Counter(gold[i] for i in ids)
            print(f"  {sid} ({len(ids)}): " + ", ".join(f"{g} x{n}" for g, n in
                                                       labels.most_common()))
    return {"b3_p": p, "b3_r": r, "b3_f1": f, "emptied": len(emptied), "rejected": len(rejected)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA / "newscluster_dev.jsonl")
    parser.add_argument("--basil", type=Path, default=DATA / "basil_dev.jsonl")
    parser.add_argument("--crosswire", metavar="CMD", help="run this crosswire command line")
    parser.add_argument("--details", action="store_true", help="members of each story")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no evaluation data at {args.data}", file=sys.stderr)
        return 2
    score("pile", _jsonl(args.data), cmd=args.crosswire, details=args.details)
    if args.basil and args.basil.exists():
        score("BASIL", _jsonl(args.basil), cmd=args.crosswire, details=args.details)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
