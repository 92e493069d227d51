"""A CSV stream cut into records (the lines of one row) under a size cap, before the csv
module parses each: a record over the cap is skipped unkept, and the next one starts where the
csv module would start it, so one oversized row costs that row alone.

Where a record ends follows the csv module's own reading (the default dialect: ``"`` quotes,
doubled inside a quoted field; a quote opens a quoted field only at a field's start; a line
end inside a quoted field belongs to the field), kept as one state between lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

__all__ = ["CsvRecord", "csv_records"]

_START, _FIELD, _QUOTED, _QUOTE = range(4)  # a field's start; in a field; in quotes; after one
_SKIP_PIECE = 1 << 20


class _Lines(Protocol):
    def readline(self, size: int = -1, /) -> str: ...


@dataclass(frozen=True, slots=True)
class CsvRecord:
    """One row's text: the number of its last line, its lines (None when it has more
    characters than the cap: not kept), and its length in characters."""

    line: int
    lines: tuple[str, ...] | None
    size: int


class _Scanner:
    """The csv module's position in a record (which of the four states), one piece at a
    time; the regexes step over whole unquoted fields and quoted runs at once."""

    def __init__(self, delimiter: str) -> None:
        d = re.escape(delimiter)
        field = f'[^"\\r\\n{d}][^\\r\\n{d}]*'
        self._fields = re.compile(f"(?:{field})?(?:{d}(?:{field})?)*")
        self._field_end = re.compile(f"[{d}\\r\\n]")
        self._delimiter = delimiter
        self.state = _START

    def feed(self, piece: str) -> bool:
        """Go over ``piece`` (one line, or part of one); True when it ends a record."""
        i, n, state, ended = 0, len(piece), self.state, False
        while i < n:
            ended = False
            if state == _QUOTED:
                j = piece.find('"', i)
                if j < 0:
                    break
                state, i = _QUOTE, j + 1
            elif state == _QUOTE:
                c = piece[i]
                if c == '"':
                    state, i = _QUOTED, i + 1  # a doubled quote: still quoted
                elif c == self._delimiter:
                    state, i = _START, i + 1
                elif c in "\r\n":
                    state, i, ended = _START, i + 1, True
                else:
                    state = _FIELD  # text after the closing quote joins the field
            elif state == _FIELD:
                found = self._field_end.search(piece, i)
                if found is None:
                    break
                i, ended = found.end(), found.group() != self._delimiter
                state = _START
            else:
                end = self._fields.match(piece, i).end()  # type: ignore[union-attr]
                if end == n:
                    if end > i:
                        state = _START if piece[end - 1] == self._delimiter else _FIELD
                    break
                if piece[end] == '"':
                    state, i = _QUOTED, end + 1
                else:  # a line end
                    state, i, ended = _START, end + 1, True
        self.state = state
        return ended


def csv_records(text: _Lines, *, delimiter: str, limit: int) -> Iterator[CsvRecord]:
    """The records of a CSV text stream (opened with ``newline=""``), in order."""
    scanner = _Scanner(delimiter)
    lines: list[str] | None = []
    size = line = 0
    partial = False  # whether the last piece read ended inside a line
    while True:
        piece = text.readline(limit + 1 - size if lines is not None else _SKIP_PIECE)
        if not piece:
            if size:
                yield CsvRecord(line + partial, None if lines is None else tuple(lines), size)
            return
        size += len(piece)
        if lines is not None:
            lines.append(piece)
            if size > limit:
                lines = None
        partial = not piece.endswith(("\n", "\r"))
        line += not partial
        if scanner.feed(piece):
            yield CsvRecord(line, None if lines is None else tuple(lines), size)
            lines, size = [], 0
