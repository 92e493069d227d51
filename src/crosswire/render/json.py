"""The brief as JSON: a plain dict in the documented shape (schema: brief.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from crosswire.models import (
    Brief,
    BriefSource,
    Discrepancy,
    Entity,
    Fact,
    Quote,
    ReusedPassage,
    Span,
    SummarySentence,
    TimelineEvent,
)

__all__ = [
    "brief_to_dict",
    "brief_to_json",
    "briefs_to_json",
    "discrepancy_to_dict",
    "event_to_dict",
    "fact_to_dict",
    "passage_to_dict",
    "span_to_dict",
]


def span_to_dict(span: Span) -> dict[str, Any]:
    return {"source": span.source, "start": span.start, "end": span.end}


def passage_to_dict(passage: ReusedPassage) -> dict[str, Any]:
    """A reused passage and the counterpart it was taken from."""
    return {
        "span": span_to_dict(passage.span),
        "counterpart": span_to_dict(passage.counterpart),
        "similarity": round(passage.similarity, 3),
    }


def _spans(spans: tuple[Span, ...]) -> list[dict[str, Any]]:
    return [span_to_dict(s) for s in spans]


def _source(src: BriefSource) -> dict[str, Any]:
    art = src.article
    return {
        "id": art.id,
        "site": art.site,
        "title": art.title,
        "url": art.url,
        "published": art.published,
        "published_source": art.published_source,
        "language": art.language,
        "attribution": art.attribution,
        "text": art.text,
        "origin": src.origin,
        "origin_group": src.origin_group,
        "role": src.role,
        "flags": list(art.flags),
        "removed": [{"reason": r.reason, "text": r.text} for r in art.removed],
        "reused": [passage_to_dict(p) for p in src.passages],
    }


def _summary(item: SummarySentence) -> dict[str, Any]:
    return {"text": item.text, "sources": list(item.sources), "spans": _spans(item.spans)}


def fact_to_dict(item: Fact) -> dict[str, Any]:
    q = item.quantity
    return {
        "text": item.text,
        "quantity": None
        if q is None
        else {"value": q.value, "unit": q.unit, "text": q.text, "measured": q.measured},
        "sources": list(item.sources),
        "independent": item.independent,
        "exclusive": item.exclusive,
        "spans": _spans(item.spans),
    }


def _quote(item: Quote) -> dict[str, Any]:
    return {
        "text": item.text,
        "speaker": item.speaker,
        "cue": item.cue,
        "verified": item.verified,
        "kind": item.kind,
        "sources": list(item.sources),
        "independent": item.independent,
        "spans": _spans(item.spans),
    }


def _entity(item: Entity) -> dict[str, Any]:
    return {
        "name": item.name,
        "type": item.type,
        "aliases": list(item.aliases),
        "sources": list(item.sources),
        "mentions": len(item.mentions),
    }


def event_to_dict(item: TimelineEvent) -> dict[str, Any]:
    return {
        "date": item.date,
        "text": item.text,
        "sources": list(item.sources),
        "spans": _spans(item.spans),
    }


def discrepancy_to_dict(item: Discrepancy) -> dict[str, Any]:
    return {
        "about": item.about,
        "values": [
            {"text": v.text, "sources": list(v.sources), "spans": _spans(v.spans)}
            for v in item.values
        ],
    }


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """The brief in the documented JSON shape (field order fixed, all lists sorted upstream)."""
    return {
        "title": brief.title,
        "story": brief.story,
        "sources": [_source(s) for s in brief.sources],
        "summary": [_summary(s) for s in brief.summary],
        "facts": [fact_to_dict(f) for f in brief.facts],
        "quotes": [_quote(q) for q in brief.quotes],
        "entities": [_entity(e) for e in brief.entities],
        "timeline": [event_to_dict(e) for e in brief.timeline],
        "discrepancies": [discrepancy_to_dict(d) for d in brief.discrepancies],
        "notes": list(brief.notes),
    }


def brief_to_json(brief: Brief) -> str:
    """Pretty, byte-stable JSON of one brief (ends with a newline)."""
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=2) + "\n"


def briefs_to_json(briefs: tuple[Brief, ...]) -> str:
    """A JSON array of briefs, one per story."""
    return json.dumps([brief_to_dict(b) for b in briefs], ensure_ascii=False, indent=2) + "\n"
