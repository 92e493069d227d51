"""HTML files: one page a file, id = the file stem; extraction happens in the cleaning stage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from crosswire.ingest.base import IngestConfig, Record, looks_binary, read_capped, stem_of
from crosswire.ingest.decode import decode_html
from crosswire.models import RawDocument, Rejection

__all__ = ["read_html_file"]


def read_html_file(*, path: Path, config: IngestConfig) -> Iterator[Record]:
    """One RawDocument (html) for an HTML file, decoded by its declared or detected charset."""
    doc_id, origin = stem_of(path), str(path)
    try:
        data = read_capped(path, limit=config.max_bytes)
    except (OSError, EOFError) as exc:
        yield Rejection(doc_id, "unreadable", f"cannot read the file: {exc}", origin)
        return
    if data is None:
        yield Rejection(doc_id, "too-large", f"more than max_bytes={config.max_bytes}", origin)
    elif not data.strip():
        yield Rejection(doc_id, "empty", "the file is empty", origin)
    elif looks_binary(data):
        yield Rejection(doc_id, "binary", "the file is binary, not HTML", origin)
    else:
        html = data.decode(config.encoding, "replace") if config.encoding else decode_html(data)
        yield RawDocument(id=doc_id, html=html, origin=origin)
