"""JSON Lines exports (one article a line) and JSON files holding one object or a list."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from crosswire.ingest.base import IngestConfig, Record, doc_from_mapping, read_upto, stem_of
from crosswire.models import Rejection

__all__ = ["read_jsonl_file"]


def _open(path: Path) -> IO[bytes]:
    if path.suffix == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")  # noqa: SIM115


def _record(obj: Any, *, stem: str, n: int, origin: str, config: IngestConfig) -> Record:
    if not isinstance(obj, dict):
        message = f"line {n}: a JSON {type(obj).__name__}, not an object"
        return Rejection(f"{stem}:{n}", "malformed", message, origin)
    return doc_from_mapping(obj, fallback_id=f"{stem}:{n}", origin=origin, fields=config.fields)


# What json.loads raises on bad input: JSONDecodeError is a ValueError, and so is an integer
# of more than 4,300 digits; a line nested thousands deep is a RecursionError.
_BAD_JSON = (ValueError, UnicodeDecodeError, RecursionError)


def _read_json_document(path: Path, *, config: IngestConfig) -> Iterator[Record] | None:
    """A whole-file JSON array, or one object spread over several lines; None when the file
    is not one JSON document (JSON Lines, or broken: then judged line by line)."""
    with _open(path) as handle:
        head = handle.read(1)
        while head.isspace():
            head = handle.read(1)
        if head not in (b"[", b"{"):
            return None
        first = head + handle.readline()
        if head == b"{" and _whole(first):
            return None  # an object on its first line: JSON Lines
        rest = read_upto(handle, config.max_bytes * 100)
    try:
        items = json.loads(first + rest)
    except _BAD_JSON:
        return None  # not one JSON document (JSON Lines, or broken): judged line by line
    stem = stem_of(path)
    if isinstance(items, dict):
        return iter([_record(items, stem=stem, n=1, origin=str(path), config=config)])
    return (
        _record(obj, stem=stem, n=n, origin=f"{path}:{n}", config=config)
        for n, obj in enumerate(items, 1)
    )


def _whole(line: bytes) -> bool:
    try:
        json.loads(line)
    except _BAD_JSON:
        return False
    return True


def _utf16_lines(path: Path, *, config: IngestConfig) -> list[bytes] | None:
    """The lines of a JSON Lines file written in UTF-16 (it starts with a byte-order mark),
    re-encoded as UTF-8; None when the file is not UTF-16."""
    with _open(path) as handle:
        if handle.read(2) not in (b"\xff\xfe", b"\xfe\xff"):
            return None
        handle.seek(0)
        data = read_upto(handle, config.max_bytes * 100)
    text = data.decode("utf-16")  # UnicodeDecodeError: the caller's bad-encoding record
    return [line.encode("utf-8") for line in text.splitlines()]


def read_jsonl_file(*, path: Path, config: IngestConfig) -> Iterator[Record]:
    """RawDocuments, one a line; a line that is not a JSON object becomes a Rejection."""
    stem = stem_of(path)
    try:
        whole = _read_json_document(path, config=config)
    except (OSError, EOFError) as exc:
        yield Rejection(stem, "unreadable", f"cannot read the file: {exc}", str(path))
        return
    found = 0
    if whole is not None:
        for record in whole:
            found += 1
            yield record
    else:
        try:
            utf16 = _utf16_lines(path, config=config)
        except UnicodeDecodeError as exc:
            yield Rejection(stem, "bad-encoding", f"a UTF-16 mark, then: {exc}", str(path))
            return
        try:
            with _open(path) as handle:
                for n, raw in enumerate(utf16 if utf16 is not None else handle, 1):
                    if not raw.strip():
                        continue  # blank lines carry nothing
                    found += 1
                    yield _line(raw, stem=stem, n=n, path=path, config=config)
        except (OSError, EOFError) as exc:
            found += 1
            yield Rejection(stem, "truncated", f"reading stopped: {exc}", str(path))
    if found == 0:
        yield Rejection(stem, "empty", "the file holds no records", str(path))


def _line(raw: bytes, *, stem: str, n: int, path: Path, config: IngestConfig) -> Record:
    origin = f"{path}:{n}"
    if len(raw) > config.max_bytes:
        message = f"line {n}: {len(raw)} bytes, more than max_bytes={config.max_bytes}"
        return Rejection(f"{stem}:{n}", "too-large", message, origin)
    try:
        obj = json.loads(raw)
    except _BAD_JSON as exc:
        reason = str(exc)[:160] or type(exc).__name__
        return Rejection(f"{stem}:{n}", "malformed", f"line {n}: invalid JSON ({reason})", origin)
    return _record(obj, stem=stem, n=n, origin=origin, config=config)
