"""Plain-text files: one report a file, id = the file stem.

The text is handed on as read (decoded); the cleaning stage reads its head (date header,
byline, dateline) so that a RawDocument built by hand is cleaned the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from crosswire.ingest.base import IngestConfig, Record, looks_binary, read_capped, stem_of
from crosswire.ingest.decode import decode_bytes
from crosswire.models import RawDocument, Rejection

__all__ = ["load_file_text", "read_text_file"]


def load_file_text(*, path: Path, config: IngestConfig) -> str | Rejection:
    """The decoded text of a file, or a Rejection (too-large, empty, binary, bad-encoding)."""
    doc_id, origin = stem_of(path), str(path)
    try:
        data = read_capped(path, limit=config.max_bytes)
    except (OSError, EOFError) as exc:
        return Rejection(doc_id, "unreadable", f"cannot read the file: {exc}", origin)
    if data is None:
        return Rejection(doc_id, "too-large", f"more than max_bytes={config.max_bytes}", origin)
    if not data.strip():
        return Rejection(doc_id, "empty", "the file is empty", origin)
    if looks_binary(data):
        return Rejection(doc_id, "binary", "the file is binary, not text", origin)
    text = decode_bytes(data, encoding=config.encoding)
    if text is None:
        return Rejection(doc_id, "bad-encoding", "the text encoding cannot be read", origin)
    return text


def read_text_file(*, path: Path, config: IngestConfig) -> Iterator[Record]:
    """One RawDocument (text) for a plain-text file."""
    text = load_file_text(path=path, config=config)
    if isinstance(text, Rejection):
        yield text
        return
    yield RawDocument(id=stem_of(path), text=text, origin=str(path))
