"""Figures of real news: corroboration counted right, conflicts and updates found.

    .venv/bin/python bench/realnews_figures.py --crosswire .venv/bin/crosswire [--keep DIR]
    .venv/bin/python bench/realnews_figures.py --briefs DIR     # briefs a --keep run left

Data: ../shared/data/realnews/ (never copied into the project): ``checklists_dev.json`` and
``newscluster_dev.jsonl``. For each story of the checklists the brief is made as
``../shared/bench/realnews.py`` makes it (``crosswire brief STORY.jsonl --format json``, the
gold fields left out) or read from ``DIR/<story>.brief.json`` (the names that scorer's
``--keep`` gives).

Agreement: for every gold ``figures`` entry marked ``agree``, the brief's fact stating it is
the fact whose figure (or text) gives one of the gold values and whose sources share the most
reports with the gold's; the entry is right when that fact's ``independent`` equals the
number of independent voices among the gold reports (counted as the shared scorer counts a
story's voices: one per outlet, a text several outlets run is the wire's one voice). An entry
no fact states is wrong.

Discrepancies: for every gold ``conflict``/``update`` entry, found when one discrepancy of the
brief holds values of two of its gold reports; numbers are read with number words ("at least
two"), unlike the shared scorer, which reads digits only. ``kind`` right when it equals the
gold verdict. A false conflict: a gold ``false_conflicts`` pair both of whose values stand in
one discrepancy.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "realnews"
GOLD_FIELDS = ("gold_story",)
WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}


def numbers(text: str) -> set[float]:
    """The numbers of ``text``: digits (with a scale word) and number words."""
    out: set[float] = set()
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?|[A-Za-z]+", text or ""):
        token = m.group()
        if token[0].isdigit():
            try:
                value = float(token.replace(",", ""))
            except ValueError:
                continue
        elif token.lower() in WORDS:
            value = float(WORDS[token.lower()])
        else:
            continue
        scale = re.match(r"[\s-]*(thousand|million|billion|trillion|bn|m)\b", text[m.end():],
                         re.I)
        out.add(value * SCALES[scale.group(1).lower()] if scale else value)
    return out


def outlet(site: str) -> str:
    return re.sub(r"^(www|edition|m|mobile|amp|africa|europe|usa|uk|global)\.", "", site)


def gold_voices(ids: list[str], check: dict, site_of: dict[str, str]) -> int:
    """Independent voices among ``ids``: one per outlet; a text run by several outlets is one
    voice (the wire's); non-articles out."""
    ids = [i for i in dict.fromkeys(ids) if i not in set(check.get("not_articles", []))]
    copies = [g for g in check.get("same_text", [])
              if len({outlet(site_of.get(i, i)) for i in g}) > 1]
    voice: dict[str, str] = {}
    for n, group in enumerate(copies):
        for i in group:
            voice[i] = f"wire{n}"
    return len({voice.get(i, outlet(site_of.get(i, i))) for i in ids})


def fact_numbers(fact: dict) -> set[float]:
    q = fact.get("quantity") or {}
    return {float(q["value"])} if q.get("value") is not None else numbers(fact.get("text", ""))


def agree_figures(
    check: dict, brief: dict, site_of: dict[str, str]
) -> list[tuple[str, int, int | None]]:
    """(about, gold voices, the brief's independent count or None) per gold agree figure."""
    out = []
    for fig in check.get("figures", []):
        if fig.get("verdict") != "agree":
            continue
        ids = [i for v in fig["values"] for i in v["ids"]]
        want = {n for v in fig["values"] for n in numbers(v["value"])}
        texts = [v["value"].lower() for v in fig["values"]]
        best, overlap = None, 0
        for fact in brief.get("facts", []):
            text = fact.get("text", "").lower()
            states = bool(want & fact_numbers(fact)) or any(t in text for t in texts)
            shared = len(set(fact.get("sources", [])) & set(ids))
            if states and shared > overlap:
                best, overlap = fact, shared
        out.append((fig["about"], gold_voices(ids, check, site_of),
                    None if best is None else int(best.get("independent", 0))))
    return out


def _values(disc: dict) -> list[tuple[set[float], set[str]]]:
    return [(numbers(v.get("text", "")), set(v.get("sources", []))) for v in disc.get("values", [])]


def discrepancies(check: dict, brief: dict) -> tuple[list[tuple[str, str, bool, str | None]], int]:
    """Per gold conflict/update: (about, verdict, found, kind found); and false conflicts."""
    found = []
    discs = brief.get("discrepancies", [])
    for fig in check.get("figures", []):
        if fig.get("verdict") not in ("conflict", "update"):
            continue
        hit, kind = False, None
        for d in discs:
            vals = _values(d)
            gold = [(numbers(g["value"]), set(g["ids"])) for g in fig["values"]]
            matched = {k for k, (gn, gi) in enumerate(gold)
                       for vn, vi in vals if gn & vn and gi & vi}
            if len(matched) >= 2:
                hit, kind = True, d.get("kind")
                break
        found.append((fig["about"], fig["verdict"], hit, kind))
    false = 0
    for pair in check.get("false_conflicts", []):
        a, b = pair["a"], pair["b"]
        for d in discs:
            vals = _values(d)
            has_a = any(numbers(a["value"]) & vn and a["id"] in vi for vn, vi in vals)
            has_b = any(numbers(b["value"]) & vn and b["id"] in vi for vn, vi in vals)
            false += has_a and has_b
    return found, false


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA / "newscluster_dev.jsonl")
    ap.add_argument("--checklists", type=Path, default=DATA / "checklists_dev.json")
    ap.add_argument("--crosswire", help="run this command line (else read --briefs)")
    ap.add_argument("--briefs", type=Path, help="a directory of <story>.brief.json files")
    ap.add_argument("--keep", type=Path, help="with --crosswire: keep inputs and briefs here")
    ap.add_argument("--details", action="store_true", help="one line per gold figure")
    args = ap.parse_args()
    records = {r["id"]: r for r in map(json.loads, args.data.open(encoding="utf-8"))}
    site_of = {i: r.get("site") or i for i, r in records.items()}
    checks = json.loads(args.checklists.read_text(encoding="utf-8"))
    work = args.briefs or args.keep or Path(tempfile.mkdtemp(prefix="realnews-figures-"))
    work.mkdir(parents=True, exist_ok=True)
    totals: dict[str, int] = defaultdict(int)
    for check in checks:
        name = re.sub(r"\W+", "_", check["story"])[:60]
        path = work / f"{name}.brief.json"
        if args.crosswire:
            inp = work / f"{name}.jsonl"
            with inp.open("w", encoding="utf-8") as fh:
                for i in check["articles"]:
                    rec = {k: v for k, v in records[i].items() if k not in GOLD_FIELDS}
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            cmd = [*args.crosswire.split(), "brief", str(inp), "--format", "json", "-o", str(path)]
            subprocess.run(cmd, check=True, capture_output=True)
        if not path.exists():
            sys.exit(f"no brief for {check['story']} at {path}")
        brief = json.loads(path.read_text(encoding="utf-8"))
        agree = agree_figures(check, brief, site_of)
        discs, false = discrepancies(check, brief)
        right = sum(1 for _, g, p in agree if p == g)
        stated = sum(1 for _, _, p in agree if p is not None)
        found = sum(1 for d in discs if d[2])
        kinds = sum(1 for d in discs if d[2] and d[3] == d[1])
        totals["agree"] += len(agree)
        totals["agree_right"] += right
        totals["agree_stated"] += stated
        totals["disc"] += len(discs)
        totals["disc_found"] += found
        totals["kind_right"] += kinds
        totals["false"] += false
        print(f"{check['story'][:44]:44} agree {right}/{len(agree)} (stated {stated}) "
              f"conflicts+updates {found}/{len(discs)} (kind right {kinds}) false {false}")
        if args.details:
            for about, gold, pred in agree:
                mark = "ok " if pred == gold else "-- "
                print(f"    {mark}agree  gold {gold} brief {pred}: {about[:70]}")
            for about, verdict, hit, kind in discs:
                print(f"    {'ok ' if hit else '-- '}{verdict:8} found as {kind}: {about[:70]}")
    n = max(1, totals["agree"])
    print(f"agree figures: independent right {totals['agree_right']}/{totals['agree']} "
          f"({totals['agree_right'] / n:.2f}), stated by a fact {totals['agree_stated']}; "
          f"conflicts+updates found {totals['disc_found']}/{totals['disc']} "
          f"(kind right {totals['kind_right']}); false conflicts {totals['false']}")


if __name__ == "__main__":
    main()
