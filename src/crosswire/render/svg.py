"""Inline SVG pictures for the HTML brief: the lineage graph and the timeline."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from crosswire.models import Brief

__all__ = ["lineage_svg", "timeline_svg"]

_W = 720


def lineage_svg(brief: Brief, labels: Mapping[str, str] | None = None) -> str:
    """One column per independent origin; an arrow from each report to the one it derives
    from. Boxes show the sources' names (``labels``: id -> name), their ids as tooltips."""
    names = labels or {}
    groups: dict[str, list[str]] = {}
    for src in brief.sources:
        groups.setdefault(src.origin_group, []).append(src.article.id)
    cols = sorted(groups)
    col_w = _W / max(len(cols), 1)
    pos: dict[str, tuple[float, float]] = {}
    for c, group in enumerate(cols):
        for r, art_id in enumerate(sorted(groups[group])):
            pos[art_id] = (col_w * c + col_w / 2, 30 + r * 56)
    height = 30 + 56 * max((len(v) for v in groups.values()), default=1)
    out = [
        f'<svg class="lineage" viewBox="0 0 {_W} {height}" width="100%" role="img" '
        'aria-label="Lineage graph: columns are independent origins">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>',
    ]
    for src in brief.sources:
        if src.origin and src.origin in pos:
            (x1, y1), (x2, y2) = pos[src.article.id], pos[src.origin]
            out.append(
                f'<line x1="{x1:.0f}" y1="{y1 - 14:.0f}" x2="{x2:.0f}" y2="{y2 + 14:.0f}" '
                'stroke="#555" marker-end="url(#arrow)"/>'
            )
    for src in brief.sources:
        x, y = pos[src.article.id]
        fill = "#fde68a" if src.origin is None else "#e5e7eb"
        label = escape(names.get(src.article.id, src.article.id)[:20])
        out.append(
            f'<g><rect x="{x - 70:.0f}" y="{y - 14:.0f}" width="140" height="28" rx="6" '
            f'fill="{fill}" stroke="#333"/><text x="{x:.0f}" y="{y + 4:.0f}" '
            f'text-anchor="middle" font-size="11">{label}</text>'
            f"<title>{escape(src.article.id)}: {escape(src.role)}</title></g>"
        )
    out.append("</svg>")
    return "".join(out)


def _ordinal(date: str) -> int:
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return parts[0] * 372 + (parts[1] - 1) * 31 + (parts[2] - 1)


def timeline_svg(brief: Brief) -> str:
    """Events on a horizontal axis, spaced by date."""
    events = brief.timeline
    if not events:
        return ""
    lo = min(_ordinal(e.date) for e in events)
    hi = max(_ordinal(e.date) for e in events)
    span = max(hi - lo, 1)
    out = [
        f'<svg class="timeline" viewBox="0 0 {_W} 80" width="100%" role="img" '
        'aria-label="Timeline">',
        f'<line x1="20" y1="40" x2="{_W - 20}" y2="40" stroke="#333"/>',
    ]
    for i, event in enumerate(events):
        x = 20 + (_W - 40) * (_ordinal(event.date) - lo) / span
        y = 25 if i % 2 == 0 else 62
        out.append(
            f'<circle cx="{x:.0f}" cy="40" r="5" fill="#2563eb"><title>{escape(event.text)}'
            f'</title></circle><text x="{x:.0f}" y="{y}" font-size="11" '
            f'text-anchor="middle">{escape(event.date)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
