"""JSON Lines exports (one article a line) and JSON files holding one object or a list.

Everything is read as a stream under a budget (:mod:`crosswire.ingest.stream`): a line is
read up to ``max_bytes`` (the rest of a longer one is skipped, and the line is ``too-large``),
a JSON document value by value (:mod:`crosswire.ingest.jsondoc`), so memory holds one record,
not the file, however far the file inflates.
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from crosswire.ingest.base import IngestConfig, Record, doc_from_mapping, stem_of
from crosswire.ingest.jsondoc import TooLarge, document_values
from crosswire.ingest.stream import open_budgeted, over_budget, read_line, skip_bytes
from crosswire.models import Rejection

__all__ = ["read_jsonl_file"]

# A JSON document (an array, or an object over several lines) and a UTF-16 file may be this
# many times max_bytes; a bigger document is read as JSON Lines.
_DOCUMENT_FACTOR = 100
_LINES_CAP = 1 << 62  # JSON Lines: no cap on a plain file (one line is held at a time)
_SPACE = b" \t\n\r\x0b\x0c"  # what bytes.isspace() skips


def _record(obj: Any, *, stem: str, n: int, origin: str, config: IngestConfig) -> Record:
    if not isinstance(obj, dict):
        message = f"line {n}: a JSON {type(obj).__name__}, not an object"
        return Rejection(f"{stem}:{n}", "malformed", message, origin)
    return doc_from_mapping(obj, fallback_id=f"{stem}:{n}", origin=origin, fields=config.fields)


# What json.loads raises on bad input: JSONDecodeError is a ValueError, and so is an integer
# of more than 4,300 digits; a line nested thousands deep is a RecursionError.
_BAD_JSON = (ValueError, UnicodeDecodeError, RecursionError)


def _whole(line: bytes) -> bool:
    try:
        json.loads(line)
    except _BAD_JSON:
        return False
    return True


def _document_start(path: Path, *, config: IngestConfig) -> tuple[int, bytes] | None:
    """Where a whole-file JSON document starts (past leading whitespace) and its first byte:
    an array, or one object spread over several lines; None when the file is JSON Lines (an
    object whole on its first line, or a first line too long to start a document) or
    anything else."""
    cap = config.max_bytes * _DOCUMENT_FACTOR
    with open_budgeted(path, config=config, cap=cap) as handle:
        offset = 0
        while True:
            ahead = handle.peek(1 << 16)
            if not ahead:
                return None
            blank = len(ahead) - len(ahead.lstrip(_SPACE))
            offset += skip_bytes(handle, blank)
            if blank < len(ahead):
                break
        head = handle.read(1)
        if head not in (b"[", b"{"):
            return None
        if head == b"{":
            rest, length = read_line(handle, limit=config.max_bytes)
            if length >= config.max_bytes or _whole(head + rest):
                return None
    return offset, head


def _values(path: Path, *, start: int, config: IngestConfig) -> Iterator[tuple[int, Any]]:
    with open_budgeted(path, config=config, cap=config.max_bytes * _DOCUMENT_FACTOR) as handle:
        skip_bytes(handle, start)
        head = handle.read(4)
        yield from document_values(handle.read, head=head, limit=config.max_bytes)


def _document_records(path: Path, *, start: int, opening: bytes,
                      config: IngestConfig) -> Iterator[Record]:
    """The records of the document at ``start``. It is read through once first, to know
    that it is one document: when it is not, ValueError is raised before any record."""
    for _ in _values(path, start=start, config=config):
        pass
    stem = stem_of(path)
    for n, value in _values(path, start=start, config=config):
        origin = str(path) if opening == b"{" else f"{path}:{n}"
        if isinstance(value, TooLarge):
            what = "the object" if opening == b"{" else f"element {n}"
            message = (f"{what}: more than max_bytes={config.max_bytes} characters; "
                       f"the file is not read past it")
            yield Rejection(f"{stem}:{n}", "too-large", message, origin)
        else:
            yield _record(value, stem=stem, n=n, origin=origin, config=config)


def _utf16_lines(handle: io.BufferedReader, *, limit: int) -> Iterator[tuple[bytes, int]]:
    """The lines of a UTF-16 file (with its byte-order mark), re-encoded as UTF-8, each with
    its length; a line over ``limit`` characters comes cut, with the length it has."""
    text = io.TextIOWrapper(handle, encoding="utf-16", newline="")
    while True:
        line = text.readline(limit + 1)
        if not line:
            return
        length = len(line)
        if length > limit and not line.endswith(("\n", "\r")):
            while True:
                piece = text.readline(1 << 20)
                length += len(piece)
                if not piece or piece.endswith(("\n", "\r")):
                    break
        yield line.rstrip("\r\n").encode("utf-8", "surrogatepass"), length


def _byte_lines(handle: io.BufferedReader, *, limit: int) -> Iterator[tuple[bytes, int]]:
    while True:
        line, length = read_line(handle, limit=limit)
        if not line:
            return
        yield line, length


def _is_utf16(path: Path, *, config: IngestConfig) -> bool:
    """Whether the file starts with a UTF-16 byte-order mark; UnicodeDecodeError when it
    does but is not UTF-16 throughout (read through once, a piece at a time)."""
    cap = config.max_bytes * _DOCUMENT_FACTOR
    with open_budgeted(path, config=config, cap=cap) as handle:
        if handle.peek(2)[:2] not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            return False
        decoder = codecs.getincrementaldecoder("utf-16")()
        while True:
            data = handle.read(1 << 20)
            decoder.decode(data, final=not data)
            if not data:
                return True


def _line_records(path: Path, *, utf16: bool, config: IngestConfig) -> Iterator[Record]:
    """One record a line that is not blank; a line over max_bytes is ``too-large`` (it is
    not kept); a file that breaks off ends in ``truncated``, one over its budget in
    ``too-large``."""
    stem = stem_of(path)
    n = 0
    try:
        with open_budgeted(path, config=config, cap=_LINES_CAP) as handle:
            lines = _utf16_lines if utf16 else _byte_lines
            for n, (raw, length) in enumerate(lines(handle, limit=config.max_bytes), 1):
                if length <= config.max_bytes and not raw.strip():
                    continue  # blank lines carry nothing
                yield _line(raw, length=length, stem=stem, n=n, path=path, config=config)
    except (OSError, EOFError) as exc:
        budget = over_budget(exc)
        if budget is None:
            yield Rejection(stem, "truncated", f"reading stopped: {exc}", str(path))
        else:
            message = f"the file {budget}; reading stopped in line {n + 1}"
            yield Rejection(f"{stem}:{n + 1}", "too-large", message, f"{path}:{n + 1}")


def _unreadable(path: Path, exc: BaseException) -> Rejection:
    return Rejection(stem_of(path), "unreadable", f"cannot read the file: {exc}", str(path))


def read_jsonl_file(*, path: Path, config: IngestConfig) -> Iterator[Record]:
    """RawDocuments, one a line (or one an element of a JSON array file); a line that is
    not a JSON object becomes a Rejection."""
    stem = stem_of(path)
    found = 0
    try:
        start = _document_start(path, config=config)
    except (OSError, EOFError) as exc:
        if over_budget(exc) is None:
            yield _unreadable(path, exc)
            return
        start = None  # read line by line: that reader reports the budget
    if start is not None:
        try:
            for record in _document_records(path, start=start[0], opening=start[1],
                                            config=config):
                found += 1
                yield record
        except (ValueError, OSError, EOFError) as exc:
            # Not one JSON document, or one over its cap: judged line by line, as long as
            # no record was given (one was only if the file changed between two readings).
            if found or not (isinstance(exc, ValueError) or over_budget(exc)):
                yield _unreadable(path, exc)
                return
        else:
            if not found:
                yield Rejection(stem, "empty", "the file holds no records", str(path))
            return
    try:
        utf16 = _is_utf16(path, config=config)
    except UnicodeDecodeError as exc:
        yield Rejection(stem, "bad-encoding", f"a UTF-16 mark, then: {exc}", str(path))
        return
    except (OSError, EOFError) as exc:
        budget = over_budget(exc)
        yield _unreadable(path, exc) if budget is None else \
            Rejection(stem, "too-large", f"the file {budget}", str(path))
        return
    for record in _line_records(path, utf16=utf16, config=config):
        found += 1
        yield record
    if found == 0:
        yield Rejection(stem, "empty", "the file holds no records", str(path))


def _line(raw: bytes, *, length: int, stem: str, n: int, path: Path,
          config: IngestConfig) -> Record:
    origin = f"{path}:{n}"
    if length > config.max_bytes:
        message = f"line {n}: {length} bytes, more than max_bytes={config.max_bytes}"
        return Rejection(f"{stem}:{n}", "too-large", message, origin)
    try:
        obj = json.loads(raw)
    except _BAD_JSON as exc:
        reason = str(exc)[:160] or type(exc).__name__
        return Rejection(f"{stem}:{n}", "malformed", f"line {n}: invalid JSON ({reason})", origin)
    return _record(obj, stem=stem, n=n, origin=origin, config=config)
