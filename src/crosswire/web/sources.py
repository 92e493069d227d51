"""What the story page says about its sources, from a stored brief (its JSON dict): pure
functions, no HTML.

Sources are named by outlet (:func:`crosswire.render.names.source_labels`): ids are kept for
links and tooltips. The source-by-source table gives each report's outlet, time, role (origin,
copy of another report, independent) and what it adds that no other report of the story has;
the voices list groups the reports by the independent voice they count for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.render.names import source_labels, voice_label

__all__ = [
    "SourceRow",
    "VoiceGroup",
    "VoiceMember",
    "brief_labels",
    "source_table",
    "story_notes",
    "voice_groups",
]

_SECTIONS = (
    ("summary", "summary sentence"), ("facts", "fact"), ("quotes", "quote"), ("timeline", "date")
)
_EXAMPLE_CHARS = 120


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One report in the source-by-source table."""

    id: str
    name: str  # the outlet (else title, else id) a reader knows it by
    title: str | None
    published: str | None
    role: str  # "origin", "copy of cnn.com", "independent", ...
    voice: str  # the voice it counts for, as a reader reads it ("AP", "cnn.com")
    adds: tuple[str, ...]  # "2 facts", "1 quote": items of the brief only this report has
    example: str | None  # the first of them
    flags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class VoiceMember:
    id: str
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class VoiceGroup:
    """One independent voice and the reports that count for it (origins first)."""

    key: str  # the voice id (wire:AP, outlet:cnn.com, an origin group)
    name: str
    members: tuple[VoiceMember, ...]


def brief_labels(*, brief: Mapping[str, Any]) -> dict[str, str]:
    """Source id -> its name, for every source of a stored brief."""
    return source_labels(
        (str(s["id"]), s.get("outlet") or s.get("site"), s.get("title"))
        for s in brief.get("sources", [])
    )


def story_notes(*, brief: Mapping[str, Any]) -> tuple[str, ...]:
    """The brief's notes but its first, the count of reports and voices (the page's header
    says it once)."""
    return tuple(str(n) for n in brief.get("notes", [])[1:])


def _role(src: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    role, origin = str(src.get("role", "")), src.get("origin")
    return f"{role} of {labels.get(origin, origin)}" if origin else role


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _exclusive(brief: Mapping[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """Source id -> (kind, text) of the brief's items that it alone reports, it and copies of
    it only: a copy adds nothing its origin lacks."""
    origin_of = {str(s["id"]): s.get("origin") for s in brief.get("sources", [])}
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for section, noun in _SECTIONS:
        for item in brief.get(section, []):
            sources = {str(s) for s in item.get("sources", [])}
            owners = [
                s for s in sorted(sources)
                if all(t == s or origin_of.get(t) == s for t in sources)
            ]
            if len(owners) == 1:
                out[owners[0]].append((noun, str(item.get("text", ""))))
    return out


def _example(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXAMPLE_CHARS else flat[: _EXAMPLE_CHARS - 1] + "\u2026"


def source_table(*, brief: Mapping[str, Any]) -> tuple[SourceRow, ...]:
    """Every source of the brief, in the brief's order, with what it adds."""
    labels = brief_labels(brief=brief)
    only = _exclusive(brief)
    rows = []
    for src in brief.get("sources", []):
        sid = str(src["id"])
        mine = only.get(sid, [])
        adds = tuple(
            _plural(sum(1 for kind, _ in mine if kind == noun), noun)
            for _, noun in _SECTIONS
            if any(kind == noun for kind, _ in mine)
        )
        rows.append(
            SourceRow(
                id=sid,
                name=labels[sid],
                title=src.get("title"),
                published=src.get("published"),
                role=_role(src, labels),
                voice=voice_label(src.get("voice") or src.get("origin_group"), labels),
                adds=adds,
                example=_example(mine[0][1]) if mine else None,
                flags=tuple(str(f) for f in src.get("flags", [])),
            )
        )
    return tuple(rows)


def voice_groups(*, brief: Mapping[str, Any]) -> tuple[VoiceGroup, ...]:
    """The story's independent voices, each with its reports, by name."""
    labels = brief_labels(brief=brief)
    groups: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for src in brief.get("sources", []):
        groups[str(src.get("voice") or src.get("origin_group") or src["id"])].append(src)

    def member(src: Mapping[str, Any]) -> VoiceMember:
        return VoiceMember(str(src["id"]), labels[str(src["id"])], _role(src, labels))

    def order(srcs: Sequence[Mapping[str, Any]]) -> tuple[VoiceMember, ...]:
        ranked = sorted(srcs, key=lambda s: (s.get("origin") is not None, labels[str(s["id"])]))
        return tuple(member(s) for s in ranked)

    out = [VoiceGroup(key, voice_label(key, labels), order(srcs)) for key, srcs in groups.items()]
    return tuple(sorted(out, key=lambda g: (-len(g.members), g.name, g.key)))
