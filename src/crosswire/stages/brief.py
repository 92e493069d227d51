"""Assembling a story's analysis into a :class:`Brief`: title, source roles and voices, the
note that counts independent voices, and the story's flags (emptied, junk-only)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from crosswire.models import (
    Article,
    Brief,
    BriefSource,
    Fact,
    Lineage,
    Quote,
    StoryAnalysis,
    SummarySentence,
    TimelineEvent,
)
from crosswire.stages.facts.quantities import AGE
from crosswire.stages.voices import Voice, VoicesConfig
from crosswire.text.tokens import content_words

__all__ = [
    "BriefConfig",
    "assemble_brief",
    "choose_title",
    "is_direct_quote",
    "source_label",
    "source_role",
    "story_flags",
]

_OPENING_MARKS = "\"'\u201c\u2018\u00ab"
_STRAIGHT_MARKS = "\"'"
_BEFORE_OPENING = " \t\n([{:\u2014\u2013-"


@dataclass(frozen=True)
class BriefConfig:
    """How much of each section a brief keeps (the JSON keeps the same as every renderer)."""

    max_facts: int = 40
    max_quotes: int = 25
    max_entities: int = 30
    max_timeline: int = 30
    max_background: int = 8  # of which background rows, the most widely reported
    direct_quotes_only: bool = True  # reported speech stays in `crosswire quotes`
    min_quote_words: int = 4
    emptied_chars: int = 200  # a report left with fewer characters than this is emptied...
    emptied_from_chars: int = 1000  # ...when it had at least this many before cleaning
    # A fact, summary sentence, quote or timeline entry longer than this is left out, and a
    # note says so: a brief stays about as large as its reports ([clean] max_sentence_chars
    # cuts run-on sentences; this holds for records cleaned before that, too). 0: no limit.
    max_sentence_chars: int = 2_000
    voices: VoicesConfig = field(default_factory=VoicesConfig)


def source_role(*, lineage: Lineage, lineages: Sequence[Lineage]) -> str:
    """origin (others derive from it), its derivation kind, or independent."""
    if lineage.origin is not None:
        return lineage.kind
    if any(other.origin == lineage.article_id for other in lineages):
        return "origin"
    siblings = [o for o in lineages if o.origin_group == lineage.origin_group]
    if len(siblings) > 1:
        return f"{lineage.kind} of an origin not in the set"
    return "independent"


def source_label(*, source: BriefSource) -> str:
    """How a reader names a source: its outlet, else its title, else its id."""
    return source.outlet or source.article.title or source.article.id


def _original_chars(article: Article) -> int:
    return len(article.text) + sum(len(r.text) for r in article.removed)


def story_flags(*, sources: Sequence[BriefSource], config: BriefConfig) -> tuple[str, ...]:
    """Warnings about the story as a whole: reports that cleaning (or the off-topic cut) left
    almost empty (or with no text at all), and a story none of whose reports holds a report's
    worth of text."""
    if not sources:
        return ()
    short = [s for s in sources if len(s.article.text) < config.emptied_chars]
    emptied = [
        s for s in short
        if _original_chars(s.article) >= config.emptied_from_chars
        or (not s.article.text.strip() and _original_chars(s.article) > 0)
    ]
    flags = []
    if len(short) == len(sources):
        flags.append(
            f"junk-only: no report keeps {config.emptied_chars} characters of text after cleaning"
        )
    if emptied:
        names = ", ".join(sorted({source_label(source=s) for s in emptied}))
        flags.append(
            f"emptied: cleaning left almost nothing of {_count(len(emptied), 'report')} "
            f"({names})"
        )
    return tuple(flags)


def choose_title(*, articles: Sequence[Article], summary: Sequence[SummarySentence]) -> str:
    """The title, of a report the summary cites where one has a title (not a preview the
    summary leaves out), that shares the most content words with the summary."""
    focus = Counter(w for s in summary for w in content_words(s.text))
    cited = {source for s in summary for source in s.sources}
    titled = [a for a in articles if a.title and a.id in cited] or [
        a for a in articles if a.title
    ]
    if not titled:
        return _short(summary[0].text) if summary else (articles[0].id if articles else "")

    def score(article: Article) -> tuple[float, str]:
        words = set(content_words(article.title or ""))
        return (-sum(focus[w] for w in words) / (len(words) + 2.0), article.id)

    return min(titled, key=score).title or ""


def _short(text: str, limit: int = 160) -> str:
    """``text`` cut to about ``limit`` characters at a word boundary, with an ellipsis (a
    title made of a summary sentence that runs long)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut >= limit // 2 else limit].rstrip(" ,;:") + "\u2026"


def is_direct_quote(*, quote: Quote, texts: dict[str, str]) -> bool:
    """True when some span of ``quote`` opens right after an opening quotation mark in its
    source. A straight mark opens only after a space, a bracket, a dash or a colon: the mark
    in 'an "associated gang member." Gang charges ...' closes the quote before."""
    for span in quote.spans:
        before = texts.get(span.source, "")[: span.start].rstrip()
        if not before or before[-1] not in _OPENING_MARKS:
            continue
        if before[-1] not in _STRAIGHT_MARKS or len(before) == 1 or before[-2] in _BEFORE_OPENING:
            return True
    return False


_T = TypeVar("_T", Fact, Quote, SummarySentence, TimelineEvent)


def _bounded(
    items: Sequence[_T], *, config: BriefConfig, noun: str, left_out: list[str]
) -> tuple[_T, ...]:
    """``items`` without those whose text is longer than ``max_sentence_chars`` (counted in
    ``left_out`` as, say, "2 facts")."""
    limit = config.max_sentence_chars
    kept = tuple(i for i in items if limit <= 0 or len(i.text) <= limit)
    if len(kept) < len(items):
        left_out.append(_count(len(items) - len(kept), noun))
    return kept


def _brief_quotes(
    *, analysis: StoryAnalysis, config: BriefConfig, left_out: list[str]
) -> tuple[Quote, ...]:
    texts = {a.id: a.text for a in analysis.articles}
    kept = [
        q
        for q in _bounded(analysis.quotes, config=config, noun="quote", left_out=left_out)
        if len(q.text.split()) >= config.min_quote_words
        and (not config.direct_quotes_only or is_direct_quote(quote=q, texts=texts))
    ]
    kept.sort(key=lambda q: q.speaker is None)  # stable: quotes with a known speaker first
    return tuple(kept[: config.max_quotes])


def assemble_brief(
    *, analysis: StoryAnalysis, voices: Mapping[str, Voice], config: BriefConfig
) -> Brief:
    """A brief of one story: sources in id order with roles, outlets and voices (``voices``:
    :func:`crosswire.stages.voices.story_voices` of the analysis), sections capped by
    ``config``; its note counts the distinct voices."""
    by_id = {lin.article_id: lin for lin in analysis.lineages}
    sources = []
    for article in sorted(analysis.articles, key=lambda a: a.id):
        lin = by_id.get(article.id) or Lineage(article.id, None, article.id, "original")
        voice = voices.get(article.id)
        sources.append(
            BriefSource(
                article=article,
                origin=lin.origin,
                origin_group=lin.origin_group,
                role=source_role(lineage=lin, lineages=analysis.lineages),
                passages=lin.passages,
                outlet=voice.outlet if voice else None,
                voice=voice.voice if voice else lin.origin_group,
            )
        )
    count = len({s.voice or s.origin_group for s in sources})
    notes: tuple[str, ...] = (
        f"{_count(len(sources), 'report')} from {_count(count, 'independent voice')}.",
    )
    left_out: list[str] = []
    summary = _bounded(analysis.summary, config=config, noun="summary sentence",
                       left_out=left_out)
    # a person's age is checked across sources (a discrepancy when they differ); it is a
    # key figure only where independent voices state it
    facts = [f for f in analysis.facts
             if f.quantity is None or f.quantity.unit != AGE or f.independent >= 2]
    facts_kept = _bounded(facts, config=config, noun="fact", left_out=left_out)
    quotes = _brief_quotes(analysis=analysis, config=config, left_out=left_out)
    timeline = _bounded(analysis.timeline, config=config, noun="timeline event",
                        left_out=left_out)
    if left_out:
        what = " and ".join([", ".join(left_out[:-1]), left_out[-1]] if left_out[:-1]
                            else left_out)
        notes += (
            f"Left out: {what}, each longer than {config.max_sentence_chars} characters "
            "(run-on text rather than a sentence of a report).",
        )
    return Brief(
        title=choose_title(articles=analysis.articles, summary=summary),
        story=analysis.story.id,
        sources=tuple(sources),
        summary=summary,
        facts=facts_kept[: config.max_facts],
        quotes=quotes,
        entities=analysis.entities[: config.max_entities],
        timeline=_brief_timeline(timeline=timeline, config=config),
        discrepancies=analysis.discrepancies,
        notes=notes,
        event_date=analysis.event_date,
        flags=story_flags(sources=sources, config=config),
    )


def _brief_timeline(
    *, timeline: Sequence[TimelineEvent], config: BriefConfig
) -> tuple[TimelineEvent, ...]:
    """The timeline in its order (main event first, background last), capped: at most
    ``max_background`` background rows, those the most reports give."""
    background = [e for e in timeline if e.background]
    ranked = sorted(background, key=lambda e: -len(e.sources))[: config.max_background]
    kept = {id(e) for e in ranked}
    rows = [e for e in timeline if not e.background or id(e) in kept]
    return tuple(rows[: config.max_timeline])


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"

