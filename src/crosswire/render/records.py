"""Stage records as JSON-ready dicts, for the JSON Lines each CLI stage command writes."""

from __future__ import annotations

from typing import Any

from crosswire.models import (
    Article,
    DateMention,
    Entity,
    Lineage,
    Quantity,
    Quote,
    Rejection,
    Story,
)
from crosswire.render.json import passage_to_dict, span_to_dict

__all__ = [
    "article_from_dict",
    "article_to_dict",
    "date_to_dict",
    "entity_to_dict",
    "lineage_to_dict",
    "quantity_to_dict",
    "quote_to_dict",
    "rejection_to_dict",
    "story_to_dict",
]


def article_to_dict(article: Article) -> dict[str, Any]:
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
        "removed": [{"reason": r.reason, "text": r.text} for r in article.removed],
        "flags": list(article.flags),
    }


def article_from_dict(data: dict[str, Any]) -> Article:
    """The inverse of :func:`article_to_dict` (for reading a stage's output back)."""
    from crosswire.models import RemovedSegment

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
        removed=tuple(RemovedSegment(r["reason"], r["text"]) for r in data.get("removed", [])),
        flags=tuple(data.get("flags", [])),
    )


def rejection_to_dict(rejection: Rejection) -> dict[str, Any]:
    return {
        "id": rejection.id,
        "error": rejection.reason,
        "message": rejection.message,
        "origin": rejection.origin,
    }


def lineage_to_dict(lineage: Lineage) -> dict[str, Any]:
    return {
        "origin": lineage.origin,
        "origin_group": lineage.origin_group,
        "kind": lineage.kind,
        "reused": [passage_to_dict(p) for p in lineage.passages],
    }


def story_to_dict(story: Story) -> dict[str, Any]:
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


def quote_to_dict(quote: Quote) -> dict[str, Any]:
    return {
        "text": quote.text,
        "speaker": quote.speaker,
        "speaker_span": None if quote.speaker_span is None else span_to_dict(quote.speaker_span),
        "cue": quote.cue,
        "verified": quote.verified,
        "kind": quote.kind,
        "sources": list(quote.sources),
        "independent": quote.independent,
        "spans": [span_to_dict(s) for s in quote.spans],
    }


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "sources": list(entity.sources),
        "mentions": [{"text": m.text, **span_to_dict(m.span)} for m in entity.mentions],
    }


def quantity_to_dict(quantity: Quantity) -> dict[str, Any]:
    return {
        "text": quantity.text,
        "value": quantity.value,
        "unit": quantity.unit,
        "measured": quantity.measured,
        "span": span_to_dict(quantity.span),
    }


def date_to_dict(mention: DateMention) -> dict[str, Any]:
    return {
        "text": mention.text,
        "date": mention.date,
        "relative": mention.relative,
        "span": span_to_dict(mention.span),
    }
