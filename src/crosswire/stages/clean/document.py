"""The cleaning stage: a raw document in, a clean :class:`Article` (or a Rejection) out.

Plain text is repaired (ftfy), unwrapped into one paragraph a line, its head read for a date
header, byline and dateline, and page furniture removed line by line: comment boxes, share and
newsletter prompts, image markdown, related-article lists, copyright footers, repeated
headlines and repeated paragraphs.  Every removal is recorded as a RemovedSegment with its
reason; words of the body are never rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ftfy

from crosswire.models import Article, RawDocument, Rejection, RejectionReason, RemovedSegment
from crosswire.stages.clean.dates import date_from_url, parse_date
from crosswire.stages.clean.furniture import context_reasons, furniture_reason, strip_tail
from crosswire.stages.clean.header import HeadInfo, credit_attribution, read_head
from crosswire.stages.clean.html import BodyOptions, HtmlExtract, extract_html
from crosswire.stages.clean.lang import detect_language
from crosswire.stages.clean.long import split_long_sentences
from crosswire.stages.clean.pages import headline_left, not_article
from crosswire.stages.clean.rules import IMAGE_MARKDOWN, junk_reason
from crosswire.text.normalize import normalize_whitespace

__all__ = ["CleanConfig", "CleanedText", "clean_document", "clean_text", "has_mojibake"]

# A lead byte of UTF-8 shown as Latin-1, followed by a continuation byte shown as cp1252/Latin-1.
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d"
                            "\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022"
                            "\u2026\u2030\u2039\u203a\u20ac\u2122]")
_NON_WORD = re.compile(r"\W+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SENTENCE_END = (".", "!", "?", '"', "\u201d", "\u2019", "'")
_LIST_ITEM = re.compile(r"(?:[-*\u2022\u2013]|\d{1,2}[.)])\s")
_TERMINAL = ("." , "!", "?", ":", '"', "\u201d", "'", "\u2019", ")")
_MAX_HEADING_CHARS = 40  # a 'related' line this short is a heading over a list of links
_MAX_LINK_CHARS = 150
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)


def has_mojibake(text: str) -> bool:
    """True when ``text`` shows UTF-8 read as Windows-1252/Latin-1 ('â€™', 'Ã©')."""
    return _MOJIBAKE_HINT.search(text) is not None and ftfy.badness.is_bad(text)


def _key(line: str) -> str:
    """A line as compared for repeats: lowercase words only."""
    return " ".join(_NON_WORD.split(line.casefold())).strip()


@dataclass(frozen=True, slots=True)
class CleanConfig:
    """Settings of the cleaning stage."""

    fix_mojibake: bool = True
    remove_boilerplate: bool = True
    keep_title_in_text: bool = False
    max_title_words: int = 20
    min_repeat_words: int = 12  # a repeated paragraph shorter than this is kept (e.g. subheads)
    credit_lines: int = 3  # how many last lines may be credit lines
    min_words: int = 1  # fewer words after cleaning -> Rejection("too-short")
    max_chars: int = 2_000_000  # longer input -> Rejection("too-large")
    # A longer text after cleaning -> Rejection("too-long"): not one news report (a book, a
    # dump, a concatenation), and the story stages' cost grows faster than its length.
    max_text_chars: int = 400_000
    # A longer run-on sentence is cut into paragraphs (crosswire.stages.clean.long): no later
    # step meets a sentence of unbounded length. 0: never cut.
    max_sentence_chars: int = 2_000
    detect_language: bool = True
    html_favor_precision: bool = True  # trafilatura's precision mode for the first pass
    html_fast: bool = True  # first pass without trafilatura's readability/justext comparison
    html_second_pass_chars: int = 500  # shorter first pass: a full balanced pass too
    html_second_pass_share: float = 0.1  # ... or a first pass under this share of the page text
    html_lead_min_chars: int = 120  # add the page's lead paragraph the body lacks (0: never)
    html_full_metadata: bool = False  # htmldate's whole-page date search (slower)


@dataclass(frozen=True, slots=True)
class _Cleaned:
    lines: tuple[str, ...]
    removed: tuple[RemovedSegment, ...]
    title: str | None
    attribution: str | None


def _is_wrapped(block: list[str]) -> bool:
    body = block[:-1]
    wrapped = [ln for ln in body if 30 <= len(ln) <= 100 and not ln.endswith(_TERMINAL)]
    return len(body) >= 1 and len(wrapped) >= 0.6 * len(body) and max(map(len, block)) <= 110


def _paragraph_lines(text: str) -> list[str]:
    """Stripped, non-empty paragraphs: hard-wrapped blocks are joined, other lines kept."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", normalize_whitespace(text)):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if len(lines) > 1 and _is_wrapped(lines):
            out.append(" ".join(lines))
        else:
            out.extend(lines)
    return out


def _strip_images(lines: list[str], removed: list[RemovedSegment]) -> list[str]:
    out = []
    for line in lines:
        images = IMAGE_MARKDOWN.findall(line)
        if images and IMAGE_MARKDOWN.sub("", line).strip():
            removed.extend(RemovedSegment("image", image) for image in images)
            line = re.sub(r"\s{2,}", " ", IMAGE_MARKDOWN.sub("", line)).strip()
        out.append(line)
    return out


def _headline_like(line: str, config: CleanConfig) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= config.max_title_words
        and len(line) <= 200
        and not line.endswith((".", ",", ";", ":", "!"))
        and not line.startswith(("-", "\u2022", "*", "\u201c", '"', "(", "["))
    )


def _find_title(lines: list[str], junk: list[str | None], config: CleanConfig) -> str | None:
    body = [i for i, reason in enumerate(junk) if reason is None]
    if len(body) < 2:
        return None
    first = lines[body[0]]
    if _headline_like(first, config):
        return first
    keys = [_key(lines[i]) for i in body[:8]]
    for n, i in enumerate(body[:3]):
        if _headline_like(lines[i], config) and keys[n] in keys[n + 1 :]:
            return lines[i]
    return None


def _same_headline(key: str, title_key: str, *, first: bool) -> bool:
    """The title again: verbatim anywhere, or nearly (same words mostly) as the first line."""
    if key == title_key:
        return True
    if not first or not key:
        return False
    words, title_words = set(key.split()), set(title_key.split())
    if len(words) > 2 * len(title_words) + 2:
        return False
    return len(words & title_words) >= 0.7 * max(len(words), len(title_words))


def _prose(line: str, key: str, config: CleanConfig) -> bool:
    """A paragraph of running text (a repeat of it is a scraping artefact, unlike list items)."""
    return (
        sum(1 for word in key.split() if not word.isdigit()) >= config.min_repeat_words
        and line.endswith(_SENTENCE_END)
        and not _LIST_ITEM.match(line)
    )


def _link_like(line: str) -> bool:
    """A line that reads as the title of a linked article, not as a sentence of the body."""
    return len(line) <= _MAX_LINK_CHARS and not line.endswith((*_TERMINAL, ";", ","))


def _related_lists(lines: list[str], junk: list[str | None]) -> list[str | None]:
    """Below a bare 'Related articles' heading, the article titles it introduces."""
    out = list(junk)
    listing = False
    for i, line in enumerate(lines):
        if junk[i] == "related":
            listing = len(line) <= _MAX_HEADING_CHARS and (":" not in line or line.endswith(":"))
        elif listing and junk[i] is None and _link_like(line):
            out[i] = "related"
        else:
            listing = False
    return out


def _strip_tails(lines: list[str], removed: list[RemovedSegment]) -> list[str]:
    """Each line without the furniture glued to its end (an embedded post's footer)."""
    out = []
    for line in lines:
        line, cut = strip_tail(line)
        removed.extend(cut)
        if line:
            out.append(line)
    return out


def _junk(lines: list[str], config: CleanConfig) -> list[str | None]:
    if not config.remove_boilerplate:
        return [None] * len(lines)
    junk = [junk_reason(ln) or furniture_reason(ln) for ln in lines]
    return context_reasons(lines, _related_lists(lines, junk))


def _remove_lines(lines: list[str], title: str | None, config: CleanConfig) -> _Cleaned:
    junk = _junk(lines, config)
    title_seen = title is not None  # a title given from outside the body: any copy is a repeat
    title = title or _find_title(lines, junk, config)
    title_key = _key(title) if title else None
    kept: list[str] = []
    removed: list[RemovedSegment] = []
    seen: set[str] = set()
    attribution = None
    tail = max(0, len(lines) - config.credit_lines)
    for i, line in enumerate(lines):
        reason = junk[i]
        if reason is None and not kept and title and not config.keep_title_in_text:
            line = _glued_title(line, title, removed)
        key = _key(line)
        if reason is None and i >= tail and config.remove_boilerplate:
            is_credit, agency = credit_attribution(line)
            if is_credit:
                reason, attribution = "credit", attribution or agency
        if reason is None and title_key and _same_headline(key, title_key, first=not kept):
            if title_seen:
                reason = "repeated-headline"
            elif not config.keep_title_in_text:
                reason = "title"
            title_seen = True
        if reason is None and key in seen and _prose(line, key, config):
            reason = "repeated-paragraph"
        if reason is None:
            kept.append(line)
            seen.add(key)
        else:
            removed.append(RemovedSegment(reason, line))
    return _Cleaned(tuple(kept), tuple(removed), title, attribution)


def _glued_title(line: str, title: str, removed: list[RemovedSegment]) -> str:
    """A first line that runs a section kicker, the title and the standfirst together
    ("Bitcoin Bitcoin price falls below $6,000 as banker signals crackdown BIS head says
    ..."): the kicker and title go (reason ``title``), the standfirst stays as the line."""
    at = line.find(title)
    if len(title.split()) < 4 or at < 0 or at > 40 or line.strip() == title.strip():
        return line
    after = line[at + len(title) :]
    rest = after.strip()
    if len(rest.split()) < 4 or not after[:1].isspace() or not rest[:1].isupper():
        return line  # the title running on into its own sentence ("Title, police said ...")
    removed.append(RemovedSegment("title", line[: at + len(title)].strip()))
    return rest


@dataclass(frozen=True, slots=True)
class CleanedText:
    """Plain text after cleaning, what was removed, and what its head and tail said."""

    text: str
    removed: tuple[RemovedSegment, ...]
    head: HeadInfo
    title: str | None
    attribution: str | None


def clean_text(*, text: str, title: str | None = None, config: CleanConfig | None = None
               ) -> CleanedText:
    """Clean plain ``text``: the cleaned text, removals, the head metadata and line result."""
    config = config or CleanConfig()
    text = _CONTROL.sub("", text)
    if config.fix_mojibake and has_mojibake(text):
        text = ftfy.fix_text(text, _FTFY)
    removed: list[RemovedSegment] = []
    lines = _strip_images(_paragraph_lines(text), removed)
    if config.remove_boilerplate:
        lines = _strip_tails(lines, removed)
    lines, head = read_head(lines)
    cleaned = _remove_lines(lines, title or head.title, config)
    segments = (*head.removed, *removed, *cleaned.removed)
    return CleanedText("\n".join(cleaned.lines), segments, head, cleaned.title,
                       head.attribution or cleaned.attribution)


def _published(doc: RawDocument, extract: HtmlExtract | None, head: HeadInfo
               ) -> tuple[str | None, str | None]:
    if doc.published:
        parsed = parse_date(doc.published)
        if parsed:
            return parsed, "input"
    url = doc.url or (extract.url if extract else None)
    from_url = date_from_url(url) if url else None
    if extract is not None and extract.published:
        return extract.published, "url" if extract.published == from_url else "html-meta"
    if head.published:
        return head.published, "header"
    return (from_url, "url") if from_url else (None, None)


def _body_options(config: CleanConfig) -> BodyOptions:
    return BodyOptions(
        favor_precision=config.html_favor_precision,
        fast=config.html_fast,
        second_pass_chars=config.html_second_pass_chars,
        second_pass_share=config.html_second_pass_share,
        lead_min_chars=config.html_lead_min_chars,
    )


def _is_headline(raw: str, title: str | None) -> bool:
    """Whether a document's whole text is its headline (cleaning took it as the title)."""
    return bool(title) and " ".join(raw.split()).casefold() == " ".join(
        str(title).split()
    ).casefold()


def clean_document(*, doc: RawDocument, config: CleanConfig | None = None) -> Article | Rejection:
    """Clean one raw document into an Article, or say why it cannot be used."""
    config = config or CleanConfig()
    if doc.cleaned is not None:
        return doc.cleaned
    raw = doc.html if doc.html is not None else doc.text
    if raw is None or not raw.strip():
        return Rejection(doc.id, "empty", "the document has no text", doc.origin)
    if len(raw) > config.max_chars:
        message = f"{len(raw)} characters, more than max_chars={config.max_chars}"
        return Rejection(doc.id, "too-large", message, doc.origin)
    extract = None
    if doc.html is not None:
        extract = extract_html(html=doc.html, url=doc.url, options=_body_options(config),
                               full_metadata=config.html_full_metadata)
        raw = extract.text
        if not raw.strip():
            return Rejection(doc.id, "no-content", "no article text found in the HTML", doc.origin)
    given_title = doc.title or (extract.title if extract else None)
    cleaned = clean_text(text=raw, title=given_title, config=config)
    text, head, removed = cleaned.text, cleaned.head, cleaned.removed
    headline_only = not text and _is_headline(raw, cleaned.title or given_title)
    if headline_only:
        text = " ".join(raw.split())  # a feed item or headline list: the headline is the report
        removed = ()
    elif not text and (headline := headline_left(removed)) is not None:
        text, headline_only = headline.text, True  # a wire stub: its headline amid furniture
        removed = tuple(seg for seg in removed if seg is not headline)
    why = not_article(text=text, removed=removed) if config.remove_boilerplate else None
    if why is not None:
        return Rejection(doc.id, "not-article", why, doc.origin)
    text, long_sentences = split_long_sentences(text=text, max_chars=config.max_sentence_chars)
    if len(text.split()) < max(config.min_words, 1):
        reason: RejectionReason = "empty" if not text else "too-short"
        message = f"{len(text.split())} words left after cleaning"
        return Rejection(doc.id, reason, message, doc.origin)
    if len(text) > config.max_text_chars:
        message = (f"{len(text)} characters after cleaning, more than max_text_chars="
                   f"{config.max_text_chars}: not one news report? split it, or raise the limit")
        return Rejection(doc.id, "too-long", message, doc.origin)
    published, published_source = _published(doc, extract, head)
    flags: tuple[str, ...] = ()
    if config.fix_mojibake and has_mojibake(raw):
        flags += ("mojibake-fixed",)
    if headline_only:
        flags += ("headline-only",)
    if long_sentences:
        flags += ("long-sentences-split",)
    article = Article(
        id=doc.id,
        text=text,
        title=cleaned.title,
        url=doc.url or head.url or (extract.url if extract else None),
        site=doc.site or (extract.site if extract else None),
        published=published,
        published_source=published_source,
        language=detect_language(text) if config.detect_language else None,
        author=head.author or (extract.author if extract else None),
        dateline=head.dateline,
        attribution=cleaned.attribution,
        removed=removed,
        flags=flags,
    )
    return article

