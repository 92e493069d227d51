"""One JSON document (an array of records, or one object) read value by value from a byte
stream, each value under a size cap: memory holds one record at a time, never the file.

:func:`document_values` yields ``(n, value)`` for each element of a top-level array (or
``(1, object)``), or ``(n, TooLarge)`` for an element over the cap (reading stops there: its
end cannot be found without parsing it); it raises ValueError where the bytes stop being one
JSON document (trailing data included), where ``json.loads`` would have failed.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["TooLarge", "document_values"]

_WHITESPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace
_CHUNK = 1 << 16
# A value parsed this close to the end of what has been read may go on (a number's digits or
# exponent, a literal), and an error this close may be one of missing bytes: read more first.
_MARGIN = 16


@dataclass(frozen=True, slots=True)
class TooLarge:
    """An element of more than the cap's characters (at least ``size``)."""

    size: int


class _Text:
    """The decoded text read so far, from ``pos`` on; grows by reading more bytes."""

    def __init__(self, read: Callable[[int], bytes], *, encoding: str) -> None:
        self._read = read
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="surrogatepass")
        self.text = ""
        self.pos = 0
        self.eof = False

    def more(self, size: int) -> None:
        if self.pos:
            self.text, self.pos = self.text[self.pos:], 0
        data = self._read(size)
        try:
            self.text += self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise ValueError(f"not one JSON document: {exc}") from exc
        self.eof = not data

    def peek(self) -> str | None:
        """The next character that is not whitespace (None at the end), skipping to it."""
        while True:
            self.pos = _WHITESPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if self.eof:
                return None
            self.more(_CHUNK)


def _value(source: _Text, *, limit: int) -> Any:
    """The value at ``source.pos`` (moved past it), or TooLarge."""
    decoder = json.JSONDecoder()
    while True:
        start, end = source.pos, len(source.text)
        try:
            value, stop = decoder.raw_decode(source.text, start)
        except json.JSONDecodeError as exc:
            cut = exc.msg.startswith("Unterminated string") or exc.pos >= end - _MARGIN
            if source.eof or not cut:
                raise ValueError(f"not one JSON document: {exc}") from exc
        except (ValueError, RecursionError) as exc:  # an integer too long; nesting too deep
            raise ValueError(f"not one JSON document: {exc}") from exc
        else:
            if stop - start > limit:
                return TooLarge(stop - start)
            if source.eof or stop < end - _MARGIN:
                source.pos = stop
                return value
        pending = end - start
        if pending > limit:
            return TooLarge(pending)
        source.more(max(_CHUNK, pending))


def document_values(read: Callable[[int], bytes], *, head: bytes,
                    limit: int) -> Iterator[tuple[int, Any]]:
    """The values of the JSON document whose bytes ``read`` gives (``head``: its first bytes,
    already read, which also tell its encoding as ``json.loads`` finds it)."""
    first = [head]

    def reread(size: int) -> bytes:
        return first.pop() if first else read(size)

    source = _Text(reread, encoding=json.detect_encoding(head[:4]))
    opening = source.peek()
    if opening == "{":
        value = _value(source, limit=limit)
        yield 1, value
        if isinstance(value, TooLarge):
            return
    elif opening == "[":
        source.pos += 1
        if source.peek() == "]":
            source.pos += 1
        else:
            for n, value in _elements(source, limit=limit):
                yield n, value
                if isinstance(value, TooLarge):
                    return
    else:
        raise ValueError("not one JSON document: neither an array nor an object")
    if source.peek() is not None:
        raise ValueError("not one JSON document: extra data after the document")


def _elements(source: _Text, *, limit: int) -> Iterator[tuple[int, Any]]:
    n = 0
    while True:
        n += 1
        value = _value(source, limit=limit)
        yield n, value
        after = source.peek()
        source.pos += 1
        if after == "]":
            return
        if after != ",":
            raise ValueError(f"not one JSON document: {after!r} after element {n}")
        source.peek()
