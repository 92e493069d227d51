"""CSV and TSV exports: one article a row, columns named by ``IngestConfig.*_field``.

The file is read as a stream, row by row (:mod:`crosswire.ingest.csvrecords`): it is read
through once first (its size within budget, not empty, not binary, and which encoding decodes
it, as for a text file), then a row at a time; a row over ``max_bytes`` characters, with a
wrong number of cells or holding a NUL character is a Rejection of its own, and the rows
after it still go through.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from crosswire.ingest.base import IngestConfig, Record, doc_from_mapping, looks_binary, stem_of
from crosswire.ingest.csvrecords import CsvRecord, csv_records
from crosswire.ingest.decode import CodecTrial, fallback_codec, first_codec
from crosswire.ingest.stream import open_budgeted, over_budget
from crosswire.models import Rejection

__all__ = ["read_csv_file"]

_FILE_FACTOR = 1000  # a CSV file may be this many times max_bytes
_HEAD = 2_000_000  # bytes kept for the binary check and charset detection
_PIECE = 1 << 20


def _delimiter(path: Path, config: IngestConfig) -> str:
    if config.csv_delimiter:
        return config.csv_delimiter
    return "\t" if ".tsv" in path.suffixes else ","


def _codec(path: Path, *, config: IngestConfig) -> tuple[str, str] | Rejection:
    """The codec and error handler of the file's text (the choice decode_bytes makes), or a
    Rejection (empty, binary, bad-encoding) in the order a text file's are given."""
    cap = config.max_bytes * _FILE_FACTOR
    doc_id, origin = stem_of(path), str(path)
    head = b""
    blank = True
    trial: CodecTrial | None = None
    with open_budgeted(path, config=config, cap=cap) as handle:
        while True:
            data = handle.read(_PIECE)
            if trial is None:
                trial = CodecTrial(first_codec(head=data, encoding=config.encoding))
            trial.feed(data, final=not data)
            if len(head) < _HEAD:
                head += data[: _HEAD - len(head)]
            blank = blank and not data.strip()
            if not data:
                break
    if blank:
        return Rejection(doc_id, "empty", "the file is empty", origin)
    if looks_binary(head, one_nul=False):
        return Rejection(doc_id, "binary", "the file is binary, not text", origin)
    assert trial is not None
    if trial.ok:
        return first_codec(head=head, encoding=config.encoding), "strict"
    # A NUL byte, which costs only its row, tells nothing of the charset: it is not shown
    # to the detection, which would take it for a sign of UTF-16.
    found = fallback_codec(head=head.replace(b"\x00", b""), encoding=config.encoding,
                           chunks=lambda: _chunks(path, config=config, cap=cap))
    if found is None:
        return Rejection(doc_id, "bad-encoding", "the text encoding cannot be read", origin)
    return found


def _chunks(path: Path, *, config: IngestConfig, cap: int) -> Iterator[bytes]:
    with open_budgeted(path, config=config, cap=cap) as handle:
        while data := handle.read(_PIECE):
            yield data


def read_csv_file(*, path: Path, config: IngestConfig) -> Iterator[Record]:
    """RawDocuments, one a row; rows with the wrong number of cells, over max_bytes or with
    a NUL character become Rejections of their own."""
    stem, origin = stem_of(path), str(path)
    delimiter = _delimiter(path, config)
    if len(delimiter) != 1 or delimiter in '"\r\n':
        message = f"csv_delimiter {delimiter!r} is not one character other than a quote or newline"
        yield Rejection(stem, "malformed", message, origin)
        return
    cap = config.max_bytes * _FILE_FACTOR
    try:
        codec = _codec(path, config=config)
    except (OSError, EOFError) as exc:
        budget = over_budget(exc)
        yield Rejection(stem, "unreadable", f"cannot read the file: {exc}", origin) \
            if budget is None else Rejection(stem, "too-large", f"the file {budget}", origin)
        return
    if isinstance(codec, Rejection):
        yield codec
        return
    try:
        with open_budgeted(path, config=config, cap=cap) as handle:
            text = io.TextIOWrapper(handle, encoding=codec[0], errors=codec[1], newline="")
            records = csv_records(text, delimiter=delimiter, limit=config.max_bytes)
            yield from _table(records, stem=stem, path=path, delimiter=delimiter, config=config)
    except (OSError, EOFError, UnicodeDecodeError) as exc:  # the file changed meanwhile
        yield Rejection(stem, "truncated", f"reading stopped: {exc}", origin)


def _parse(record: CsvRecord, *, delimiter: str, limit: int) -> list[list[str]] | str:
    """The rows of one record (one, but for an empty line), or what the csv module says is
    wrong with it."""
    assert record.lines is not None
    csv.field_size_limit(max(limit, 131072))
    try:
        return list(csv.reader(record.lines, delimiter=delimiter))
    except csv.Error as exc:
        return str(exc)


def _table(records: Iterator[CsvRecord], *, stem: str, path: Path, delimiter: str,
           config: IngestConfig) -> Iterator[Record]:
    first = next(records, None)
    if first is None:
        yield Rejection(stem, "malformed", "no header row", str(path))
        return
    if first.lines is None:
        message = f"the header row: {first.size} characters, more than max_bytes={config.max_bytes}"
        yield Rejection(stem, "too-large", message, str(path))
        return
    parsed = _parse(first, delimiter=delimiter, limit=config.max_bytes)
    if isinstance(parsed, str) or not parsed:
        yield Rejection(stem, "malformed", f"no header row: {parsed or 'none'}", str(path))
        return
    names = [h.strip() for h in parsed[0]]
    if config.fields.text not in names and config.fields.html not in names:
        message = f"no column {config.fields.text!r} or {config.fields.html!r} in {names}"
        yield Rejection(stem, "no-text-column", message, str(path))
        return
    found = 0
    for row in parsed[1:]:
        for item in _row(row, n=first.line, names=names, stem=stem, path=path, config=config):
            found += 1
            yield item
    for record in records:
        n, origin = record.line, f"{path}:{record.line}"
        if record.lines is None:
            found += 1
            message = (f"row at line {n}: {record.size} characters, more than "
                       f"max_bytes={config.max_bytes}")
            yield Rejection(f"{stem}:{n}", "too-large", message, origin)
            continue
        parsed = _parse(record, delimiter=delimiter, limit=config.max_bytes)
        if isinstance(parsed, str):
            found += 1
            yield Rejection(f"{stem}:{n}", "malformed", f"row at line {n}: {parsed}", origin)
            continue
        for row in parsed:
            for item in _row(row, n=n, names=names, stem=stem, path=path, config=config):
                found += 1
                yield item
    if not found:
        yield Rejection(stem, "empty", "the file holds no rows below its header", str(path))


def _row(row: list[str], *, n: int, names: list[str], stem: str, path: Path,
         config: IngestConfig) -> Iterator[Record]:
    if not any(cell.strip() for cell in row):
        return
    origin = f"{path}:{n}"
    if len(row) != len(names):
        message = f"row at line {n}: {len(row)} cells, the header has {len(names)}"
        yield Rejection(f"{stem}:{n}", "malformed", message, origin)
    elif any("\x00" in cell for cell in row):
        message = f"row at line {n} holds a NUL character: not text"
        yield Rejection(f"{stem}:{n}", "binary", message, origin)
    elif sum(len(cell) for cell in row) > config.max_bytes:
        yield Rejection(f"{stem}:{n}", "too-large", f"row at line {n} is too large", origin)
    else:
        record = dict(zip(names, row, strict=True))
        yield doc_from_mapping(
            record, fallback_id=f"{stem}:{n}", origin=origin, fields=config.fields
        )
