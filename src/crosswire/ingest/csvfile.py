"""CSV and TSV exports: one article a row, columns named by ``IngestConfig.*_field``."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from crosswire.ingest.base import IngestConfig, Record, doc_from_mapping, stem_of
from crosswire.ingest.text import load_file_text
from crosswire.models import Rejection

__all__ = ["read_csv_file"]


def _delimiter(path: Path, config: IngestConfig) -> str:
    if config.csv_delimiter:
        return config.csv_delimiter
    return "\t" if ".tsv" in path.suffixes else ","


def read_csv_file(*, path: Path, config: IngestConfig) -> Iterator[Record]:
    """RawDocuments, one a row; rows with the wrong number of cells become Rejections."""
    stem = stem_of(path)
    wide = replace(config, max_bytes=config.max_bytes * 1000)
    text = load_file_text(path=path, config=wide)
    if isinstance(text, Rejection):
        yield text
        return
    csv.field_size_limit(min(sys.maxsize, max(config.max_bytes, 131072)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(path, config))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        yield Rejection(stem, "malformed", f"no header row: {exc}", str(path))
        return
    names = [h.strip() for h in header]
    if config.fields.text not in names and config.fields.html not in names:
        message = f"no column {config.fields.text!r} or {config.fields.html!r} in {names}"
        yield Rejection(stem, "no-text-column", message, str(path))
        return
    yield from _rows(reader, names=names, stem=stem, path=path, config=config)


def _rows(reader: Any, *, names: list[str], stem: str, path: Path,
          config: IngestConfig) -> Iterator[Record]:
    n = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            at = n + 1
            yield Rejection(f"{stem}:{at}", "malformed", f"row {at}: {exc}", f"{path}:{at}")
            return
        n = int(reader.line_num)
        if not any(cell.strip() for cell in row):
            continue
        origin = f"{path}:{n}"
        if len(row) != len(names):
            message = f"row at line {n}: {len(row)} cells, the header has {len(names)}"
            yield Rejection(f"{stem}:{n}", "malformed", message, origin)
            continue
        if sum(len(cell) for cell in row) > config.max_bytes:
            yield Rejection(f"{stem}:{n}", "too-large", f"row at line {n} is too large", origin)
            continue
        record = dict(zip(names, row, strict=True))
        yield doc_from_mapping(
            record, fallback_id=f"{stem}:{n}", origin=origin, fields=config.fields
        )
