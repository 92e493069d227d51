"""Start-up speed of the command line: ``crosswire --help`` and the brief of one report.

    .venv/bin/python bench/startup_speed.py                      # 3 runs each, the best kept
    .venv/bin/python bench/startup_speed.py --runs 5 --report examples/ishiba-visit/000_*.txt
    .venv/bin/python bench/startup_speed.py --crosswire /tmp/other-checkout-wrapper

Each command runs in a fresh process, as a user runs it, from a warm disk cache (one untimed
run first); wall seconds and CPU seconds (user + system of the child) are measured per run and
the least of the runs is printed, as the machine may be shared. Goals (issue 22): ``--help``
<= 0.5 s, the brief of one report <= 2 s wall.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "examples" / "ishiba-visit" / "000_bc6434c99118b5b0.txt"


def _command(crosswire: str | None) -> list[str]:
    if crosswire:
        return [crosswire]
    return [sys.executable, "-c", "import sys; from crosswire.cli import main; "
            "sys.argv[0] = 'crosswire'; sys.exit(main())"]


def _timed(argv: list[str]) -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))  # this checkout's crosswire
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def best_of(argv: list[str], *, runs: int) -> tuple[float, float]:
    """The least wall and the least CPU seconds of ``runs`` runs (after one untimed run)."""
    _timed(argv)
    times = [_timed(argv) for _ in range(runs)]
    return min(w for w, _ in times), min(c for _, c in times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--report", default=str(REPORT), help="the one report to brief")
    parser.add_argument("--crosswire", help="a crosswire command to time (default: this src)")
    args = parser.parse_args()
    base = _command(args.crosswire)
    for label, extra, goal in (
        ("crosswire --help", ["--help"], "<= 0.5 s"),
        ("brief of one report", ["brief", args.report, "--format", "json"], "<= 2 s wall"),
    ):
        wall, cpu = best_of(base + extra, runs=args.runs)
        print(f"{label}: {wall:.2f} s wall, {cpu:.2f} CPU-s (best of {args.runs}) [goal {goal}]",
              flush=True)


if __name__ == "__main__":
    main()
