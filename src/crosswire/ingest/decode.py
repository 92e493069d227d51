"""Bytes to text: the readers' decoding, and the HTML stage's for pages given as bytes.

Text files: a forced encoding, else a byte-order mark or UTF-8, else charset detection.
HTML pages: a charset given by the server, else the page's declared charset (Latin-1 read as
its superset Windows-1252, as browsers do), else UTF-8, UTF-8 with a few broken bytes, then
detection.  Detection prefers Windows-1252 among equally good guesses when the text reads as
a Western European language.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable

__all__ = [
    "CodecTrial",
    "charset_of",
    "decode_bytes",
    "decode_html",
    "first_codec",
    "fallback_codec",
    "guess_decode",
]

_WESTERN = frozenset(
    "àâäáãåæçèéêëìíîïñòóôöõøùúûüýÿœßÀÂÄÁÃÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÖÕØÙÚÛÜÝŸŒšžŠŽ"
)
_LATIN1 = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii"})
_UTF8_SHARE = 20  # at most one broken byte per this many good non-ASCII characters
_ENCODING_DECL = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_GUESS_BYTES = 2_000_000  # charset detection looks at this many first bytes


def decode_bytes(data: bytes, *, encoding: str | None = None) -> str | None:
    """Decode text bytes: forced encoding, BOM/UTF-8, then charset detection; None if hopeless."""
    if encoding:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            return None
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:  # a BOM on bytes that are not UTF-16 (odd length, ...)
            return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    return guess_decode(data)


def charset_of(content_type: str) -> str | None:
    """The ``charset`` parameter of an HTTP Content-Type header, if any."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few broken bytes (a cut or mixed page), with those bytes replaced."""
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - broken
    return text if broken * _UTF8_SHARE <= multibyte else None


def decode_html(data: bytes, *, charset: str | None = None) -> str:
    """Decode page bytes: ``charset`` (the server's, from its Content-Type) when the bytes
    decode with it; else the page's declared charset (Latin-1 read as its superset
    Windows-1252, as browsers do, unless the bytes are valid UTF-8 with non-ASCII characters:
    a page mislabelled Latin-1 or ASCII), then UTF-8, then UTF-8 with a few broken bytes,
    then detection."""
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    m = _ENCODING_DECL.search(data[:4096])
    declared = m.group(1).decode("ascii", "ignore").lower() if m else None
    candidates = ["cp1252", declared] if declared in _LATIN1 else [declared] if declared else []
    if declared in _LATIN1 and max(data, default=0) > 0x7F:
        candidates.insert(0, "utf-8")  # bytes that are valid UTF-8 are not Windows-1252 text
    for encoding in [*candidates, "utf-8"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return _mostly_utf8(data) or guess_decode(data) or data.decode("utf-8", "replace")


def _western(text: str) -> bool:
    return all(ch.isascii() or ch in _WESTERN or not ch.isalpha() for ch in text)


def _guess(head: bytes) -> tuple[str, bool] | None:
    """Charset detection on the first bytes: the best encoding, and whether Windows-1252 is
    among the equally good ones; None when nothing fits."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(head[:_GUESS_BYTES]))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    tied = [m.encoding for m in matches if m.chaos <= least + 0.005]
    return matches[0].encoding, "cp1252" in tied


def guess_decode(data: bytes) -> str | None:
    """Decode bytes of unknown single-byte charset; Windows-1252 wins ties among the best."""
    guess = _guess(data)
    if guess is None:
        return None
    best, cp1252_tied = guess
    if cp1252_tied:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
        if text and _western(text):
            return text
    return data.decode(best, errors="replace")


# Streams: the same choices as decode_bytes, made without holding the whole text.


class CodecTrial:
    """Whether a stream of bytes decodes with ``codec`` (strictly), told a piece at a time;
    ``check``, when given, must hold for every piece of text too."""

    def __init__(self, codec: str, *, check: Callable[[str], bool] | None = None) -> None:
        self._check = check
        try:
            b"".decode(codec)  # LookupError for an unknown codec, or one not for text
            self._decoder: codecs.IncrementalDecoder | None = \
                codecs.getincrementaldecoder(codec)("strict")
        except LookupError:
            self._decoder = None
        self.ok = self._decoder is not None

    def feed(self, data: bytes, *, final: bool = False) -> None:
        if self._decoder is None or not self.ok:
            return
        try:
            text = self._decoder.decode(data, final=final)
        except UnicodeDecodeError:
            self.ok = False
            return
        if self._check is not None and not self._check(text):
            self.ok = False


def first_codec(*, head: bytes, encoding: str | None) -> str:
    """The codec :func:`decode_bytes` tries first on bytes that start with ``head``: the
    forced one, UTF-16 after its byte-order mark, else UTF-8 (a byte-order mark dropped)."""
    if encoding:
        return encoding
    return "utf-16" if head.startswith(_UTF16_BOMS) else "utf-8-sig"


def fallback_codec(*, head: bytes, encoding: str | None,
                   chunks: Callable[[], Iterable[bytes]]) -> tuple[str, str] | None:
    """The codec and error handler :func:`decode_bytes` decodes a stream with when it is not
    strictly in :func:`first_codec` (None: it gives up). ``head``: the stream's first
    2,000,000 bytes (or all); ``chunks()`` gives the whole stream again, for the check that
    it is Western European text in Windows-1252."""
    if encoding or head.startswith(_UTF16_BOMS):
        return None
    guess = _guess(head)
    if guess is None:
        return None
    best, cp1252_tied = guess
    if cp1252_tied:
        trial = CodecTrial("cp1252", check=_western)
        for data in chunks():
            trial.feed(data)
        trial.feed(b"", final=True)
        if trial.ok and head:
            return "cp1252", "strict"
    return best, "replace"
