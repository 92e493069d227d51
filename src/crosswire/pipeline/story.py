"""One story, every per-story step in order: off-topic cut, dates checked, lineage, one parse,
entities, quantities, dates, corroboration, quotes, event date and timeline, summary; then its
brief."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from typing import Any

from crosswire.config import Config
from crosswire.models import (
    Article,
    Brief,
    Entity,
    EventDate,
    Quote,
    RemovedSegment,
    Segment,
    Span,
    Story,
    StoryAnalysis,
)
from crosswire.stages.brief import assemble_brief
from crosswire.stages.cluster import SegmentConfig
from crosswire.stages.facts import (
    build_timeline,
    canonical_namer,
    check_publication_date,
    corroborate,
    extract_entities,
    extract_quantities,
    extract_story_dates,
    story_event_date,
)
from crosswire.stages.lineage import trace_lineage
from crosswire.stages.quotes import extract_quotes, merge_quotes, parse_many
from crosswire.stages.summarize import summarize
from crosswire.stages.voices import story_voices, voice_ids

__all__ = ["Probe", "analyse_story", "brief_story", "story_articles", "strip_off_topic"]

# ``probe(step)`` wraps each step of :func:`analyse_story` (``bench/facts_speed.py`` times them).
Probe = Callable[[str], AbstractContextManager[object]]


def _no_probe(_: str) -> AbstractContextManager[object]:
    return nullcontext()


def _cut(*, article: Article, segments: Sequence[Segment], max_share: float) -> Article:
    """The article without its off-topic segments, never its lead (first line) nor more than
    ``max_share`` of its text: then nothing is cut (clustering places such a report whole,
    see cluster.join; this guards stories from elsewhere, such as an older store)."""
    pieces: list[str] = []
    removed: list[RemovedSegment] = []
    pos = 0
    lead = article.text.find("\n", len(article.text) - len(article.text.lstrip()))
    spans = [s.span for s in segments if lead >= 0 and s.span.start > lead]
    if sum(s.end - s.start for s in spans) > max_share * len(article.text.strip()):
        return article
    for span in sorted(spans, key=lambda s: s.start):
        start, end = max(span.start, pos), span.end
        if start >= end:
            continue
        pieces.append(article.text[pos:start])
        removed.append(RemovedSegment(reason="off-topic", text=article.text[start:end].strip()))
        pos = end
    pieces.append(article.text[pos:])
    lines = [line for line in "".join(pieces).split("\n") if line.strip()]
    return replace(article, text="\n".join(lines), removed=article.removed + tuple(removed))


def strip_off_topic(
    *, articles: Sequence[Article], story: Story, max_share: float | None = None
) -> tuple[Article, ...]:
    """The story's articles with their off-topic segments moved into ``removed`` (at most
    ``max_share`` of a text, [segment] max_share by default; never a lead)."""
    share = SegmentConfig().max_share if max_share is None else max_share
    by_article: dict[str, list[Segment]] = {}
    for seg in story.segments:
        if seg.off_topic:
            by_article.setdefault(seg.span.source, []).append(seg)
    return tuple(
        _cut(article=a, segments=by_article[a.id], max_share=share) if a.id in by_article else a
        for a in articles
    )


def _quotes(
    *, articles: Sequence[Article], nlp: Any, config: Config, groups: Mapping[str, str],
    entities: Sequence[Entity], docs: Mapping[str, Any],
) -> tuple[Quote, ...]:
    found = [
        q for a in articles
        for q in extract_quotes(article=a, nlp=nlp, config=config.quotes, doc=docs[a.id])
    ]
    return merge_quotes(
        quotes=found,
        origin_groups=groups,
        canonical_name=canonical_namer(entities=entities),
        config=config.quotes,
    )


def _before_event(
    articles: Sequence[Article], event: EventDate | None, days: int | None
) -> tuple[Span, ...]:
    """The whole texts of reports published ``days`` or more before the story's event day
    (previews, an earlier turn of the story), to leave out of its summary; none when that
    would leave no report, or the event's day is not known."""
    if days is None or event is None or len(event.date) != 10:
        return ()
    cut = (dt.date.fromisoformat(event.date) - dt.timedelta(days=days)).isoformat()
    stale = [a for a in articles if a.published and len(a.published) >= 10
             and a.published[:10] <= cut]
    if len(stale) == len(articles):
        return ()
    return tuple(Span(a.id, 0, len(a.text)) for a in stale)


def story_articles(
    *, story: Story, articles: Sequence[Article], config: Config
) -> tuple[Article, ...]:
    """The story's members as its analysis reads them (off-topic segments cut, publication
    dates checked), by id: their texts are what gets parsed."""
    members = set(story.article_ids)
    arts = strip_off_topic(articles=[a for a in articles if a.id in members], story=story)
    return tuple(sorted(check_publication_date(articles=arts, config=config.dates), key=_by_id))


def analyse_story(
    *, story: Story, articles: Sequence[Article], nlp: Any, config: Config,
    probe: Probe = _no_probe, parsed: Mapping[str, Any] | None = None,
) -> StoryAnalysis:
    """Every per-story stage on the story's members (``articles`` may hold more).

    ``parsed``: parses made beforehand (:func:`~crosswire.stages.quotes.parse_many`, several
    stories' texts in one batch), by text; a text not in it is parsed here."""
    with probe("dates"):
        arts = story_articles(story=story, articles=articles, config=config)
    with probe("lineage"):
        lineages = trace_lineage(articles=arts, config=config.lineage)
    groups = {lin.article_id: lin.origin_group for lin in lineages}
    # independence (facts, quotes, timeline) is counted by voice: one per wire or outlet
    voices = voice_ids(story_voices(articles=arts, lineages=lineages, config=config.brief.voices))
    with probe("parse"):  # one parse per article (paragraphs start sentences) for both below
        known = parsed or {}
        texts = list(dict.fromkeys(a.text for a in arts if a.text not in known))  # each once
        fresh = dict(zip(
            texts, parse_many(nlp=nlp, texts=texts, batch_size=config.entities.batch_size),
            strict=True,
        ))
        docs = {a.id: known[a.text] if a.text in known else fresh[a.text] for a in arts}
    with probe("entities"):
        entities = extract_entities(articles=arts, nlp=nlp, config=config.entities, docs=docs)
    with probe("quantities"):
        quantities = {a.id: extract_quantities(article=a, config=config.quantities) for a in arts}
    with probe("dates"):
        dates = extract_story_dates(articles=arts, config=config.dates, docs=docs)
    with probe("corroborate"):
        found = corroborate(
            articles=arts, origin_groups=voices, quantities=quantities,
            config=config.corroborate,
        )
    with probe("quotes"):
        quotes = _quotes(
            articles=arts, nlp=nlp, config=config, groups=voices, entities=entities, docs=docs
        )
    with probe("timeline"):
        event_date = story_event_date(
            articles=arts, dates=dates, origin_groups=voices, config=config.timeline.event
        )
        timeline = build_timeline(
            articles=arts, dates=dates, origin_groups=voices, event_date=event_date,
            config=config.timeline,
        )
    with probe("summary"):
        summary = summarize(
            articles=arts, origin_groups=groups, config=config.summary,
            exclude=_before_event(arts, event_date, config.summary.before_event_days),
        )
    return StoryAnalysis(
        story=story,
        articles=arts,
        lineages=lineages,
        entities=entities,
        quotes=quotes,
        facts=found.facts,
        discrepancies=found.discrepancies,
        timeline=timeline,
        summary=summary,
        quantities=quantities,
        dates=dates,
        event_date=event_date,
    )


def brief_story(*, analysis: StoryAnalysis, config: Config) -> Brief:
    """The cited brief of one analysed story."""
    voices = story_voices(
        articles=analysis.articles, lineages=analysis.lineages, config=config.brief.voices
    )
    return assemble_brief(analysis=analysis, voices=voices, config=config.brief)


def _by_id(article: Article) -> str:
    return article.id
