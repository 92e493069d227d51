"""HTML -> body text and metadata: trafilatura for the body, the page head for metadata.

A page given as bytes is decoded as the readers decode pages (declared charset, UTF-8,
detection: :mod:`crosswire.ingest.decode`), and parsed once.  The body comes from a cheap
first trafilatura pass (precision, no readability/jusText comparison); only when that leaves
little text, absolutely or against the page's visible text, does a full balanced pass run
too.  A lead paragraph shown above the article and missed by the extractor is put back
(:mod:`crosswire.stages.clean.lead`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree

from crosswire.ingest.decode import decode_html
from crosswire.stages.clean.lead import recover_lead
from crosswire.stages.clean.meta import PageMeta, read_meta

__all__ = [
    "BodyOptions",
    "HtmlExtract",
    "decode_html",
    "extract_body",
    "extract_html",
    "parse_html",
]


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    """What extraction found in one page (``text`` one paragraph a line, possibly empty)."""

    text: str
    title: str | None = None
    published: str | None = None
    site: str | None = None
    author: str | None = None
    url: str | None = None


def parse_html(html: str | bytes) -> Any:
    """The lxml tree of a page as trafilatura builds it (None when it is not HTML)."""
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class BodyOptions:
    """How the body is extracted (see :func:`extract_body`)."""

    favor_precision: bool = True  # trafilatura's precision mode for the first pass
    fast: bool = True  # first pass without trafilatura's readability/justext comparison
    second_pass_chars: int = 500  # a shorter first pass: a full balanced pass as well
    second_pass_share: float = 0.1  # the same when the first pass is under this share of the page
    lead_min_chars: int = 120  # recover a lead paragraph this long that the body lacks (0: off)


_PAGE_TEXT = etree.XPath(
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"
)
_PAGE_SPAN = etree.XPath("string-length(normalize-space(//body))")


def _trafilatura(tree: Any, *, url: str | None, favor_precision: bool, fast: bool) -> str:
    import trafilatura

    text = trafilatura.extract(
        tree, url=url, fast=fast, include_comments=False, include_tables=True,
        favor_precision=favor_precision, deduplicate=False,
    )
    return text or ""


def _looks_short(tree: Any, text: str, options: BodyOptions) -> bool:
    """Too little text, absolutely or against the page's visible text (measured only when
    a cheap upper bound on it could make the share too small)."""
    if len(text) < options.second_pass_chars:
        return True
    limit = len(text) / options.second_pass_share if options.second_pass_share > 0 else None
    if limit is None or float(_PAGE_SPAN(tree)) <= limit:
        return False
    return sum(len(part.strip()) for part in _PAGE_TEXT(tree)) > limit


def extract_body(*, tree: Any, url: str | None = None, options: BodyOptions | None = None) -> str:
    """trafilatura's body of a parsed page, one paragraph a line.

    A first pass (precision, fast by default); when it leaves little text, a full balanced
    pass as well, the longer wins; then the page's lead paragraph when the body lacks it.
    """
    options = options or BodyOptions()
    text = _trafilatura(tree, url=url, favor_precision=options.favor_precision,
                        fast=options.fast)
    if (options.favor_precision or options.fast) and _looks_short(tree, text, options):
        balanced = _trafilatura(tree, url=url, favor_precision=False, fast=False)
        if len(balanced) > len(text):
            text = balanced
    lead = recover_lead(tree=tree, body=text, min_chars=options.lead_min_chars)
    return f"{lead}\n{text}" if lead and text else text


def _full_meta(tree: Any, url: str | None) -> PageMeta:
    from trafilatura.metadata import extract_metadata

    doc = extract_metadata(tree, url)
    date = doc.date if isinstance(doc.date, str) else None
    return PageMeta(title=doc.title or None, published=date[:10] if date else None,
                    site=doc.sitename or doc.hostname or None, author=doc.author or None)


def extract_html(*, html: str | bytes, url: str | None = None,
                 options: BodyOptions | None = None, full_metadata: bool = False
                 ) -> HtmlExtract:
    """Body text (trafilatura) plus title, date, site and author from the page's head.

    The page is parsed once; ``full_metadata`` runs trafilatura's own metadata search
    (htmldate over the whole page): better dates on pages without date tags, slower.
    """
    page = decode_html(html) if isinstance(html, bytes) else html
    tree = parse_html(page)
    if tree is None:
        return HtmlExtract(text="", url=url)
    meta = _full_meta(tree, url) if full_metadata else read_meta(html=page, url=url)
    return HtmlExtract(
        text=extract_body(tree=tree, url=url, options=options),
        title=meta.title,
        published=meta.published,
        site=meta.site,
        author=meta.author,
        url=url,
    )
