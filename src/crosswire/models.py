"""Records passed between stages: small frozen dataclasses, nothing else.

Every span is a :class:`Span` -- a source id plus character offsets into that source's
cleaned ``Article.text`` -- so anything crosswire says can be checked against the text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, TypeGuard, get_args

__all__ = [
    "REJECTION_REASONS",
    "Article",
    "Brief",
    "BriefSource",
    "DateMention",
    "Discrepancy",
    "DiscrepancyValue",
    "Entity",
    "EventDate",
    "Fact",
    "Lineage",
    "Mention",
    "Quantity",
    "Quote",
    "RawDocument",
    "Rejection",
    "RejectionReason",
    "RemovedSegment",
    "ReusedPassage",
    "Segment",
    "Span",
    "Story",
    "StoryAnalysis",
    "SummarySentence",
    "TimelineEvent",
    "is_rejection_reason",
]


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``[start, end)`` of the cleaned text of article ``source``."""

    source: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input record as read, before cleaning (exactly one of ``text``/``html`` is set)."""

    id: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    site: str | None = None
    published: str | None = None
    origin: str = ""  # where it was read from: path, path:line, URL
    # A record crosswire has already cleaned (one stage's output read by the next): taken as
    # it is, so its removed segments, author, dateline and attribution are not lost.
    cleaned: Article | None = None


# The reason code of every Rejection, grouped by where it is produced (README.md lists them).
RejectionReason = Literal[
    # finding the inputs (ingest)
    "not-found",
    # reading a file, a download or a WARC record (ingest)
    "unreadable",
    "too-large",
    "empty",
    "binary",
    "bad-encoding",
    "malformed",
    "truncated",
    "no-text-column",
    "no-pages",
    "not-html",
    # fetching a URL (ingest.url), or a WARC record's HTTP status (ingest.warc)
    "refused",
    "http-status",
    "timeout",
    "fetch-failed",
    # one record of a JSON Lines, CSV or feed file (ingest)
    "no-text",
    "bad-base64",
    # cleaning (stages.clean)
    "no-content",
    "too-short",
    "too-long",
    "not-article",
    # the backends: ids across all inputs
    "duplicate-id",
]

REJECTION_REASONS: Mapping[RejectionReason, str] = MappingProxyType({
    "not-found": "no file, directory or glob match at a path given",
    "unreadable": "the file cannot be read, or its reader stopped on an unforeseen error",
    "too-large": (
        "more bytes than [ingest] max_bytes (a gzip file: than max_gzip_ratio allows), "
        "or characters than [clean] max_chars"
    ),
    "empty": "no content: an empty file, response or body, or no words left after cleaning",
    "binary": "bytes that are not text (NULs or many control bytes)",
    "bad-encoding": "text whose encoding cannot be read (or that fails the forced encoding)",
    "malformed": "a file or record not valid in its format (JSON, CSV, feed, WARC, error record)",
    "truncated": "a JSON Lines or WARC file that breaks off while read: the rest of it is lost",
    "no-text-column": "a CSV file with neither the text nor the html column",
    "no-pages": "a WARC file with records but no response or resource holding a page",
    "not-html": "a WARC response whose content type is not HTML or text",
    "refused": "a URL that is not http(s), or whose host is private, local or unresolvable",
    "http-status": "a URL or WARC response with an HTTP error status",
    "timeout": (
        "a URL that did not answer within [ingest] url_timeout_s, or took over url_deadline_s"
    ),
    "fetch-failed": "a URL whose download failed (connection, TLS, protocol, redirects)",
    "no-text": "a record or feed item with no text or html field holding text",
    "bad-base64": "a record whose html_b64 field is not valid base64",
    "no-content": "an HTML page in which no article text was found",
    "too-short": "fewer words after cleaning than [clean] min_words",
    "too-long": "more characters after cleaning than [clean] max_text_chars",
    "not-article": "a page that is not a report: a footer, a prompt, a search or index page,"
                   " a caption-only gallery, a cookie wall",
    "duplicate-id": "a record whose id an earlier record already had",
})


def is_rejection_reason(code: str) -> TypeGuard[RejectionReason]:
    """Whether ``code`` is one of crosswire's rejection reason codes."""
    return code in _REASON_CODES


_REASON_CODES = frozenset(get_args(RejectionReason))


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input record that could not be used, with a reason code and a readable message."""

    id: str
    reason: RejectionReason
    message: str
    origin: str = ""


@dataclass(frozen=True, slots=True)
class RemovedSegment:
    """Text taken out of a report by cleaning, and why."""

    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned report: the text every later span points into, and its metadata."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    site: str | None = None
    published: str | None = None  # YYYY[-MM[-DD]] as trusted, or None
    published_source: str | None = None  # header, html-meta, url, content, input
    language: str | None = None
    author: str | None = None
    dateline: str | None = None
    attribution: str | None = None  # wire credit found in the text: AP, Reuters, ...
    removed: tuple[RemovedSegment, ...] = ()
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReusedPassage:
    """A passage of one article (``span``) that reuses a passage of another (``counterpart``)."""

    span: Span
    counterpart: Span
    similarity: float


@dataclass(frozen=True, slots=True)
class Lineage:
    """Where one article comes from: ``origin`` is the id it derives from (None for origins)."""

    article_id: str
    origin: str | None
    origin_group: str
    kind: str  # original, copy, trim, rewrite, spin, merge, translation
    passages: tuple[ReusedPassage, ...] = ()


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of an article and the story it belongs to."""

    span: Span
    story: str
    off_topic: bool = False
    heading: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    """Reports about one real-world event."""

    id: str
    article_ids: tuple[str, ...]
    segments: tuple[Segment, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A surface form of an entity at a place in the text."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity of a story with its aliases and where it is mentioned."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in text: normalised value, unit and what it measures."""

    text: str
    value: float
    unit: str
    measured: str
    span: Span
    sentence: Span


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression resolved to ``YYYY[-MM[-DD]]`` (``date`` None when unresolvable)."""

    text: str
    date: str | None
    span: Span
    sentence: Span
    relative: bool = False
    reporting: bool = False  # when something was said ("said Thursday"), not when it happened


@dataclass(frozen=True, slots=True)
class Quote:
    """A quote with its speaker; ``spans`` cover every source carrying it."""

    text: str
    speaker: str | None
    spans: tuple[Span, ...]
    sources: tuple[str, ...] = ()
    independent: int = 0
    cue: str | None = None
    speaker_span: Span | None = None
    verified: bool = True  # verbatim in at least one source; False for paraphrase
    # "direct": the text is a quoted stretch (inside quotation marks); "partial": reported
    # speech holding quoted words; "indirect": reported speech with no quotation marks.
    kind: str = "direct"
    # The words that name the speaker where the quote is attributed, as written ("he", "the
    # Texas governor", "Perry"), whether or not ``speaker`` could be resolved from them.
    speaker_mention: str | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """A statement (usually carrying a quantity) and the sources backing it."""

    text: str
    spans: tuple[Span, ...]
    sources: tuple[str, ...]
    independent: int
    quantity: Quantity | None = None
    exclusive: bool = False


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    date: str
    text: str
    spans: tuple[Span, ...]
    sources: tuple[str, ...]
    background: bool = False  # an earlier event the reports recall, not part of the story


@dataclass(frozen=True, slots=True)
class EventDate:
    """When the story's main event happened, as its reports establish it: the date, and the
    sentence (verbatim at ``spans[0]``) that establishes it in each source."""

    date: str  # YYYY[-MM[-DD]]
    text: str
    spans: tuple[Span, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DiscrepancyValue:
    text: str
    sources: tuple[str, ...]
    spans: tuple[Span, ...] = ()
    published: str | None = None  # when the earliest source giving it was published


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """Reports giving one measured thing different values: a ``conflict`` (same thing, same
    time) or an ``update`` (the figure moved as the story developed; values in time order)."""

    about: str
    values: tuple[DiscrepancyValue, ...]
    kind: str = "conflict"


@dataclass(frozen=True, slots=True)
class SummarySentence:
    text: str
    spans: tuple[Span, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryAnalysis:
    """Everything found in one story (what a brief is assembled from); ``articles`` hold the
    texts all spans point into."""

    story: Story
    articles: tuple[Article, ...]
    lineages: tuple[Lineage, ...]
    entities: tuple[Entity, ...]
    quotes: tuple[Quote, ...]
    facts: tuple[Fact, ...]
    discrepancies: tuple[Discrepancy, ...]
    timeline: tuple[TimelineEvent, ...]
    summary: tuple[SummarySentence, ...]
    quantities: Mapping[str, tuple[Quantity, ...]]
    dates: Mapping[str, tuple[DateMention, ...]]
    event_date: EventDate | None = None


@dataclass(frozen=True, slots=True)
class BriefSource:
    """A report as the brief presents it: its final text plus lineage and cleaning record."""

    article: Article
    origin: str | None
    origin_group: str
    role: str
    passages: tuple[ReusedPassage, ...] = ()
    outlet: str | None = None  # the outlet's name as a reader knows it (site, else title)
    voice: str | None = None  # the independent voice it counts for (None: its origin group)


@dataclass(frozen=True, slots=True)
class Brief:
    """One story's cited account."""

    title: str
    story: str
    sources: tuple[BriefSource, ...]
    summary: tuple[SummarySentence, ...] = ()
    facts: tuple[Fact, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    notes: tuple[str, ...] = field(default=())
    event_date: EventDate | None = None
    flags: tuple[str, ...] = ()  # warnings about the story as a whole (emptied, junk-only...)
