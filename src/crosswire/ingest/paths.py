"""Which reader reads each input: paths, globs, directories and URLs expanded and read."""

from __future__ import annotations

import contextlib
import glob
import gzip
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from crosswire.ingest.base import IngestConfig, Record, stem_of
from crosswire.ingest.csvfile import read_csv_file
from crosswire.ingest.feed import read_feed_file
from crosswire.ingest.html import read_html_file
from crosswire.ingest.jsonl import read_jsonl_file
from crosswire.ingest.text import read_text_file
from crosswire.ingest.url import is_url, read_url
from crosswire.ingest.warc import read_warc_file
from crosswire.models import Rejection

__all__ = ["Reader", "expand_paths", "read_path", "read_paths", "reader_for"]

Reader = Callable[..., Iterator[Record]]
_BY_SUFFIX: dict[str, Reader] = {
    ".txt": read_text_file, ".text": read_text_file, ".md": read_text_file,
    ".html": read_html_file, ".htm": read_html_file, ".xhtml": read_html_file,
    ".shtml": read_html_file,
    ".jsonl": read_jsonl_file, ".ndjson": read_jsonl_file, ".json": read_jsonl_file,
    ".csv": read_csv_file, ".tsv": read_csv_file,
    ".warc": read_warc_file, ".arc": read_warc_file,
    ".rss": read_feed_file, ".atom": read_feed_file, ".rdf": read_feed_file, ".xml": read_feed_file,
}
# Files a directory is read for (named files of any kind are read; .md only when named).
_DIRECTORY_SUFFIXES = frozenset(_BY_SUFFIX) - {".md"}
_GLOB_CHARS = frozenset("*?[")


def _sniff(path: Path) -> Reader:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as handle:
            head = handle.read(2048).lstrip().lower()
    except (OSError, EOFError, zlib.error):
        return read_text_file  # the text reader reports the problem
    if head.startswith(b"warc/"):
        return read_warc_file
    if head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head):
        return read_feed_file
    if head.startswith((b"<rss", b"<feed")):
        return read_feed_file
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return read_html_file
    if head.startswith((b"{", b"[")):
        return read_jsonl_file
    return read_text_file


def reader_for(path: Path) -> Reader:
    """The reader for ``path``: by extension (a trailing .gz looked through), else by content."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
        if suffixes and suffixes[-1] == ".warc":
            return read_warc_file
    if suffixes and suffixes[-1] in _BY_SUFFIX:
        return _BY_SUFFIX[suffixes[-1]]
    return _sniff(path)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _known_type(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in _DIRECTORY_SUFFIXES


def expand_paths(*, paths: Sequence[str], config: IngestConfig | None = None
                 ) -> Iterator[Path | str | Rejection]:
    """Files (sorted within a directory or glob), URLs as strings, Rejections for misses.

    A directory yields its files of the known article formats (.txt, .html, .jsonl, .csv,
    .warc, .rss, ..., optionally gzipped); other files in it (README, SOURCE.md) are not read.
    """
    config = config or IngestConfig()
    for given in paths:
        if is_url(given):
            yield given
            continue
        path = Path(given)
        if path.is_dir():
            pattern = "**/*" if config.recursive else "*"
            files = sorted(p for p in path.glob(pattern) if p.is_file() and _known_type(p))
            yield from (p for p in files if config.include_hidden or not _hidden(p, path))
        elif path.is_file():
            yield path
        elif _GLOB_CHARS & set(given):
            matches = sorted(Path(p) for p in glob.glob(given, recursive=True))
            files = [p for p in matches if p.is_file()]
            if not files:
                yield Rejection(given, "not-found", "the pattern matches no file", given)
            yield from files
        else:
            yield Rejection(stem_of(path), "not-found", "no such file or directory", given)


_READ_ERRORS = (OSError, ValueError, LookupError, EOFError, RecursionError, MemoryError,
                zlib.error)


def read_path(*, path: Path, config: IngestConfig | None = None) -> Iterator[Record]:
    """The records of one file. A reader that fails outright (a bug, or a file no check
    foresaw) costs that file's remaining records, reported as one ``unreadable`` Rejection;
    the records already read and every other file still go through."""
    config = config or IngestConfig()
    try:
        records = iter(reader_for(path)(path=path, config=config))
    except _READ_ERRORS as exc:
        yield _unreadable(path=path, exc=exc)
        return
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except _READ_ERRORS as exc:
            yield _unreadable(path=path, exc=exc)
            return
        try:
            yield record
        except GeneratorExit:
            # The consumer stopped early: close the reader. An error in its own cleanup can
            # no longer be reported, and must not turn the close into a crash.
            close = getattr(records, "close", None)
            if close is not None:
                with contextlib.suppress(*_READ_ERRORS):
                    close()
            raise


def _unreadable(*, path: Path, exc: BaseException) -> Rejection:
    message = f"reading stopped: {type(exc).__name__}: {exc}"
    return Rejection(stem_of(path), "unreadable", message, str(path))


def read_paths(*, paths: Sequence[str], config: IngestConfig | None = None) -> Iterator[Record]:
    """Every record of every input (files, directories, globs, URLs), in a stable order."""
    config = config or IngestConfig()
    for item in expand_paths(paths=paths, config=config):
        if isinstance(item, Rejection):
            yield item
        elif isinstance(item, str):
            yield from read_url(url=item, config=config)
        else:
            yield from read_path(path=item, config=config)
