"""A store that tolerates its users (issue 23, cases 5 and 10): one writer at a time (the
second waits, saying so), writes only inside transactions, a busy store retried then a clear
error; readers open the store read-only and never create, migrate or write it, and every
unusable store is a StoreError."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from crosswire.config import Config
from crosswire.errors import StoreError
from crosswire.models import RawDocument
from crosswire.store import canonical_dump, open_store, schema_version
from crosswire.store import ingest as store_ingest
from crosswire.store.ingest import add_documents, ingest_paths
from crosswire.store.lock import WriterLock, lock_path
from tests.store.test_store_ingest import synthetic_reports
from tests.store.unusable import ROOT, UNUSABLE, make_store, snapshot

# ---------------------------------------------------------------- the writer lock


def test_a_second_writer_waits_for_the_first_and_says_for_whom(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    said: list[str] = []
    got = threading.Event()
    first = WriterLock(db=db)
    first.acquire()
    second = WriterLock(db=db, on_wait=said.append)

    def take() -> None:
        with second:
            got.set()

    worker = threading.Thread(target=take)
    worker.start()
    time.sleep(0.4)
    assert not got.is_set()  # still waiting
    first.release()
    worker.join(5)
    assert got.is_set()
    assert len(said) == 1 and f"pid {os.getpid()}" in said[0] and "waiting" in said[0]
    assert lock_path(db=db) == tmp_path / "s.db.lock"


def test_a_writer_that_waits_too_long_gets_a_store_error(tmp_path: Path) -> None:
    with WriterLock(db=tmp_path / "s.db"), \
            pytest.raises(StoreError, match="busy: another crosswire process"):
        WriterLock(db=tmp_path / "s.db", wait_s=0.3).acquire()


def test_the_lock_is_reentrant_and_released_by_a_dead_holder(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    lock = WriterLock(db=db)
    with lock, lock:
        assert lock.held
    assert not lock.held
    with WriterLock(db=db, wait_s=1):
        pass
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path;"
         "from crosswire.store.lock import WriterLock;"
         "WriterLock(db=Path(sys.argv[1])).acquire(); print('held', flush=True); time.sleep(60)",
         str(db)], stdout=subprocess.PIPE, text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT / "src")))
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    with pytest.raises(StoreError, match="busy"):
        WriterLock(db=db, wait_s=0.2).acquire()
    holder.send_signal(signal.SIGKILL)
    holder.wait(10)
    with WriterLock(db=db, wait_s=5):  # the kernel dropped the dead holder's lock
        pass


# ---------------------------------------------------------------- short, retried transactions


def test_a_busy_store_is_retried_then_a_one_line_error(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_store(path=db) as store:
        store.conn.execute("PRAGMA busy_timeout = 50")
        other = sqlite3.connect(str(db), isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        said: list[str] = []
        store.writer.on_wait = said.append
        threading.Timer(0.5, lambda: other.execute("COMMIT")).start()
        store.set_meta(key="k", value="v")  # waited for the other transaction, then wrote
        assert store.get_meta(key="k") == "v"
        assert len(said) == 1 and "trying again for up to 60s" in said[0]
        other.execute("BEGIN IMMEDIATE")
        store.busy_wait_s = 0.3
        with pytest.raises(StoreError, match="is busy: another process kept its write lock"):
            store.set_meta(key="k", value="w")
        other.execute("ROLLBACK")
        other.close()
        assert not store.conn.in_transaction


def test_reports_are_cleaned_before_the_write_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean = store_ingest.clean_document
    during: list[bool] = []
    with open_store(path=tmp_path / "s.db") as store:
        def watched(**kw: Any) -> Any:
            during.append(store.conn.in_transaction)
            return clean(**kw)

        monkeypatch.setattr(store_ingest, "clean_document", watched)
        docs = [RawDocument(id=f"r{i}", text=f"Report {i} on the bridge.\n\nMore words here.",
                            origin=f"r{i}.txt") for i in range(5)]
        docs.append(docs[0])  # the same content twice in one batch: stored once
        report = add_documents(store=store, docs=docs, config=Config(), batch_size=3)
    assert during and not any(during)
    assert len(report.added) == 5 and report.known == 1


# ---------------------------------------------------------------- two ingests at once


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("feed")
    for n, row in enumerate(synthetic_reports(stories=3, per_story=3, seed=11)):
        with (path / f"part{n % 2}.jsonl").open("a", encoding="utf-8") as f:
            f.write(json.dumps(row) + "\n")
    return path


@pytest.mark.parametrize("halves", [False, True], ids=["the-folder-twice", "one-file-each"])
def test_two_concurrent_ingests_leave_the_stories_of_one(
    tmp_path: Path, folder: Path, nlp: Any, halves: bool
) -> None:
    """Two ingests at once (threads, each with its own connection) of one folder, or of its
    two files, end with the stories one ingest of the folder leaves."""
    with open_store(path=tmp_path / "one.db") as store:
        ingest_paths(store=store, paths=[str(folder)], nlp=nlp)
        expected = canonical_dump(store=store)
    waits: list[str] = []
    errors: list[BaseException] = []

    def ingest(db: Path, start: threading.Barrier, path: Path) -> None:
        try:
            with open_store(path=db) as store:
                store.writer.on_wait = waits.append
                start.wait()
                ingest_paths(store=store, paths=[str(path)], nlp=nlp, batch_size=2)
        except BaseException as exc:  # noqa: BLE001 (asserted below)
            errors.append(exc)

    paths = sorted(folder.glob("*.jsonl")) if halves else [folder, folder]
    for trial in range(2):
        db = tmp_path / f"two-{trial}.db"
        open_store(path=db).close()
        start = threading.Barrier(2)
        workers = [threading.Thread(target=ingest, args=(db, start, path)) for path in paths]
        for w in workers:
            w.start()
        for w in workers:
            w.join(300)
        assert not errors, errors
        with open_store(path=db, readonly=True) as store:
            assert canonical_dump(store=store) == expected, f"trial {trial}"
    assert waits and all("waiting for it to finish" in w for w in waits)


# ---------------------------------------------------------------- readers never write


@pytest.mark.parametrize("kind", UNUSABLE)
def test_an_unusable_store_is_a_store_error_and_reading_changes_nothing(
    tmp_path: Path, kind: str
) -> None:
    db = make_store(tmp_path / "s.db", kind=kind)
    before = snapshot(tmp_path)
    with pytest.raises(StoreError) as raised:
        open_store(path=db, readonly=True)
    assert "\n" not in str(raised.value)
    assert snapshot(tmp_path) == before  # nothing created, migrated or written


@pytest.mark.parametrize(("kind", "message"), [
    ("garbage", "not a crosswire store"), ("damaged", "is damaged"),
    ("foreign", "not a crosswire store")])
def test_a_writer_refuses_a_store_it_cannot_use(tmp_path: Path, kind: str, message: str) -> None:
    db = make_store(tmp_path / "s.db", kind=kind)
    before = db.read_bytes()
    with pytest.raises(StoreError, match=message):
        open_store(path=db)
    assert db.read_bytes() == before  # another program's database is not scribbled on


def test_a_read_only_connection_neither_migrates_nor_writes(tmp_path: Path) -> None:
    db = make_store(tmp_path / "old.db", kind="old")
    with pytest.raises(StoreError, match="schema version 1, this crosswire reads"):
        open_store(path=db, readonly=True)
    conn = sqlite3.connect(str(db))
    assert schema_version(conn) == 1
    conn.close()
    good = make_store(tmp_path / "good.db", kind="good")
    with open_store(path=good, readonly=True) as store, \
            pytest.raises(sqlite3.OperationalError, match="readonly|read-only"):
        store.conn.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
