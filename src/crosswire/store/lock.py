"""One writer at a time: an advisory lock on ``<store>.lock``, the file beside the store.

``crosswire ingest`` holds it from its first report to its last story, and ``watch`` while it
refreshes stories, so two of them never interleave their clusterings (which left reports in no
story, or in two). A second writer waits for the first with a message naming it; the operating
system drops the lock of a process that dies, even one killed with SIGKILL, so a lock is never
stale. Readers (``stories``, ``show``, ``search``, ``serve``) take no lock: the store's WAL
journal shows them the last committed state.

The lock is ``flock`` on POSIX and ``msvcrt.locking`` on Windows; the file holds the process
id of the holder, read only for the waiting message.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from crosswire.errors import StoreError

__all__ = ["LOCK_SUFFIX", "WriterLock", "lock_path"]

LOCK_SUFFIX = ".lock"
_POLL_S = 0.1  # how often a waiting writer tries again


def lock_path(*, db: Path) -> Path:
    """The lock file of the store at ``db`` (beside the file a symbolic link names)."""
    real = Path(os.path.realpath(db))
    return real.with_name(real.name + LOCK_SUFFIX)


if sys.platform == "win32":  # pragma: no cover (POSIX CI)
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _holder(path: Path) -> str:
    """Who holds the lock, as the waiting message names it."""
    try:
        pid = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        pid = ""
    return f"another crosswire process (pid {pid})" if pid.isdigit() else \
        "another crosswire process"


class WriterLock:
    """The writer lock of the store at ``db``; re-entrant within one object.

    ``wait_s`` is how long :meth:`acquire` waits for another holder (None: as long as it
    takes); ``on_wait`` is told once, in one line, that it is waiting and for whom.
    """

    def __init__(self, *, db: Path, wait_s: float | None = None,
                 on_wait: Callable[[str], None] | None = None) -> None:
        self.db = db
        self.path = lock_path(db=db)
        self.wait_s = wait_s
        self.on_wait = on_wait
        self._fd: int | None = None
        self._depth = 0

    @property
    def held(self) -> bool:
        return self._depth > 0

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise StoreError(f"cannot write the store {self.db}: cannot create its lock file "
                             f"{self.path} ({reason}); a writer needs a writable folder") from exc

    def acquire(self) -> None:
        """Take the lock, waiting for another holder; StoreError after ``wait_s``."""
        if self._depth:
            self._depth += 1
            return
        fd = self._open()
        try:
            self._wait(fd)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except BaseException:
            os.close(fd)
            raise
        self._fd, self._depth = fd, 1

    def _wait(self, fd: int) -> None:
        if _try_lock(fd):
            return
        holder = _holder(self.path)
        if self.on_wait is not None:
            self.on_wait(f"{holder} is writing to the store {self.db}; waiting for it to "
                         "finish (one writer at a time)")
        start = time.monotonic()
        while not _try_lock(fd):
            waited = time.monotonic() - start
            if self.wait_s is not None and waited >= self.wait_s:
                raise StoreError(f"the store {self.db} is busy: {holder} has been writing to "
                                 f"it for the {waited:.0f}s this one waited; try again later")
            time.sleep(_POLL_S)

    def release(self) -> None:
        if not self._depth:
            return
        self._depth -= 1
        if self._depth or self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
