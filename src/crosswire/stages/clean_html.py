"""HTML -> body text and metadata: trafilatura for the body, the page head for metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from crosswire.stages.clean_meta import PageMeta, read_meta

__all__ = [
    "HtmlExtract",
    "decode_html",
    "extract_html",
    "guess_decode",
    "parse_html",
]

_WESTERN = frozenset(
    "àâäáãåæçèéêëìíîïñòóôöõøùúûüýÿœßÀÂÄÁÃÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÖÕØÙÚÛÜÝŸŒšžŠŽ"
)
_ENCODING_DECL = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    """What extraction found in one page (``text`` one paragraph a line, possibly empty)."""

    text: str
    title: str | None = None
    published: str | None = None
    site: str | None = None
    author: str | None = None
    url: str | None = None


def decode_html(data: bytes) -> str:
    """Decode page bytes: declared charset first, then UTF-8, then detection."""
    m = _ENCODING_DECL.search(data[:4096])
    candidates = [m.group(1).decode("ascii", "ignore")] if m else []
    for encoding in [*candidates, "utf-8"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return guess_decode(data) or data.decode("utf-8", "replace")


def _western(text: str) -> bool:
    return all(ch.isascii() or ch in _WESTERN or not ch.isalpha() for ch in text)


def guess_decode(data: bytes) -> str | None:
    """Decode bytes of unknown single-byte charset; Windows-1252 wins ties among the best."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:2_000_000]))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    tied = [m.encoding for m in matches if m.chaos <= least + 0.005]
    if "cp1252" in tied:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
        if text and _western(text):
            return text
    return data.decode(matches[0].encoding, errors="replace")


def parse_html(html: str | bytes) -> Any:
    """The lxml tree of a page as trafilatura builds it (None when it is not HTML)."""
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except (TypeError, ValueError):
        return None


def _trafilatura(page: Any, *, url: str | None, favor_precision: bool) -> str:
    import trafilatura

    text = trafilatura.extract(
        page, url=url, include_comments=False, include_tables=True,
        favor_precision=favor_precision, deduplicate=False,
    )
    return text or ""


def _body(page: Any, *, url: str | None, favor_precision: bool, second_pass_chars: int) -> str:
    """trafilatura's body; when precision mode leaves little, a second balanced pass."""
    text = _trafilatura(page, url=url, favor_precision=favor_precision)
    if favor_precision and len(text) < second_pass_chars:
        balanced = _trafilatura(page, url=url, favor_precision=False)
        if len(balanced) > len(text):
            return balanced
    return text


def _full_meta(tree: Any, url: str | None) -> PageMeta:
    from trafilatura.metadata import extract_metadata

    doc = extract_metadata(tree, url)
    date = doc.date if isinstance(doc.date, str) else None
    return PageMeta(title=doc.title or None, published=date[:10] if date else None,
                    site=doc.sitename or doc.hostname or None, author=doc.author or None)


def extract_html(*, html: str | bytes, url: str | None = None, favor_precision: bool = True,
                 second_pass_chars: int = 500, full_metadata: bool = False) -> HtmlExtract:
    """Body text (trafilatura) plus title, date, site and author from the page's head.

    ``full_metadata`` runs trafilatura's own metadata search (htmldate over the whole page):
    better dates on pages without date tags, several times slower.
    """
    page = decode_html(html) if isinstance(html, bytes) else html
    tree = parse_html(page) if full_metadata else None  # trafilatura parses the page itself
    if full_metadata:
        if tree is None:
            return HtmlExtract(text="", url=url)
        meta = _full_meta(tree, url)
    else:
        meta = read_meta(html=page, url=url)
    body = _body(page if tree is None else tree, url=url, favor_precision=favor_precision,
                 second_pass_chars=second_pass_chars)
    return HtmlExtract(
        text=body,
        title=meta.title,
        published=meta.published,
        site=meta.site,
        author=meta.author,
        url=url,
    )
