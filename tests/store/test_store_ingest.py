"""The store under continuous ingest: re-ingesting adds nothing, and a run killed mid-way then run
again ends exactly like one clean run (compared through the canonical dump)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crosswire.config import Config
from crosswire.store import canonical_dump, open_store
from crosswire.store.ingest import ingest_paths
from crosswire.store.queries import count_rows

ROOT = Path(__file__).resolve().parents[2]

_PEOPLE = ["Maria Lopez", "Kenji Sato", "Amara Okafor", "Lars Nilsson", "Priya Raman",
           "Tomasz Nowak", "Chen Wei", "Fatima Haddad", "Olu Adeyemi", "Sofia Rossi"]
_PLACES = ["Lisbon", "Osaka", "Lagos", "Uppsala", "Chennai", "Gdansk", "Chengdu", "Beirut",
           "Ibadan", "Turin"]
_TOPICS = ["a new railway bridge", "the harbour flood defences", "a vaccine factory",
           "the copper mine strike", "a solar farm tender", "the airport expansion",
           "a fishing quota dispute", "the central bank rate decision", "a wildfire evacuation",
           "the university funding cuts"]


def synthetic_reports(*, stories: int, per_story: int, seed: int) -> list[dict[str, Any]]:
    """Reports of ``stories`` distinct events, ``per_story`` differently worded reports each."""
    rng = random.Random(seed)
    rows = []
    for k in range(stories):
        who, where, what = _PEOPLE[k], _PLACES[k], _TOPICS[k]
        facts = [
            f"{who} announced on Tuesday in {where} that work on {what} would start in March.",
            f"The plan for {what} in {where} is expected to cost {10 + k} million euros.",
            f"Critics in {where} said {who} had ignored local residents on {what}.",
            f"{who} told reporters: \"We will deliver {what} on time and on budget.\"",
            f"Officials in {where} will publish the full report on {what} next month.",
            f"Residents of {where} gathered outside city hall to discuss {what}.",
        ]
        for j in range(per_story):
            body = rng.sample(facts, k=5)
            rows.append({
                "id": f"r{k:02d}-{j:02d}",
                "title": f"{who} on {what} in {where}" + (" (update)" if j % 2 else ""),
                "published": f"2025-{1 + 2 * k:02d}-10",  # weeks apart: never one story
                "site": f"news{j}.example",
                "text": "\n\n".join(body),
            })
    return rows


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


_DRIVER = """
import sys, time
from pathlib import Path
from crosswire.store import open_store
from crosswire.store.ingest import ingest_paths
from crosswire.store.sqlite import Store

db, data, phase = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
put = Store.put_story
def slow_put(self, **kw):
    put(self, **kw)
    print("story", flush=True)
    time.sleep(0.5)
Store.put_story = slow_put
def committed(n):
    print("committed", n, flush=True)
    time.sleep(0.05 if phase == "add" else 0)
store = open_store(path=db)
ingest_paths(store=store, paths=[data], batch_size=1, on_commit=committed)
print("done", flush=True)
"""


def _run_and_kill(*, db: Path, data: Path, phase: str, kill_at: str) -> int:
    """Ingest in a child process; SIGKILL it as soon as it prints ``kill_at``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    child = subprocess.Popen(
        [sys.executable, "-c", _DRIVER, str(db), str(data), phase],
        stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )
    assert child.stdout is not None
    killed_after = -1
    for n, line in enumerate(child.stdout):
        if line.strip() == kill_at:
            killed_after = n
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=120)
    assert child.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    return killed_after


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    return _write_jsonl(folder / "feed.jsonl", synthetic_reports(stories=2, per_story=3, seed=7))


@pytest.fixture(scope="module")
def clean_dump(reports: Path, nlp: Any, tmp_path_factory: pytest.TempPathFactory) -> dict:
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    with open_store(path=db) as store:
        report = ingest_paths(store=store, paths=[str(reports)], nlp=nlp)
        assert len(report.added.added) == 6 and not report.added.rejected
        assert report.refreshed.stories >= 2
        return canonical_dump(store=store)


@pytest.mark.parametrize(("phase", "kill_at"), [("add", "committed 3"), ("brief", "story")])
def test_killed_ingest_resumes_to_the_clean_state(
    tmp_path: Path, reports: Path, nlp: Any, clean_dump: dict, phase: str, kill_at: str
) -> None:
    db = tmp_path / "killed.db"
    _run_and_kill(db=db, data=reports, phase=phase, kill_at=kill_at)
    with open_store(path=db) as store:
        partial = count_rows(store=store)
        if phase == "add":
            assert 0 < partial.articles < 6 and partial.stories == 0
        else:
            assert partial.articles == 6 and partial.stories >= 1
        ingest_paths(store=store, paths=[str(reports)], nlp=nlp)
        assert canonical_dump(store=store) == clean_dump


def test_reingest_adds_no_row(tmp_path: Path, reports: Path, nlp: Any, clean_dump: dict) -> None:
    db = tmp_path / "twice.db"
    with open_store(path=db) as store:
        ingest_paths(store=store, paths=[str(reports)], nlp=nlp)
        again = ingest_paths(store=store, paths=[str(reports)], nlp=nlp)
        assert again.added.added == () and again.added.known == 6
        assert again.refreshed.updated == () and again.refreshed.removed == ()
        assert canonical_dump(store=store) == clean_dump


def test_new_reports_rebrief_only_the_stories_they_touch(
    tmp_path: Path, nlp: Any
) -> None:
    rows = synthetic_reports(stories=2, per_story=2, seed=3)
    first = _write_jsonl(tmp_path / "a.jsonl", [r for r in rows if not r["id"].startswith("r01")])
    second = _write_jsonl(tmp_path / "b.jsonl", [r for r in rows if r["id"].startswith("r01")])
    with open_store(path=tmp_path / "inc.db") as store:
        before = ingest_paths(store=store, paths=[str(first)], nlp=nlp).refreshed
        after = ingest_paths(store=store, paths=[str(second)], nlp=nlp).refreshed
        assert before.updated and after.stories >= before.stories
        assert len(after.updated) < after.stories  # untouched stories keep their briefs
        once = canonical_dump(store=store)
    with open_store(path=tmp_path / "batch.db") as store:
        ingest_paths(store=store, paths=[str(first), str(second)], nlp=nlp)
        both = canonical_dump(store=store)
    assert once == both


def test_same_content_under_another_name_is_known_and_a_clashing_id_is_renamed(
    tmp_path: Path, nlp: Any
) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    text = "Kenji Sato opened the Osaka bridge on Monday.\n\nThousands watched the ceremony."
    (tmp_path / "x" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "x" / "copy.txt").write_text(text, encoding="utf-8")
    other = text.replace("Monday", "Friday")
    (tmp_path / "y" / "a.txt").write_text(other, encoding="utf-8")
    (tmp_path / "y" / "empty.txt").write_text("  \n", encoding="utf-8")
    paths = [str(tmp_path / "x"), str(tmp_path / "y")]
    with open_store(path=tmp_path / "ids.db") as store:
        report = ingest_paths(store=store, paths=paths, nlp=nlp, config=Config())
        assert report.added.known == 1
        ids = sorted(report.added.added)
        assert ids[0] == "a" and ids[1].startswith("a~") and len(ids) == 2
        assert [r.reason for r in report.added.rejected] == ["empty"]
        before = canonical_dump(store=store)
        again = ingest_paths(store=store, paths=paths, nlp=nlp, config=Config())
        assert again.added.added == () and canonical_dump(store=store) == before


def test_briefing_in_worker_processes_stores_what_one_process_stores(
    tmp_path: Path, reports: Path, nlp: Any, clean_dump: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ingest --processes N``: the same stories, briefs and order of commits as one process,
    also when the stories are briefed a window at a time."""
    from crosswire.pipeline.parallel import can_fork
    from crosswire.store import ingest as store_ingest

    if not can_fork():
        pytest.skip("worker processes are forked")
    monkeypatch.setattr(store_ingest, "_WINDOW", 1)
    with open_store(path=tmp_path / "p.db") as store:
        report = ingest_paths(store=store, paths=[str(reports)], nlp=nlp, processes=2)
        assert report.refreshed.stories >= 2 and len(report.refreshed.updated) >= 2
        assert canonical_dump(store=store) == clean_dump
