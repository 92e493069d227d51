"""WARC and WARC.gz files (Common Crawl CC-NEWS layout): one HTML page per response record."""

from __future__ import annotations

import errno
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from crosswire.ingest.base import IngestConfig, Record, looks_binary, stem_of
from crosswire.ingest.decode import charset_of, decode_html
from crosswire.ingest.stream import over_budget
from crosswire.models import RawDocument, Rejection

__all__ = ["read_warc_file"]

_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


def _page(record: Any, *, doc_id: str, origin: str, config: IngestConfig) -> Record:
    url = record.rec_headers.get_header("WARC-Target-URI")
    http = record.http_headers
    status = http.get_statuscode() if http is not None else "200"
    if status and not str(status).startswith("2"):
        return Rejection(doc_id, "http-status", f"{url}: HTTP status {status}", origin)
    content_type = (http.get_header("Content-Type") if http is not None else None) or "text/html"
    if not content_type.lower().startswith(_HTML_TYPES):
        return Rejection(doc_id, "not-html", f"{url}: content type {content_type}", origin)
    data = record.content_stream().read(config.max_bytes + 1)
    if len(data) > config.max_bytes:
        message = f"{url}: more than max_bytes={config.max_bytes}"
        return Rejection(doc_id, "too-large", message, origin)
    if not data.strip():
        return Rejection(doc_id, "empty", f"{url}: empty body", origin)
    if looks_binary(data):
        return Rejection(doc_id, "binary", f"{url}: binary body", origin)
    html = decode_html(data, charset=charset_of(content_type))
    return RawDocument(id=doc_id, html=html, url=url, origin=origin)


def _archive(handle: IO[bytes], *, limit: int) -> Iterator[Any]:
    """warcio's records of an archive, with each header line read under ``limit`` bytes:
    warcio reads a line whole however long (a gzip bomb of one header line would take all
    memory); a longer one raises OSError EFBIG (:func:`over_budget`)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import BUFF_SIZE, DecompressingBufferedReader

    class CappedLines(DecompressingBufferedReader):
        def readline(self, length: int | None = None) -> bytes:
            want = limit + 1 if length is None or length < 0 else min(length, limit + 1)
            pieces: list[bytes] = []
            got = 0
            while got < want:
                piece: bytes = super().readline(want - got)
                if not piece:
                    break
                pieces.append(piece)
                got += len(piece)
                if piece.endswith(b"\n"):
                    break
            if got > limit:
                raise OSError(errno.EFBIG, f"a header line of more than {limit} bytes")
            return b"".join(pieces)

    archive = ArchiveIterator(handle)
    archive.reader = CappedLines(archive.fh, block_size=BUFF_SIZE)
    return iter(archive)


def read_warc_file(*, path: Path, config: IngestConfig) -> Iterator[Record]:
    """RawDocuments (html) for the response records; a truncated file ends in a Rejection."""
    from warcio.exceptions import ArchiveLoadFailed

    stem = stem_of(path)
    n = seen = 0
    try:
        with open(path, "rb") as handle:
            for record in _archive(handle, limit=config.max_bytes):
                seen += 1
                if record.rec_type not in ("response", "resource"):
                    continue
                n += 1
                origin = f"{path}#{n}"
                yield _page(record, doc_id=f"{stem}:{n}", origin=origin, config=config)
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, KeyError,
            zlib.error) as exc:
        # warcio raises any of these on a cut-off or garbled record: the rest is unreadable.
        budget = over_budget(exc)
        if budget is not None:
            message = f"record {n + 1}: {budget}; the archive is not read past it"
            yield Rejection(f"{stem}:{n + 1}", "too-large", message, f"{path}#{n + 1}")
            return
        detail = str(exc)
        detail = detail if len(detail) <= 160 else detail[:160] + "..."  # warcio quotes garbage
        message = f"the archive breaks off after {n} records: {detail}"
        yield Rejection(f"{stem}:{n + 1}", "truncated", message, f"{path}#{n + 1}")
        return
    if n == 0:
        message = f"{seen} WARC records, none a response with a page"
        yield Rejection(stem, "no-pages" if seen else "malformed", message, str(path))
