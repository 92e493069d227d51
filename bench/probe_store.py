"""The store cases of ``probe_hardening.py`` (issue 23, cases 5 and 10), run through the CLI in
child processes (the crosswire on PYTHONPATH) on loopback only:

5. Two ``crosswire ingest`` of one folder started at once on one store (the first with one
   long batch), ``--ingest-trials`` times, and of its two files (``--halves-trials``): exit
   codes, what the second said, and whether the store holds the same stories as one ingest
   (reports in no story, in two, stray stories); then one ingest while another connection
   holds a write transaction for ``--hold-s`` seconds.
10. ``stories``, ``show``, ``search``, ``serve`` and ``ingest`` on stores a user can point
    crosswire at by mistake (missing, empty, not SQLite, damaged, another program's database,
    an older schema) and in a read-only folder: exit code, the first line said, whether a
    traceback was printed, and whether any file changed or appeared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

_CLI = "import sys; from crosswire.cli import main; sys.exit(main(sys.argv[1:]))"

_EVENTS = [("Maria Lopez", "Lisbon", "a new railway bridge"),
           ("Kenji Sato", "Osaka", "the harbour flood defences"),
           ("Amara Okafor", "Lagos", "a vaccine factory"),
           ("Lars Nilsson", "Uppsala", "the copper mine strike")]


def _env() -> dict[str, str]:
    import crosswire

    src = str(Path(crosswire.__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        [src, *filter(None, [os.environ.get("PYTHONPATH")])])}


def _cli(*argv: str) -> list[str]:
    return [sys.executable, "-c", _CLI, *argv]


def write_reports(folder: Path) -> int:
    """Four events a month apart, four differently worded reports of each, in two files."""
    n = 0
    for k, (who, where, what) in enumerate(_EVENTS):
        facts = [f"{who} announced on Tuesday in {where} that work on {what} would start soon.",
                 f"The plan for {what} in {where} is expected to cost {10 + k} million euros.",
                 f"Critics in {where} said {who} had ignored local residents on {what}.",
                 f"{who} told reporters: \"We will deliver {what} on time and on budget.\"",
                 f"Officials in {where} will publish the full report on {what} next month."]
        for j in range(4):
            body = "\n\n".join(facts[j:] + facts[:j])
            row = {"id": f"r{k}-{j}", "title": f"{who} on {what} in {where}",
                   "published": f"2025-{1 + 2 * k:02d}-1{j}", "site": f"news{j}.example",
                   "text": body}
            with (folder / f"feed{j % 2}.jsonl").open("a", encoding="utf-8") as f:
                f.write(json.dumps(row) + "\n")
            n += 1
    return n


def _membership(db: Path) -> dict[str, list[str]]:
    """Each stored report's stories."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        out: dict[str, list[str]] = {a: [] for (a,) in conn.execute("SELECT id FROM articles")}
        for story, article in conn.execute(
                "SELECT story_id, article_id FROM story_articles ORDER BY story_id"):
            out.setdefault(article, []).append(story)
        return out
    finally:
        conn.close()


def _dump(db: Path) -> Any:
    from crosswire.store import canonical_dump, open_store

    with open_store(path=db, readonly=True) as store:
        return canonical_dump(store=store)


def _ingest(db: Path, paths: list[str], *, batch: str = "20") -> subprocess.Popen[str]:
    return subprocess.Popen(_cli("ingest", *paths, "--db", str(db), "--batch-size", batch),
                            env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _said(children: list[subprocess.Popen[str]]) -> tuple[list[int], list[str]]:
    """Exit codes, and the line each child said about waiting or an error."""
    outs = [c.communicate(timeout=600) for c in children]
    said = [next((ln for ln in err.splitlines()
                  if "waiting" in ln or "trying again" in ln or "rror" in ln), "")
            for _, err in outs]
    return [c.returncode for c in children], said


def _verdict(db: Path, *, expected: Any, stories: set[str]) -> tuple[bool, str]:
    got = _membership(db) if db.exists() else {}
    none = sorted(a for a, ss in got.items() if not ss)
    two = sorted(a for a, ss in got.items() if len(ss) > 1)
    stray = sorted({s for ss in got.values() for s in ss} - stories)
    equal = db.exists() and _dump(db) == expected
    return equal, (f"same stories as one ingest: {'yes' if equal else 'NO'}; in no story "
                   f"{none[:4]}, in two {two[:4]}, stray stories {stray[:3]}")


def concurrent_ingests(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "feed"
        folder.mkdir()
        reports = write_reports(folder)
        one = Path(tmp) / "one.db"
        start = time.monotonic()
        subprocess.run(_cli("ingest", str(folder), "--db", str(one)), env=_env(),
                       capture_output=True, check=True)
        expected, members = _dump(one), _membership(one)
        stories = {s for ss in members.values() for s in ss}
        print(f"  one ingest of {reports} reports: {len(stories)} stories "
              f"({time.monotonic() - start:.0f}s)")
        halves = [str(p) for p in sorted(folder.glob("*.jsonl"))]
        runs = [("the folder, twice (batches of 1000 and 1)", [str(folder)], [str(folder)])]
        runs += [("its two files, one each", halves[:1], halves[1:])] * bool(args.halves_trials)
        for label, first, second in runs:
            trials = args.ingest_trials if second == first else args.halves_trials
            same = 0
            print(f"  two ingests at once of {label}:")
            for trial in range(trials):
                db = Path(tmp) / f"two-{len(label)}-{trial}.db"
                codes, said = _said([_ingest(db, first, batch="1000"),
                                     _ingest(db, second, batch="1")])
                equal, verdict = _verdict(db, expected=expected, stories=stories)
                same += equal
                print(f"    trial {trial + 1}: exit {codes}, {verdict}")
                for line in filter(None, said):
                    print(f"        said: {line.strip()[:150]}")
            print(f"    {same}/{trials} trials left the stories of one ingest")
        _long_transaction(Path(tmp), folder=folder, hold_s=args.hold_s)


def _long_transaction(tmp: Path, *, folder: Path, hold_s: float) -> None:
    """An ingest while another connection holds a write transaction for ``hold_s`` seconds
    (what a long batch of an older crosswire, or another program, does)."""
    import threading

    db = tmp / "held.db"
    from crosswire.store import open_store

    open_store(path=db).close()
    holder = sqlite3.connect(str(db), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(hold_s, lambda: holder.execute("COMMIT"))
    timer.start()
    start = time.monotonic()
    codes, said = _said([_ingest(db, [str(folder)])])
    timer.join()
    holder.close()
    print(f"  an ingest while another connection holds a write transaction for {hold_s:.0f}s: "
          f"exit {codes[0]} after {time.monotonic() - start:.0f}s "
          f"{('said: ' + said[0].strip()[:120]) if said[0] else ''}")


# ---------------------------------------------------------------- 10: unusable stores

KINDS = ("missing", "empty", "garbage", "damaged", "foreign", "old schema")


def _good_store(db: Path, *, feed: Path) -> None:
    subprocess.run(_cli("ingest", str(feed), "--db", str(db)), env=_env(),
                   capture_output=True, check=True)
    conn = sqlite3.connect(str(db))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def make_store(db: Path, *, kind: str, good: Path) -> None:
    if kind in ("good", "damaged"):
        shutil.copy(good, db)
    if kind == "damaged":
        with db.open("r+b") as f:
            f.seek(4096)
            f.write(b"\xab" * (db.stat().st_size - 4096))
    elif kind == "empty":
        db.write_bytes(b"")
    elif kind == "garbage":
        db.write_bytes(b"id,text\nr1,not a database\n" * 40)
    elif kind == "foreign":
        conn = sqlite3.connect(str(db))
        conn.execute("CREATE TABLE bookmarks (url TEXT)")
        conn.commit()
        conn.close()
    elif kind == "old schema":
        from crosswire.store.migrations import MIGRATIONS, migrate

        conn = sqlite3.connect(str(db), isolation_level=None)
        migrate(conn, clock=lambda: "2026-01-01T00:00:00+00:00", migrations=MIGRATIONS[:1])
        conn.close()


def _files(folder: Path) -> dict[str, bytes]:
    """The files of ``folder`` with their bytes, but SQLite's shared-memory index and an empty
    ``-wal`` (what any reader of a WAL database creates in a writable folder; no data)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()
            and not p.name.endswith("-shm")
            and not (p.name.endswith("-wal") and p.stat().st_size == 0)}


def _changes(before: dict[str, bytes], after: dict[str, bytes]) -> str:
    new = sorted(set(after) - set(before))
    changed = sorted(n for n in set(before) & set(after) if before[n] != after[n])
    gone = sorted(set(before) - set(after))
    parts = [f"new {new}" if new else "", f"changed {changed}" if changed else "",
             f"gone {gone}" if gone else ""]
    return "; ".join(filter(None, parts)) or "no file changed"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _run(argv: list[str], *, cwd: Path, readonly: bool) -> tuple[int, str]:
    """Run the CLI (``serve``: until it answers or exits) in ``cwd``, made read-only by a
    bind mount when asked; the exit code and stderr."""
    prefix: list[str] = []
    if readonly:
        prefix = ["unshare", "-m", "sh", "-c", 'mount --bind "$0" "$0" && '
                  'mount -o remount,bind,ro "$0" && cd "$0" && exec "$@"', str(cwd)]
    if argv[0] != "serve":
        done = subprocess.run(prefix + _cli(*argv), cwd=cwd, env=_env(), capture_output=True,
                              text=True, timeout=300, check=False)
        shown = len(done.stdout.splitlines())
        return done.returncode, done.stderr or f"({shown} lines on stdout)"
    port = _free_port()
    child = subprocess.Popen(prefix + _cli(*argv, "--port", str(port)), cwd=cwd, env=_env(),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    answer = ""
    while time.monotonic() < deadline and child.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stories",
                                        timeout=2) as got:
                answer = f"GET /api/stories: {got.status}, {len(json.load(got))} stories"
                break
        except OSError:
            time.sleep(0.3)
    if child.poll() is None:
        child.terminate()
        err = child.communicate(timeout=10)[1]
        return 0, f"(served; {answer or 'no answer'})\n{err}"
    return child.returncode, child.communicate()[1]


def _report(label: str, argv: list[str], *, cwd: Path, readonly: bool = False) -> None:
    before = _files(cwd)
    code, err = _run(argv, cwd=cwd, readonly=readonly)
    lines = [ln for ln in err.splitlines() if ln.strip()]
    first = lines[0] if lines else ""
    if "Traceback" in err:
        first = f"TRACEBACK ({len(lines)} lines) ending {lines[-1][:110]!r}"
    print(f"    {label:9} exit {code}: {first[:150]}")
    print(f"              {_changes(before, _files(cwd))}")


def unusable_stores(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed"
        feed.mkdir()
        write_reports(feed)
        good = Path(tmp) / "good.db"
        _good_store(good, feed=feed)
        conn = sqlite3.connect(f"file:{good}?mode=ro", uri=True)
        (story,) = conn.execute("SELECT id FROM stories ORDER BY id LIMIT 1").fetchone()
        conn.close()
        reads = {"stories": ["stories"], "show": ["show", story],
                 "search": ["search", "Lisbon"], "serve": ["serve"]}
        for kind in KINDS:
            print(f"  store: {kind}")
            for label, argv in {**reads, "ingest": ["ingest", str(feed)]}.items():
                folder = Path(tmp) / f"{kind}-{label}".replace(" ", "-")
                folder.mkdir()
                make_store(folder / "s.db", kind=kind, good=good)
                _report(label, [*argv, "--db", "s.db"], cwd=folder)
        can_mount = os.geteuid() == 0 and shutil.which("unshare") is not None
        folder = Path(tmp) / "read-only"
        folder.mkdir()
        make_store(folder / "s.db", kind="good", good=good)
        print("  store: good, in a read-only folder"
              + (" (a read-only bind mount):" if can_mount else " (chmod 555):"))
        if not can_mount:
            folder.chmod(0o555)
        for label, argv in {**reads, "ingest": ["ingest", str(feed)]}.items():
            _report(label, [*argv, "--db", "s.db"], cwd=folder, readonly=can_mount)
        folder.chmod(0o755)
