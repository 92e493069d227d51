"""What every reader shares: the ingest settings, byte caps, binary sniffing, and records from
JSON objects and CSV rows (bytes are decoded in :mod:`crosswire.ingest.decode`)."""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from crosswire.errors import ConfigError
from crosswire.ingest.decode import decode_html
from crosswire.models import Article, RawDocument, Rejection, RemovedSegment, is_rejection_reason

if TYPE_CHECKING:
    import httpx

__all__ = [
    "FieldMap",
    "IngestConfig",
    "Record",
    "clean_string",
    "doc_from_mapping",
    "looks_binary",
    "read_capped",
    "read_upto",
    "stem_of",
]

Record = RawDocument | Rejection


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which JSON keys / CSV columns hold each field of a record (from IngestConfig.*_field)."""

    id: str = "id"
    text: str = "text"
    html: str = "html"
    html_b64: str = "html_b64"
    title: str = "title"
    url: str = "url"
    site: str = "site"
    published: str = "published"


@dataclass(frozen=True, slots=True)
class IngestConfig:
    """Settings of the readers.

    ``max_bytes`` caps one document (a file, a JSONL line, a WARC record, a download);
    bigger ones become ``Rejection(reason="too-large")``; a gzipped file may inflate to at
    most ``max_gzip_ratio`` times its size (or ``max_bytes``, if more).  URLs to private,
    loopback and link-local addresses are refused unless ``allow_private_urls``; a fetch
    waits ``url_timeout_s`` for each step and ``url_deadline_s`` in all.  ``transport`` and
    ``resolver`` let tests run the URL reader without a network.
    """

    max_bytes: int = 10_000_000
    max_gzip_ratio: int = 100
    encoding: str | None = None  # force a text encoding instead of detecting it
    # Which JSON key / CSV column holds each field of a record.
    id_field: str = "id"
    text_field: str = "text"
    html_field: str = "html"
    html_b64_field: str = "html_b64"
    title_field: str = "title"
    url_field: str = "url"
    site_field: str = "site"
    published_field: str = "published"
    csv_delimiter: str | None = None  # None: "," for .csv, tab for .tsv
    recursive: bool = True
    include_hidden: bool = False
    allow_private_urls: bool = False
    url_timeout_s: float = 20.0
    url_deadline_s: float = 60.0
    user_agent: str = "crosswire/0.1 (+https://github.com/crosswire)"
    transport: httpx.BaseTransport | None = None
    resolver: Callable[[str], list[str]] | None = None  # host -> IP addresses

    def __post_init__(self) -> None:
        for name in ("url_timeout_s", "url_deadline_s"):
            if not getattr(self, name) > 0:  # NaN fails too
                raise ConfigError(f"{name} must be more than 0 seconds")

    @property
    def fields(self) -> FieldMap:
        """The ``*_field`` settings together."""
        return FieldMap(
            id=self.id_field, text=self.text_field, html=self.html_field,
            html_b64=self.html_b64_field, title=self.title_field, url=self.url_field,
            site=self.site_field, published=self.published_field,
        )


def stem_of(path: Path) -> str:
    """The file name without its format suffixes ('a.jsonl.gz' -> 'a', 'x.warc.gz' -> 'x')."""
    name = path.name
    for suffix in (".gz", ".bz2"):
        name = name.removesuffix(suffix)
    return Path(name).stem if "." in name else name


def looks_binary(data: bytes, *, one_nul: bool = True) -> bool:
    """True for bytes that are not text in any usual encoding (NULs or many control bytes);
    ``one_nul=False``: a NUL byte is not enough (a CSV file: it costs the row it is in)."""
    head = data[:8192]
    if not head or head.startswith((b"\xff\xfe", b"\xfe\xff")):  # empty, or UTF-16 with a BOM
        return False
    if one_nul and b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > 0.05 * len(head)


def read_capped(path: Path, *, limit: int) -> bytes | None:
    """The bytes of ``path`` (gunzipped for .gz), or None when over ``limit``."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        try:
            data = read_upto(handle, limit + 1)
        except zlib.error as exc:  # a broken deflate stream: an OSError like a bad header
            raise gzip.BadGzipFile(f"broken gzip data: {exc}") from exc
    return None if len(data) > limit else data


def read_upto(handle: IO[bytes] | gzip.GzipFile, size: int) -> bytes:
    """At most ``size`` bytes of ``handle``, read in chunks: ``read(size)`` reserves the whole
    size up front, which fails for a large limit however small the file."""
    chunks: list[bytes] = []
    got = 0
    while got < size:
        chunk = handle.read(min(1 << 24, size - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_string(text: str) -> str:
    """``text`` with lone surrogates (a JSON escape like ``\\ud800`` with no pair: no
    character at all, and unwritable as UTF-8) replaced by U+FFFD."""
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _text(value: Any) -> str | None:
    """A metadata field as text: strings and numbers are taken, anything else is absent."""
    if value is None or isinstance(value, (bool, dict, list)):
        return None
    text = clean_string(str(value)).strip()
    return text or None


def doc_from_mapping(
    record: dict[str, Any], *, fallback_id: str, origin: str, fields: FieldMap
) -> Record:
    """A RawDocument from one JSON object or CSV row, or a Rejection saying what is missing."""
    import base64

    doc_id = _text(record.get(fields.id)) or fallback_id
    text = record.get(fields.text)
    html = record.get(fields.html)
    if html is None and record.get(fields.html_b64):
        try:
            html = decode_html(base64.b64decode(str(record[fields.html_b64])))
        except ValueError as exc:
            return Rejection(doc_id, "bad-base64", f"field {fields.html_b64!r}: {exc}", origin)
    if not isinstance(text, str) or not text.strip():
        text = None
    if not isinstance(html, str) or not html.strip():
        html = None
    text = clean_string(text) if text is not None else None
    html = clean_string(html) if html is not None else None
    if text is None and html is None:
        code = record.get("error")
        if isinstance(code, str):  # an earlier stage's error record, passed on
            message = _text(record.get("message")) or ""
            where = _text(record.get("origin")) or origin
            if is_rejection_reason(code):
                return Rejection(doc_id, code, message, where)
            message = f"an error record with an unknown reason {code!r}: {message}"
            return Rejection(doc_id, "malformed", message, where)
        message = f"no {fields.text!r} or {fields.html!r} field with text"
        return Rejection(doc_id, "no-text", message, origin)
    return RawDocument(
        id=doc_id,
        text=text if html is None else None,
        html=html,
        title=_text(record.get(fields.title)),
        url=_text(record.get(fields.url)),
        site=_text(record.get(fields.site)),
        published=_text(record.get(fields.published)),
        origin=origin,
        cleaned=_already_cleaned(record, doc_id=doc_id, text=text) if html is None else None,
    )


def _already_cleaned(record: dict[str, Any], *, doc_id: str, text: str | None) -> Article | None:
    """The Article of a record that ``crosswire extract`` (or a later stage) wrote: it has the
    list of what cleaning removed, and its text is the cleaned text; None for any other
    record, or one whose fields do not have that output's types."""
    removed, flags = record.get("removed"), record.get("flags", [])
    if text is None or not isinstance(removed, list) or not isinstance(flags, list):
        return None
    segments = []
    for item in removed:
        if not (isinstance(item, dict) and isinstance(item.get("reason"), str)
                and isinstance(item.get("text"), str)):
            return None
        segments.append(RemovedSegment(item["reason"], clean_string(item["text"])))
    return Article(
        id=doc_id, text=text, title=_text(record.get("title")), url=_text(record.get("url")),
        site=_text(record.get("site")), published=_text(record.get("published")),
        published_source=_text(record.get("published_source")),
        language=_text(record.get("language")), author=_text(record.get("author")),
        dateline=_text(record.get("dateline")), attribution=_text(record.get("attribution")),
        removed=tuple(segments), flags=tuple(str(f) for f in flags if isinstance(f, str)),
    )

