"""Readers: paths, globs, directories and URLs in; RawDocuments (or Rejections) out.

``read_paths`` picks a reader per input by its extension, or by sniffing the first bytes when
the extension says nothing.  Every input yields at least one record: a document, or a
Rejection with a reason code (``not-found``, ``empty``, ``binary``, ``too-large``,
``bad-encoding``, ``malformed``, ``truncated``, ``refused``, ``unreadable``, ...; cleaning adds
``too-short`` and ``too-long``; every code with its meaning:
:data:`crosswire.models.REJECTION_REASONS`).

A reader only reads: it decodes the bytes (:mod:`crosswire.ingest.decode`) and parses the
format into records, and leaves every change to the text to the cleaning stage, which imports
from here, never the other way round.
"""

from crosswire.ingest.base import FieldMap, IngestConfig
from crosswire.ingest.paths import Reader, expand_paths, read_path, read_paths, reader_for

__all__ = [
    "FieldMap",
    "IngestConfig",
    "Reader",
    "expand_paths",
    "read_path",
    "read_paths",
    "reader_for",
]
