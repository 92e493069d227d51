"""JSON Lines exports (one article a line) and JSON files holding one object or a list."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from crosswire.ingest.base import IngestConfig, Record, doc_from_mapping, stem_of
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


def _read_json_document(path: Path, *, config: IngestConfig) -> Iterator[Record] | None:
    """A whole-file JSON array/object, or None when the file is JSON Lines."""
    with _open(path) as handle:
        head = handle.read(1)
        while head.isspace():
            head = handle.read(1)
        if head != b"[":
            return None
        data = head + handle.read(config.max_bytes * 100)
    try:
        items = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return iter([Rejection(stem_of(path), "malformed", f"invalid JSON: {exc}", str(path))])
    stem = stem_of(path)
    return (
        _record(obj, stem=stem, n=n, origin=f"{path}:{n}", config=config)
        for n, obj in enumerate(items, 1)
    )


def read_jsonl_file(*, path: Path, config: IngestConfig) -> Iterator[Record]:
    """RawDocuments, one a line; a line that is not a JSON object becomes a Rejection."""
    stem = stem_of(path)
    try:
        whole = _read_json_document(path, config=config)
    except (OSError, EOFError) as exc:
        yield Rejection(stem, "unreadable", f"cannot read the file: {exc}", str(path))
        return
    if whole is not None:
        yield from whole
        return
    try:
        with _open(path) as handle:
            for n, raw in enumerate(handle, 1):
                if not raw.strip():
                    continue  # blank lines carry nothing
                yield _line(raw, stem=stem, n=n, path=path, config=config)
    except (OSError, EOFError) as exc:
        yield Rejection(stem, "truncated", f"reading stopped: {exc}", str(path))


def _line(raw: bytes, *, stem: str, n: int, path: Path, config: IngestConfig) -> Record:
    origin = f"{path}:{n}"
    if len(raw) > config.max_bytes:
        message = f"line {n}: {len(raw)} bytes, more than max_bytes={config.max_bytes}"
        return Rejection(f"{stem}:{n}", "too-large", message, origin)
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Rejection(f"{stem}:{n}", "malformed", f"line {n}: invalid JSON ({exc})", origin)
    return _record(obj, stem=stem, n=n, origin=origin, config=config)
