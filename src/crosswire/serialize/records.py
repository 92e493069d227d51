"""Stage records as JSON-ready dicts (and articles back): what the stage commands write."""

from __future__ import annotations

from typing import Any

from crosswire.models import (
    Article,
    DateMention,
    Discrepancy,
    Entity,
    Fact,
    Lineage,
    Quantity,
    Quote,
    Rejection,
    RemovedSegment,
    ReusedPassage,
    Segment,
    Span,
    Story,
    TimelineEvent,
)

__all__ = [
    "Json",
    "article_from_dict",
    "article_to_dict",
    "date_to_dict",
    "discrepancy_to_dict",
    "entity_to_dict",
    "event_to_dict",
    "fact_to_dict",
    "lineage_to_dict",
    "passage_from_dict",
    "passage_to_dict",
    "quantity_to_dict",
    "quote_to_dict",
    "rejection_to_dict",
    "removed_from_list",
    "removed_to_list",
    "span_from_dict",
    "span_to_dict",
    "spans_from_list",
    "spans_to_list",
    "story_from_dict",
    "story_to_dict",
]

Json = dict[str, Any]


def span_to_dict(span: Span) -> Json:
    return {"source": span.source, "start": span.start, "end": span.end}


def span_from_dict(data: Json) -> Span:
    return Span(str(data["source"]), int(data["start"]), int(data["end"]))


def spans_to_list(spans: tuple[Span, ...]) -> list[Json]:
    return [span_to_dict(s) for s in spans]


def spans_from_list(items: list[Json]) -> tuple[Span, ...]:
    return tuple(span_from_dict(s) for s in items)


def removed_to_list(article: Article) -> list[Json]:
    return [{"reason": r.reason, "text": r.text} for r in article.removed]


def removed_from_list(items: list[Json]) -> tuple[RemovedSegment, ...]:
    return tuple(RemovedSegment(str(r["reason"]), str(r["text"])) for r in items)


def passage_to_dict(passage: ReusedPassage) -> Json:
    """A reused passage and the counterpart it was taken from."""
    return {
        "span": span_to_dict(passage.span),
        "counterpart": span_to_dict(passage.counterpart),
        "similarity": round(passage.similarity, 3),
    }


def passage_from_dict(data: Json) -> ReusedPassage:
    return ReusedPassage(
        span_from_dict(data["span"]), span_from_dict(data["counterpart"]),
        float(data["similarity"]),
    )


def article_to_dict(article: Article) -> Json:
    return {
        "id": article.id,
        "url": article.url,
        "site": article.site,
        "title": article.title,
        "published": article.published,
        "published_source": article.published_source,
        "language": article.language,
        "author": article.author,
        "dateline": article.dateline,
        "attribution": article.attribution,
        "text": article.text,
        "removed": removed_to_list(article),
        "flags": list(article.flags),
    }


def article_from_dict(data: Json) -> Article:
    """The inverse of :func:`article_to_dict` (for reading a stage's output or the store)."""
    return Article(
        id=str(data["id"]),
        text=str(data["text"]),
        title=data.get("title"),
        url=data.get("url"),
        site=data.get("site"),
        published=data.get("published"),
        published_source=data.get("published_source"),
        language=data.get("language"),
        author=data.get("author"),
        dateline=data.get("dateline"),
        attribution=data.get("attribution"),
        removed=removed_from_list(data.get("removed", [])),
        flags=tuple(data.get("flags", [])),
    )


def rejection_to_dict(rejection: Rejection) -> Json:
    return {
        "id": rejection.id,
        "error": rejection.reason,
        "message": rejection.message,
        "origin": rejection.origin,
    }


def lineage_to_dict(lineage: Lineage) -> Json:
    return {
        "origin": lineage.origin,
        "origin_group": lineage.origin_group,
        "kind": lineage.kind,
        "reused": [passage_to_dict(p) for p in lineage.passages],
    }


def story_to_dict(story: Story) -> Json:
    return {
        "story": story.id,
        "articles": list(story.article_ids),
        "segments": [
            {
                "span": span_to_dict(s.span),
                "story": s.story,
                "off_topic": s.off_topic,
                "heading": s.heading,
            }
            for s in story.segments
        ],
    }


def story_from_dict(data: Json) -> Story:
    """The inverse of :func:`story_to_dict` (the store keeps stories waiting for a brief)."""
    return Story(
        id=str(data["story"]),
        article_ids=tuple(str(a) for a in data["articles"]),
        segments=tuple(
            Segment(
                span=span_from_dict(s["span"]), story=str(s["story"]),
                off_topic=bool(s["off_topic"]), heading=s["heading"],
            )
            for s in data["segments"]
        ),
    )


def quote_to_dict(quote: Quote, *, speaker_span: bool = True) -> Json:
    """A quote; the brief leaves the speaker's span out (``speaker_span=False``)."""
    out: Json = {
        "text": quote.text, "speaker": quote.speaker, "speaker_mention": quote.speaker_mention,
    }
    if speaker_span:
        out["speaker_span"] = (
            None if quote.speaker_span is None else span_to_dict(quote.speaker_span)
        )
    out |= {
        "cue": quote.cue,
        "verified": quote.verified,
        "kind": quote.kind,
        "sources": list(quote.sources),
        "independent": quote.independent,
        "spans": spans_to_list(quote.spans),
    }
    return out


def entity_to_dict(entity: Entity, *, mention_spans: bool = True) -> Json:
    """An entity; the brief gives the number of mentions instead of each one
    (``mention_spans=False``)."""
    return {
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "sources": list(entity.sources),
        "mentions": [{"text": m.text, **span_to_dict(m.span)} for m in entity.mentions]
        if mention_spans
        else len(entity.mentions),
    }


def quantity_to_dict(quantity: Quantity) -> Json:
    return {
        "text": quantity.text,
        "value": quantity.value,
        "unit": quantity.unit,
        "measured": quantity.measured,
        "span": span_to_dict(quantity.span),
    }


def date_to_dict(mention: DateMention) -> Json:
    return {
        "text": mention.text,
        "date": mention.date,
        "relative": mention.relative,
        "span": span_to_dict(mention.span),
    }


def fact_to_dict(item: Fact) -> Json:
    q = item.quantity
    return {
        "text": item.text,
        "quantity": None
        if q is None
        else {"value": q.value, "unit": q.unit, "text": q.text, "measured": q.measured},
        "sources": list(item.sources),
        "independent": item.independent,
        "exclusive": item.exclusive,
        "spans": spans_to_list(item.spans),
    }


def event_to_dict(item: TimelineEvent) -> Json:
    return {
        "date": item.date,
        "text": item.text,
        "background": item.background,
        "sources": list(item.sources),
        "spans": spans_to_list(item.spans),
    }


def discrepancy_to_dict(item: Discrepancy) -> Json:
    return {
        "about": item.about,
        "kind": item.kind,
        "values": [
            {
                "text": v.text, "sources": list(v.sources), "published": v.published,
                "spans": spans_to_list(v.spans),
            }
            for v in item.values
        ],
    }
