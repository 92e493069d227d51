"""The brief as JSON-ready dicts (the shape of ``brief.schema.json``), and back."""

from __future__ import annotations

import json

from crosswire.models import (
    Brief,
    BriefSource,
    Discrepancy,
    DiscrepancyValue,
    Entity,
    EventDate,
    Fact,
    Quantity,
    Quote,
    Span,
    SummarySentence,
    TimelineEvent,
)
from crosswire.serialize.records import (
    Json,
    article_from_dict,
    discrepancy_to_dict,
    entity_to_dict,
    event_to_dict,
    fact_to_dict,
    passage_from_dict,
    passage_to_dict,
    quote_to_dict,
    removed_to_list,
    spans_from_list,
    spans_to_list,
)

__all__ = [
    "brief_from_dict",
    "brief_to_dict",
    "brief_to_json",
    "briefs_to_json",
    "event_date_to_dict",
    "source_to_dict",
    "summary_to_dict",
]


def summary_to_dict(item: SummarySentence) -> Json:
    return {"text": item.text, "sources": list(item.sources), "spans": spans_to_list(item.spans)}


def event_date_to_dict(item: EventDate) -> Json:
    """The story's event date with the sentence that establishes it and where."""
    return {
        "date": item.date,
        "text": item.text,
        "sources": list(item.sources),
        "spans": spans_to_list(item.spans),
    }


def source_to_dict(src: BriefSource) -> Json:
    """A report as the brief presents it: its cleaned text, lineage and cleaning record."""
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
        "outlet": src.outlet,
        "voice": src.voice,
        "role": src.role,
        "flags": list(art.flags),
        "removed": removed_to_list(art),
        "reused": [passage_to_dict(p) for p in src.passages],
    }


def brief_to_dict(brief: Brief) -> Json:
    """The brief in the documented JSON shape (field order fixed, all lists sorted upstream)."""
    return {
        "title": brief.title,
        "story": brief.story,
        "event_date": None if brief.event_date is None else brief.event_date.date,
        "event": None if brief.event_date is None else event_date_to_dict(brief.event_date),
        "flags": list(brief.flags),
        "sources": [source_to_dict(s) for s in brief.sources],
        "summary": [summary_to_dict(s) for s in brief.summary],
        "facts": [fact_to_dict(f) for f in brief.facts],
        "quotes": [quote_to_dict(q, speaker_span=False) for q in brief.quotes],
        "entities": [entity_to_dict(e, mention_spans=False) for e in brief.entities],
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


# ---- a brief read back from its JSON (what the store keeps) ------------------------------------


def _source_from(data: Json) -> BriefSource:
    article = article_from_dict(data)  # the JSON leaves out author and dateline: None
    return BriefSource(
        article=article,
        origin=data.get("origin"),
        origin_group=str(data["origin_group"]),
        role=str(data["role"]),
        passages=tuple(passage_from_dict(p) for p in data.get("reused", [])),
        outlet=data.get("outlet"),
        voice=data.get("voice"),
    )


def _fact_from(data: Json) -> Fact:
    spans = spans_from_list(data["spans"])
    q = data.get("quantity")
    quantity = None
    if q is not None and spans:
        # The JSON gives the figure's words, not its offsets: they are found in the fact's
        # sentence (its first span), which is the quantity's sentence.
        sentence = spans[0]
        at = str(data["text"]).find(str(q["text"]))
        start = sentence.start + max(at, 0)
        span = Span(sentence.source, start, start + (len(q["text"]) if at >= 0 else 0))
        quantity = Quantity(
            text=str(q["text"]), value=float(q["value"]), unit=str(q["unit"]),
            measured=str(q["measured"]), span=span, sentence=sentence,
        )
    return Fact(
        text=str(data["text"]), spans=spans, sources=tuple(data["sources"]),
        independent=int(data["independent"]), quantity=quantity,
        exclusive=bool(data.get("exclusive", False)),
    )


def _quote_from(data: Json) -> Quote:
    return Quote(
        text=str(data["text"]), speaker=data.get("speaker"), spans=spans_from_list(data["spans"]),
        speaker_mention=data.get("speaker_mention"),
        sources=tuple(data["sources"]), independent=int(data["independent"]),
        cue=data.get("cue"), verified=bool(data.get("verified", True)),
        kind=str(data.get("kind", "direct")),
    )


def brief_from_dict(data: Json) -> Brief:
    """A :class:`Brief` from :func:`brief_to_dict`'s output, for rendering a stored brief.

    The JSON keeps everything a renderer shows; what it leaves out comes back empty: an
    entity's mentions (the JSON counts them), a source's author and dateline.
    """
    return Brief(
        title=str(data["title"]),
        story=str(data["story"]),
        sources=tuple(_source_from(s) for s in data["sources"]),
        summary=tuple(
            SummarySentence(str(s["text"]), spans_from_list(s["spans"]), tuple(s["sources"]))
            for s in data["summary"]
        ),
        facts=tuple(_fact_from(f) for f in data["facts"]),
        quotes=tuple(_quote_from(q) for q in data["quotes"]),
        entities=tuple(
            Entity(str(e["name"]), str(e["type"]), tuple(e["aliases"]), tuple(e["sources"]))
            for e in data["entities"]
        ),
        timeline=tuple(
            TimelineEvent(str(e["date"]), str(e["text"]), spans_from_list(e["spans"]),
                          tuple(e["sources"]), bool(e.get("background", False)))
            for e in data["timeline"]
        ),
        discrepancies=tuple(
            Discrepancy(
                str(d["about"]),
                tuple(
                    DiscrepancyValue(
                        str(v["text"]), tuple(v["sources"]), spans_from_list(v["spans"]),
                        v.get("published"),
                    )
                    for v in d["values"]
                ),
                str(d.get("kind", "conflict")),
            )
            for d in data["discrepancies"]
        ),
        notes=tuple(data.get("notes", [])),
        event_date=_event_from(data.get("event")),
        flags=tuple(data.get("flags", [])),
    )


def _event_from(data: Json | None) -> EventDate | None:
    if data is None:
        return None
    return EventDate(
        str(data["date"]), str(data["text"]), spans_from_list(data["spans"]),
        tuple(data["sources"]),
    )
