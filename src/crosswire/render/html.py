"""The brief as one self-contained HTML file: inline CSS and SVG, no scripts, all text escaped.

Sources are named by outlet (:mod:`crosswire.render.names`); a citation links to its source
and shows the source's id as a tooltip."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from crosswire.models import Brief, BriefSource, Fact
from crosswire.render.names import brief_labels, claim_of, only_in, voice_label
from crosswire.render.svg import lineage_svg, timeline_svg

__all__ = ["brief_to_html", "briefs_to_html"]

_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}
.cite{color:#666;font-size:.8em}.ind{color:#15803d;font-size:.8em}
.removed{color:#999;text-decoration:line-through;white-space:pre-wrap}
details{margin:.5rem 0}.flag{color:#b45309}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}
"""


def _anchor(sid: str) -> str:
    return "src-" + "".join(c if c.isalnum() or c in "-_." else "_" for c in sid)


def _cite(sources: tuple[str, ...], labels: Mapping[str, str]) -> str:
    links = ", ".join(
        f'<a href="#{escape(_anchor(s))}" title="{escape(s)}">{escape(labels.get(s, s))}</a>'
        for s in sources
    )
    return f'<span class="cite">[{links}]</span>'


def _ind(count: int) -> str:
    return f'<span class="ind">{count} independent</span>'


def _fact_ind(brief: Brief, fact: Fact, labels: Mapping[str, str]) -> str:
    only = only_in(brief, fact, labels)
    shown = f'<span class="ind">only in {escape(only)}</span>' if only else _ind(fact.independent)
    claim = claim_of(fact)
    return shown if claim is None else f'{shown} <span class="claim">(“{escape(claim)}”)</span>'



def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else "<p>None.</p>"


def _source(src: BriefSource, labels: Mapping[str, str]) -> str:
    art = src.article
    head = (
        f'<b title="{escape(art.id)}">{escape(labels[art.id])}</b> · '
        + escape(art.published or "undated")
    )
    origin = labels.get(src.origin, src.origin) if src.origin else None
    role = escape(src.role) + (f" of {escape(origin)}" if origin else "")
    voice = escape(voice_label(src.voice or src.origin_group, labels))
    flags = "".join(f' <span class="flag">⚠ {escape(f)}</span>' for f in art.flags)
    removed = "".join(
        f'<p><b>{escape(r.reason)}</b>: <span class="removed">{escape(r.text)}</span></p>'
        for r in art.removed
    )
    return (
        f'<details id="{escape(_anchor(art.id))}"><summary>{head} — {role} (voice {voice})'
        f"{flags}</summary><p><i>{escape(art.title or '')}</i> "
        f'<span class="cite">{escape(art.id)}</span></p>'
        f'<div style="white-space:pre-wrap">{escape(art.text)}</div>{removed}</details>'
    )


def _coverage(brief: Brief, labels: Mapping[str, str]) -> str:
    ids = [s.article.id for s in brief.sources]
    head = "<tr><th>fact</th>" + "".join(
        f'<th title="{escape(i)}">{escape(labels[i][:14])}</th>' for i in ids
    ) + "</tr>"
    rows = [
        f"<tr><td>{escape(f.text[:90])}</td>"
        + "".join("<td>●</td>" if i in f.sources else "<td></td>" for i in ids)
        + "</tr>"
        for f in brief.facts
    ]
    return f"<table>{head}{''.join(rows)}</table>" if rows else "<p>None.</p>"


def _body(brief: Brief) -> str:
    labels = brief_labels(brief)
    summary = "".join(
        f"<p>{escape(s.text)} {_cite(s.sources, labels)}</p>" for s in brief.summary
    )
    facts = _list(
        [f"{escape(f.text)} {_cite(f.sources, labels)} {_fact_ind(brief, f, labels)}"
         for f in brief.facts]
    )
    quotes = _list(
        [
            f"“{escape(q.text)}” — <b>{escape(q.speaker or 'unattributed')}</b> "
            f"{_cite(q.sources, labels)} {_ind(q.independent)}"
            for q in brief.quotes
        ]
    )
    disc = _list(
        [
            f"{escape(d.about)}"
            + (" (updated as the story developed)" if d.kind == "update" else "")
            + ": "
            + (" <b>then</b> " if d.kind == "update" else " <b>vs</b> ").join(
                f"{escape(v.text)} {_cite(v.sources, labels)}"
                + (f" ({escape(v.published)})" if d.kind == "update" and v.published else "")
                for v in d.values
            )
            for d in brief.discrepancies
        ]
    )
    timeline = _list(
        [
            f"<b>{escape(e.date)}</b> {escape(e.text)} {_cite(e.sources, labels)}"
            + (' <span class="cite">(background)</span>' if e.background else "")
            for e in brief.timeline
        ]
    )
    entities = _list(
        [
            f"{escape(e.name)} ({escape(e.type)})"
            + (f" — also {escape(', '.join(e.aliases))}" if e.aliases else "")
            for e in brief.entities
        ]
    )
    notes = " ".join(escape(n) for n in brief.notes)
    when = brief.event_date
    event = (
        "" if when is None
        else f"<p><b>When:</b> {escape(when.date)} — {escape(when.text)} "
        f"{_cite(when.sources[:1] if not when.spans else (when.spans[0].source,), labels)}"
        + (f" · the date from {len(when.sources)} reports {_cite(when.sources, labels)}"
           if len(when.sources) > 1 else "")
        + "</p>"
    )
    flags = "".join(f'<p class="flag">⚠ {escape(f)}</p>' for f in brief.flags)
    return (
        f"<article><h1>{escape(brief.title)}</h1><p>{notes}</p>{flags}{event}"
        f"<h2>Summary</h2>{summary}<h2>Key facts</h2>{facts}<h2>Quotes</h2>{quotes}"
        f"<h2>Discrepancies</h2>{disc}<h2>Timeline</h2>{timeline_svg(brief)}{timeline}"
        f"<h2>Who covered what</h2>{_coverage(brief, labels)}"
        f"<h2>Lineage</h2>{lineage_svg(brief, labels)}"
        f"<h2>Entities</h2>{entities}<h2>Sources</h2>"
        + "".join(_source(s, labels) for s in brief.sources)
        + "</article>"
    )


def _page(*, title: str, body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>{body}</body></html>\n"
    )


def brief_to_html(brief: Brief) -> str:
    """A complete HTML document; nothing from an article is ever rendered as markup."""
    return _page(title=brief.title, body=_body(brief))


def briefs_to_html(briefs: tuple[Brief, ...]) -> str:
    """Several briefs in one document, largest story first."""
    title = briefs[0].title if briefs else "crosswire"
    return _page(title=title, body="<hr>".join(_body(b) for b in briefs))
