"""``crosswire watch`` as a user runs it, in a child process against a loopback server:
killed with SIGKILL mid-run and restarted, or stopped with SIGTERM, it ends with the store a
clean single run gives (compared through the canonical dump), nothing lost, nothing twice."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crosswire.config import Config, load_config, replace_setting
from crosswire.live.sources import load_sources
from crosswire.live.watch import Watcher
from crosswire.store import canonical_dump, open_store
from crosswire.store.queries import count_rows
from tests.conftest import ROOT
from tests.live.loopback import Hit, Site, article_html, rss, serving
from tests.store.test_store_ingest import synthetic_reports

SETTINGS = """
[ingest]
url_deadline_s = 10.0

[watch]
host_delay_s = 0.0
host_concurrency = 2
workers = 2
batch_size = 2
"""


class Desk:
    """Three feeds of two reports each (two stories) on one loopback server, with the files
    to watch it."""

    def __init__(self, *, site: Site, base: str, folder: Path) -> None:
        self.site, self.base = site, base
        self.sources = folder / "feeds.txt"
        self.settings = folder / "settings.toml"
        self.settings.write_text(SETTINGS, encoding="utf-8")
        rows = synthetic_reports(stories=2, per_story=3, seed=21)
        for row in rows:
            site.put(f"/a/{row['id']}", article_html(row), delay_s=0.15)
        for k in range(3):
            links = [(f"{base}/a/{r['id']}", r["title"]) for r in rows[k::3]]
            site.put(f"/feed{k}.xml", rss(title=f"Desk {k}", links=links), etag=f'"{k}"',
                     content_type="application/rss+xml")
        self.sources.write_text("".join(f"{base}/feed{k}.xml\n" for k in range(3)))

    def config(self) -> Config:
        config = load_config(path=self.settings)
        return replace_setting(config=config, table="ingest", key="allow_private_urls",
                               value=True)

    def finish(self, db: Path, nlp: Any) -> dict:
        """Run one round in this process (what a restart does) and dump the store."""
        with open_store(path=db) as store, \
                Watcher(store=store, sources=load_sources(path=self.sources),
                        config=self.config(), nlp=nlp) as watcher:
            watcher.run(once=True)
            return canonical_dump(store=store)

    def start(self, db: Path, *extra: str) -> subprocess.Popen[str]:
        command = [sys.executable, "-m", "crosswire.cli", "watch", str(self.sources),
                   "--db", str(db), "--allow-private-urls", "--config", str(self.settings),
                   *extra]
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        return subprocess.Popen(command, cwd=ROOT, env=env, text=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def after_pages(self, count: int) -> threading.Event:
        """An event set when the server has been asked for ``count`` article pages."""
        fired, seen = threading.Event(), [0]

        def on_hit(hit: Hit) -> None:
            if hit.path.startswith("/a/"):
                seen[0] += 1
                if seen[0] >= count:
                    fired.set()

        self.site.on_hit = on_hit
        return fired


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    site = Site()
    with serving(site) as base:
        yield Desk(site=site, base=base, folder=tmp_path_factory.mktemp("desk"))


@pytest.fixture(scope="module")
def clean_dump(desk: Desk, nlp: Any, tmp_path_factory: pytest.TempPathFactory) -> dict:
    dump = desk.finish(tmp_path_factory.mktemp("clean") / "clean.db", nlp)
    assert len(dump["articles"]) == 6 and len(dump["stories"]) == 2
    return dump


def _state(db: Path) -> tuple[int, int, int]:
    with open_store(path=db) as store:
        articles = count_rows(store=store).articles
        pending, done = (store.conn.execute(
            "SELECT COUNT(*) FROM live_items WHERE state = ?", (s,)).fetchone()[0]
            for s in ("pending", "done"))
    return articles, pending, done


def _articles_now(db: Path) -> int:
    """Articles committed so far by the child (0 before it made the store)."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_a_run_killed_mid_way_and_restarted_loses_and_duplicates_nothing(
    desk: Desk, clean_dump: dict, nlp: Any, tmp_path: Path
) -> None:
    db = tmp_path / "killed.db"
    child = desk.start(db, "--once")
    try:
        give_up = time.monotonic() + 60
        while _articles_now(db) < 2 and child.poll() is None and time.monotonic() < give_up:
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)  # some reports stored, the rest still to fetch
        child.wait(timeout=30)
    finally:
        child.kill()
    assert child.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    articles, _, done = _state(db)
    assert articles >= 2 and done <= articles  # an item is marked done after its report
    assert desk.finish(db, nlp) == clean_dump


def test_sigterm_stops_between_batches_with_exit_0_and_a_consistent_store(
    desk: Desk, clean_dump: dict, nlp: Any, tmp_path: Path
) -> None:
    db = tmp_path / "stopped.db"
    fired = desk.after_pages(3)
    child = desk.start(db, "--every", "1h")
    try:
        assert fired.wait(60), "the watcher never fetched three pages"
        asked = time.monotonic()
        child.send_signal(signal.SIGTERM)
        _, stderr = child.communicate(timeout=30)
        took = time.monotonic() - asked
    finally:
        desk.site.on_hit = None
        child.kill()
    assert child.returncode == 0, stderr
    assert "stopped" in stderr and took < 10
    with open_store(path=db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = {r[0] for r in store.conn.execute("SELECT id FROM articles")}
        done = {r[0] for r in store.conn.execute(
            "SELECT doc_id FROM live_items WHERE state = 'done'")}
    assert done == stored and 0 < len(stored) < 6  # every batch whole: stored = marked done
    assert desk.finish(db, nlp) == clean_dump
