"""What the pages show, computed from a stored brief (its JSON dict): pure functions, no HTML.

Article text is untrusted. It is never turned into markup here: highlighting splits the text at
span offsets into :class:`Piece` records, and the templates escape every piece (autoescape)
inside their own ``<mark>`` elements.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.text.spans import merge_ranges
from crosswire.web.sources import brief_labels

__all__ = [
    "CompareView",
    "Piece",
    "SourceView",
    "compare_view",
    "reused_spans",
    "source_views",
    "split_marked",
]


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of a text; ``reused`` when it is a passage shared with another source."""

    text: str
    reused: bool = False


@dataclass(frozen=True, slots=True)
class SourceView:
    id: str
    name: str  # the outlet (else title, else id) a reader knows it by
    title: str | None
    site: str | None
    published: str | None
    origin: str | None  # the id this report derives from
    origin_name: str | None  # ... and that report's name
    origin_group: str
    voice: str | None  # the independent voice it counts for (wire:AP, outlet:cnn.com)
    role: str
    flags: tuple[str, ...]
    removed: tuple[tuple[str, str], ...]  # (reason, text) of junk taken out by cleaning
    pieces: tuple[Piece, ...]


@dataclass(frozen=True, slots=True)
class CompareView:
    left: SourceView
    right: SourceView
    choices: tuple[str, ...]  # every source id of the story
    names: dict[str, str]  # source id -> its name
    shared_passages: int


def split_marked(*, text: str, spans: Iterable[tuple[int, int]]) -> tuple[Piece, ...]:
    """``text`` cut at the (merged, clamped) spans; the pieces joined give ``text`` back."""
    merged = merge_ranges(spans, limit=len(text))
    pieces: list[Piece] = []
    pos = 0
    for start, end in merged:
        if start > pos:
            pieces.append(Piece(text[pos:start]))
        pieces.append(Piece(text[start:end], reused=True))
        pos = end
    if pos < len(text) or not pieces:
        pieces.append(Piece(text[pos:]))
    return tuple(pieces)


def _span(d: Mapping[str, Any]) -> tuple[str, int, int]:
    return str(d["source"]), int(d["start"]), int(d["end"])


def reused_spans(
    *, brief: Mapping[str, Any], source: str, other: str | None = None
) -> list[tuple[int, int]]:
    """Spans of ``source`` shared with ``other`` (any other source when None), both directions."""
    out: list[tuple[int, int]] = []
    for src in brief.get("sources", []):
        for passage in src.get("reused", []):
            sid, s0, s1 = _span(passage["span"])
            cid, c0, c1 = _span(passage["counterpart"])
            if sid == source and (other is None or cid == other):
                out.append((s0, s1))
            if cid == source and (other is None or sid == other):
                out.append((c0, c1))
    return out


def _view(
    src: Mapping[str, Any], *, spans: Sequence[tuple[int, int]], names: Mapping[str, str]
) -> SourceView:
    origin = src.get("origin")
    return SourceView(
        id=str(src["id"]),
        name=names.get(str(src["id"]), str(src["id"])),
        title=src.get("title"),
        site=src.get("site"),
        published=src.get("published"),
        origin=origin,
        origin_name=names.get(origin, origin) if origin else None,
        origin_group=str(src.get("origin_group", "")),
        voice=src.get("voice"),
        role=str(src.get("role", "")),
        flags=tuple(src.get("flags", [])),
        removed=tuple((str(r["reason"]), str(r["text"])) for r in src.get("removed", [])),
        pieces=split_marked(text=str(src.get("text", "")), spans=spans),
    )


def source_views(*, brief: Mapping[str, Any]) -> tuple[SourceView, ...]:
    """Every source of the brief, its text marked where it shares passages with any other."""
    names = brief_labels(brief=brief)
    return tuple(
        _view(src, spans=reused_spans(brief=brief, source=str(src["id"])), names=names)
        for src in brief.get("sources", [])
    )


def _default_pair(sources: Sequence[Mapping[str, Any]]) -> tuple[str, str]:
    ids = [str(s["id"]) for s in sources]
    for src in sources:
        origin = src.get("origin")
        if origin and origin in ids and origin != src["id"]:
            return str(src["id"]), str(origin)
    for src in sources:
        for passage in src.get("reused", []):
            other = str(passage["counterpart"]["source"])
            if other in ids and other != src["id"]:
                return str(src["id"]), other
    return ids[0], ids[1] if len(ids) > 1 else ids[0]


def compare_view(
    *, brief: Mapping[str, Any], left: str | None = None, right: str | None = None
) -> CompareView | None:
    """Two sources side by side, passages they share marked; None for an unknown source id.

    Without ``left``/``right``: a derived report and its origin, else a pair sharing passages,
    else the first two sources.
    """
    sources = list(brief.get("sources", []))
    if not sources:
        return None
    by_id = {str(s["id"]): s for s in sources}
    default_left, default_right = _default_pair(sources)
    left_id, right_id = left or default_left, right or default_right
    if left_id not in by_id or right_id not in by_id:
        return None
    left_spans = reused_spans(brief=brief, source=left_id, other=right_id)
    right_spans = reused_spans(brief=brief, source=right_id, other=left_id)
    names = brief_labels(brief=brief)
    return CompareView(
        left=_view(by_id[left_id], spans=left_spans, names=names),
        right=_view(by_id[right_id], spans=right_spans, names=names),
        choices=tuple(sorted(by_id, key=lambda i: (names.get(i, i), i))),
        names=names,
        shared_passages=len(left_spans),
    )
