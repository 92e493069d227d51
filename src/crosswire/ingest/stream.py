"""Files read as streams under a byte budget: a gzipped file is inflated a piece at a time and
stops at its budget (a gzip bomb is a ``too-large`` record, not gigabytes of memory), and
lines are read with a cap, the rest of an over-long line skipped unkept.

A file's budget is its format's cap (``max_bytes`` times a format's factor); a gzipped file
gets at most ``max_gzip_ratio`` times its compressed size, or ``max_bytes`` if that is more.
"""

from __future__ import annotations

import errno
import gzip
import io
import zlib
from pathlib import Path
from typing import IO

from crosswire.ingest.base import IngestConfig

__all__ = [
    "budget_message", "open_budgeted", "over_budget", "read_line", "skip_bytes", "skip_line",
]

_CHUNK = 1 << 20


def over_budget(exc: BaseException) -> str | None:
    """What a file's budget says (for its ``too-large`` record) when ``exc`` is the error a
    budgeted file raises past its budget (an OSError with errno EFBIG); else None."""
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        return str(exc.strerror)
    return None


class _Counted(io.RawIOBase):
    """A file's bytes (inflated for .gz) that raise ``OSError(EFBIG)`` past ``budget``
    (:func:`over_budget`), and a broken gzip stream as ``gzip.BadGzipFile`` (an OSError)
    rather than zlib.error."""

    def __init__(self, inner: IO[bytes], *, budget: int, why: str) -> None:
        super().__init__()
        self._inner = inner
        self._budget = budget
        self._why = why
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        try:
            # read1: one read of the file (readinto may read on, and a read that then meets
            # the cut end of a gzip stream would lose the bytes it already had)
            data = self._inner.read1(len(buffer))  # type: ignore[attr-defined]
        except zlib.error as exc:
            raise gzip.BadGzipFile(f"broken gzip data: {exc}") from exc
        n = len(data)
        buffer[:n] = data
        self.count += n
        if self.count > self._budget:
            raise OSError(errno.EFBIG, self._why)
        return n

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            super().close()


def budget_message(*, path: Path, config: IngestConfig, cap: int) -> tuple[int, str]:
    """The byte budget of reading ``path`` whole under the format's ``cap``, and what a
    Rejection says when a file passes it."""
    if path.suffix.lower() != ".gz":
        return cap, f"more than {cap} bytes"
    size = path.stat().st_size
    ratio_cap = max(config.max_bytes, config.max_gzip_ratio * size)
    if ratio_cap < cap:
        return ratio_cap, (f"inflates to more than {ratio_cap} bytes, over max_gzip_ratio="
                           f"{config.max_gzip_ratio} times its {size} gzipped bytes "
                           f"(a likely gzip bomb)")
    return cap, f"inflates to more than {cap} bytes"


def open_budgeted(path: Path, *, config: IngestConfig, cap: int) -> io.BufferedReader:
    """``path`` opened for reading bytes (inflated when it ends in .gz) under a budget of
    ``cap`` bytes (fewer for a gzip file: :func:`budget_message`); reading past it raises
    the OSError :func:`over_budget` knows. OSError and EOFError are the caller's to catch."""
    budget, why = budget_message(path=path, config=config, cap=cap)
    if path.suffix.lower() == ".gz":
        inner: IO[bytes] = gzip.open(path, "rb")  # type: ignore[assignment]  # noqa: SIM115
    else:
        inner = open(path, "rb")  # noqa: SIM115 -- closed with the returned reader
    return io.BufferedReader(_Counted(inner, budget=budget, why=why), buffer_size=1 << 16)


def read_line(handle: io.BufferedReader, *, limit: int) -> tuple[bytes, int]:
    """The next line (with its newline) if it has at most ``limit`` bytes, and its length;
    for a longer one, its first ``limit + 1`` bytes and its whole length (the rest is read
    and dropped). ``(b"", 0)`` at the end of the file."""
    line = handle.readline(limit + 1)
    if len(line) <= limit or line.endswith(b"\n"):
        return line, len(line)
    return line, len(line) + skip_line(handle)


def skip_line(handle: io.BufferedReader) -> int:
    """Read the rest of the current line and drop it; how many bytes that was."""
    skipped = 0
    while True:
        piece = handle.readline(_CHUNK)
        skipped += len(piece)
        if not piece or piece.endswith(b"\n"):
            return skipped


def skip_bytes(handle: io.BufferedReader, count: int) -> int:
    """Read ``count`` bytes (fewer at the end of the file) and drop them; how many there were."""
    left = count
    while left > 0:
        piece = handle.read(min(left, _CHUNK))
        if not piece:
            break
        left -= len(piece)
    return count - left
