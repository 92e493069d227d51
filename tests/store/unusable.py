"""Stores a user can point crosswire at by mistake (issue 23, case 10), and a way to run the
CLI in a read-only folder (a read-only bind mount when the tests run as root, who may write
anywhere, else ``chmod``)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crosswire.store import migrate, open_store
from crosswire.store.migrations import MIGRATIONS
from tests.render.hostile import hostile_store

ROOT = Path(__file__).resolve().parents[2]

UNUSABLE = ("missing", "empty", "garbage", "damaged", "foreign", "old")


def _clock() -> str:
    return "2026-01-01T00:00:00+00:00"


def make_store(path: Path, *, kind: str) -> Path:
    """A store at ``path`` that is ``kind``: ``good`` (the hostile brief's store), or one of
    :data:`UNUSABLE`: missing, empty (0 bytes), garbage (not SQLite), damaged (every page but
    the first overwritten), foreign (another program's SQLite database), old (schema 1)."""
    if kind in ("good", "damaged"):
        hostile_store(path)
        with open_store(path=path) as store:  # enough pages to damage
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if kind == "damaged":
        size = path.stat().st_size
        with path.open("r+b") as f:
            f.seek(4096)
            f.write(b"\xab" * (size - 4096))
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "garbage":
        path.write_bytes(b"id,text\nr1,not a database at all\n" * 50)
    elif kind == "foreign":
        with sqlite3.connect(str(path)) as conn:
            conn.execute("CREATE TABLE bookmarks (url TEXT)")
        conn.close()
    elif kind == "old":
        conn = sqlite3.connect(str(path), isolation_level=None)
        migrate(conn, clock=_clock, migrations=MIGRATIONS[:1])
        conn.close()
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of ``folder`` with its bytes (what a reader must leave as it was), but
    SQLite's shared-memory index (``-shm``) and an empty ``-wal``, which a reader of a WAL
    database creates in a writable folder by design (they hold no data)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.endswith("-shm")
            and not (p.name.endswith("-wal") and p.stat().st_size == 0)}


_CLI = "import sys; from crosswire.cli import main; sys.exit(main(sys.argv[1:]))"


def run_cli(argv: list[str], *, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``crosswire ARGV`` in a child process in ``cwd``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-c", _CLI, *argv], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def run_cli_readonly(argv: list[str], *, folder: Path) -> subprocess.CompletedProcess[str]:
    """``crosswire ARGV`` run in ``folder`` while the folder is read-only (skips the test
    where that cannot be arranged)."""
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            return run_cli(argv, cwd=folder)
        finally:
            folder.chmod(mode)
    if shutil.which("unshare") is None:
        pytest.skip("running as root without unshare: no read-only folder")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    script = ('mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" || exit 97; '
              'cd "$0" && exec "$@"')
    done = subprocess.run(["unshare", "-m", "sh", "-c", script, str(folder), sys.executable,
                           "-c", _CLI, *argv], env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    if done.returncode == 97 or "unshare failed" in done.stderr:
        pytest.skip(f"no read-only bind mount here: {done.stderr.strip()[:200]}")
    return done
